"""Startup/shutdown hooks, the invocation context in contextvars, extension hook order."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest

import azfunc as func
from azfunc.extension import AppExtensionBase, FuncExtensionBase
from azfunc.extension._registry import registry
from azfunc.invocation import (
    ContextPropagatingExecutor,
    InvocationLogFilter,
    ShutdownError,
    StartupError,
    current_context,
    invoke,
    run_in_thread,
    run_shutdown,
    run_startup,
)


def _queue_app() -> tuple[func.FunctionApp, list[str]]:
    app = func.FunctionApp()
    trace: list[str] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage) -> None:
        trace.append("handler")

    return app, trace


def test_startup_runs_once_before_the_first_invocation_and_shutdown_in_reverse() -> None:
    app, trace = _queue_app()
    bp = func.Blueprint()

    @app.on_startup
    def first() -> None:
        trace.append("startup 1")

    @bp.on_startup
    async def second() -> None:
        trace.append("startup 2 (blueprint)")

    @app.on_shutdown
    def close_a() -> None:
        trace.append("shutdown a")

    @app.on_shutdown
    async def close_b() -> None:
        trace.append("shutdown b")

    app.register_functions(bp)
    (function,) = app.get_functions()
    invoke(function, {"msg": "x"})
    invoke(function, {"msg": "x"})
    asyncio.run(run_shutdown(app))
    asyncio.run(run_shutdown(app))

    assert trace == [
        "startup 1",
        "startup 2 (blueprint)",
        "handler",
        "handler",
        "shutdown b",
        "shutdown a",
    ]


def test_failing_startup_raises_a_clear_error_and_can_be_retried() -> None:
    app, _trace = _queue_app()
    attempts: list[int] = []

    @app.on_startup
    def connect() -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("database unreachable")

    with pytest.raises(StartupError) as caught:
        asyncio.run(run_startup(app))
    asyncio.run(run_startup(app))

    message = str(caught.value)
    assert message.startswith("Startup hook 'test_failing_startup_raises_a_clear_error_and")
    assert message.endswith(
        "failed with ConnectionError: database unreachable. The app cannot serve "
        "invocations until its startup hooks succeed; fix the hook or the settings it reads."
    )
    assert isinstance(caught.value.__cause__, ConnectionError)
    assert len(attempts) == 2


def test_failing_shutdown_hooks_all_run_and_are_reported() -> None:
    app, trace = _queue_app()

    @app.on_shutdown
    def ok() -> None:
        trace.append("ok ran")

    @app.on_shutdown
    def broken() -> None:
        raise OSError("disk gone")

    asyncio.run(run_startup(app))
    with pytest.raises(ShutdownError) as caught:
        asyncio.run(run_shutdown(app))

    assert trace == ["ok ran"]
    assert "OSError: disk gone" in str(caught.value)


def test_current_context_is_available_anywhere_in_the_call() -> None:
    app = func.FunctionApp()
    seen: list[str | None] = []

    def helper() -> None:
        context = current_context()
        seen.append(context.invocation_id if context else None)

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage) -> None:
        helper()
        thread = run_in_thread(helper)
        thread.join()
        with ContextPropagatingExecutor(max_workers=1) as pool:
            pool.submit(helper).result()

    result = invoke(app.get_functions()[0], {"msg": "x"})

    assert seen == [result.invocation_id] * 3
    assert current_context() is None


def test_log_records_from_helper_threads_are_correlated() -> None:
    app = func.FunctionApp()
    logger = logging.getLogger("tests.correlation")
    logger.setLevel(logging.INFO)
    stamped: list[tuple[str, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            stamped.append((record.invocation_id, record.function_name))  # type: ignore[attr-defined]

    handler_ = Keep()
    handler_.addFilter(InvocationLogFilter())
    logger.addHandler(handler_)

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def handler(msg: func.QueueMessage, context: func.Context) -> None:
        run_in_thread(logger.info, "from a helper thread").join()

        def raw_thread() -> None:  # the worker's documented way
            context.thread_local_storage.invocation_id = context.invocation_id
            logger.info("from a raw thread")

        thread = threading.Thread(target=raw_thread)
        thread.start()
        thread.join()

    try:
        result = invoke(app.get_functions()[0], {"msg": "x"})
    finally:
        logger.removeHandler(handler_)

    assert stamped == [(result.invocation_id, "handler"), (result.invocation_id, "handler")]
    assert [r.getMessage() for r in result.logs] == ["from a helper thread", "from a raw thread"]


@pytest.fixture
def clean_registry() -> Iterator[None]:
    registry._reset()
    yield
    registry._reset()


def test_extension_hooks_run_in_worker_order(
    clean_registry: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    trace: list[str] = []
    monkeypatch.setenv("AzureWebJobsScriptRoot", str(tmp_path))

    class AppExt(AppExtensionBase):
        @classmethod
        def post_function_load_app_level(
            cls, function_name: str, function_directory: str, *args: Any, **kwargs: Any
        ) -> None:
            trace.append(f"app load {function_name}")

        @classmethod
        def pre_invocation_app_level(
            cls, logger: Any, context: Any, func_args: Any = None, *args: Any, **kwargs: Any
        ) -> None:
            trace.append(f"app pre {sorted(func_args)}")

        @classmethod
        def post_invocation_app_level(
            cls,
            logger: Any,
            context: Any,
            func_args: Any = None,
            func_ret: Any = None,
            *args: Any,
            **kwargs: Any,
        ) -> None:
            trace.append(f"app post {func_ret}")

    class FuncExt(FuncExtensionBase):
        def __init__(self, file_path: str) -> None:
            super().__init__(file_path)

        def pre_invocation(
            self, logger: Any, context: Any, func_args: Any = None, *args: Any, **kwargs: Any
        ) -> None:
            trace.append("function pre")

        def post_invocation(
            self,
            logger: Any,
            context: Any,
            func_args: Any = None,
            func_ret: Any = None,
            *args: Any,
            **kwargs: Any,
        ) -> None:
            trace.append(f"function post {func_ret}")
            raise RuntimeError("a failing hook is logged and skipped")

    FuncExt(str(tmp_path / "ext_order_fn" / "function_app.py"))
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.middleware
    def outer(invocation: Any, call_next: Any) -> Any:
        trace.append("middleware")
        return call_next(invocation)

    @app.route(route="x")
    def ext_order_fn(req: func.HttpRequest) -> str:
        trace.append("function")
        return "ret"

    result = invoke(app.get_functions()[0], {"req": func.HttpRequest("GET", "/x", body=b"")})

    assert result.ok
    assert trace == [
        "app load ext_order_fn",
        "middleware",
        "app pre ['req']",
        "function pre",
        "function",
        "app post ret",
        "function post ret",
    ]
    assert [r.getMessage() for r in result.logs if r.name == "FuncExt"] == [
        "Extension FuncExt failed in post_invocation: a failing hook is logged and skipped"
    ]
