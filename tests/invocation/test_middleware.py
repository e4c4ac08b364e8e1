"""Middleware: order across app, blueprint and function; sync/async mixes; exceptions;
the same steps through ``invoke`` and through the worker's stand-in (one runner)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import azfunc as func
from azfunc._context import SimpleContext
from azfunc._runtime.pipeline import wrap_user_function
from azfunc.extension import AppExtensionBase
from azfunc.extension._registry import registry
from azfunc.invocation import CallNext, Invocation, invoke

Trace = list[str]


def _sync(trace: Trace, name: str) -> Callable[[Invocation, CallNext], Any]:
    def middleware(invocation: Invocation, call_next: CallNext) -> Any:
        trace.append(f"{name} in")
        result = call_next(invocation)
        trace.append(f"{name} out")
        return result

    return middleware


def _async(trace: Trace, name: str) -> Callable[[Invocation, CallNext], Any]:
    async def middleware(invocation: Invocation, call_next: CallNext) -> Any:
        trace.append(f"{name} in")
        result = await call_next(invocation)
        trace.append(f"{name} out")
        return result

    return middleware


def _app_with_blueprint(
    trace: Trace, make: dict[str, Callable[[Trace, str], Any]], is_async: bool
) -> func.FunctionApp:
    app = func.FunctionApp()
    bp = func.Blueprint()
    app.middleware(make["app"](trace, "app"))
    bp.middleware(make["blueprint"](trace, "blueprint"))

    if is_async:

        @bp.with_middleware(make["function"](trace, "function"))
        @bp.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
        async def handler(msg: func.QueueMessage) -> None:
            trace.append("handler")

    else:

        @bp.with_middleware(make["function"](trace, "function"))
        @bp.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
        def handler(msg: func.QueueMessage) -> None:
            trace.append("handler")

    app.register_functions(bp)
    return app


ORDER = [
    "app in",
    "blueprint in",
    "function in",
    "handler",
    "function out",
    "blueprint out",
    "app out",
]


@pytest.mark.parametrize("is_async", [False, True], ids=["sync-function", "async-function"])
@pytest.mark.parametrize(
    "kinds",
    [
        ("sync", "sync", "sync"),
        ("async", "async", "async"),
        ("sync", "async", "sync"),
        ("async", "sync", "async"),
    ],
    ids="-".join,
)
def test_middleware_runs_app_then_blueprint_then_function(
    kinds: tuple[str, str, str], is_async: bool
) -> None:
    trace: Trace = []
    makers = {"sync": _sync, "async": _async}
    make = dict(zip(("app", "blueprint", "function"), (makers[k] for k in kinds), strict=True))
    app = _app_with_blueprint(trace, make, is_async)
    (function,) = app.get_functions()

    result = invoke(function, {"msg": "x"})

    assert result.ok, result.error
    assert trace == ORDER


def test_stacked_with_middleware_the_upper_one_runs_outside() -> None:
    trace: Trace = []
    app = func.FunctionApp()

    @app.with_middleware(_sync(trace, "top"), _sync(trace, "second"))
    @app.with_middleware(_sync(trace, "bottom"))
    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage) -> None:
        trace.append("handler")

    invoke(app.get_functions()[0], {"msg": "x"})

    assert trace == [
        "top in",
        "second in",
        "bottom in",
        "handler",
        "bottom out",
        "second out",
        "top out",
    ]


def test_middleware_changes_inputs_and_the_result() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.middleware
    def swap_request(invocation: Invocation, call_next: CallNext) -> Any:
        invocation.inputs["req"] = func.HttpRequest("GET", "/api/x", body=b"", params={"n": "7"})
        response = call_next(invocation)
        response.headers["x-middleware"] = "yes"
        return response

    @app.route(route="x")
    def handler(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(req.params["n"])

    result = invoke(app.get_functions()[0], {"req": func.HttpRequest("GET", "/api/x", body=b"")})

    response = result.http_response()
    assert response is not None
    assert (response.get_body(), response.headers["x-middleware"]) == (b"7", "yes")


def test_middleware_short_circuits_without_calling_the_function() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    called: list[str] = []

    @app.middleware
    async def deny(invocation: Invocation, call_next: CallNext) -> Any:
        return func.HttpResponse("denied", status_code=403)

    @app.route(route="x")
    def handler(req: func.HttpRequest) -> func.HttpResponse:
        called.append("handler")
        return func.HttpResponse("ok")

    result = invoke(app.get_functions()[0], {"req": func.HttpRequest("GET", "/api/x", body=b"")})

    response = result.http_response()
    assert response is not None
    assert (response.status_code, response.get_body(), called) == (403, b"denied", [])


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_middleware_handles_the_function_exception(kind: str) -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    if kind == "sync":

        @app.middleware
        def recover(invocation: Invocation, call_next: CallNext) -> Any:
            try:
                return call_next(invocation)
            except ValueError as error:
                return func.HttpResponse(f"recovered: {error}", status_code=500)

    else:

        @app.middleware
        async def recover(invocation: Invocation, call_next: CallNext) -> Any:
            try:
                return await call_next(invocation)
            except ValueError as error:
                return func.HttpResponse(f"recovered: {error}", status_code=500)

    @app.route(route="x")
    def handler(req: func.HttpRequest) -> func.HttpResponse:
        raise ValueError("bad input")

    result = invoke(app.get_functions()[0], {"req": func.HttpRequest("GET", "/api/x", body=b"")})

    response = result.http_response()
    assert result.ok
    assert response is not None
    assert (response.status_code, response.get_body()) == (500, b"recovered: bad input")


@pytest.mark.parametrize("position", ["app", "blueprint", "function"])
def test_exception_raised_by_a_middleware_lands_in_the_result(position: str) -> None:
    trace: Trace = []

    def broken(invocation: Invocation, call_next: CallNext) -> Any:
        raise LookupError(f"{position} middleware failed")

    make = {name: _sync for name in ("app", "blueprint", "function")}
    make[position] = lambda trace, name: broken
    app = _app_with_blueprint(trace, make, is_async=False)

    result = invoke(app.get_functions()[0], {"msg": "x"})

    assert repr(result.error) == f"LookupError('{position} middleware failed')"
    assert "handler" not in trace


def test_outputs_are_visible_to_middleware_after_call_next() -> None:
    app = func.FunctionApp()
    seen: list[dict[str, Any]] = []

    @app.middleware
    def look(invocation: Invocation, call_next: CallNext) -> Any:
        result = call_next(invocation)
        seen.append(dict(invocation.outputs))
        return result

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="out", connection="Storage")
    def handler(msg: func.QueueMessage, out: func.Out[str]) -> None:
        out.set("sent")

    invoke(app.get_functions()[0], {"msg": "x"})

    assert seen == [{"out": "sent"}]


def test_blueprint_middleware_does_not_leak_to_app_functions() -> None:
    trace: Trace = []
    app = func.FunctionApp()
    bp = func.Blueprint()
    bp.middleware(_sync(trace, "blueprint"))

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def on_app(msg: func.QueueMessage) -> None:
        trace.append("app function")

    app.register_functions(bp)
    invoke(app.get_functions()[0], {"msg": "x"})

    assert trace == ["app function"]


def test_middleware_registration_rejects_non_callables() -> None:
    app = func.FunctionApp()
    with pytest.raises(TypeError) as caught:
        app.middleware("audit")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "FunctionApp.add_middleware() takes a function, got 'audit' of type str. Pass the "
        "function itself, not the result of calling it."
    )


def test_asgi_app_registers_middleware_through_add_middleware() -> None:
    async def asgi(scope: Any, receive: Any, send: Any) -> None: ...

    trace: Trace = []
    app = func.AsgiFunctionApp(app=asgi, http_auth_level=func.AuthLevel.ANONYMOUS)
    app.add_middleware(_sync(trace, "app"))

    (function,) = app.get_functions()

    assert isinstance(app.middleware, func.AsgiMiddleware)
    assert len(function.get_middleware()) == 1


def test_get_functions_stays_pure_with_middleware() -> None:
    trace: Trace = []
    app = func.FunctionApp()
    app.middleware(_sync(trace, "app"))

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage) -> None: ...

    first = app.get_functions()[0]
    second = app.get_functions()[0]

    assert first.get_middleware() == second.get_middleware()
    assert len(first.get_middleware()) == 1  # the app's middleware, not added twice
    assert first is second  # the app's own function, as the reference returns it
    assert first.get_function_json() == second.get_function_json()


# -- One runner: invoke and the worker's stand-in ----------------------------------------


@pytest.fixture
def hooked() -> Iterator[Trace]:
    """A trace that an application extension's invocation hooks write to."""
    registry._reset()
    trace: Trace = []

    class Hooks(AppExtensionBase):
        @classmethod
        def pre_invocation_app_level(cls, logger: Any, *args: Any, **kwargs: Any) -> None:
            trace.append(f"hook pre {sorted(args[1])}")  # (context, arguments)

        @classmethod
        def post_invocation_app_level(cls, logger: Any, *args: Any, **kwargs: Any) -> None:
            trace.append(f"hook post {args[2]}")  # (context, arguments, result)

    yield trace
    registry._reset()


def _startup_app_with_blueprint(trace: Trace, blueprint: str, is_async: bool) -> func.Function:
    make = {"app": _sync, "blueprint": _async if blueprint == "async" else _sync, "function": _sync}
    app = _app_with_blueprint(trace, make, is_async)
    app.on_startup(lambda: trace.append("startup"))
    return app.get_functions()[0]


@pytest.mark.parametrize("blueprint", ["sync", "async"])
@pytest.mark.parametrize("is_async", [False, True], ids=["sync-function", "async-function"])
def test_invoke_and_the_worker_stand_in_run_the_same_steps_in_the_same_order(
    hooked: Trace, blueprint: str, is_async: bool
) -> None:
    steps = ["startup", *ORDER[:3], "hook pre ['msg']", "handler", "hook post None", *ORDER[4:]]

    result = invoke(_startup_app_with_blueprint(hooked, blueprint, is_async), {"msg": "x"})
    assert (result.ok, hooked) == (True, steps)

    hooked.clear()
    stand_in = wrap_user_function(_startup_app_with_blueprint(hooked, blueprint, is_async))
    arguments = {"msg": func.QueueMessage(body=b"x"), "context": SimpleContext()}
    returned = asyncio.run(stand_in(**arguments)) if is_async else stand_in(**arguments)
    assert (returned, hooked) == (None, steps)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_worker_stand_in_raises_what_invoke_reports(hooked: Trace, kind: str) -> None:
    app = func.FunctionApp()
    app.middleware(_async(hooked, "app") if kind == "async" else _sync(hooked, "app"))

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def failing(msg: str) -> None:
        raise LookupError(f"no order {msg}")

    function = app.get_functions()[0]
    result = invoke(function, {"msg": "7"})
    with pytest.raises(LookupError) as raised:
        wrap_user_function(function)(msg="8", context=SimpleContext())

    assert (repr(result.error), repr(raised.value)) == (
        "LookupError('no order 7')",
        "LookupError('no order 8')",
    )
    assert hooked == ["app in", "hook pre ['msg']", "app in", "hook pre ['msg']"]
