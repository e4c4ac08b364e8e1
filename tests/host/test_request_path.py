"""The per-request path of the local host: it leaves nothing for the garbage collector
(an invocation's objects are freed as soon as the request is answered, so no collection
pause, which every request in flight waits for, grows with the load), and a body sent in
chunks takes about its size in memory while it is assembled."""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

import azfunc as func
from azfunc._host.body import MAX_BUFFERED_BODIES, BodyBudget, read_body
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


def _chunked(body: bytes, size: int) -> Any:
    """A receive() that sends ``body`` in chunks of ``size`` bytes, each made when it is
    sent (as the server makes them when they arrive)."""
    offsets = list(range(0, len(body), size))

    async def receive() -> dict[str, Any]:
        start = offsets.pop(0)
        chunk = body[start : start + size]
        return {"type": "http.request", "body": chunk, "more_body": bool(offsets)}

    return receive


@pytest.mark.parametrize("chunk", [1000, 64 * 1024, 8 * 1024 * 1024])
def test_a_body_in_chunks_is_read_whole(chunk: int) -> None:
    body = bytes(range(256)) * (8 * 1024 * 1024 // 256 + 3)
    budget = BodyBudget(MAX_BUFFERED_BODIES)
    taken = [0]
    read = asyncio.run(read_body(_chunked(body, chunk), budget, taken, timed=True))
    assert type(read) is bytes and read == body
    assert taken == [len(body)] and budget.used == len(body)


def test_a_body_with_no_chunk_is_empty() -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    assert asyncio.run(read_body(receive, BodyBudget(10), [0], timed=False)) == b""


def test_assembling_a_body_takes_about_its_size_in_memory_not_twice() -> None:
    size = 16 * 1024 * 1024
    receive = _chunked(b"x" * size, 64 * 1024)

    async def read() -> tuple[bytes, int]:
        tracemalloc.start()
        try:
            body = await read_body(receive, BodyBudget(MAX_BUFFERED_BODIES), [0], timed=True)
            return body, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    body, peak = asyncio.run(read())
    assert body == b"x" * size
    # joining the chunks took twice the size: the list kept every chunk while the
    # joined copy was made
    assert peak < 1.25 * size
