"""HTTP, queue and blob chained on real storage: run it against Azurite with `azfunc start`.

POST a note: it goes on the ``notes`` queue; the queue function saves its text as the blob
``notes/<slug>.txt``; the blob trigger counts its words; GET reads the blob back.
"""

import json
import logging

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


# azfunc: ignore[anonymous-route] a local demo, called with curl and no key
@app.route(route="notes", methods=["POST"])
@app.queue_output(arg_name="note", queue_name="notes", connection="AzureWebJobsStorage")
def submit_note(req: func.HttpRequest, note: func.Out[str]) -> func.HttpResponse:
    """Queue a note ``{"slug": "...", "text": "..."}``."""
    try:
        body = req.get_json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or not body.get("slug") or not body.get("text"):
        return func.HttpResponse('Send {"slug": "...", "text": "..."}', status_code=400)
    note.set(json.dumps(body))
    return func.HttpResponse(f"Queued note {body['slug']}", status_code=202)


@app.queue_trigger(arg_name="msg", queue_name="notes", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="saved", path="notes/{slug}.txt", connection="AzureWebJobsStorage")
def save_note(msg: func.QueueMessage, saved: func.Out[str]) -> None:
    """Save the note's text as ``notes/<slug>.txt`` (``{slug}``: a property of the JSON
    message; the message's own ``{Id}``, ``{DequeueCount}``, ... are there too)."""
    note = msg.get_json()
    logging.info("Saving note %s (delivery %d)", note["slug"], msg.dequeue_count)
    saved.set(note["text"])


@app.blob_trigger(arg_name="blob", path="notes/{name}.txt", connection="AzureWebJobsStorage")
def count_words(blob: func.InputStream) -> None:
    """Runs once per new or changed note blob."""
    words = len(blob.read().decode("utf-8").split())
    logging.info("%s has %d words", blob.name, words)


# azfunc: ignore[anonymous-route] a local demo, called with curl and no key
@app.route(route="notes/{slug}", methods=["GET"])
@app.blob_input(arg_name="text", path="notes/{slug}.txt", connection="AzureWebJobsStorage")
def read_note(req: func.HttpRequest, text: str) -> func.HttpResponse:
    """Read a saved note back; 404 while it is not saved yet."""
    if text is None:
        return func.HttpResponse("No such note (yet)", status_code=404)
    return func.HttpResponse(text)
