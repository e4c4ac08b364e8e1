"""[tool.azfunc.check] in pyproject.toml and inline ignores re-level and silence rules."""

import time

import azfunc as func

app = func.FunctionApp()


@app.route(route="health", methods=["GET"], auth_level=func.AuthLevel.ANONYMOUS)
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")


@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage) -> None:
    print(msg.get_body())


@app.route(route="admin/stats", methods=["GET"])  # azfunc: ignore[route-reserved] on purpose
def stats(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("stats")


@app.route(route="slow", methods=["GET"])
async def slow(req: func.HttpRequest) -> func.HttpResponse:
    # azfunc: ignore[blocking-call-in-async] a test of the next-line form
    time.sleep(0.1)
    time.sleep(0.2)
    return func.HttpResponse("done")
