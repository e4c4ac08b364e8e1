"""The connection limits of ``azfunc start``: timeouts for slow and idle clients.

uvicorn closes a keep-alive connection that stays idle after a response, but not a
connection that never sends a request, nor one that sends its headers a byte at a time.
The HTTP protocol class built here adds Kestrel's request-headers timeout to uvicorn's:
from the moment a connection opens, or a response ends, the client has
:attr:`ServerLimits.headers_timeout` seconds to send a whole request line and headers,
else the connection is closed. The limits on the body (its size, the bytes all bodies
may hold in memory, the time between two of its chunks) are checked by the ASGI app
(:mod:`azfunc._host.asgi`), so that the test client applies them too.

Source: https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/options
"""

from __future__ import annotations

import asyncio
from typing import Any

import attrs

__all__ = ["ServerLimits", "with_headers_timeout"]


@attrs.frozen(kw_only=True)
class ServerLimits:
    """The limits uvicorn applies for ``azfunc start``.

    Attributes:
        headers_timeout: Seconds a client has to send a request line and its headers,
            from when the connection opens or the previous response ends (Kestrel's
            ``RequestHeadersTimeout``: 30 s).
        keep_alive_timeout: Seconds an idle keep-alive connection stays open after a
            response (uvicorn's default: 5 s).
        max_header_bytes: The most bytes of request line and headers uvicorn buffers
            (Kestrel: 8 KiB of request line plus 32 KiB of headers); more is a 400.
        backlog: Connections the listening socket queues before accepting them.
    """

    headers_timeout: float = 30.0
    keep_alive_timeout: int = 5
    max_header_bytes: int = 40 * 1024
    backlog: int = 2048


def with_headers_timeout(base: type[Any], limits: ServerLimits) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol class ``base`` (h11's or httptools') with the
    request-headers timeout of ``limits``."""

    class _Protocol(base):  # type: ignore[misc]
        _headers_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._headers_timer is None:
                self._headers_timer = self.loop.call_later(
                    limits.headers_timeout, self._headers_timed_out
                )

        def _disarm(self) -> None:
            if self._headers_timer is not None:
                self._headers_timer.cancel()
                self._headers_timer = None

        def _headers_timed_out(self) -> None:
            self._headers_timer = None
            if not self.transport.is_closing():
                self.transport.close()

        def _waiting_for_headers(self) -> bool:
            return self.cycle is None or bool(self.cycle.response_complete)

        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            cycle = self.cycle
            super().data_received(data)
            if self.cycle is not cycle or not self._waiting_for_headers():
                self._disarm()  # a request's headers arrived (usually in this chunk)
            elif not self.transport.is_closing():
                self._arm()  # part of a request line or headers: the clock runs

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._disarm()  # the keep-alive timeout takes over until the next bytes

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return _Protocol
