"""Service Bus converters and the message type a Service Bus trigger delivers."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from azfunc import _jsonutils, _servicebus, _utils, meta
from azfunc._datum import TriggerMetadataValues, str_or_bytes_datum
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import SERVICE_BUS, SERVICE_BUS_TRIGGER
from azfunc.meta import Datum

__all__ = ["ServiceBusMessage", "ServiceBusMessageInConverter", "ServiceBusMessageOutConverter"]


class ServiceBusMessage(TriggerMetadataValues, _servicebus.ServiceBusMessage):
    """A Service Bus message as a ``serviceBusTrigger`` delivers it.

    Every argument is keyword-only; each becomes the property of the same name.
    The converter fills them from the trigger metadata (``MessageId``,
    ``EnqueuedTimeUtc``, …, or the ``…Array`` entries of a batch).

    :param body: The message content, kept as given: :meth:`get_body` returns a ``str``
        body as ``str`` (the converter passes ``bytes``).
    :param trigger_metadata: The host's trigger metadata, exposed as :attr:`metadata`.
    :raises TypeError: ``body`` is not ``str``, ``bytes``, ``bytearray`` or ``None``.
    """

    def __init__(
        self,
        *,
        body: str | bytes | bytearray | None,
        trigger_metadata: Mapping[str, Datum] | None = None,
        application_properties: dict[str, Any],
        content_type: str | None = None,
        correlation_id: str | None = None,
        dead_letter_error_description: str | None = None,
        dead_letter_reason: str | None = None,
        dead_letter_source: str | None = None,
        delivery_count: int | None = None,
        enqueued_sequence_number: int | None = None,
        enqueued_time_utc: datetime.datetime | None = None,
        expires_at_utc: datetime.datetime | None = None,
        label: str | None = None,
        locked_until: datetime.datetime | None = None,
        lock_token: str | None = None,
        message_id: str,
        partition_key: str | None = None,
        reply_to: str | None = None,
        reply_to_session_id: str | None = None,
        scheduled_enqueue_time_utc: datetime.datetime | None = None,
        sequence_number: int | None = None,
        session_id: str | None = None,
        state: int | None = None,
        subject: str | None = None,
        time_to_live: datetime.timedelta | None = None,
        to: str | None = None,
        transaction_partition_key: str | None = None,
        user_properties: dict[str, Any],
    ) -> None:
        super().__init__(body=body, content_type=content_type, correlation_id=correlation_id)
        self.__body = body
        self._trigger_metadata = trigger_metadata
        self.__application_properties = application_properties
        self.__content_type = content_type
        self.__correlation_id = correlation_id
        self.__dead_letter_error_description = dead_letter_error_description
        self.__dead_letter_reason = dead_letter_reason
        self.__dead_letter_source = dead_letter_source
        self.__delivery_count = delivery_count
        self.__enqueued_sequence_number = enqueued_sequence_number
        self.__enqueued_time_utc = enqueued_time_utc
        self.__expires_at_utc = expires_at_utc
        self.__label = label
        self.__locked_until = locked_until
        self.__lock_token = lock_token
        self.__message_id = message_id
        self.__partition_key = partition_key
        self.__reply_to = reply_to
        self.__reply_to_session_id = reply_to_session_id
        self.__scheduled_enqueue_time_utc = scheduled_enqueue_time_utc
        self.__sequence_number = sequence_number
        self.__session_id = session_id
        self.__state = state
        self.__subject = subject
        self.__time_to_live = time_to_live
        self.__to = to
        self.__transaction_partition_key = transaction_partition_key
        self.__user_properties = user_properties

    def get_body(self) -> Any:
        """Return the content as it was given (``bytes`` from the converter)."""
        return self.__body

    @property
    def application_properties(self) -> dict[str, Any]:
        """The application-defined properties of the message."""
        return self.__application_properties

    @property
    def content_type(self) -> str | None:
        """The media type of the body."""
        return self.__content_type

    @property
    def correlation_id(self) -> str | None:
        """The correlation id the sender set."""
        return self.__correlation_id

    @property
    def dead_letter_error_description(self) -> str | None:
        """The description given when the message was dead-lettered."""
        return self.__dead_letter_error_description

    @property
    def dead_letter_reason(self) -> str | None:
        """The reason given when the message was dead-lettered."""
        return self.__dead_letter_reason

    @property
    def dead_letter_source(self) -> str | None:
        """The entity the message was dead-lettered from."""
        return self.__dead_letter_source

    @property
    def delivery_count(self) -> int | None:
        """How many times delivery of the message was attempted."""
        return self.__delivery_count

    @property
    def enqueued_sequence_number(self) -> int | None:
        """The sequence number given when the message was enqueued."""
        return self.__enqueued_sequence_number

    @property
    def enqueued_time_utc(self) -> datetime.datetime | None:
        """When the message was enqueued (UTC)."""
        return self.__enqueued_time_utc

    @property
    def expires_at_utc(self) -> datetime.datetime | None:
        """When the message expires (UTC)."""
        return self.__expires_at_utc

    @property
    def label(self) -> str | None:
        """The application-specific label."""
        return self.__label

    @property
    def locked_until(self) -> datetime.datetime | None:
        """When the lock on the message ends (UTC)."""
        return self.__locked_until

    @property
    def lock_token(self) -> str | None:
        """The token of the lock held on the message."""
        return self.__lock_token

    @property
    def message_id(self) -> str:
        """The message id."""
        return self.__message_id

    @property
    def partition_key(self) -> str | None:
        """The partition key of a partitioned entity."""
        return self.__partition_key

    @property
    def reply_to(self) -> str | None:
        """The entity to send replies to."""
        return self.__reply_to

    @property
    def reply_to_session_id(self) -> str | None:
        """The session to send replies to."""
        return self.__reply_to_session_id

    @property
    def scheduled_enqueue_time_utc(self) -> datetime.datetime | None:
        """When the message is scheduled to be enqueued (UTC)."""
        return self.__scheduled_enqueue_time_utc

    @property
    def sequence_number(self) -> int | None:
        """The unique number Service Bus assigned to the message."""
        return self.__sequence_number

    @property
    def session_id(self) -> str | None:
        """The session the message belongs to."""
        return self.__session_id

    @property
    def state(self) -> int | None:
        """The message state: 0 active, 1 deferred, 2 scheduled."""
        return self.__state

    @property
    def subject(self) -> str | None:
        """The application-specific subject."""
        return self.__subject

    @property
    def time_to_live(self) -> datetime.timedelta | None:
        """How long the message lives before it expires."""
        return self.__time_to_live

    @property
    def to(self) -> str | None:
        """The address the message is sent to."""
        return self.__to

    @property
    def transaction_partition_key(self) -> str | None:
        """The partition key of a transaction that spans entities."""
        return self.__transaction_partition_key

    @property
    def user_properties(self) -> dict[str, Any]:
        """The user-defined properties of the message."""
        return self.__user_properties

    @property
    def force_persistence(self) -> bool:
        """Not available: the host does not pass it.

        :raises NotImplementedError: Always.
        """
        raise NotImplementedError("This requires gRPC boolean support")

    def __repr__(self) -> str:
        return (
            f"<azure.functions.ServiceBusMessage message_id={self.message_id} at 0x{id(self):0x}>"
        )


# (constructor keyword, trigger metadata name, kind); a batch adds "Array" to the name.
_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("application_properties", "ApplicationProperties", "dict"),
    ("content_type", "ContentType", "str"),
    ("correlation_id", "CorrelationId", "str"),
    ("dead_letter_error_description", "DeadLetterErrorDescription", "str"),
    ("dead_letter_reason", "DeadLetterReason", "str"),
    ("dead_letter_source", "DeadLetterSource", "str"),
    ("delivery_count", "DeliveryCount", "int"),
    ("enqueued_sequence_number", "EnqueuedSequenceNumber", "int"),
    ("enqueued_time_utc", "EnqueuedTimeUtc", "datetime"),
    ("expires_at_utc", "ExpiresAtUtc", "datetime"),
    ("label", "Label", "str"),
    ("locked_until", "LockedUntil", "datetime"),
    ("lock_token", "LockToken", "str"),
    ("message_id", "MessageId", "str"),
    ("partition_key", "PartitionKey", "str"),
    ("reply_to", "ReplyTo", "str"),
    ("reply_to_session_id", "ReplyToSessionId", "str"),
    ("scheduled_enqueue_time_utc", "ScheduledEnqueueTimeUtc", "datetime"),
    ("sequence_number", "SequenceNumber", "int"),
    ("session_id", "SessionId", "str"),
    ("state", "State", "int"),
    ("subject", "Subject", "str"),
    ("time_to_live", "TimeToLive", "timedelta"),
    ("to", "To", "str"),
    ("transaction_partition_key", "TransactionPartitionKey", "str"),
    ("user_properties", "UserProperties", "dict"),
)

_PYTHON_TYPES: dict[str, type] = {"str": str, "int": int, "dict": dict}
_COLLECTION_TYPES = (
    "collection_bytes",
    "collection_string",
    "collection_double",
    "collection_sint64",
)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


# How one item of a batch's "…Array" metadata becomes a field value.
_ITEM_PARSERS: dict[str, Callable[[Any], Any]] = {
    "str": lambda value: value,
    "dict": lambda value: value,
    "int": _optional_int,
    "datetime": lambda value: _utils.parse_datetime(value),
    "timedelta": lambda value: _utils.parse_timedelta(None if value is None else str(value)),
}


class ServiceBusMessageInConverter(meta.InConverter, binding=SERVICE_BUS_TRIGGER, trigger=True):
    """Decodes a Service Bus trigger payload into a :class:`ServiceBusMessage`, or a list
    of them when the trigger has ``cardinality="many"``."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(pytype, _servicebus.ServiceBusMessage)

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> ServiceBusMessage | list[ServiceBusMessage]:
        metadata = trigger_metadata or {}
        if "UserProperties" in metadata:
            return cls._decode_single(data, metadata)
        if "UserPropertiesArray" in metadata:
            return cls._decode_batch(data, metadata)
        raise NotImplementedError(
            f"unsupported service bus data type: {data.type} or UserProperties does not exist"
        )

    @classmethod
    def _decode_single(cls, data: Datum, metadata: Mapping[str, Datum]) -> ServiceBusMessage:
        if data.type in ("string", "json"):
            body = data.value.encode("utf-8")
        elif data.type == "bytes":
            body = data.value
        else:
            # The reference's text, "queue" included.
            raise NotImplementedError(f"unsupported queue payload type: {data.type}")
        fields: dict[str, Any] = {}
        for keyword, name, kind in _FIELDS:
            if kind == "datetime":
                fields[keyword] = cls._parse_datetime_metadata(metadata, name)
            elif kind == "timedelta":
                fields[keyword] = cls._parse_timedelta_metadata(metadata, name)
            else:
                fields[keyword] = cls._decode_trigger_metadata_field(
                    metadata, name, python_type=_PYTHON_TYPES[kind]
                )
        return ServiceBusMessage(body=body, trigger_metadata=metadata, **fields)

    @classmethod
    def _decode_batch(cls, data: Datum, metadata: Mapping[str, Datum]) -> list[ServiceBusMessage]:
        return cls._messages(cls._batch_bodies(data), metadata)

    @classmethod
    def _messages(
        cls, bodies: list[bytes], metadata: Mapping[str, Datum]
    ) -> list[ServiceBusMessage]:
        """One message per ``UserPropertiesArray`` entry, fields from the ``…Array`` entries."""
        count = len(metadata["UserPropertiesArray"].python_value or [])
        if len(bodies) < count:
            raise ValueError(
                f"cannot decode a Service Bus batch of {len(bodies)} bodies with {count} "
                f"entries in 'UserPropertiesArray': the host's payload and trigger metadata "
                f"disagree"
            )
        columns = {}
        for keyword, name, kind in _FIELDS:
            array = metadata.get(f"{name}Array")
            columns[keyword] = (kind, None if array is None else array.python_value)
        messages = []
        for index in range(count):
            fields: dict[str, Any] = {
                keyword: _ITEM_PARSERS[kind](values[index])
                if values is not None and index < len(values)
                else None
                for keyword, (kind, values) in columns.items()
            }
            messages.append(
                ServiceBusMessage(body=bodies[index], trigger_metadata=metadata, **fields)
            )
        return messages

    @staticmethod
    def _batch_bodies(data: Datum) -> list[bytes]:
        if data.type == "collection_bytes":
            return list(data.value.bytes)
        if data.type == "collection_string":
            return [item.encode("utf-8") for item in data.value.string]
        if data.type == "json":
            return [_jsonutils.dumps(item).encode("utf-8") for item in _jsonutils.loads(data.value)]
        raise NotImplementedError(f"unable to decode multiple messages with data type {data.type}")

    # The reference's names for the steps of decode(), kept for code that calls them.

    @classmethod
    def decode_single_message(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> ServiceBusMessage:
        """Decode one message (``cardinality="one"``) with its trigger metadata."""
        return cls._decode_single(data, trigger_metadata or {})

    @classmethod
    def decode_multiple_messages(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum]
    ) -> list[ServiceBusMessage]:
        """Decode a batch (``cardinality="many"``) with its ``…Array`` trigger metadata."""
        return cls._decode_batch(data, trigger_metadata)

    @classmethod
    def _is_cardinality_one(cls, trigger_metadata: Mapping[str, Datum]) -> bool:
        """Whether the metadata describes one message (it has ``UserProperties``)."""
        return "UserProperties" in trigger_metadata

    @classmethod
    def _is_cardinality_many(cls, trigger_metadata: Mapping[str, Datum]) -> bool:
        """Whether the metadata describes a batch (it has ``UserPropertiesArray``)."""
        return "UserPropertiesArray" in trigger_metadata

    @classmethod
    def _get_event_count(cls, trigger_metadata: Mapping[str, Datum]) -> int:
        """The number of messages of a batch: the length of ``UserPropertiesArray``.

        :raises KeyError: The metadata has no ``UserPropertiesArray``.
        """
        return len(trigger_metadata["UserPropertiesArray"].python_value or [])

    @classmethod
    def _get_from_metadata_array(
        cls, trigger_metadata: Mapping[str, Datum], array_name: str, index: int
    ) -> Any:
        """Item ``index`` of the ``json`` or collection entry ``array_name``; ``None`` when
        the entry is missing, of another type, or shorter."""
        datum = trigger_metadata.get(array_name)
        if datum is None or not (datum.type == "json" or datum.type in _COLLECTION_TYPES):
            return None
        values = datum.python_value
        if not isinstance(values, list) or index >= len(values):
            return None
        return values[index]

    @classmethod
    def _marshall_message_body(cls, body: Any, data_type: str) -> bytes:
        """``bytes`` of a ``bytes`` payload, or a ``json`` payload's dict as JSON bytes.

        :raises NotImplementedError: Any other combination.
        """
        if data_type == "bytes" and isinstance(body, bytes):
            return body
        if data_type == "json" and isinstance(body, dict):
            return _jsonutils.dumps(body).encode("utf-8")
        raise NotImplementedError(f"unable to marshall message body with data_type {data_type}")

    @classmethod
    def _marshall_message_bodies(cls, bodies: list[Any], data_type: str) -> list[bytes]:
        """The bodies of a batch as ``bytes``: collection items, or ``json`` items as JSON.

        :raises NotImplementedError: ``data_type`` is no collection type nor ``json``.
        """
        if data_type == "collection_bytes":
            return list(bodies)
        if data_type == "collection_string":
            return [b if isinstance(b, bytes) else b.encode("utf-8") for b in bodies]
        if data_type == "json":
            return [_jsonutils.dumps(body).encode("utf-8") for body in bodies]
        raise NotImplementedError(f"unable to marshall message bodies with data_type {data_type}")

    @classmethod
    def _extract_messages(
        cls, parsed_data: list[Any], data_type: str, trigger_metadata: Mapping[str, Datum]
    ) -> list[ServiceBusMessage]:
        """Build a batch's messages from its parsed bodies and ``…Array`` metadata."""
        return cls._messages(cls._marshall_message_bodies(parsed_data, data_type), trigger_metadata)


class ServiceBusMessageOutConverter(meta.OutConverter, binding=SERVICE_BUS):
    """Encodes ``str`` or ``bytes`` for a Service Bus output binding."""

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, (str, bytes))

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        datum = str_or_bytes_datum(obj)
        if datum is not None:
            return datum
        raise NotImplementedError(
            f"cannot send {type(obj).__name__} to a Service Bus output binding: "
            f"expected str or bytes; serialise the message body first"
        )
