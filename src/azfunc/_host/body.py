"""Reading a request body within the local host's limits: its size, the bytes all
bodies may hold in memory at once, and the time between two of its chunks.

The ASGI app (:mod:`azfunc._host.asgi`) reads every body through :func:`read_body`, so
``azfunc start`` and the test client apply the same limits.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import attrs

__all__ = [
    "BODY_TIMEOUT",
    "MAX_BODY_SIZE",
    "MAX_BUFFERED_BODIES",
    "BodyBudget",
    "Busy",
    "Stalled",
    "TooLarge",
    "read_body",
]

Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]

#: The largest request body the host accepts: 100 MiB (the Functions host's limit).
MAX_BODY_SIZE = 100 * 1024 * 1024
#: The most request-body bytes all requests together may hold in memory at once: 256 MiB.
#: A request whose body would go past it is answered 503 with ``Retry-After``.
MAX_BUFFERED_BODIES = 256 * 1024 * 1024
#: Seconds the host waits for the next chunk of a request body before answering 408
#: (Kestrel's minimum body data rate gives a stalled upload 5 s; uvicorn has no limit).
BODY_TIMEOUT = 30.0


class TooLarge(Exception):
    """The body is over :data:`MAX_BODY_SIZE` (answer 413)."""


class Busy(Exception):
    """The body would take the budget past its limit (answer 503)."""


class Stalled(Exception):
    """No chunk of the body came in time (answer 408)."""


@attrs.define
class BodyBudget:
    """The request-body bytes held in memory by all requests being read or served."""

    limit: int
    used: int = 0

    def take(self, size: int) -> None:
        """:raises Busy: ``size`` more bytes would go past the limit."""
        if self.used + size > self.limit:
            raise Busy
        self.used += size

    def give_back(self, size: int) -> None:
        """Return ``size`` bytes taken with :meth:`take`."""
        self.used -= size


async def read_body(
    receive: Receive, budget: BodyBudget, taken: list[int], *, timed: bool
) -> bytes:
    """Read the whole body, counting its bytes against ``budget`` (and in ``taken[0]``,
    which the caller gives back when the request is done).

    :param timed: Wait at most :data:`BODY_TIMEOUT` for each chunk (a request announcing
        a body); later chunks are always timed.
    :raises TooLarge: the body is over :data:`MAX_BODY_SIZE`.
    :raises Busy: the body would take ``budget`` past its limit.
    :raises Stalled: no chunk came for :data:`BODY_TIMEOUT` seconds.
    """
    # One chunk is the body as is. More are written to a BytesIO, whose buffer grows in
    # place (realloc) and becomes the body without a copy: the body takes its size in
    # memory while it is assembled, not twice its size (chunks plus their join).
    first: bytes | None = None
    buffer: io.BytesIO | None = None
    size = 0
    while True:
        if timed:
            try:
                message = await asyncio.wait_for(receive(), BODY_TIMEOUT)
            except asyncio.TimeoutError:
                raise Stalled from None
        else:
            message = await receive()
            timed = True
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_SIZE:
            raise TooLarge
        budget.take(len(chunk))
        taken[0] += len(chunk)
        if buffer is not None:
            buffer.write(chunk)
        elif first is None:
            first = chunk
        else:
            buffer = io.BytesIO()
            buffer.write(first)
            buffer.write(chunk)
            first = None
        if not message.get("more_body", False):
            break
    if buffer is not None:
        return buffer.getvalue()
    return first if first is not None else b""
