"""A decorated function called directly, the way a unit test calls it."""

from __future__ import annotations

import azfunc as func
from azfunc.testing import SimpleContext, SimpleOut

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello/{name}")
@app.queue_output(arg_name="msg", queue_name="out", connection="AzureWebJobsStorage")
def hello(req: func.HttpRequest, msg: func.Out[str], context: func.Context) -> func.HttpResponse:
    name = req.route_params["name"]
    msg.set(name)
    return func.HttpResponse(f"Hello, {name}, from {context.function_name}!", status_code=201)


def test_call_a_decorated_function_with_test_objects() -> None:
    request = func.HttpRequest(
        "get", "http://localhost/api/hello/ada", route_params={"name": "ada"}, body=b""
    )
    out = SimpleOut[str]()
    response = hello(request, out, SimpleContext(function_name="hello"))
    assert (response.status_code, response.get_body(), out.get()) == (
        201,
        b"Hello, ada, from hello!",
        "ada",
    )
    assert isinstance(out, func.Out) and isinstance(SimpleContext(), func.Context)
