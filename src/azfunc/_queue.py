"""The Storage queue message a function builds or receives (:class:`azfunc.QueueMessage`)."""

from __future__ import annotations

import datetime
from typing import Any

from azfunc import _abc, _jsonutils
from azfunc._jsonutils import json as json  # the reference's module-level name

__all__ = ["QueueMessage"]


def _body_bytes(body: str | bytes | bytearray | None) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray)):
        return bytes(body)
    # Exact text of the reference, which users may match on.
    raise TypeError(
        f"response is expected to be either of str, bytes, or bytearray, got {type(body).__name__}"
    )


class QueueMessage(_abc.QueueMessage):
    """A Storage queue message, for example one to send through a queue output binding.

    Messages received from a trigger are :class:`azfunc.queue.QueueMessage`, which
    also carries the dequeue count and times.

    :param id: The message id.
    :param body: The content; ``str`` is encoded as UTF-8.
    :param pop_receipt: The receipt needed to delete or update the message.
    :raises TypeError: ``body`` is not ``str``, ``bytes`` or ``bytearray``.
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        body: str | bytes | bytearray | None = None,
        pop_receipt: str | None = None,
    ) -> None:
        self.__id = id
        self.__body = _body_bytes(body)
        self.__pop_receipt = pop_receipt

    @property
    def id(self) -> str | None:
        """The message id."""
        return self.__id

    def get_body(self) -> bytes:
        """Return the content as bytes (``b""`` when there is none)."""
        return self.__body

    def get_json(self) -> Any:
        """Return the content decoded as JSON.

        :raises ValueError: The content is not valid JSON.
        """
        return _jsonutils.loads(self.__body)

    @property
    def dequeue_count(self) -> int | None:
        """How many times the message was dequeued; ``None`` on this simple class."""
        return None

    @property
    def expiration_time(self) -> datetime.datetime | None:
        """When the message expires; ``None`` on this simple class."""
        return None

    @property
    def insertion_time(self) -> datetime.datetime | None:
        """When the message was queued; ``None`` on this simple class."""
        return None

    @property
    def time_next_visible(self) -> datetime.datetime | None:
        """When the message becomes visible again; ``None`` on this simple class."""
        return None

    @property
    def pop_receipt(self) -> str | None:
        """The receipt needed to delete or update the message."""
        return self.__pop_receipt

    def __repr__(self) -> str:
        return f"<azure.QueueMessage id={self.id} at 0x{id(self):0x}>"
