"""Run an ASGI app (FastAPI, Starlette, Django, ...) as an HTTP-triggered function.

:func:`build_scope` is a pure function from an :class:`~azfunc.HttpRequest` to an
ASGI 3 HTTP scope; :class:`AsgiMiddleware` runs the app with it, streams the request
body in ``http.request`` events and assembles the ``http.response.*`` events into an
:class:`~azfunc.HttpResponse` (or passes them through with
:meth:`AsgiMiddleware.handle_stream`). It also drives the app's lifespan protocol.

Concurrent :meth:`AsgiMiddleware.handle_async` calls on one middleware run concurrently
on the caller's event loop.

Source: https://asgi.readthedocs.io/en/latest/specs/www.html
"""

from __future__ import annotations

import asyncio
import copy
import logging
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any

import attrs

from azfunc import _abc
from azfunc._abc import Context as Context  # the reference's module-level name
from azfunc._asgi_lifespan import (
    ASGI_SPEC_VERSION,
    ASGI_VERSION,
    ASGIApp,
    Lifespan,
    LifespanError,
    Message,
    Scope,
)
from azfunc._config.host_json import resolve_root_path
from azfunc._http import HttpRequest as HttpRequest  # the reference's module-level name
from azfunc._http import HttpResponse, HttpResponseHeaders
from azfunc._http_target import (
    CONTEXT_ATTRIBUTES,
    header_text,
    make_response,
    request_body,
    request_target,
)
from azfunc._http_wsgi import WsgiRequest

__all__ = [
    "ASGI_SPEC_VERSION",
    "ASGI_VERSION",
    "AsgiMiddleware",
    "AsgiRequest",
    "AsgiResponse",
    "AsgiStreamResponse",
    "build_scope",
]

#: The version of the ASGI HTTP spec the scope follows.
HTTP_SPEC_VERSION = "2.3"

_logger = logging.getLogger("azfunc._http_asgi")

#: Size of the ``http.request`` events the request body is sent in, in bytes.
BODY_CHUNK_SIZE = 64 * 1024
# Chunks a streaming response may hold before the app's send() waits for the reader.
_HIGH_WATER = 16


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_STARTED = _Marker("STARTED")
_END = _Marker("END")
_APP_DONE = _Marker("APP_DONE")


def build_scope(
    req: _abc.HttpRequest,
    context: _abc.Context | None = None,
    *,
    root_path: str = "",
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the ASGI 3 HTTP scope of ``req``.

    ``path`` is the percent-decoded path, ``raw_path`` the path as sent. When the path
    starts with ``root_path``, that part is also ``root_path`` (and stays in ``path``, as
    the ASGI spec asks). Header names are lower-case bytes, values UTF-8 bytes.
    ``client`` is ``None``: the host does not say who the client is. The invocation
    context's attributes are under ``azure_functions.<attribute>`` (``None`` if absent).

    :param req: The request.
    :param context: The invocation context, or ``None``.
    :param root_path: The path the app is mounted at, e.g. ``"/api"``.
    :param state: The lifespan state: ``state`` is a shallow copy of it, or ``None``
        when not given (as in azure-functions).
    """
    # One unpacking instead of eight attribute reads.
    method, scheme, server_name, server_port, raw_path, path, root, query = request_target(
        req, root_path
    )
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": HTTP_SPEC_VERSION},
        "asgi.version": ASGI_VERSION,
        "asgi.spec_version": ASGI_SPEC_VERSION,
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "path": path.decode("utf-8", "replace"),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": root.decode("utf-8", "replace"),
        "headers": [
            (name.lower().encode("utf-8"), (value if type(value) is str else str(value)).encode())
            for name, value in req.headers.items()
        ],
        "server": (server_name, server_port),
        "client": None,
        "state": _copy_state(state),
    }
    if context is None:
        scope.update(_NO_CONTEXT)
    else:
        for attribute, key in _CONTEXT_KEYS:
            scope[key] = getattr(context, attribute, None)
    return scope


def _copy_state(state: dict[str, Any] | None) -> dict[str, Any] | None:
    """A shallow copy of the lifespan state (``dict.copy`` for a plain dict: the fast way)."""
    if state is None:
        return None
    return state.copy() if type(state) is dict else copy.copy(state)


_CONTEXT_KEYS = tuple((name, f"azure_functions.{name}") for name in CONTEXT_ATTRIBUTES)
_NO_CONTEXT = dict.fromkeys(key for _, key in _CONTEXT_KEYS)


class _Exchange:
    """One request/response exchange with an ASGI app: its ``receive`` and ``send``.

    Buffered (the default), ``send`` collects body chunks in :attr:`chunks`. Streamed,
    it turns the app's messages into items of :attr:`events` instead: :data:`_STARTED`,
    body chunks, :data:`_END`; :meth:`watch` adds :data:`_APP_DONE` when the app returns.
    """

    __slots__ = (
        "_body", "_disconnected", "_drop_body", "_finished", "_offset", "_request_sent",
        "_space", "chunks", "events", "headers", "state", "status",
    )  # fmt: skip

    def __init__(self, body: bytes, *, drop_body: bool = False, stream: bool = False) -> None:
        self._body = body
        self._offset = 0
        self._request_sent = False
        self._drop_body = drop_body
        self.status = 0
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.events: asyncio.Queue[bytes | _Marker] | None = asyncio.Queue() if stream else None
        self._disconnected = False
        self._finished: asyncio.Event | None = None
        self._space: asyncio.Event | None = None
        self.state = "new"  # new -> started -> finished

    def watch(self, task: asyncio.Future[None]) -> None:
        events = self.events
        assert events is not None  # internal: only streamed exchanges are watched
        task.add_done_callback(lambda _: events.put_nowait(_APP_DONE))

    def disconnect(self) -> None:
        """Tell the app the response is over: ``receive`` returns ``http.disconnect``."""
        self._disconnected = True
        if self._finished is not None:
            self._finished.set()
        if self._space is not None:
            self._space.set()

    def took(self) -> None:
        """Called by the reader after taking an item: lets a waiting ``send`` go on."""
        if (
            self._space is not None
            and self.events is not None
            and self.events.qsize() < _HIGH_WATER
        ):
            self._space.set()

    async def receive(self) -> Message:
        if not self._request_sent:
            # The whole body in one event, as the reference sends it (an app that reads
            # one event gets it all); a streamed exchange sends BODY_CHUNK_SIZE pieces.
            size = BODY_CHUNK_SIZE if self.events is not None else len(self._body)
            chunk = self._body[self._offset : self._offset + size]
            self._offset += len(chunk)
            more = self._offset < len(self._body)
            self._request_sent = not more
            return {"type": "http.request", "body": chunk, "more_body": more}
        if not self._disconnected:
            if self._finished is None:
                self._finished = asyncio.Event()
            await self._finished.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: Message) -> None:
        kind = message.get("type")
        if kind == "http.response.start":
            if self.state != "new":
                raise RuntimeError(
                    "The ASGI app sent http.response.start twice; send it once, before the body."
                )
            self.status = int(message["status"])
            self.headers = [
                (
                    (name if type(name) is bytes else bytes(name)).decode("latin-1"),
                    header_text(value if type(value) is bytes else bytes(value)),
                )
                for name, value in message.get("headers", ())
            ]
            self.state = "started"
            if self.events is not None:
                self.events.put_nowait(_STARTED)
        elif kind == "http.response.body":
            if self.state != "started":
                when = (
                    "before http.response.start"
                    if self.state == "new"
                    else "after the body had ended (more_body was false)"
                )
                raise RuntimeError(
                    f"The ASGI app sent http.response.body {when}; send http.response.start "
                    "first, then body messages until one has more_body false."
                )
            body = message.get("body", b"")
            if body and not self._drop_body:
                if self.events is None:
                    self.chunks.append(body if type(body) is bytes else bytes(body))
                else:
                    self.events.put_nowait(bytes(body))
            if not message.get("more_body", False):
                self.state = "finished"
                if self.events is not None:
                    self.events.put_nowait(_END)
                self.disconnect()
            elif self.events is not None and self.events.qsize() >= _HIGH_WATER:
                if self._space is None:
                    self._space = asyncio.Event()
                self._space.clear()
                await self._space.wait()
        else:
            raise RuntimeError(
                f"The ASGI app sent a message of type {kind!r} on an HTTP connection; expected "
                "'http.response.start' or 'http.response.body'."
            )


def _require_finished(app: ASGIApp, exchange: _Exchange) -> None:
    """:raises RuntimeError: The app sent no response, or did not finish its body."""
    if exchange.state == "new":
        raise _no_response(app)
    if exchange.state == "started":
        raise _unfinished_body()


async def _drive(app: ASGIApp, scope: Scope, exchange: _Exchange) -> None:
    """Run ``app`` on a buffered ``exchange`` until it returns.

    An exception after the whole response was sent is logged, and the response kept.
    """
    try:
        await app(scope, exchange.receive, exchange.send)
    except Exception:
        if exchange.state != "finished":
            raise
        _logger.error(
            "The ASGI app raised an exception after it had sent the whole response.",
            exc_info=True,
        )
    finally:
        if not exchange._disconnected:
            exchange.disconnect()


async def _run_until_started(app: ASGIApp, scope: Scope, exchange: _Exchange) -> asyncio.Task[None]:
    """Start the app and wait for its ``http.response.start``; return the app's task.

    :raises RuntimeError: The app returned without starting a response.
    """
    events = exchange.events
    assert events is not None  # internal: a streamed exchange
    task = asyncio.ensure_future(app(scope, exchange.receive, exchange.send))
    exchange.watch(task)
    try:
        item = await events.get()
    except BaseException:
        task.cancel()
        raise
    if item is _STARTED:
        return task
    # The app returned (or raised) before starting the response.
    task.result()
    raise _no_response(app)


def _no_response(app: object) -> RuntimeError:
    return RuntimeError(
        f"The ASGI app {app!r} returned without sending http.response.start; an HTTP "
        "app must send a response."
    )


def _unfinished_body() -> RuntimeError:
    return RuntimeError(
        "The ASGI app returned before it finished the response body (its last "
        "http.response.body message had more_body true)."
    )


async def _body_chunks(exchange: _Exchange, task: asyncio.Task[None]) -> AsyncIterator[bytes]:
    """Yield the response body chunks, then wait for the app to return.

    An exception the app raises before the body ends is raised here; one raised after
    it (in a background task, say) is logged, since the response is already complete.
    """
    events = exchange.events
    assert events is not None  # internal: a streamed exchange
    try:
        while True:
            item = await events.get()
            exchange.took()
            if isinstance(item, bytes):
                yield item
            elif item is _END:
                break
            elif item is _APP_DONE:
                task.result()
                raise _unfinished_body()
        await asyncio.wait({task})
        if not task.cancelled() and task.exception() is not None:
            _logger.error(
                "The ASGI app raised an exception after it had sent the whole response.",
                exc_info=task.exception(),
            )
    finally:
        if not task.done():
            exchange.disconnect()
            task.cancel()


class AsgiResponse:
    """The response an ASGI app sent: status, headers and the whole body.

    Build one with :meth:`from_app`; :meth:`to_func_response` turns it into an
    :class:`~azfunc.HttpResponse`.
    """

    def __init__(self) -> None:
        self._status_code = 0
        self._headers: list[tuple[str, str]] = []
        self._buffer: list[bytes] = []

    @property
    def status_code(self) -> int:
        """The status code the app sent."""
        return self._status_code

    @classmethod
    async def from_app(cls, app: ASGIApp, scope: Scope, body: bytes) -> AsgiResponse:
        """Run ``app`` on ``scope`` with ``body`` as the request body and read its response.

        :raises RuntimeError: The app broke the ASGI protocol.
        """
        # The body of a HEAD response is kept, as in the reference (the host drops it).
        exchange = _Exchange(body)
        await _drive(app, scope, exchange)
        _require_finished(app, exchange)
        response = cls.__new__(cls)
        response._status_code = exchange.status
        response._headers = exchange.headers
        response._buffer = exchange.chunks
        return response

    def to_func_response(self) -> HttpResponse:
        """Return the status, headers and body as an :class:`~azfunc.HttpResponse`."""
        return make_response(self._status_code, self._headers, b"".join(self._buffer))


@attrs.frozen(kw_only=True)
class AsgiStreamResponse:
    """A response whose body arrives chunk by chunk, from :meth:`AsgiMiddleware.handle_stream`.

    Iterate :attr:`body` to the end, or call :meth:`aclose` to stop the app early.

    Attributes:
        status_code: The HTTP status code.
        headers: The response headers, repeated names (``Set-Cookie``) kept.
        body: The body chunks, as the app sends them.

    .. versionadded:: azfunc 0.1
    """

    status_code: int
    headers: HttpResponseHeaders
    body: AsyncIterator[bytes]

    async def aclose(self) -> None:
        """Stop reading: the app sees ``http.disconnect`` and its task is cancelled."""
        aclose = getattr(self.body, "aclose", None)
        if aclose is not None:
            await aclose()

    async def read(self) -> bytes:
        """Read the rest of the body."""
        return b"".join([chunk async for chunk in self.body])


class AsgiRequest(WsgiRequest):
    """The ASGI view of an :class:`~azfunc.HttpRequest`, as azure-functions names it.

    :func:`build_scope` does the work; this class keeps the reference's names.
    """

    def to_asgi_http_scope(self, state: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return the ASGI HTTP scope; see :func:`build_scope`."""
        return build_scope(self._req, self._ctx, state=state)

    # The reference's helpers, kept for code that calls them; build_scope does the work.

    def _get_encoded_http_headers(self) -> list[tuple[bytes, bytes]]:
        """The scope's ``headers``: lower-case names and values as UTF-8 bytes."""
        headers: list[tuple[bytes, bytes]] = build_scope(self._req, self._ctx)["headers"]
        return headers

    def _get_server_address(self) -> tuple[str, int]:
        """The scope's ``server``: ``(server name, port)``."""
        return self.server_name, int(self.server_port)


class AsgiMiddleware:
    """Serve HTTP-triggered functions with an ASGI app such as FastAPI or Starlette.

    From an async function, ``return await AsgiMiddleware(app).handle_async(req, context)``
    (keep one middleware per app, at module level). :meth:`notify_startup` and
    :meth:`notify_shutdown` run the app's lifespan protocol, each once; the state the
    app's lifespan sets reaches every request as ``scope["state"]``.

    :param app: The ASGI 3 application.
    :param route_prefix: ``False`` (default): ``root_path`` is ``""`` and the app routes
        full paths such as ``/api/items``, as with azure-functions. ``True``: the host's
        route prefix (read from host.json, ``api`` by default) becomes ``root_path``, so
        the app routes ``/items`` and FastAPI's ``/docs`` work. A string gives the
        prefix explicitly, e.g. ``"api"``.
    :raises ValueError: ``route_prefix=True`` and host.json cannot be read.
    """

    #: The logger of this module, under the reference's name.
    _logger = _logger
    #: The reference's flag for its one-line usage log; azfunc logs no such line.
    _usage_reported = False

    def __init__(self, app: ASGIApp, *, route_prefix: bool | str = False) -> None:
        self._app = app
        self._root_path = resolve_root_path(route_prefix)
        self._usage_reported = True
        #: The lifespan state, shared (shallow-copied) into every request's scope.
        self.state: dict[str, Any] = {}
        #: The sync handler: ``main = AsgiMiddleware(app).main`` (deprecated, see :meth:`handle`).
        self.main: Callable[[_abc.HttpRequest, _abc.Context | None], HttpResponse] = self._handle
        self._lifespan = Lifespan(app, self.state)

    @property
    def app(self) -> ASGIApp:
        """The ASGI application."""
        return self._app

    @property
    def root_path(self) -> str:
        """The path the app is mounted at (``root_path``); ``""`` without ``route_prefix``."""
        return self._root_path

    @property
    def lifespan(self) -> Lifespan:
        """The app's lifespan protocol runner (whether startup ran and succeeded)."""
        return self._lifespan

    @property
    def startup_error(self) -> LifespanError | None:
        """Why the lifespan startup failed; ``None`` if it did not run or succeeded."""
        return self._lifespan.startup_error

    # -- requests ------------------------------------------------------------------------

    def handle(self, req: _abc.HttpRequest, context: _abc.Context | None = None) -> HttpResponse:
        """Run the app on ``req`` in a new event loop and return its whole response.

        Deprecated: the lifespan does not run and requests do not share a loop. Use
        :meth:`handle_async` from an async function.

        :raises RuntimeError: Called from a running event loop, or the app broke the
            ASGI protocol.
        """
        warnings.warn(
            "AsgiMiddleware.handle() runs the app in a new event loop without lifespan; "
            "use 'await AsgiMiddleware.handle_async(req, context)' from an async function.",
            DeprecationWarning,
            stacklevel=2,
        )
        return self._handle(req, context)

    def _handle(self, req: _abc.HttpRequest, context: _abc.Context | None) -> HttpResponse:
        return asyncio.run(self._handle_async(req, context, state=None))

    async def handle_async(
        self, req: _abc.HttpRequest, context: _abc.Context | None = None
    ) -> HttpResponse:
        """Run the app on ``req`` and return its whole response.

        Waits for the app to return (so background tasks have run); an exception the app
        raises after the response is complete is logged, any other propagates.

        :param req: The request the function received.
        :param context: The invocation context; its attributes reach the app as
            ``azure_functions.<attribute>`` scope keys.
        :raises RuntimeError: The app broke the ASGI protocol.
        """
        scope = build_scope(req, context, root_path=self._root_path, state=self.state)
        exchange = _Exchange(request_body(req))
        await _drive(self._app, scope, exchange)
        _require_finished(self._app, exchange)
        return make_response(exchange.status, exchange.headers, b"".join(exchange.chunks))

    async def _handle_async(
        self, req: _abc.HttpRequest, context: _abc.Context | None, state: dict[str, Any] | None
    ) -> HttpResponse:
        scope = build_scope(req, context, root_path=self._root_path, state=state)
        response = await AsgiResponse.from_app(self._app, scope, request_body(req))
        return response.to_func_response()

    async def handle_stream(
        self, req: _abc.HttpRequest, context: _abc.Context | None = None
    ) -> AsgiStreamResponse:
        """Run the app on ``req``; return its status and headers once sent, and the body
        as an async iterator of chunks, passed on as the app sends them.

        :raises RuntimeError: The app broke the ASGI protocol.

        .. versionadded:: azfunc 0.1
        """
        scope = build_scope(req, context, root_path=self._root_path, state=self.state)
        exchange = _Exchange(request_body(req), drop_body=scope["method"] == "HEAD", stream=True)
        task = await _run_until_started(self._app, scope, exchange)
        return AsgiStreamResponse(
            status_code=exchange.status,
            headers=HttpResponseHeaders(exchange.headers),
            body=_body_chunks(exchange, task),
        )

    # -- lifespan ------------------------------------------------------------------------

    async def notify_startup(self) -> bool:
        """Run the app's lifespan startup, once; return whether the app may serve requests.

        Concurrent and later calls wait for and return the first call's result. An app
        that does not speak the lifespan protocol (it raises or returns on the
        ``lifespan`` scope without a message) may serve requests: ``True``.
        ``lifespan.startup.failed`` gives ``False`` and :attr:`startup_error`.
        """
        return await self._lifespan.startup()

    async def notify_shutdown(self) -> None:
        """Run the app's lifespan shutdown, once; return when the app has shut down.

        Does nothing when the startup failed or the app has no lifespan support.

        :raises RuntimeError: :meth:`notify_startup` was never called.
        """
        await self._lifespan.shutdown()
