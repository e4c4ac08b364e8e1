"""HTTP functions kept in a blueprint, registered by function_app.py."""

import json
import logging

import azfunc as func

bp = func.Blueprint()


@bp.route(route="default_template")
def default_template(req: func.HttpRequest) -> func.HttpResponse:
    """Greet the caller; route from the function name, auth level from the app."""
    logging.info("Python HTTP trigger function processed a request.")
    name = req.params.get("name")
    if not name:
        try:
            req_body = req.get_json()
        except ValueError:
            pass
        else:
            name = req_body.get("name")

    if name:
        return func.HttpResponse(
            f"Hello, {name}. This HTTP-triggered function executed successfully."
        )
    return func.HttpResponse(
        "This HTTP-triggered function executed successfully. "
        "Pass a name in the query string or in the request body for a personalized response.",
        status_code=200,
    )


@bp.function_name(name="SubmitTask")
@bp.route(route="tasks", methods=["POST"])
@bp.queue_output(arg_name="task", queue_name="tasks", connection="AzureWebJobsStorage")
def submit_task(req: func.HttpRequest, task: func.Out[str]) -> func.HttpResponse:
    """Queue the JSON body as a task and answer 202 Accepted."""
    try:
        payload = req.get_json()
    except ValueError:
        return func.HttpResponse("Expected a JSON body", status_code=400)
    task.set(json.dumps(payload))
    return func.HttpResponse(status_code=202)
