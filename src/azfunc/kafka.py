"""Kafka event type and converters (single records and batches)."""

from __future__ import annotations

from collections.abc import Mapping, Sized
from typing import Any

from azfunc import _jsonutils, meta
from azfunc._datum import (
    TriggerMetadataValues,
    event_bodies,
    event_body,
    unsupported_event_payload,
)
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc._kafka import AbstractKafkaEvent
from azfunc.decorators.constants import KAFKA, KAFKA_TRIGGER
from azfunc.meta import Datum

__all__ = ["KafkaConverter", "KafkaEvent", "KafkaTriggerConverter"]


class KafkaEvent(TriggerMetadataValues, AbstractKafkaEvent):
    """A record read from a Kafka topic by a Kafka trigger.

    :param body: The record value.
    :param trigger_metadata: The host's trigger metadata, exposed as :attr:`metadata`.
    :param key: The record key.
    :param offset: The record's offset within its partition.
    :param partition: The partition the record was read from.
    :param topic: The topic the record was read from.
    :param timestamp: The record timestamp, as text.
    :param headers: The record headers, as the host lists them (``{"Key", "Value"}``
        dicts, values base64-encoded).
    """

    def __init__(
        self,
        *,
        body: bytes,
        trigger_metadata: Mapping[str, Datum] | None = None,
        key: str | None = None,
        offset: int | None = None,
        partition: int | None = None,
        topic: str | None = None,
        timestamp: str | None = None,
        headers: list[Any] | None = None,
    ) -> None:
        self.__body = body
        self._trigger_metadata = trigger_metadata
        self.__key = key
        self.__offset = offset
        self.__partition = partition
        self.__topic = topic
        self.__timestamp = timestamp
        self.__headers = headers

    def get_body(self) -> bytes:
        """Return the record value."""
        return self.__body

    @property
    def key(self) -> str | None:
        """The record key."""
        return self.__key

    @property
    def offset(self) -> int | None:
        """The record's offset within its partition."""
        return self.__offset

    @property
    def partition(self) -> int | None:
        """The partition the record was read from."""
        return self.__partition

    @property
    def topic(self) -> str | None:
        """The topic the record was read from."""
        return self.__topic

    @property
    def timestamp(self) -> str | None:
        """The record timestamp, as the host sends it (not parsed)."""
        return self.__timestamp

    @property
    def headers(self) -> list[Any] | None:
        """The record headers (``{"Key": …, "Value": …}`` dicts)."""
        return self.__headers

    @staticmethod
    def _metadata_value(datum: Datum) -> Any:
        """Each datum's raw ``value`` (JSON stays text), as in the reference."""
        return datum.value

    def __repr__(self) -> str:
        return (
            # As the reference prints it: the offset under ``partition=`` too.
            f"<azure.KafkaEvent key={self.key} partition={self.offset} "
            f"offset={self.offset} topic={self.topic} timestamp={self.timestamp} "
            f"at 0x{id(self):0x}>"
        )


_BATCH_FIELDS = (
    ("timestamp", "TimestampArray"),
    ("key", "KeyArray"),
    ("partition", "PartitionArray"),
    ("offset", "OffsetArray"),
    ("topic", "TopicArray"),
    ("headers", "HeadersArray"),
)


class KafkaConverter(meta.InConverter, meta.OutConverter, binding=KAFKA):
    """Decodes Kafka payloads into :class:`KafkaEvent` values (a list for a batch) and
    encodes ``str`` or ``bytes`` messages for a Kafka output binding.
    """

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(pytype, KafkaEvent)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(pytype, (str, bytes), items=str)

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> KafkaEvent | list[KafkaEvent]:
        bodies = cls._batch_bodies(data)
        if bodies is not None:
            return cls._decode_batch(bodies, trigger_metadata)
        return cls._decode_single(cls._single_body(data), trigger_metadata)

    @classmethod
    def decode_single_event(
        cls, data: Datum, trigger_metadata: Mapping[str, Datum] | None
    ) -> KafkaEvent:
        """The reference's single-event step of :meth:`decode`.

        :raises NotImplementedError: ``data`` is not ``string``, ``json`` or ``bytes``.
        """
        return cls._decode_single(cls._single_body(data), trigger_metadata)

    @classmethod
    def decode_multiple_events(
        cls, data: Datum, trigger_metadata: Mapping[str, Datum] | None
    ) -> list[KafkaEvent]:
        """The reference's batch step of :meth:`decode`.

        :raises NotImplementedError: ``data`` is no ``collection_bytes`` or
            ``collection_string`` (the reference returns ``[]``, dropping the payload).
        """
        bodies = cls._batch_bodies(data)
        if bodies is None:
            raise unsupported_event_payload(data.type)
        return cls._decode_batch(bodies, trigger_metadata)

    @classmethod
    def _decode_single(
        cls, body: bytes, trigger_metadata: Mapping[str, Datum] | None
    ) -> KafkaEvent:
        return KafkaEvent(body=body)

    @classmethod
    def _decode_batch(
        cls, bodies: list[bytes], trigger_metadata: Mapping[str, Datum] | None
    ) -> list[KafkaEvent]:
        return [KafkaEvent(body=body) for body in bodies]

    #: The body of one event (the reference's static method).
    _single_body = staticmethod(event_body)
    #: The bodies of a batch, ``None`` for no collection (the reference's static method).
    _batch_bodies = staticmethod(event_bodies)

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Refuse, as the reference does: a Kafka output binding set through ``Out[str]``
        or ``Out[bytes]`` gets its value through the worker's generic binding instead.

        :raises NotImplementedError: Always, with the reference's text.
        """
        raise NotImplementedError("Output bindings are not supported for Kafka")


class KafkaTriggerConverter(KafkaConverter, binding=KAFKA_TRIGGER, trigger=True):
    """Decodes a ``kafkaTrigger`` payload with its metadata: ``Key``, ``Partition``,
    ``Offset``, ``Topic``, ``Timestamp``, ``Headers`` (or the ``…Array`` forms of a batch)."""

    @classmethod
    def _decode_single(
        cls, body: bytes, trigger_metadata: Mapping[str, Datum] | None
    ) -> KafkaEvent:
        if trigger_metadata is None:
            return KafkaEvent(body=body)
        md = trigger_metadata
        return KafkaEvent(
            body=body,
            trigger_metadata=md,
            key=cls._decode_trigger_metadata_field(md, "Key", python_type=str),
            offset=cls._decode_trigger_metadata_field(md, "Offset", python_type=int),
            partition=cls._decode_trigger_metadata_field(md, "Partition", python_type=int),
            topic=cls._decode_trigger_metadata_field(md, "Topic", python_type=str),
            timestamp=cls._decode_trigger_metadata_field(md, "Timestamp", python_type=str),
            headers=_headers(md.get("Headers")),
        )

    @classmethod
    def get_parsed_props(cls, props: Datum | None, parsed_data: Sized) -> list[Any]:
        """Return the list a batch metadata entry holds, one item per body.

        :param props: A ``json`` or ``string`` datum of a JSON list (a collection datum
            gives its items); ``None`` gives ``[]``.
        :param parsed_data: The batch's bodies; only their number is used.
        :raises AssertionError: The list and ``parsed_data`` differ in length (the
            reference's type and text).
        """
        return _get_parsed_props(props, parsed_data)

    @classmethod
    def _decode_batch(
        cls, bodies: list[bytes], trigger_metadata: Mapping[str, Datum] | None
    ) -> list[KafkaEvent]:
        md = trigger_metadata or {}
        columns: dict[str, list[Any]] = {}
        for keyword, name in _BATCH_FIELDS:
            array = md.get(name)
            values = None if array is None else array.python_value
            if not isinstance(values, list) or len(values) != len(bodies):
                # Exception type and text of the reference.
                raise AssertionError("Number of bodies and metadata mismatched")
            columns[keyword] = values
        return [
            KafkaEvent(
                body=body,
                trigger_metadata=md,
                **{keyword: values[index] for keyword, values in columns.items()},
            )
            for index, body in enumerate(bodies)
        ]


def _get_parsed_props(props: Datum | None, parsed_data: Sized) -> list[Any]:
    values: list[Any]
    if props is None:
        values = []
    elif props.type in ("json", "string"):
        values = _jsonutils.loads(props.value)
    else:
        values = list(props.python_value or [])
    if len(values) != len(parsed_data):
        # Exception type and text of the reference.
        raise AssertionError("Number of bodies and metadata mismatched")
    return values


def _headers(data: Datum | None) -> list[Any] | None:
    """The ``Headers`` entry: JSON (as ``json`` or ``string`` datum) decoded to a list."""
    if data is None or data.value is None:
        return None
    if data.type in ("json", "string"):
        headers: list[Any] = _jsonutils.loads(data.value)
        return headers
    return list(data.python_value)
