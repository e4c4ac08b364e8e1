"""Storage queue converters and the message type a queue trigger delivers."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from azfunc import _abc, _queue, meta
from azfunc._datum import IsoTimestampWriter, message_list_datum
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import QUEUE, QUEUE_TRIGGER
from azfunc.meta import Datum

__all__ = ["QueueMessage", "QueueMessageInConverter", "QueueMessageOutConverter"]


class QueueMessage(_queue.QueueMessage):
    """A queue message as a ``queueTrigger`` delivers it, with its delivery facts.

    :param id: The message id.
    :param body: The content; ``str`` is encoded as UTF-8.
    :param dequeue_count: How many times the message has been dequeued.
    :param expiration_time: When the message expires.
    :param insertion_time: When the message was queued.
    :param time_next_visible: When the message becomes visible again.
    :param pop_receipt: The receipt needed to delete or update the message.
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        body: str | bytes | bytearray | None = None,
        dequeue_count: int | None = None,
        expiration_time: datetime.datetime | None = None,
        insertion_time: datetime.datetime | None = None,
        time_next_visible: datetime.datetime | None = None,
        pop_receipt: str | None = None,
    ) -> None:
        super().__init__(id=id, body=body, pop_receipt=pop_receipt)
        self.__dequeue_count = dequeue_count
        self.__expiration_time = expiration_time
        self.__insertion_time = insertion_time
        self.__time_next_visible = time_next_visible

    @property
    def dequeue_count(self) -> int | None:
        """How many times the message has been dequeued."""
        return self.__dequeue_count

    @property
    def expiration_time(self) -> datetime.datetime | None:
        """When the message expires."""
        return self.__expiration_time

    @property
    def insertion_time(self) -> datetime.datetime | None:
        """When the message was queued."""
        return self.__insertion_time

    @property
    def time_next_visible(self) -> datetime.datetime | None:
        """When the message becomes visible again."""
        return self.__time_next_visible

    def __repr__(self) -> str:
        return (
            f"<azure.QueueMessage id={self.id} dequeue_count={self.dequeue_count} "
            f"insertion_time={self.insertion_time} expiration_time={self.expiration_time} "
            f"at 0x{id(self):0x}>"
        )


class QueueMessageInConverter(meta.InConverter, binding=QUEUE_TRIGGER, trigger=True):
    """Decodes a ``queueTrigger`` payload into a :class:`QueueMessage`."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, _abc.QueueMessage)

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> QueueMessage:
        if data.type not in ("string", "bytes"):
            raise NotImplementedError(f"unsupported queue payload type: {data.type}")
        if trigger_metadata is None:
            raise NotImplementedError("missing trigger metadata for queue input")
        return QueueMessage(
            id=cls._decode_trigger_metadata_field(trigger_metadata, "Id", python_type=str),
            body=data.value,
            dequeue_count=cls._decode_trigger_metadata_field(
                trigger_metadata, "DequeueCount", python_type=int
            ),
            expiration_time=cls._parse_datetime_metadata(trigger_metadata, "ExpirationTime"),
            insertion_time=cls._parse_datetime_metadata(trigger_metadata, "InsertionTime"),
            time_next_visible=cls._parse_datetime_metadata(trigger_metadata, "NextVisibleTime"),
            pop_receipt=cls._decode_trigger_metadata_field(
                trigger_metadata, "PopReceipt", python_type=str
            ),
        )


def _message_json(message: _abc.QueueMessage) -> dict[str, Any]:
    body = message.get_body()
    return {"id": message.id, "body": body.decode("utf-8") if isinstance(body, bytes) else body}


class QueueMessageOutConverter(IsoTimestampWriter, meta.OutConverter, binding=QUEUE):
    """Encodes ``str``, ``bytes``, :class:`QueueMessage` or an iterable of them for a queue
    output binding."""

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(
            pytype, (_abc.QueueMessage, str, bytes), items=(str, bytes)
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return message_list_datum(
            obj,
            _abc.QueueMessage,
            _message_json,
            unsupported=f"cannot send {type(obj).__name__} to a queue output binding: "
            "expected str, bytes, QueueMessage, or an iterable of str and QueueMessage; "
            "convert the value first",
        )
