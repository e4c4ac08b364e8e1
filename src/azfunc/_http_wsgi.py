"""Run a WSGI app (Flask, Django, ...) as an HTTP-triggered function.

:func:`build_environ` is a pure function from an :class:`~azfunc.HttpRequest` to a
PEP 3333 environ; :class:`WsgiMiddleware` is the thin adapter that calls the app with
it and turns what the app returns into an :class:`~azfunc.HttpResponse` (or, with
:meth:`WsgiMiddleware.handle_stream`, into a stream of body chunks).

The app runs in the caller's thread. The worker runs synchronous functions in a
thread pool, so one middleware serves several requests at once, each in its own thread.

Source: https://peps.python.org/pep-3333/
"""

from __future__ import annotations

import io
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from azfunc import _abc
from azfunc._abc import Context as Context  # the reference's module-level name
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

if TYPE_CHECKING:
    from _typeshed import OptExcInfo
    from _typeshed.wsgi import WSGIApplication, WSGIEnvironment

__all__ = [
    "WsgiMiddleware",
    "WsgiRequest",
    "WsgiResponse",
    "WsgiStreamResponse",
    "build_environ",
    "wsgi_encoding_dance",
]

_logger = logging.getLogger("azfunc._http_wsgi")


def wsgi_encoding_dance(value: str) -> str:
    """Return ``value`` as a PEP 3333 "native string": its UTF-8 bytes, one character each.

    ``"é"`` becomes ``"Ã©"``; WSGI apps undo it with ``value.encode("latin-1")``.
    """
    if value.isascii():  # the dance changes nothing
        return value
    return value.encode("utf-8").decode("latin-1")


def _native_text(value: str) -> str:
    """Undo :func:`wsgi_encoding_dance` on a response header value when it was applied."""
    if value.isascii():
        return value
    try:
        return header_text(value.encode("latin-1"))
    except UnicodeEncodeError:
        return value


class ErrorStream(io.TextIOBase):
    """``wsgi.errors``: text written to it is logged at ERROR, one record per finished write.

    A write ending with a newline (a log handler's record, a ``print``) is logged at once;
    anything else waits for the newline or :meth:`flush`.

    :param logger: Where to log; ``azfunc._http_wsgi`` by default.
    """

    def __init__(self, logger: logging.Logger | None = None) -> None:
        super().__init__()
        self._logger = logger or _logger
        self._pending: list[str] = []

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        if not isinstance(s, str):
            raise TypeError(f"wsgi.errors takes str, not {type(s).__name__}")
        self._pending.append(s)
        if s.endswith("\n"):
            self.flush()
        return len(s)

    def writelines(self, lines: Iterable[str]) -> None:  # type: ignore[override]
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        text = "".join(self._pending).rstrip("\n")
        self._pending.clear()
        if text:
            self._logger.error("%s", text)


def build_environ(
    req: _abc.HttpRequest,
    context: _abc.Context | None = None,
    *,
    errors: io.TextIOBase | None = None,
    script_name: str = "",
) -> WSGIEnvironment:
    """Return the PEP 3333 environ of ``req``.

    Strings are "native strings" (:func:`wsgi_encoding_dance`); the path is
    percent-decoded. ``Content-Type`` and ``Content-Length`` appear only as
    ``CONTENT_TYPE`` and ``CONTENT_LENGTH``, every other header as ``HTTP_<NAME>``.
    The invocation context's attributes are under ``azure_functions.<attribute>``.

    :param req: The request.
    :param context: The invocation context, or ``None``.
    :param errors: The ``wsgi.errors`` stream; a new :class:`ErrorStream` when ``None``.
    :param script_name: The path the app is mounted at (``"/api"``): when the request's
        path starts with it, it becomes ``SCRIPT_NAME`` and the rest ``PATH_INFO``.
    """
    # One unpacking instead of eight attribute reads.
    method, scheme, server_name, server_port, _, path, root, query = request_target(
        req, script_name
    )
    body = request_body(req)
    environ: WSGIEnvironment = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": root.decode("latin-1"),
        "PATH_INFO": path[len(root) :].decode("latin-1"),
        "QUERY_STRING": query.decode("latin-1"),
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": wsgi_encoding_dance(server_name),
        "SERVER_PORT": str(server_port),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": errors if errors is not None else ErrorStream(),
        "wsgi.multithread": False,  # as in the reference
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in req.headers.items():
        text = wsgi_encoding_dance(value if type(value) is str else str(value))
        if name.lower() == "content-type":
            environ["CONTENT_TYPE"] = text
        # Content-Type and Content-Length too, as HTTP_CONTENT_*, as in the reference.
        environ["HTTP_" + name.upper().replace("-", "_")] = text
    if context is not None:
        for attribute in CONTEXT_ATTRIBUTES:
            item = getattr(context, attribute, None)
            if item is not None:
                environ[f"azure_functions.{attribute}"] = item
    return environ


def _parse_status(status: str) -> int:
    code = status.split(" ", 1)[0]
    if len(code) != 3 or not code.isdigit():
        raise ValueError(
            f"The WSGI app passed the status {status!r} to start_response; PEP 3333 needs a "
            "three-digit code and a reason phrase, e.g. '200 OK'."
        )
    return int(code)


def _no_start_response(app: object) -> RuntimeError:
    return RuntimeError(
        f"The WSGI app {app!r} returned without calling start_response(); a WSGI app "
        "must call it before returning its first body chunk (PEP 3333)."
    )


def _close(iterable: object) -> None:
    close = getattr(iterable, "close", None)
    if close is not None:
        close()


class WsgiResponse:
    """Collects what a WSGI app returns: the status, the headers and the body.

    Build one with :meth:`from_app`; :meth:`to_func_response` turns it into an
    :class:`~azfunc.HttpResponse`.
    """

    def __init__(self) -> None:
        self._status = ""
        self._status_code = 0
        self._headers: list[tuple[str, str]] = []
        self._buffer: list[bytes] = []
        self._written: list[bytes] = []
        self._headers_sent = False

    @property
    def status_code(self) -> int:
        """The status code the app set; ``0`` before it called ``start_response``."""
        return self._status_code

    @property
    def headers(self) -> HttpResponseHeaders:
        """The response headers, repeated names (``Set-Cookie``) kept."""
        return HttpResponseHeaders((name, _native_text(value)) for name, value in self._headers)

    @classmethod
    def from_app(cls, app: WSGIApplication, environ: WSGIEnvironment) -> WsgiResponse:
        """Call ``app`` with ``environ`` and read its whole body.

        The app's iterable is closed afterwards, as PEP 3333 requires.
        """
        response = cls()
        buffer = response._buffer
        result = app(environ, response._start_response)
        try:
            for chunk in result:
                if response._written:
                    buffer.extend(response._take_written())
                if chunk:
                    buffer.append(bytes(chunk))
        finally:
            _close(result)
        buffer.extend(response._take_written())
        if not response._status:
            raise _no_start_response(app)
        return response

    @classmethod
    def start(
        cls, app: WSGIApplication, environ: WSGIEnvironment
    ) -> tuple[WsgiResponse, Iterator[bytes]]:
        """Call ``app`` until its status and headers are known; return them and the body chunks.

        The chunk iterator closes the app's iterable when it is exhausted or closed.

        :raises RuntimeError: The app returned without calling ``start_response``.
        """
        response = cls()
        result = app(environ, response._start_response)
        chunks = iter(result)
        try:
            first = next((bytes(c) for c in chunks if c), b"")
            if not response._status:
                raise _no_start_response(app)
        except BaseException:
            _close(result)
            raise
        response._headers_sent = True
        return response, response._drain(first, chunks, result)

    def _drain(self, first: bytes, chunks: Iterator[bytes], result: object) -> Iterator[bytes]:
        try:
            yield from self._take_written()
            if first:
                yield first
            for chunk in chunks:
                yield from self._take_written()
                if chunk:
                    yield bytes(chunk)
            yield from self._take_written()
        finally:
            _close(result)

    def _take_written(self) -> list[bytes]:
        written, self._written = self._written, []
        return written

    def _start_response(
        self,
        status: str,
        response_headers: list[tuple[str, str]] | None,
        exc_info: OptExcInfo | None = None,
    ) -> Callable[[bytes], object]:
        if exc_info is not None and exc_info[1] is not None:
            if self._headers_sent:
                raise exc_info[1].with_traceback(exc_info[2])
        elif self._status:
            raise RuntimeError(
                "The WSGI app called start_response() a second time without exc_info; "
                "PEP 3333 allows that only while handling an error."
            )
        self._status_code = _parse_status(status)
        self._status = status
        # None instead of a header list means no headers, as in the reference.
        self._headers = list(response_headers or ())
        return self._write

    def _write(self, data: bytes) -> None:
        if not self._status:
            raise RuntimeError("The WSGI app called write() before start_response().")
        if data:
            self._written.append(bytes(data))

    def to_func_response(self) -> HttpResponse:
        """Return the status, headers and body as an :class:`~azfunc.HttpResponse`."""
        headers = [(name, _native_text(value)) for name, value in self._headers]
        return make_response(self._status_code, headers, b"".join(self._buffer))


@attrs.frozen(kw_only=True)
class WsgiStreamResponse:
    """A response whose body is read chunk by chunk, from :meth:`WsgiMiddleware.handle_stream`.

    Iterate :attr:`body` to the end, or call :meth:`close`, so the app's iterable is closed.

    Attributes:
        status_code: The HTTP status code.
        headers: The response headers, repeated names (``Set-Cookie``) kept.
        body: The body chunks, as the app produces them.

    .. versionadded:: azfunc 0.1
    """

    status_code: int
    headers: HttpResponseHeaders
    body: Iterator[bytes]

    def close(self) -> None:
        """Stop reading the body and close the app's iterable."""
        _close(self.body)

    def read(self) -> bytes:
        """Read the rest of the body."""
        return b"".join(self.body)


class WsgiRequest:
    """The WSGI view of an :class:`~azfunc.HttpRequest`, as azure-functions names it.

    :func:`build_environ` does the work; this class keeps the reference's names.

    :param func_req: The request.
    :param func_ctx: The invocation context, or ``None``.
    """

    def __init__(self, func_req: _abc.HttpRequest, func_ctx: _abc.Context | None = None) -> None:
        self._req = func_req
        self._ctx = func_ctx
        environ = build_environ(func_req, func_ctx)
        self.request_method: str = environ["REQUEST_METHOD"]
        self.script_name: str = environ["SCRIPT_NAME"]
        self.path_info: str = environ["PATH_INFO"]
        self.query_string: str = environ["QUERY_STRING"]
        self.content_type: str | None = environ.get("CONTENT_TYPE")
        self.content_length: str = environ["CONTENT_LENGTH"]
        self.server_name: str = environ["SERVER_NAME"]
        self.server_port: str = environ["SERVER_PORT"]
        self.server_protocol: str = environ["SERVER_PROTOCOL"]
        self.wsgi_url_scheme: str = environ["wsgi.url_scheme"]
        self.wsgi_input: io.BytesIO = environ["wsgi.input"]

    #: The logger of this module, under the reference's name.
    _logger = _logger
    #: The environ :meth:`to_environ` built, ``None`` before the first call.
    _environ_cache: WSGIEnvironment | None = None

    def to_environ(self, errors_buffer: io.TextIOBase) -> WSGIEnvironment:
        """Return the PEP 3333 environ, with ``errors_buffer`` as ``wsgi.errors``.

        The environ is built once, as in the reference: later calls return the same dict
        (whose ``wsgi.errors`` is the first call's buffer).
        """
        if self._environ_cache is None:
            self._environ_cache = build_environ(self._req, self._ctx, errors=errors_buffer)
        return self._environ_cache

    # The reference's helpers, kept for code that calls them; build_environ does the work.

    def _get_http_headers(self, func_headers: Mapping[str, str]) -> dict[str, str]:
        """Return ``{"HTTP_<NAME>": value}``: each name upper-cased, ``-`` turned into ``_``."""
        return {
            f"HTTP_{name.upper().replace('-', '_')}": value for name, value in func_headers.items()
        }

    def _get_port(self, parsed_url: Any, lowercased_headers: Mapping[str, str]) -> int:
        """Return the server port the reference derives.

        The first ``X-Forwarded-Port`` item that starts with digits gives it (80, with a
        warning, when none does); else the URL's port; else 443 for https and 80 otherwise.

        :param parsed_url: The request URL split by :func:`urllib.parse.urlparse`.
        :param lowercased_headers: The request headers with lower-case names.
        """
        forwarded = lowercased_headers.get("x-forwarded-port")
        if forwarded:
            items = [item.strip() for item in forwarded.split(",")]
            for item in items:
                digits = re.match(r"\d+", item)
                if digits:
                    return int(digits.group())
            self._logger.warning(
                "Invalid X-Forwarded-Port header value: %s. Using default port 80", items
            )
            return 80
        if parsed_url.port:
            port: int = parsed_url.port
            return port
        return 443 if parsed_url.scheme == "https" else 80


class WsgiMiddleware:
    """Serve HTTP-triggered functions with a WSGI app such as Flask or Django.

    ``main = WsgiMiddleware(app).main`` makes a function of it, or call :meth:`handle`
    from your own function. The app runs in the caller's thread. What the app writes to
    ``wsgi.errors`` (Flask's tracebacks, for instance) is logged at ERROR through the
    ``azfunc._http_wsgi`` logger. Exceptions the app raises propagate; 5xx responses the
    app returns are returned like any other.

    :param app: The WSGI application.
    :param route_prefix: ``False`` (default): the app sees the full path, e.g.
        ``/api/items``, as with azure-functions. ``True``: the host's route prefix (read
        from host.json, ``api`` by default) becomes ``SCRIPT_NAME`` and the app sees
        ``/items``. A string gives the prefix explicitly, e.g. ``"api"``.
    :raises ValueError: ``route_prefix=True`` and host.json cannot be read.
    """

    #: The logger of this module, under the reference's name.
    _logger = _logger
    #: The reference's flag for its one-line usage log; azfunc logs no such line.
    _usage_reported = False

    def __init__(self, app: WSGIApplication, *, route_prefix: bool | str = False) -> None:
        self._app = app
        self._script_name = resolve_root_path(route_prefix)
        # One wsgi.errors stream per thread, reused: requests on a thread run one after
        # another and each flushes it when done (a new stream per request costs more
        # than the rest of the environ).
        self._errors = threading.local()
        self._usage_reported = True
        #: The function the host calls: ``main = WsgiMiddleware(app).main``.
        self.main: Callable[[_abc.HttpRequest, _abc.Context | None], HttpResponse] = self._handle

    @property
    def app(self) -> WSGIApplication:
        """The WSGI application."""
        return self._app

    @property
    def script_name(self) -> str:
        """The path the app is mounted at (``SCRIPT_NAME``); ``""`` without ``route_prefix``."""
        return self._script_name

    def handle(self, req: _abc.HttpRequest, context: _abc.Context | None = None) -> HttpResponse:
        """Run the app on ``req`` and return its whole response.

        :param req: The request the function received.
        :param context: The invocation context; its attributes reach the app as
            ``azure_functions.<attribute>`` environ keys.
        :raises RuntimeError: The app broke the WSGI protocol.
        :raises ValueError: The app passed a malformed status line.
        """
        return self._handle(req, context)

    def _handle(self, req: _abc.HttpRequest, context: _abc.Context | None) -> HttpResponse:
        errors: ErrorStream | None = getattr(self._errors, "stream", None)
        if errors is None:
            errors = self._errors.stream = ErrorStream()
        try:
            environ = build_environ(req, context, errors=errors, script_name=self._script_name)
            response = WsgiResponse.from_app(self._app, environ)
        finally:
            errors.flush()
        return response.to_func_response()

    def handle_stream(
        self, req: _abc.HttpRequest, context: _abc.Context | None = None
    ) -> WsgiStreamResponse:
        """Run the app on ``req`` and return its status and headers with a body iterator.

        The body is read from the app chunk by chunk as it is iterated.

        :raises RuntimeError: The app broke the WSGI protocol.
        :raises ValueError: The app passed a malformed status line.

        .. versionadded:: azfunc 0.1
        """
        errors = ErrorStream()
        environ = build_environ(req, context, errors=errors, script_name=self._script_name)
        try:
            response, chunks = WsgiResponse.start(self._app, environ)
        except BaseException:
            errors.flush()
            raise
        return WsgiStreamResponse(
            status_code=response.status_code,
            headers=response.headers,
            body=_flushing(chunks, errors),
        )


def _flushing(chunks: Iterator[bytes], errors: ErrorStream) -> Iterator[bytes]:
    try:
        yield from chunks
    finally:
        _close(chunks)
        errors.flush()
