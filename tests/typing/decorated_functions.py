"""Checked by mypy and pyright (not collected by pytest): decorators keep signatures.

Each ``ignore`` comment marks a call that must be a type error; both checkers are run
with unused-ignore reporting, so if the error disappeared the check would fail.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from typing_extensions import assert_type

import azfunc as func
from azfunc.decorators.function_app import FunctionBuilder

app = func.FunctionApp()
bp = func.Blueprint()


class HandlerSignature(Protocol):
    def __call__(self, msg: str, out: int) -> bytes: ...


class HelloSignature(Protocol):
    def __call__(self, req: func.HttpRequest) -> Coroutine[Any, Any, func.HttpResponse]: ...


class CopyBlobSignature(Protocol):
    def __call__(self, blob: func.InputStream, out: func.Out[bytes]) -> None: ...


@app.queue_output(arg_name="out", queue_name="q", connection="c")
@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:01")
@app.queue_trigger(arg_name="msg", queue_name="q", connection="c")
def handler(msg: str, out: int) -> bytes:
    return msg.encode() * out


handler_signature: HandlerSignature = handler
builder: FunctionBuilder[..., bytes] = handler
assert_type(handler("m", 2), bytes)
assert_type(handler(msg="m", out=2), bytes)
handler(1, 1)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
handler("m")  # type: ignore[call-arg]  # pyright: ignore[reportCallIssue]


@app.function_name(name="hello")
@app.route(route="hello/{name}", methods=["GET"])
async def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")


hello_signature: HelloSignature = hello


@bp.blob_output(arg_name="out", path="c/out", connection="C")
@bp.blob_trigger(arg_name="blob", path="c/{name}", connection="C")
def copy_blob(blob: func.InputStream, out: func.Out[bytes]) -> None:
    out.set(blob.read())


copy_blob_signature: CopyBlobSignature = copy_blob
wrong: HandlerSignature = copy_blob  # type: ignore[assignment]  # pyright: ignore[reportAssignmentType]
assert_type(app.get_functions(), list[func.Function])
app.register_functions(bp)

# The README promises the user function's names on a decorated function.
assert_type(hello.__name__, str)
assert_type(hello.__qualname__, str)
assert_type(hello.__module__, str)
assert_type(hello.__doc__, str | None)
wrapped: Callable[[str, int], bytes] = handler.__wrapped__
