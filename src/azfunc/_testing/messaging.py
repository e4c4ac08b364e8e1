"""Builders for Service Bus messages and Event Hub events, single and in batches.

A batch builder takes single payloads (or bare bodies) and merges their trigger
metadata into the ``…Array`` entries the host sends for ``cardinality="many"``.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from azfunc import _jsonutils
from azfunc._eventhub import EventHubEvent
from azfunc._testing.payload import (
    DEFAULT_TIME,
    Payload,
    bodies_datum,
    body_datum,
    column,
    decoded,
    int_datum,
    json_datum,
    metadata,
    string_datum,
    time_datum,
    time_text,
    timespan_datum,
)
from azfunc._testing.storage import DEFAULT_MESSAGE_ID, JsonBody, _text
from azfunc.decorators.constants import EVENT_HUB_TRIGGER, SERVICE_BUS_TRIGGER
from azfunc.meta import Datum
from azfunc.servicebus import _FIELDS as _SERVICE_BUS_FIELDS
from azfunc.servicebus import ServiceBusMessage

__all__ = [
    "event_hub_event",
    "event_hub_event_payload",
    "event_hub_events",
    "event_hub_events_payload",
    "service_bus_message",
    "service_bus_message_payload",
    "service_bus_messages",
    "service_bus_messages_payload",
]

DEFAULT_LOCK_TOKEN = "00000000-0000-0000-0000-00000000000a"

Body = str | bytes | bytearray | JsonBody


def _nth_id(index: int) -> str:
    """The default id of the ``index``-th item of a batch (``…0001``, ``…0002``, …)."""
    return f"{DEFAULT_MESSAGE_ID[:-12]}{index + 1:012d}"


def _body_of(data: Datum) -> str | bytes:
    """The body a single payload carries, as the batch's collection needs it."""
    value: str | bytes = data.value
    return value


def _field_datum(kind: str, value: Any) -> Datum | None:
    """The datum of one Service Bus field, typed as the host types it."""
    if value is None:
        return None
    if kind == "datetime":
        return time_datum(value)
    if kind == "timedelta":
        return timespan_datum(value)
    if kind == "int":
        return int_datum(value)
    if kind == "dict":
        return json_datum(value)
    return string_datum(value)


# -- Service Bus ------------------------------------------------------------------------------


def service_bus_message_payload(
    body: Body = "",
    *,
    message_id: str = DEFAULT_MESSAGE_ID,
    application_properties: Mapping[str, Any] | None = None,
    content_type: str | None = None,
    correlation_id: str | None = None,
    dead_letter_error_description: str | None = None,
    dead_letter_reason: str | None = None,
    dead_letter_source: str | None = None,
    delivery_count: int | None = 1,
    enqueued_sequence_number: int | None = None,
    enqueued_time_utc: datetime.datetime | None = DEFAULT_TIME,
    expires_at_utc: datetime.datetime | None = DEFAULT_TIME + datetime.timedelta(days=14),
    label: str | None = None,
    locked_until: datetime.datetime | None = DEFAULT_TIME + datetime.timedelta(minutes=1),
    lock_token: str | None = DEFAULT_LOCK_TOKEN,
    partition_key: str | None = None,
    reply_to: str | None = None,
    reply_to_session_id: str | None = None,
    scheduled_enqueue_time_utc: datetime.datetime | None = None,
    sequence_number: int | None = 1,
    session_id: str | None = None,
    state: int | None = 0,
    subject: str | None = None,
    time_to_live: datetime.timedelta | None = datetime.timedelta(days=14),
    to: str | None = None,
    transaction_partition_key: str | None = None,
    user_properties: Mapping[str, Any] | None = None,
) -> Payload[ServiceBusMessage]:
    """Return what the host sends for a ``serviceBusTrigger`` with one message.

    Every keyword is the :class:`~azfunc.ServiceBusMessage` property of the same name;
    ``None`` leaves the field out, as the host does for values a message lacks.

    :param body: The message body; a dict or list is sent as JSON text.
    :param application_properties: The application properties (``{}`` by default).
    :param user_properties: The user properties; the host sends the application
        properties under this name too, so they are the default.
    """
    fields: dict[str, Any] = {
        "message_id": message_id,
        "application_properties": dict(application_properties or {}),
        "content_type": content_type,
        "correlation_id": correlation_id,
        "dead_letter_error_description": dead_letter_error_description,
        "dead_letter_reason": dead_letter_reason,
        "dead_letter_source": dead_letter_source,
        "delivery_count": delivery_count,
        "enqueued_sequence_number": enqueued_sequence_number,
        "enqueued_time_utc": enqueued_time_utc,
        "expires_at_utc": expires_at_utc,
        "label": label,
        "locked_until": locked_until,
        "lock_token": lock_token,
        "partition_key": partition_key,
        "reply_to": reply_to,
        "reply_to_session_id": reply_to_session_id,
        "scheduled_enqueue_time_utc": scheduled_enqueue_time_utc,
        "sequence_number": sequence_number,
        "session_id": session_id,
        "state": state,
        "subject": subject,
        "time_to_live": time_to_live,
        "to": to,
        "transaction_partition_key": transaction_partition_key,
        "user_properties": dict(
            user_properties if user_properties is not None else application_properties or {}
        ),
    }
    entries = {
        name: _field_datum(kind, fields[keyword]) for keyword, name, kind in _SERVICE_BUS_FIELDS
    }
    return Payload(
        binding=SERVICE_BUS_TRIGGER,
        data=body_datum(_text(body)),
        trigger_metadata=metadata(**entries),
    )


def service_bus_messages_payload(
    messages: Iterable[Payload[ServiceBusMessage] | Body],
) -> Payload[list[ServiceBusMessage]]:
    """Return what the host sends for a ``serviceBusTrigger`` with ``cardinality="many"``.

    :param messages: Each a :func:`service_bus_message_payload` or a bare body, which
        gets the default fields with the message id and sequence number of its position.
    """
    singles = [
        item
        if isinstance(item, Payload)
        else service_bus_message_payload(item, message_id=_nth_id(index), sequence_number=index + 1)
        for index, item in enumerate(messages)
    ]
    entries: dict[str, Datum] = {}
    for _keyword, name, _kind in _SERVICE_BUS_FIELDS:
        values = [_metadata_value(single, name) for single in singles]
        entries[f"{name}Array"] = column(values)
    return Payload(
        binding=SERVICE_BUS_TRIGGER,
        data=bodies_datum(_body_of(single.data) for single in singles),
        trigger_metadata=entries,
    )


def _metadata_value(single: Payload[Any], name: str) -> Any:
    data = single.trigger_metadata.get(name)
    return None if data is None else data.python_value


# -- Event Hubs and IoT Hub -------------------------------------------------------------------


def event_hub_event_payload(
    body: Body = "",
    *,
    enqueued_time: datetime.datetime = DEFAULT_TIME,
    sequence_number: int = 1,
    offset: str = "0",
    partition_key: str | None = None,
    properties: Mapping[str, Any] | None = None,
    iothub: Mapping[str, Any] | None = None,
    event_hub_name: str = "hub",
    consumer_group: str = "$Default",
    partition_id: str = "0",
) -> Payload[EventHubEvent]:
    """Return what the host sends for an ``eventHubTrigger`` with one event.

    :param body: The event body; a dict or list is sent as JSON text.
    :param enqueued_time: When the event was enqueued.
    :param sequence_number: Its sequence number in the partition.
    :param offset: Its offset in the partition (text, as the host sends it).
    :param partition_key: The partition key the sender chose.
    :param properties: The application properties.
    :param iothub: IoT Hub system properties without their ``iothub-`` prefix
        (``{"connection-device-id": "dev1"}``), for events read from an IoT Hub's
        built-in endpoint; they become :attr:`~azfunc.EventHubEvent.iothub_metadata`.
    :param event_hub_name: ``PartitionContext.EventHubName``.
    :param consumer_group: ``PartitionContext.ConsumerGroup``.
    :param partition_id: ``PartitionContext.PartitionId``.
    """
    system = _system_properties(
        enqueued_time=enqueued_time,
        sequence_number=sequence_number,
        offset=offset,
        partition_key=partition_key,
        iothub=iothub,
    )
    context = {
        "EventHubName": event_hub_name,
        "ConsumerGroup": consumer_group,
        "PartitionId": partition_id,
    }
    return Payload(
        binding=EVENT_HUB_TRIGGER,
        data=body_datum(_text(body)),
        trigger_metadata=metadata(
            SystemProperties=json_datum(system),
            EnqueuedTimeUtc=time_datum(enqueued_time),
            SequenceNumber=int_datum(sequence_number),
            Offset=string_datum(offset),
            PartitionKey=None if partition_key is None else string_datum(partition_key),
            PartitionContext=json_datum(context),
            Properties=json_datum(dict(properties or {})),
        ),
    )


def _system_properties(
    *,
    enqueued_time: datetime.datetime,
    sequence_number: int,
    offset: str,
    partition_key: str | None,
    iothub: Mapping[str, Any] | None,
) -> dict[str, Any]:
    return {
        "x-opt-sequence-number": sequence_number,
        "x-opt-offset": offset,
        "x-opt-enqueued-time": time_text(enqueued_time),
        "x-opt-partition-key": partition_key,
        "SequenceNumber": sequence_number,
        "Offset": offset,
        "PartitionKey": partition_key,
        "EnqueuedTimeUtc": time_text(enqueued_time),
        **{f"iothub-{name}": value for name, value in (iothub or {}).items()},
    }


def event_hub_events_payload(
    events: Iterable[Payload[EventHubEvent] | Body],
) -> Payload[list[EventHubEvent]]:
    """Return what the host sends for an ``eventHubTrigger`` with ``cardinality="many"``.

    :param events: Each an :func:`event_hub_event_payload` or a bare body, which gets
        the sequence number and offset of its position.
    """
    singles = [
        item
        if isinstance(item, Payload)
        else event_hub_event_payload(item, sequence_number=index + 1, offset=str(index))
        for index, item in enumerate(events)
    ]
    systems = [
        _jsonutils.loads(single.trigger_metadata["SystemProperties"].value) for single in singles
    ]
    first_context = singles[0].trigger_metadata["PartitionContext"] if singles else json_datum({})
    return Payload(
        binding=EVENT_HUB_TRIGGER,
        data=bodies_datum(_body_of(single.data) for single in singles),
        trigger_metadata={
            "SystemPropertiesArray": json_datum(systems),
            "PartitionContext": first_context,
            "PropertiesArray": json_datum([_metadata_value(s, "Properties") for s in singles]),
            "EnqueuedTimeUtcArray": column(system["EnqueuedTimeUtc"] for system in systems),
            "SequenceNumberArray": column(system["SequenceNumber"] for system in systems),
            "OffsetArray": column(system["Offset"] for system in systems),
            "PartitionKeyArray": column(system["PartitionKey"] for system in systems),
        },
    )


service_bus_message = decoded(
    service_bus_message_payload,
    "the :class:`~azfunc.ServiceBusMessage` a Service Bus trigger delivers",
)

service_bus_messages = decoded(
    service_bus_messages_payload,
    "the list of :class:`~azfunc.ServiceBusMessage` a batch trigger delivers",
)

event_hub_event = decoded(
    event_hub_event_payload,
    "the :class:`~azfunc.EventHubEvent` an Event Hub trigger delivers",
)

event_hub_events = decoded(
    event_hub_events_payload,
    "the list of :class:`~azfunc.EventHubEvent` a batch trigger delivers",
)
