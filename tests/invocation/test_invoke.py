"""azfunc.invocation.invoke: inputs decoded, Out and return values collected and encoded."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest

import azfunc as func
from azfunc import testing
from azfunc.invocation import InvocationResult, invoke, invoke_async
from azfunc.meta import Datum


def _only(app: func.FunctionApp) -> object:
    (function,) = app.get_functions()
    return function


def test_queue_message_in_and_out_values_collected() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="out", connection="Storage")
    def shout(msg: func.QueueMessage, out: func.Out[str]) -> None:
        out.set(msg.get_body().decode().upper())

    result = invoke(_only(app), {"msg": "hello"})

    assert result.ok
    assert result.outputs == {"out": "HELLO"}
    assert result.encoded_outputs == {"out": Datum("HELLO", "string")}
    assert result.return_value is None
    assert result.function_name == "shout"


def test_http_function_return_value_encoded_and_exposed_as_response() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="hello/{name}")
    def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(f"Hello, {req.route_params['name']}!", status_code=201)

    request = func.HttpRequest("GET", "/api/hello/ada", body=b"", route_params={"name": "ada"})
    result = invoke(_only(app), {"req": request})

    response = result.http_response()
    assert response is not None
    assert (response.status_code, response.get_body()) == (201, b"Hello, ada!")
    assert result.encoded_outputs["$return"].type == "http"
    assert result.encoded_outputs["$return"].value["status_code"] == Datum("201", "string")


def test_http_function_returning_str_becomes_a_200_response() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="text")
    def text(req: func.HttpRequest) -> str:
        return "plain"

    result = invoke(_only(app), {"req": func.HttpRequest("GET", "/api/text", body=b"")})

    response = result.http_response()
    assert response is not None
    assert (response.status_code, response.get_body()) == (200, b"plain")
    assert result.encoded_outputs == {"$return": Datum("plain", "string")}


def test_context_parameter_receives_the_given_context() -> None:
    app = func.FunctionApp()
    seen: list[str] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def record(msg: func.QueueMessage, context: func.Context) -> None:
        seen.append(f"{context.invocation_id}:{context.function_name}:{msg.get_body().decode()}")

    context = testing.SimpleContext(invocation_id="inv-1", function_name="record")
    result = invoke(_only(app), {"msg": "x"}, context=context)

    assert (result.invocation_id, seen) == ("inv-1", ["inv-1:record:x"])


def test_default_context_has_a_fresh_id_and_the_function_name() -> None:
    app = func.FunctionApp()
    seen: list[func.Context] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def record(msg: func.QueueMessage, context: func.Context) -> None:
        seen.append(context)

    first = invoke(_only(app), {"msg": "x"})
    second = invoke(_only(app), {"msg": "x"})

    assert first.invocation_id != second.invocation_id
    assert [c.function_name for c in seen] == ["record", "record"]
    assert seen[0].invocation_id == first.invocation_id


def test_exception_in_the_function_lands_in_the_result() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def fail(msg: func.QueueMessage) -> None:
        raise RuntimeError("boom")

    result = invoke(_only(app), {"msg": "x"})

    assert not result.ok
    assert repr(result.error) == "RuntimeError('boom')"
    with pytest.raises(RuntimeError, match=r"^boom$"):
        result.raise_for_error()


def test_return_value_without_return_binding_is_an_error() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def returns(msg: func.QueueMessage) -> None:
        return "dropped"  # type: ignore[return-value]

    result = invoke(_only(app), {"msg": "x"})

    assert type(result.error) is RuntimeError  # the worker fails such an invocation too
    assert str(result.error) == (
        "Function 'returns' returned str but has no '$return' binding, so the worker fails "
        "the invocation. Return None, or add an output binding with arg_name='$return'."
    )


def test_missing_and_unknown_inputs_are_rejected_with_the_fix() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.blob_input(arg_name="blob", path="c/b", connection="Storage")
    def both(msg: func.QueueMessage, blob: bytes) -> None: ...

    with pytest.raises(ValueError) as missing:
        invoke(_only(app), {"msg": "x"})
    with pytest.raises(ValueError) as unknown:
        invoke(_only(app), {"msg": "x", "blob": b"", "other": 1})

    assert str(missing.value) == (
        "Function 'both' needs a value for its 'blob' binding 'blob'. Pass "
        "inputs={'blob': ...} (a Datum, or a plain value such as str, bytes or dict, or "
        "the annotated type itself)."
    )
    assert str(unknown.value) == (
        "Function 'both' has no input binding named 'other'; its inputs are 'msg', 'blob'. "
        "Pass inputs by binding name (arg_name)."
    )


def test_blob_input_decoded_for_bytes_and_str_annotations() -> None:
    app = func.FunctionApp()
    seen: list[object] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.blob_input(arg_name="raw", path="c/a", connection="Storage")
    @app.blob_input(arg_name="text", path="c/b", connection="Storage")
    def read(msg: func.QueueMessage, raw: bytes, text: str) -> None:
        seen.extend([raw, text])

    invoke(_only(app), {"msg": "x", "raw": Datum(b"\x00\x01", "bytes"), "text": "caf\u00e9"})

    assert seen == [b"\x00\x01", "caf\u00e9"]


def test_trigger_metadata_reaches_the_converter() -> None:
    app = func.FunctionApp()
    seen: list[func.QueueMessage] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def meta(msg: func.QueueMessage) -> None:
        seen.append(msg)

    invoke(_only(app), {"msg": "body"}, trigger_metadata={"Id": "m-1", "DequeueCount": 3})

    assert (seen[0].id, seen[0].dequeue_count, seen[0].get_body()) == ("m-1", 3, b"body")


def test_value_of_the_annotated_type_passes_through_unchanged() -> None:
    app = func.FunctionApp()
    seen: list[object] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def same(msg: func.QueueMessage) -> None:
        seen.append(msg)

    message = func.QueueMessage(body="given", id="1")
    invoke(_only(app), {"msg": message})

    assert seen == [message] and seen[0] is message


def test_async_functions_run_concurrently_on_the_loop() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    async def slow(msg: func.QueueMessage) -> None:
        await asyncio.sleep(0.3)

    (function,) = app.get_functions()

    async def main() -> list[InvocationResult]:
        return list(await asyncio.gather(*(invoke_async(function, {"msg": "x"}) for _ in range(5))))

    started = time.perf_counter()
    results = asyncio.run(main())
    elapsed = time.perf_counter() - started

    assert [r.ok for r in results] == [True] * 5
    assert elapsed < 1.2


def test_sync_functions_run_in_the_thread_pool_not_the_loop_thread() -> None:
    app = func.FunctionApp()
    threads: list[str] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def where(msg: func.QueueMessage) -> None:
        threads.append(threading.current_thread().name)

    invoke(_only(app), {"msg": "x"})

    assert threads[0].startswith("azfunc-function")


def test_invoke_inside_a_running_loop_points_to_invoke_async() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def noop(msg: func.QueueMessage) -> None: ...

    async def main() -> None:
        invoke(_only(app), {"msg": "x"})

    with pytest.raises(RuntimeError) as caught:
        asyncio.run(main())
    assert str(caught.value) == (
        "invoke() was called from a running event loop; use 'await invoke_async(...)' there."
    )


def test_logs_of_the_invocation_are_collected() -> None:
    app = func.FunctionApp()
    logger = logging.getLogger("tests.invoke")
    logger.setLevel(logging.INFO)

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def talk(msg: func.QueueMessage) -> None:
        logger.info("handling %s", msg.get_body().decode())

    result = invoke(_only(app), {"msg": "m1"})
    logger.info("outside any invocation")

    assert [r.getMessage() for r in result.logs] == ["handling m1"]


def test_decorated_function_is_accepted_in_place_of_an_indexed_one() -> None:
    app = func.FunctionApp()
    calls: list[str] = []

    @app.middleware
    def mark(invocation: object, call_next: object) -> object:
        calls.append("app middleware")
        return call_next(invocation)  # type: ignore[operator]

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage) -> None:
        calls.append(msg.get_body().decode())

    invoke(handler, {"msg": "direct"})

    assert calls == ["app middleware", "direct"]


def test_invoke_rejects_something_that_is_not_a_function() -> None:
    with pytest.raises(TypeError) as caught:
        invoke(42, {})  # type: ignore[arg-type]
    assert str(caught.value) == (
        "invoke() takes an indexed function (an item of app.get_functions()) or a decorated "
        "function, got 42 of type int."
    )


def test_top_level_names_are_lazy_aliases() -> None:
    assert func.invoke is invoke
    assert func.invoke_async is invoke_async
