"""Worker test app for what only azfunc has: startup hooks, middleware, the invocation
context and extension hooks (run exactly once per invocation), plus annotations whose
azure.functions class is not an ABC (WarmUpContext, MCPToolContext).
"""

import json

import azfunc as func
from azfunc.invocation import current_context

EVENTS: list[str] = []


class Recorder(func.AppExtensionBase):
    @classmethod
    def post_function_load_app_level(cls, function_name, function_directory, *args, **kwargs):
        EVENTS.append(f"loaded:{function_name}")

    @classmethod
    def pre_invocation_app_level(cls, logger, context, func_args=None, *args, **kwargs):
        EVENTS.append(f"extension:{context.invocation_id}")


app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.on_startup
def started() -> None:
    EVENTS.append("startup")


def tag_response(invocation, call_next):
    EVENTS.append(f"middleware:{invocation.function_name}")
    result = call_next(invocation)
    if isinstance(result, func.HttpResponse):
        result.headers["X-Middleware"] = "app"
    return result


app.middleware(tag_response)


async def upper_message(invocation, call_next):
    invocation.inputs["item"] = invocation.inputs["item"].upper()
    return await call_next(invocation)


@app.route(route="events")
def events(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    current = current_context()
    body = {
        "events": list(EVENTS),
        "current_is_context": current is context,
        "context_is_azfunc": isinstance(context, func.Context),
    }
    return func.HttpResponse(json.dumps(body, sort_keys=True), mimetype="application/json")


@app.queue_trigger(arg_name="item", queue_name="inbox", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="out", queue_name="outbox", connection="AzureWebJobsStorage")
@app.with_middleware(upper_message)
async def shout(item: str, out: func.Out[str]) -> None:
    context = current_context()
    out.set(f"{item} ({context.invocation_id if context else 'no context'})")


@app.warm_up_trigger("warmup")
def warmup(warmup: func.WarmUpContext) -> None:
    EVENTS.append(f"warmup:{type(warmup).__name__}")


@app.mcp_tool_trigger(
    arg_name="ctx", tool_name="echo", description="Echo the arguments.", tool_properties="[]"
)
def echo_tool(ctx: func.MCPToolContext) -> str:
    return f"tool got {type(ctx).__name__}"
