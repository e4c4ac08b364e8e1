"""AsgiMiddleware (azfunc._http_asgi): the scope, the protocol, lifespan, streaming,
and real FastAPI/Starlette and Django apps side by side with their own test clients.
"""

import asyncio
import contextlib
import inspect
import json
import logging
import os
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from azfunc._context import SimpleContext
from azfunc._http import HttpRequest
from azfunc._http_asgi import (
    BODY_CHUNK_SIZE,
    AsgiMiddleware,
    AsgiRequest,
    AsgiResponse,
    LifespanError,
    build_scope,
)

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")

# Starlette's TestClient warns that it prefers httpx2; the comparison does not care.
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

BASE = "http://testserver"


def request(
    method: str = "GET",
    path: str = "/",
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    host: str = BASE,
) -> HttpRequest:
    return HttpRequest(method, host + path, headers=headers, body=body)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# -- the scope ----------------------------------------------------------------------------


def test_build_scope() -> None:
    req = request(
        "post",
        "/api/p%C3%A9th/a%2Fb?x=1&y=%20",
        headers={"Content-Type": "text/plain", "X-Name": "José"},
        host="https://ex.com:8443",
    )
    assert build_scope(req, root_path="/api") == {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "asgi.version": "2.1",
        "asgi.spec_version": "2.1",
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": "/api/péth/a/b",
        "raw_path": b"/api/p%C3%A9th/a%2Fb",
        "query_string": b"x=1&y=%20",
        "root_path": "/api",
        "headers": [(b"content-type", b"text/plain"), (b"x-name", "José".encode())],
        "server": ("ex.com", 8443),
        "client": None,
        "state": None,
        "azure_functions.function_directory": None,
        "azure_functions.function_name": None,
        "azure_functions.invocation_id": None,
        "azure_functions.thread_local_storage": None,
        "azure_functions.trace_context": None,
        "azure_functions.retry_context": None,
    }


def test_scope_state_is_a_copy_and_context_is_included() -> None:
    state = {"db": "conn"}
    ctx = SimpleContext(invocation_id="inv", function_name="f")
    scope = build_scope(request(), ctx, state=state)
    assert scope["state"] == state and scope["state"] is not state
    assert scope["azure_functions.invocation_id"] == "inv"
    assert scope["azure_functions.trace_context"] is ctx.trace_context
    assert AsgiRequest(request()).to_asgi_http_scope({"a": 1})["state"] == {"a": 1}
    # As in the reference: the key is there without state, holding None.
    assert AsgiRequest(request()).to_asgi_http_scope()["state"] is None


def test_root_path_only_when_the_path_starts_with_it() -> None:
    assert build_scope(request("GET", "/other"), root_path="/api")["root_path"] == ""
    assert build_scope(request("GET", "/api"), root_path="/api")["root_path"] == "/api"


# -- the protocol with raw ASGI apps --------------------------------------------------------


def test_request_body_arrives_in_one_event() -> None:
    events: list[tuple[int, bool]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        data = b""
        while True:
            message = await receive()
            events.append((len(message["body"]), message["more_body"]))
            data += message["body"]
            if not message["more_body"]:
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": data})
        assert await receive() == {"type": "http.disconnect"}

    body = os.urandom(BODY_CHUNK_SIZE * 2 + 10)
    resp = run(AsgiMiddleware(app).handle_async(request("POST", body=body)))
    assert resp.get_body() == body
    # As in the reference: one http.request event holds the whole body.
    assert events == [(BODY_CHUNK_SIZE * 2 + 10, False)]


def test_response_headers_and_repeated_cookies() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        headers = [
            (b"content-type", b"text/html; charset=latin-1"),
            (b"set-cookie", b"a=1"),
            (b"set-cookie", b"b=2"),
            (b"x-text", "é".encode("latin-1")),
            (b"x-utf8", "日本".encode()),
        ]
        await send({"type": "http.response.start", "status": 203, "headers": headers})
        await send({"type": "http.response.body", "body": b"a", "more_body": True})
        await send({"type": "http.response.body", "body": b"b"})

    resp = run(AsgiMiddleware(app).handle_async(request()))
    assert (resp.status_code, resp.get_body()) == (203, b"ab")
    # As in the reference: the whole Content-Type, and the charset of Content-Encoding.
    assert (resp.mimetype, resp.charset) == ("text/html; charset=latin-1", "utf-8")
    assert resp.headers.get_all("set-cookie") == ["a=1", "b=2"]
    assert (resp.headers["x-text"], resp.headers["x-utf8"]) == ("é", "日本")


async def no_start(scope: Any, receive: Any, send: Any) -> None:
    return None


async def body_first(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.body", "body": b"x"})


async def half_body(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200})
    await send({"type": "http.response.body", "body": b"x", "more_body": True})


async def raises(scope: Any, receive: Any, send: Any) -> None:
    raise KeyError("app failure")


@pytest.mark.parametrize(
    ("app", "error", "match"),
    [
        (no_start, RuntimeError, "without sending http.response.start"),
        (body_first, RuntimeError, "before http.response.start"),
        (half_body, RuntimeError, "before it finished the response body"),
        (raises, KeyError, "app failure"),
    ],
)
def test_protocol_errors(app: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        run(AsgiMiddleware(app).handle_async(request()))


def test_exception_after_the_response_is_logged_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": b"done"})
        raise ValueError("late failure")

    with caplog.at_level(logging.ERROR, logger="azfunc._http_asgi"):
        resp = run(AsgiMiddleware(app).handle_async(request()))
    assert resp.get_body() == b"done"
    assert "late failure" in caplog.text


def test_head_response_keeps_the_body_the_app_sent() -> None:
    # As in the reference; the host sends no body for HEAD.
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x", b"1")]})
        await send({"type": "http.response.body", "body": b"sent"})

    resp = run(AsgiMiddleware(app).handle_async(request("HEAD")))
    assert (resp.status_code, resp.get_body(), resp.headers["x"]) == (200, b"sent", "1")


def test_concurrent_requests_overlap() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(0.3)
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    middleware = AsgiMiddleware(app)

    async def main() -> list[bytes]:
        responses = await asyncio.gather(
            *(middleware.handle_async(request("GET", f"/{i}")) for i in range(10))
        )
        return [r.get_body() for r in responses]

    start = time.perf_counter()
    bodies = run(main())
    assert time.perf_counter() - start < 0.6
    assert bodies == [f"/{i}".encode() for i in range(10)]


def test_handle_stream_passes_chunks_as_they_are_sent() -> None:
    release = asyncio.Event

    async def main() -> list[bytes]:
        gate = release()

        async def app(scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"first", "more_body": True})
            await gate.wait()  # only the reader's progress can open it
            await send({"type": "http.response.body", "body": b"second"})

        stream = await AsgiMiddleware(app).handle_stream(request())
        assert stream.status_code == 200
        chunks = [await stream.body.__anext__()]
        gate.set()
        chunks += [chunk async for chunk in stream.body]
        return chunks

    assert run(main()) == [b"first", b"second"]


def test_closing_a_stream_disconnects_the_app() -> None:
    async def main() -> bool:
        cancelled = asyncio.Event()

        async def app(scope: Any, receive: Any, send: Any) -> None:
            await send({"type": "http.response.start", "status": 200})
            try:
                while True:
                    await send({"type": "http.response.body", "body": b"x", "more_body": True})
                    await asyncio.sleep(0)
            except asyncio.CancelledError:
                cancelled.set()
                raise

        stream = await AsgiMiddleware(app).handle_stream(request())
        await stream.body.__anext__()
        await stream.aclose()
        await asyncio.wait_for(cancelled.wait(), 1)
        return cancelled.is_set()

    assert run(main())


def test_asgi_response_from_app() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        message = await receive()
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": message["body"][::-1]})

    async def main() -> bytes:
        response = await AsgiResponse.from_app(app, build_scope(request()), b"abc")
        return response.to_func_response().get_body()

    assert run(main()) == b"cba"


def test_deprecated_handle_and_main() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": repr(scope["state"]).encode()})

    middleware = AsgiMiddleware(app)
    with pytest.warns(DeprecationWarning, match="handle_async"):
        assert middleware.handle(request()).get_body() == b"None"
    assert middleware.main(request(), None).get_body() == b"None"
    assert list(inspect.signature(middleware.main).parameters) == ["req", "context"]


# -- lifespan -----------------------------------------------------------------------------


class LifespanApp:
    def __init__(self, fail_startup: str | None = None, *, keep_listening: bool = False) -> None:
        self.fail_startup = fail_startup
        self.keep_listening = keep_listening
        self.startups = 0
        self.shutdowns = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    self.startups += 1
                    await asyncio.sleep(0.05)
                    if self.fail_startup is not None:
                        await send(
                            {"type": "lifespan.startup.failed", "message": self.fail_startup}
                        )
                        if not self.keep_listening:
                            return
                        continue
                    scope["state"]["ready"] = True
                    await send({"type": "lifespan.startup.complete"})
                else:
                    self.shutdowns += 1
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": json.dumps(scope["state"]).encode()})


def test_lifespan_runs_once_and_state_reaches_requests() -> None:
    app = LifespanApp()
    middleware = AsgiMiddleware(app)

    async def main() -> bytes:
        results = await asyncio.gather(*(middleware.notify_startup() for _ in range(5)))
        assert results == [True] * 5
        assert await middleware.notify_startup()
        body = (await middleware.handle_async(request())).get_body()
        await middleware.notify_shutdown()
        await middleware.notify_shutdown()
        return body

    assert run(main()) == b'{"ready": true}'
    assert (app.startups, app.shutdowns) == (1, 1)


def test_lifespan_startup_failed(caplog: pytest.LogCaptureFixture) -> None:
    app = LifespanApp(fail_startup="no database")
    middleware = AsgiMiddleware(app)

    async def main() -> tuple[bool, bool]:
        first = await middleware.notify_startup()
        second = await middleware.notify_startup()
        await middleware.notify_shutdown()  # nothing to shut down
        return first, second

    with caplog.at_level(logging.ERROR, logger="azfunc._http_asgi"):
        assert run(main()) == (False, False)
    assert app.startups == 1
    assert isinstance(middleware.startup_error, LifespanError)
    assert "lifespan.startup.failed: no database" in str(middleware.startup_error)
    assert "no database" in caplog.text


def test_shutdown_after_a_failed_startup_reaches_an_app_still_listening() -> None:
    # As in the reference: lifespan.shutdown is sent after lifespan.startup.failed.
    app = LifespanApp(fail_startup="no database", keep_listening=True)
    middleware = AsgiMiddleware(app)

    async def main() -> tuple[bool, int]:
        started = await middleware.notify_startup()
        status = (await middleware.handle_async(request())).status_code
        await middleware.notify_shutdown()
        await middleware.notify_shutdown()
        return started, status

    assert run(main()) == (False, 200)
    assert (app.startups, app.shutdowns) == (1, 1)


def test_request_scope_state_before_and_after_lifespan_startup() -> None:
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await receive()
            scope["state"]["db"] = "conn"
            await send({"type": "lifespan.startup.complete"})
            await receive()
            await send({"type": "lifespan.shutdown.complete"})
            return
        seen.append(scope["state"])
        scope["state"]["request"] = 1  # a copy: the middleware's state is unchanged
        await send({"type": "http.response.start", "status": 204})
        await send({"type": "http.response.body"})

    middleware = AsgiMiddleware(app)

    async def main() -> None:
        await middleware.handle_async(request())
        await middleware.notify_startup()
        await middleware.handle_async(request())
        await middleware.notify_shutdown()

    run(main())
    assert seen == [{"request": 1}, {"db": "conn", "request": 1}]
    assert middleware.state == {"db": "conn"}


@pytest.mark.parametrize("behaviour", ["raise", "return"])
def test_app_without_lifespan_support_may_serve(behaviour: str) -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            if behaviour == "raise":
                raise ValueError("unsupported scope type")
            return
        await send({"type": "http.response.start", "status": 204})
        await send({"type": "http.response.body"})

    middleware = AsgiMiddleware(app)

    async def main() -> int:
        assert await middleware.notify_startup() is True
        await middleware.notify_shutdown()
        return (await middleware.handle_async(request())).status_code

    assert run(main()) == 204


def test_notify_shutdown_before_startup() -> None:
    with pytest.raises(RuntimeError, match=r"^notify_startup\(\) must be called first\.$"):
        run(AsgiMiddleware(LifespanApp()).notify_shutdown())


# -- FastAPI / Starlette, side by side with TestClient ---------------------------------------


def make_fastapi_app(events: list[str] | None = None) -> Any:
    from fastapi import BackgroundTasks, FastAPI, Request
    from fastapi.responses import JSONResponse, PlainTextResponse, StreamingResponse
    from pydantic import BaseModel

    log = events if events is not None else []

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[dict[str, Any]]:
        log.append("startup")
        yield {"greeting": "hello from lifespan"}
        log.append("shutdown")

    app = FastAPI(lifespan=lifespan)

    class Item(BaseModel):
        name: str
        price: float

    class Teapot(Exception):
        pass

    @app.exception_handler(Teapot)
    async def teapot_handler(request: Request, exc: Teapot) -> JSONResponse:
        return JSONResponse({"error": "teapot"}, status_code=418)

    @app.get("/api/items/{item_id}")
    async def read_item(item_id: int, request: Request, q: str | None = None) -> dict[str, Any]:
        return {"item_id": item_id, "q": q, "greeting": request.state.greeting}

    @app.post("/api/items")
    async def create_item(item: Item) -> Item:
        return item

    @app.get("/api/paths/{name}")
    async def path_name(name: str, request: Request) -> dict[str, Any]:
        return {"name": name, "x_name": request.headers.get("x-name")}

    @app.post("/api/echo")
    async def echo(request: Request) -> PlainTextResponse:
        data = await request.body()
        return PlainTextResponse(data, media_type="application/octet-stream")

    @app.get("/api/cookies")
    async def cookies() -> PlainTextResponse:
        response = PlainTextResponse("cookies")
        response.set_cookie("a", "1")
        response.set_cookie("b", "2", httponly=True)
        return response

    @app.get("/api/teapot")
    async def teapot() -> None:
        raise Teapot()

    @app.get("/api/stream")
    async def stream() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for i in range(3):
                yield f"chunk {i}\n".encode()

        return StreamingResponse(chunks(), media_type="text/plain")

    @app.post("/api/background")
    async def background(tasks: BackgroundTasks) -> dict[str, str]:
        tasks.add_task(log.append, "background ran")
        return {"status": "queued"}

    return app


FASTAPI_REQUESTS: list[tuple[str, str, dict[str, Any], bytes]] = [
    ("GET", "/api/items/5?q=x", {}, b""),
    ("GET", "/api/items/not-an-int", {}, b""),
    ("GET", "/api/missing", {}, b""),
    ("POST", "/api/items", {"content-type": "application/json"}, b'{"name": "n", "price": 1.5}'),
    ("POST", "/api/items", {"content-type": "application/json"}, b'{"name": 1}'),
    ("GET", "/api/paths/caf%C3%A9", {"x-name": "José".encode()}, b""),
    ("POST", "/api/echo", {"content-type": "application/octet-stream"}, bytes(range(256)) * 8),
    ("GET", "/api/cookies", {}, b""),
    ("GET", "/api/teapot", {}, b""),
    ("GET", "/api/stream", {}, b""),
    ("PUT", "/api/items", {}, b""),
    ("OPTIONS", "/api/items/1", {}, b""),
]


def azfunc_headers(headers: dict[str, Any]) -> dict[str, str]:
    return {k: v.decode("utf-8") if isinstance(v, bytes) else v for k, v in headers.items()}


@pytest.mark.parametrize(("method", "path", "headers", "body"), FASTAPI_REQUESTS)
def test_fastapi_side_by_side(method: str, path: str, headers: dict[str, Any], body: bytes) -> None:
    from fastapi.testclient import TestClient

    app = make_fastapi_app()
    with TestClient(app) as client:
        expected = client.request(method, path, headers=headers, content=body)

    async def ours() -> Any:
        middleware = AsgiMiddleware(app)
        assert await middleware.notify_startup()
        try:
            return await middleware.handle_async(
                request(method, path, headers=azfunc_headers(headers), body=body)
            )
        finally:
            await middleware.notify_shutdown()

    actual = run(ours())
    assert actual.status_code == expected.status_code
    assert list(actual.headers.items(lower=True)) == expected.headers.multi_items()
    assert actual.get_body() == expected.content


def test_fastapi_head_matches_get_headers() -> None:
    from fastapi.testclient import TestClient

    app = make_fastapi_app()
    app.add_api_route("/api/head", lambda: {"a": 1}, methods=["GET", "HEAD"])
    with TestClient(app) as client:
        expected = client.head("/api/head")
    actual = run(AsgiMiddleware(app).handle_async(request("HEAD", "/api/head")))
    assert actual.status_code == expected.status_code == 200
    assert list(actual.headers.items(lower=True)) == expected.headers.multi_items()
    assert actual.get_body() == b'{"a":1}'  # Starlette sends it; the host drops it


def test_fastapi_background_tasks_run_before_the_response_returns() -> None:
    events: list[str] = []
    app = make_fastapi_app(events)
    resp = run(AsgiMiddleware(app).handle_async(request("POST", "/api/background")))
    assert json.loads(resp.get_body()) == {"status": "queued"}
    assert events == ["background ran"]


def test_fastapi_lifespan_startup_and_shutdown() -> None:
    events: list[str] = []
    middleware = AsgiMiddleware(make_fastapi_app(events))

    async def main() -> Any:
        await middleware.notify_startup()
        resp = await middleware.handle_async(request("GET", "/api/items/1"))
        await middleware.notify_shutdown()
        return json.loads(resp.get_body())

    assert run(main())["greeting"] == "hello from lifespan"
    assert events == ["startup", "shutdown"]


def test_fastapi_unhandled_error_returns_500_and_logs(caplog: pytest.LogCaptureFixture) -> None:
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/boom")
    async def boom() -> None:
        raise ValueError("kaboom")

    with caplog.at_level(logging.ERROR):
        resp = run(AsgiMiddleware(app).handle_async(request("GET", "/boom")))
    assert (resp.status_code, resp.get_body()) == (500, b"Internal Server Error")
    assert "kaboom" in caplog.text


def test_fastapi_streaming_response_through_handle_stream() -> None:
    app = make_fastapi_app()

    async def main() -> tuple[int, str | None, list[bytes]]:
        stream = await AsgiMiddleware(app).handle_stream(request("GET", "/api/stream"))
        return (
            stream.status_code,
            stream.headers.get("content-type"),
            [chunk async for chunk in stream.body],
        )

    status, content_type, chunks = run(main())
    assert (status, content_type) == (200, "text/plain; charset=utf-8")
    assert chunks == [b"chunk 0\n", b"chunk 1\n", b"chunk 2\n"]


def test_fastapi_ten_megabyte_round_trip() -> None:
    payload = os.urandom(10 * 1024 * 1024)
    resp = run(
        AsgiMiddleware(make_fastapi_app()).handle_async(request("POST", "/api/echo", body=payload))
    )
    assert resp.get_body() == payload


def make_prefixless_app() -> Any:
    from fastapi import FastAPI, Request

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def item(item_id: int, request: Request) -> dict[str, Any]:
        return {"item_id": item_id, "url": str(request.url_for("item", item_id=item_id))}

    return app


def test_route_prefix_makes_fastapi_docs_work() -> None:
    middleware = AsgiMiddleware(make_prefixless_app(), route_prefix="api")

    async def get(path: str) -> Any:
        return await middleware.handle_async(request("GET", path))

    docs = run(get("/api/docs"))
    assert docs.status_code == 200
    assert b"url: '/api/openapi.json'" in docs.get_body()
    openapi = run(get("/api/openapi.json"))
    assert openapi.status_code == 200
    assert "/items/{item_id}" in json.loads(openapi.get_body())["paths"]
    item = json.loads(run(get("/api/items/7")).get_body())
    assert item == {"item_id": 7, "url": "http://testserver/api/items/7"}
    # Off by default: the app sees the full path, as with azure-functions.
    assert (
        run(
            AsgiMiddleware(make_prefixless_app()).handle_async(request("GET", "/api/docs"))
        ).status_code
        == 404
    )


def test_route_prefix_read_from_host_json(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "host.json").write_text(
        '{"version": "2.0", "extensions": {"http": {"routePrefix": "v2"}}}'
    )
    monkeypatch.setenv("AzureWebJobsScriptRoot", str(tmp_path))
    middleware = AsgiMiddleware(make_prefixless_app(), route_prefix=True)
    assert middleware.root_path == "/v2"
    resp = run(middleware.handle_async(request("GET", "/v2/docs")))
    assert b"/v2/openapi.json" in resp.get_body()


# -- Django ASGI --------------------------------------------------------------------------


def test_django_asgi_view() -> None:
    pytest.importorskip("django")
    from tests._django_support import setup_django

    setup_django()
    from django.core.asgi import get_asgi_application

    app = get_asgi_application()
    resp = run(
        AsgiMiddleware(app).handle_async(
            request("POST", "/api/view/caf%C3%A9?q=1", headers={"Host": "testserver"}, body=b"hi")
        )
    )
    assert resp.status_code == 200
    assert json.loads(resp.get_body())["item"] == "café"
    assert json.loads(resp.get_body())["body"] == "hi"
    assert resp.headers["x-extra"] == "yes"
