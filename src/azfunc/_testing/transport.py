"""Drive the local host's ASGI app in-process: one HTTP request in, the response out.

The test client sends its requests through this, as a server would: it builds the
ASGI ``http`` scope, feeds the body as one ``http.request`` message and collects the
``http.response.start`` and ``http.response.body`` messages. No socket, no uvicorn.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import attrs

__all__ = ["RawResponse", "call_app", "http_scope"]

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]

_DEFAULT_PORTS = {"http": 80, "https": 443}


@attrs.frozen(kw_only=True)
class RawResponse:
    """What the app sent: the status, the headers as ``(name, value)`` text pairs in
    order (repeats included), and the body."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def _request_target(text: str) -> str:
    """``text`` with the characters a request line cannot hold (non-ASCII, spaces,
    controls) percent-encoded as UTF-8, as an HTTP client sends them."""
    return "".join(c if 0x20 < ord(c) < 0x7F else quote(c, safe="") for c in text)


def _header_bytes(value: str) -> bytes:
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def http_scope(
    method: str,
    url: str,
    *,
    headers: Iterable[tuple[str, str]],
    extensions: MutableMapping[str, object] | None = None,
) -> dict[str, Any]:
    """The ASGI ``http`` scope of a request to the absolute ``url``.

    :param method: The HTTP method (upper-cased in the scope).
    :param url: The absolute URL: its scheme, host and port are the server's address
        (the request gets no ``Host`` header), its path and query the request target.
    :param headers: The request headers; names are lower-cased, as servers pass them.
    :param extensions: The scope's ``extensions``.
    """
    parts = urlsplit(url)
    scheme = parts.scheme or "http"
    port = parts.port or _DEFAULT_PORTS.get(scheme, 80)
    raw_path = _request_target(parts.path or "/")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": scheme,
        "path": unquote(raw_path),
        "raw_path": raw_path.encode("ascii"),
        "query_string": _request_target(parts.query).encode("ascii"),
        "root_path": "",
        "headers": [(_header_bytes(k.lower()), _header_bytes(v)) for k, v in headers],
        "client": ("127.0.0.1", 50000),
        "server": (parts.hostname or "localhost", port),
        "extensions": dict(extensions or {}),
    }


async def call_app(app: App, scope: MutableMapping[str, Any], body: bytes) -> RawResponse:
    """Send one request to the ASGI ``app`` and return its response.

    :raises RuntimeError: the app returned without a complete response.
    :raises Exception: what the app raised.
    """
    received = False

    async def receive() -> Message:
        nonlocal received
        if received:
            return {"type": "http.disconnect"}
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    start: Message | None = None
    chunks: list[bytes] = []
    complete = False

    async def send(message: Message) -> None:
        nonlocal start, complete
        if message["type"] == "http.response.start":
            start = message
        elif message["type"] == "http.response.body" and not complete:
            chunks.append(bytes(message.get("body", b"")))
            complete = not message.get("more_body", False)

    await app(scope, receive, send)
    if start is None or not complete:
        raise RuntimeError("The host's ASGI app returned without sending a whole response.")
    headers = [
        (bytes(name).decode("latin-1"), bytes(value).decode("latin-1"))
        for name, value in start.get("headers", [])
    ]
    return RawResponse(status=int(start["status"]), headers=headers, body=b"".join(chunks))
