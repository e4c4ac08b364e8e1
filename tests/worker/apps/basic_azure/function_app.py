"""Worker test app: HTTP, queue, timer with retry, a blueprint and function_name.

basic_azfunc/ imports azfunc, basic_azure/ azure.functions; nothing else differs
(tests/test_bridge.py checks it).
"""

# ruff: noqa: I001, RUF100 (isort groups azfunc and azure.functions apart; the twins
# must differ in the import line only)
import json
import os

import azure.functions as func
from shared_blueprint import bp

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
app.register_functions(bp)


@app.route(route="items/{category}/{id:int}", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="outbox", connection="AzureWebJobsStorage")
def http_echo(
    req: func.HttpRequest, msg: func.Out[str], context: func.Context
) -> func.HttpResponse:
    msg.set(f"item {req.route_params['id']} queued")
    body = {
        "method": req.method,
        "url": req.url,
        "route_params": dict(req.route_params),
        "query": dict(req.params),
        "json": req.get_json(),
        "header": req.headers.get("x-caller"),
        "function_name": context.function_name,
        "invocation_id": context.invocation_id,
        "in_app_directory": context.function_directory == os.path.dirname(__file__),
        "is_request": isinstance(req, func.HttpRequest),
    }
    return func.HttpResponse(
        json.dumps(body, sort_keys=True),
        status_code=201,
        headers={"X-Echo": "yes"},
        mimetype="application/json",
    )


@app.function_name(name="QueueWorker")
@app.queue_trigger(arg_name="item", queue_name="inbox", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="report", queue_name="reports", connection="AzureWebJobsStorage")
def queue_worker(item: func.QueueMessage, report: func.Out[str]) -> None:
    report.set(
        json.dumps(
            {
                "id": item.id,
                "body": item.get_body().decode(),
                "dequeue_count": item.dequeue_count,
                "is_message": isinstance(item, func.QueueMessage),
            },
            sort_keys=True,
        )
    )


@app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.queue_output(arg_name="report", queue_name="reports", connection="AzureWebJobsStorage")
async def nightly(timer: func.TimerRequest, report: func.Out[str]) -> None:
    report.set(
        json.dumps(
            {"past_due": timer.past_due, "is_timer": isinstance(timer, func.TimerRequest)},
            sort_keys=True,
        )
    )
