"""The blueprint of the worker test app (registered by function_app.py)."""

import azfunc as func

bp = func.Blueprint()


@bp.route(route="greet/{name?}", methods=["GET"])
def greet(req: func.HttpRequest) -> str:
    return f"hello {req.route_params.get('name') or req.params.get('name', 'nobody')}"


@bp.function_name(name="BlueprintQueue")
@bp.queue_trigger(arg_name="item", queue_name="bp-inbox", connection="AzureWebJobsStorage")
@bp.retry(
    strategy="exponential_backoff",
    max_retry_count="5",
    minimum_interval="00:00:01",
    maximum_interval="00:01:00",
)
def bp_queue(item: str) -> None:
    if item != "ok":
        raise ValueError(f"unexpected message {item!r}")
