"""The per-request path of the local host leaves nothing for the garbage collector: an
invocation's objects are freed as soon as the request is answered, so no collection
pause (which every request in flight waits for) grows with the load."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

import azfunc as func
from azfunc.invocation import Invocation
from azfunc.testing import Client


def _app(*, with_middleware: bool) -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    if with_middleware:

        @app.middleware
        def sync_layer(invocation: Invocation, call_next: Any) -> Any:
            return call_next(invocation)

        @app.middleware
        async def async_layer(invocation: Invocation, call_next: Any) -> Any:
            return await call_next(invocation)

    @app.route(route="sync", methods=["GET"])
    def sync_hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("sync")

    @app.route(route="async", methods=["GET"])
    async def async_hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("async")

    return app


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("with_middleware", [False, True], ids=["plain", "middleware"])
@pytest.mark.parametrize("route", ["sync", "async"])
def test_a_request_leaves_no_reference_cycle(
    collector_off: None, route: str, with_middleware: bool
) -> None:
    client = Client(_app(with_middleware=with_middleware))
    assert client.get(f"/api/{route}").text == route  # warm-up: startup, caches
    gc.collect()
    texts = [client.get(f"/api/{route}").text for _ in range(5)]
    assert texts == [route] * 5
    assert gc.collect() == 0  # every object of the 5 invocations was freed by refcount
