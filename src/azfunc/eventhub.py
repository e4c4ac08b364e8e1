"""Event Hub converters: single events, batches and IoT Hub metadata."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

from azfunc import _eventhub, _jsonutils, _utils, meta
from azfunc._datum import event_bodies, event_body, unsupported_event_payload
from azfunc._eventhub import EventHubEvent
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import EVENT_HUB, EVENT_HUB_TRIGGER
from azfunc.meta import Datum

__all__ = ["EventHubConverter", "EventHubTriggerConverter"]

_IOTHUB_PREFIX = "iothub-"


class EventHubConverter(meta.InConverter, meta.OutConverter, binding=EVENT_HUB):
    """Decodes Event Hub payloads into :class:`~azfunc.EventHubEvent` values and encodes
    ``str``, ``bytes``, ``int`` or ``list`` values for an Event Hub output binding."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(pytype, _eventhub.EventHubEvent)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(pytype, (str, bytes), items=str)

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> EventHubEvent | list[EventHubEvent]:
        if data.type == "collection_string":
            # As in the reference, these bodies stay ``str`` (the trigger gives ``bytes``).
            return [EventHubEvent(body=typing.cast(bytes, item)) for item in data.value.string]
        bodies = event_bodies(data)
        if bodies is not None:
            return [EventHubEvent(body=body) for body in bodies]
        return EventHubEvent(body=event_body(data))

    @classmethod
    def decode_single_event(cls, data: Datum, trigger_metadata: Any) -> EventHubEvent:
        """The reference's single-event step of :meth:`decode`: the body only.

        :raises NotImplementedError: ``data`` is not ``string``, ``json`` or ``bytes``.
        """
        return EventHubEvent(body=event_body(data))

    @classmethod
    def decode_multiple_events(cls, data: Datum, trigger_metadata: Any) -> list[EventHubEvent]:
        """The reference's batch step of :meth:`decode`: one event per body.

        :raises NotImplementedError: ``data`` is no ``collection_bytes`` or
            ``collection_string`` (the reference fails with ``UnboundLocalError``).
        """
        bodies = event_bodies(data)
        if bodies is None:
            raise unsupported_event_payload(data.type)
        return [EventHubEvent(body=body) for body in bodies]

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Encode ``str``, ``bytes``, ``int`` (``bool`` included) or ``list`` values.

        Other values give ``Datum(None, None)``, as in the reference: nothing is sent.
        """
        if isinstance(obj, str):
            return Datum(obj, "string")
        if isinstance(obj, bytes):
            return Datum(obj, "bytes")
        if isinstance(obj, int):
            return Datum(obj, "int")
        if isinstance(obj, list):
            return Datum(_jsonutils.dumps(obj), "json")
        return Datum(None, None)


class EventHubTriggerConverter(EventHubConverter, binding=EVENT_HUB_TRIGGER, trigger=True):
    """Decodes an ``eventHubTrigger`` payload with its system properties: one event when
    the metadata has ``SystemProperties``, a list when it has ``SystemPropertiesArray``."""

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> EventHubEvent | list[EventHubEvent]:
        metadata = trigger_metadata or {}
        if "SystemProperties" in metadata:
            return cls._decode_single(data, metadata)
        if "SystemPropertiesArray" in metadata:
            return cls._decode_batch(data, metadata)
        raise unsupported_event_payload(data.type)

    @classmethod
    def decode_single_event(
        cls, data: Datum, trigger_metadata: Mapping[str, Datum] | None
    ) -> EventHubEvent:
        """The reference's name for decoding one event with its system properties."""
        return cls._decode_single(data, trigger_metadata or {})

    @classmethod
    def decode_multiple_events(
        cls, data: Datum, trigger_metadata: Mapping[str, Datum] | None
    ) -> list[EventHubEvent]:
        """The reference's name for decoding a batch with ``SystemPropertiesArray``."""
        return cls._decode_batch(data, trigger_metadata or {})

    @classmethod
    def _decode_single(cls, data: Datum, metadata: Mapping[str, Datum]) -> EventHubEvent:
        iothub = {
            key[len(_IOTHUB_PREFIX) :]: str(datum.python_value)
            for key, datum in metadata.items()
            if key.startswith(_IOTHUB_PREFIX)
        }
        if not iothub:
            system_datum = metadata.get("SystemProperties")
            system = (system_datum.python_value if system_datum else None) or {}
            iothub = _iothub_entries(system)
        return EventHubEvent(
            body=event_body(data),
            trigger_metadata=metadata,
            enqueued_time=cls._parse_datetime_metadata(metadata, "EnqueuedTimeUtc"),
            partition_key=cls._decode_trigger_metadata_field(
                metadata, "PartitionKey", python_type=str
            ),
            sequence_number=cls._decode_trigger_metadata_field(
                metadata, "SequenceNumber", python_type=int
            ),
            offset=cls._decode_trigger_metadata_field(metadata, "Offset", python_type=str),
            iothub_metadata=iothub,
        )

    @classmethod
    def _decode_batch(cls, data: Datum, metadata: Mapping[str, Datum]) -> list[EventHubEvent]:
        bodies = event_bodies(data)
        if bodies is None:
            if data.type != "json":
                raise NotImplementedError(
                    f"cannot decode an Event Hub batch with payload type {data.type!r}: "
                    f"expected 'collection_bytes', 'collection_string' or 'json'"
                )
            items = _jsonutils.loads(data.value)
            bodies = [_jsonutils.dumps(item).encode("utf-8") for item in items]
        properties_datum = metadata.get("SystemPropertiesArray")
        properties = (properties_datum.python_value if properties_datum else None) or []
        if len(bodies) != len(properties):
            # Exception type and text of the reference.
            raise AssertionError("Number of bodies and metadata mismatched")
        return [
            EventHubEvent(
                body=body,
                trigger_metadata=metadata,
                enqueued_time=_utils.parse_datetime(props.get("EnqueuedTimeUtc")),
                partition_key=props.get("PartitionKey"),
                sequence_number=_optional_int(props.get("SequenceNumber")),
                offset=_optional_int(props.get("Offset")),  # type: ignore[arg-type]
                iothub_metadata=_iothub_entries(props),
            )
            for body, props in zip(bodies, properties, strict=True)
        ]

    # The reference's names for the steps of decode(), kept for code that calls them.

    @classmethod
    def _is_cardinality_one(cls, trigger_metadata: Mapping[str, Datum]) -> bool:
        """Whether the metadata describes one event (it has ``SystemProperties``)."""
        return "SystemProperties" in trigger_metadata

    @classmethod
    def _is_cardinality_many(cls, trigger_metadata: Mapping[str, Datum]) -> bool:
        """Whether the metadata describes a batch (it has ``SystemPropertiesArray``)."""
        return "SystemPropertiesArray" in trigger_metadata

    @classmethod
    def _marshall_event_body(cls, parsed_data: Any, data_type: str) -> Any:
        """One body as ``bytes``: ``json`` items as JSON, ``string`` items UTF-8 encoded;
        other values are returned as they are."""
        if data_type == "json":
            return _jsonutils.dumps(parsed_data).encode("utf-8")
        if data_type in ("string", "collection_string") and isinstance(parsed_data, str):
            return parsed_data.encode("utf-8")
        return parsed_data

    @classmethod
    def _extract_iothub_from_dict(cls, metadict: Mapping[str, Any]) -> dict[str, Any]:
        """The ``iothub-`` entries of ``metadict``, prefix removed, values unchanged."""
        return _iothub_entries(metadict)

    @classmethod
    def _extract_iothub_from_system_properties(
        cls, system_properties_string: str
    ) -> dict[str, Any]:
        """The ``iothub-`` entries of a JSON object text.

        :raises ValueError: The text is not JSON.
        """
        return _iothub_entries(_jsonutils.loads(system_properties_string))

    @classmethod
    def _extract_iothub_from_trigger_metadata(
        cls, metadict: Mapping[str, Datum]
    ) -> dict[str, str | None]:
        """The ``iothub-`` trigger metadata entries, prefix removed, decoded as ``str``.

        :raises ValueError: An entry's datum cannot be decoded to ``str`` (``bytes``).
        """
        return {
            key[len(_IOTHUB_PREFIX) :]: cls._decode_trigger_metadata_field(
                metadict, key, python_type=str
            )
            for key in metadict
            if key.startswith(_IOTHUB_PREFIX)
        }

    @classmethod
    def _decode_iothub_metadata(cls, trigger_metadata: Mapping[str, Datum]) -> dict[str, Any]:
        """IoT Hub metadata: the ``iothub-`` trigger metadata entries if there are any,
        else those of ``SystemProperties``, else ``{}``."""
        if any(key.startswith(_IOTHUB_PREFIX) for key in trigger_metadata):
            return cls._extract_iothub_from_trigger_metadata(trigger_metadata)
        system = trigger_metadata.get("SystemProperties")
        if system is None:
            return {}
        if system.type == "string":
            return cls._extract_iothub_from_system_properties(system.value)
        return _iothub_entries(system.python_value or {})


def _iothub_entries(properties: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key[len(_IOTHUB_PREFIX) :]: value
        for key, value in properties.items()
        if key.startswith(_IOTHUB_PREFIX)
    }


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)
