"""What the WSGI and ASGI adapters both read from an :class:`~azfunc.HttpRequest`, and the
response they both build: the request target, the body, header text.
"""

from __future__ import annotations

import logging
from typing import NamedTuple
from urllib.parse import SplitResult, unquote_to_bytes, urlsplit

from azfunc import _abc
from azfunc._http import HttpResponse

__all__ = [
    "CONTEXT_ATTRIBUTES",
    "RequestTarget",
    "header_text",
    "make_response",
    "request_body",
    "request_target",
]

_logger = logging.getLogger(__name__)

# The invocation context's attributes, copied into the environ (and the ASGI scope)
# under "azure_functions.<name>", as azure-functions does.
CONTEXT_ATTRIBUTES = (
    "function_directory",
    "function_name",
    "invocation_id",
    "thread_local_storage",
    "trace_context",
    "retry_context",
)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def header_text(raw: bytes) -> str:
    """Return a response header value as text: UTF-8 when it decodes, else Latin-1."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def request_body(req: _abc.HttpRequest) -> bytes:
    """Return the request body as bytes: ``None`` is empty, ``str`` is encoded as UTF-8."""
    body: object = req.get_body()
    if type(body) is bytes:
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes | bytearray | memoryview):
        return bytes(body)
    raise TypeError(
        f"The HTTP request body has type {type(body).__name__}; a web app needs bytes. "
        "Build the request with body=b'...'."
    )


class RequestTarget(NamedTuple):
    """Where a request is going, as both WSGI and ASGI need it (built once per request, so
    a named tuple: cheaper to build than a frozen class).

    Attributes:
        method: The HTTP method, upper-cased.
        scheme: The URL scheme, ``"http"`` or ``"https"``.
        server_name: The host name of the URL (or of the ``Host`` header); ``localhost`` if none.
        server_port: ``X-Forwarded-Port`` when set (80 if it is no port number, as in the
            reference), else the URL's port, else the scheme's.
        raw_path: The path as sent, still percent-encoded.
        path: The path percent-decoded to bytes.
        root: The leading part of :attr:`path` the app is mounted at (``b""`` or e.g. ``b"/api"``).
        query_string: The query string as sent, without ``?``.
    """

    method: str
    scheme: str
    server_name: str
    server_port: int
    raw_path: bytes
    path: bytes
    root: bytes
    query_string: bytes


# RequestTarget(...) without the keyword handling of the generated __new__ (once per request).
_new_target = tuple.__new__


def _host_and_port(url: SplitResult) -> tuple[str | None, int | None]:
    """``(url.hostname, url.port)``, read directly from a plain ``host[:digits]`` netloc."""
    host, colon, port = url.netloc.partition(":")
    plain_port = port.isascii() and port.isdigit()
    if "@" in host or "[" in host or "%" in host or ":" in port or (colon and not plain_port):
        return url.hostname, url.port  # user info, IPv6, a zone or a bad port: the full parser
    if not port or int(port) > 65535:
        return host.lower() or None, url.port if port else None
    return host.lower() or None, int(port)


def _forwarded_port(value: object) -> int | None:
    first = str(value).split(",", 1)[0].strip()
    if first.isdigit():
        return int(first)
    _logger.warning(
        "Ignoring the X-Forwarded-Port header %r: its first value is not a port number; "
        "using port 80.",
        value,
    )
    return None


def _split_root(path: bytes, root_path: str) -> bytes:
    """Return the prefix of ``path`` that is ``root_path`` (matched ignoring case), else ``b""``."""
    root = root_path.encode("utf-8")
    if not root or path[: len(root)].lower() != root.lower():
        return b""
    if len(path) > len(root) and path[len(root) : len(root) + 1] != b"/":
        return b""
    return path[: len(root)]


def request_target(req: _abc.HttpRequest, root_path: str = "") -> RequestTarget:
    """Split the request's URL into the parts WSGI and ASGI need.

    :param root_path: The path the app is mounted at, e.g. ``"/api"``; it counts only when
        the request's path starts with it.
    """
    url = urlsplit(req.url)
    scheme = url.scheme or "http"
    headers = req.headers
    server_name, port = _host_and_port(url)
    if not server_name:
        host = urlsplit("//" + str(headers.get("host") or ""))
        server_name, port = host.hostname, host.port
    forwarded = headers.get("x-forwarded-port")
    if forwarded:
        port = _forwarded_port(forwarded) or 80
    raw_path = (url.path or "/").encode("utf-8")
    path = unquote_to_bytes(raw_path) if b"%" in raw_path else raw_path
    return _new_target(
        RequestTarget,
        (
            req.method.upper(),
            scheme,
            server_name or "localhost",
            port or _DEFAULT_PORTS.get(scheme, 80),
            raw_path,
            path,
            _split_root(path, root_path) if root_path else b"",
            url.query.encode("utf-8"),
        ),
    )


def make_response(status_code: int, headers: list[tuple[str, str]], body: bytes) -> HttpResponse:
    """Return an :class:`~azfunc.HttpResponse` with the headers in order, repeated ones kept.

    As in the reference, :attr:`~azfunc.HttpResponse.mimetype` is the whole Content-Type
    value and :attr:`~azfunc.HttpResponse.charset` the Content-Encoding value (the
    response's headers, sent as they are, carry both).
    """
    mimetype = charset = None
    for name, value in headers:
        lowered = name.lower()
        if lowered == "content-type":
            mimetype = value if mimetype is None else mimetype
        elif lowered == "content-encoding":
            charset = value if charset is None else charset
    return HttpResponse(
        body, status_code=status_code, mimetype=mimetype, charset=charset, headers=headers
    )
