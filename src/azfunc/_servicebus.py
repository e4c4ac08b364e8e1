"""The Service Bus message a function builds (:class:`azfunc.ServiceBusMessage`)."""

from __future__ import annotations

import datetime
from typing import Any

from azfunc import _abc, _queue

__all__ = ["ServiceBusMessage"]


class ServiceBusMessage(_abc.ServiceBusMessage):
    """A Service Bus message with a body, content type and correlation id.

    Messages received from a trigger are :class:`azfunc.servicebus.ServiceBusMessage`,
    which fills every property from the trigger metadata; on this class the others
    are empty.

    :param body: The content; ``str`` is encoded as UTF-8.
    :param content_type: The media type of the body.
    :param correlation_id: An id to correlate the message with others.
    :raises TypeError: ``body`` is not ``str``, ``bytes`` or ``bytearray``.
    """

    def __init__(
        self,
        *,
        body: str | bytes | bytearray | None = None,
        content_type: str | None = None,
        correlation_id: str | None = None,
    ) -> None:
        self._body = _queue._body_bytes(body)
        self._content_type = content_type
        self._correlation_id = correlation_id

    def get_body(self) -> bytes:
        """Return the content as bytes (``b""`` when there is none)."""
        return self._body

    @property
    def application_properties(self) -> dict[str, Any]:
        """The application-defined properties of the message. ``{}`` here."""
        return {}

    @property
    def content_type(self) -> str | None:
        """The media type of the body."""
        return self._content_type

    @property
    def correlation_id(self) -> str | None:
        """The correlation id the sender set."""
        return self._correlation_id

    @property
    def dead_letter_error_description(self) -> str | None:
        """The description given when the message was dead-lettered. ``None`` here."""
        return None

    @property
    def dead_letter_reason(self) -> str | None:
        """The reason given when the message was dead-lettered. ``None`` here."""
        return None

    @property
    def dead_letter_source(self) -> str | None:
        """The entity the message was dead-lettered from. ``None`` here."""
        return None

    @property
    def delivery_count(self) -> int | None:
        """How many times delivery of the message was attempted. ``None`` here."""
        return None

    @property
    def enqueued_sequence_number(self) -> int | None:
        """The sequence number given when the message was enqueued. ``None`` here."""
        return None

    @property
    def enqueued_time_utc(self) -> datetime.datetime | None:
        """When the message was enqueued (UTC). ``None`` here."""
        return None

    @property
    def expires_at_utc(self) -> datetime.datetime | None:
        """When the message expires (UTC). ``None`` here."""
        return None

    @property
    def label(self) -> str | None:
        """The application-specific label. ``None`` here."""
        return None

    @property
    def locked_until(self) -> datetime.datetime | None:
        """When the lock on the message ends (UTC). ``None`` here."""
        return None

    @property
    def lock_token(self) -> str | None:
        """The token of the lock held on the message. ``None`` here."""
        return None

    @property
    def message_id(self) -> str:
        """The message id. ``""`` here."""
        return ""

    @property
    def partition_key(self) -> str | None:
        """The partition key of a partitioned entity. ``None`` here."""
        return None

    @property
    def reply_to(self) -> str | None:
        """The entity to send replies to. ``None`` here."""
        return None

    @property
    def reply_to_session_id(self) -> str | None:
        """The session to send replies to. ``None`` here."""
        return None

    @property
    def scheduled_enqueue_time_utc(self) -> datetime.datetime | None:
        """When the message is scheduled to be enqueued (UTC). ``None`` here."""
        return None

    @property
    def sequence_number(self) -> int | None:
        """The unique number Service Bus assigned to the message. ``None`` here."""
        return None

    @property
    def session_id(self) -> str | None:
        """The session the message belongs to. ``None`` here."""
        return None

    @property
    def state(self) -> int | None:
        """The message state: 0 active, 1 deferred, 2 scheduled. ``None`` here."""
        return None

    @property
    def subject(self) -> str | None:
        """The application-specific subject. ``None`` here."""
        return None

    @property
    def time_to_live(self) -> datetime.timedelta | None:
        """How long the message lives before it expires. ``None`` here."""
        return None

    @property
    def to(self) -> str | None:
        """The address the message is sent to. ``None`` here."""
        return None

    @property
    def transaction_partition_key(self) -> str | None:
        """The partition key of a transaction that spans entities. ``None`` here."""
        return None

    @property
    def user_properties(self) -> dict[str, Any]:
        """The user-defined properties of the message. ``{}`` here."""
        return {}

    @property
    def expiration_time(self) -> datetime.datetime | None:
        """When the message expires; same as :attr:`expires_at_utc`."""
        return self.expires_at_utc

    @property
    def scheduled_enqueue_time(self) -> datetime.datetime | None:
        """When the message is to be enqueued; same as :attr:`scheduled_enqueue_time_utc`."""
        return self.scheduled_enqueue_time_utc

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The trigger metadata; ``None`` on this simple class."""
        return None
