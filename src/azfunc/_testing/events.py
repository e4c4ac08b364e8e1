"""Builders for Event Grid events (both schemas), Kafka records and MCP calls.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from azfunc import _jsonutils
from azfunc._eventgrid import CloudEvent, EventGridEvent
from azfunc._testing.payload import (
    DEFAULT_TIME,
    Payload,
    b64,
    bodies_datum,
    body_datum,
    column,
    decoded,
    int_datum,
    json_datum,
    metadata,
    string_datum,
    time_text,
)
from azfunc._testing.storage import DEFAULT_MESSAGE_ID, JsonBody, _text
from azfunc.decorators.constants import (
    EVENT_GRID_TRIGGER,
    KAFKA_TRIGGER,
    MCP_PROMPT_TRIGGER,
    MCP_RESOURCE_TRIGGER,
    MCP_TOOL_TRIGGER,
)
from azfunc.kafka import KafkaEvent
from azfunc.mcp import PromptInvocationContext

__all__ = [
    "cloud_event",
    "cloud_event_payload",
    "event_grid_event",
    "event_grid_event_payload",
    "kafka_event",
    "kafka_event_payload",
    "kafka_events",
    "kafka_events_payload",
    "mcp_prompt_call_payload",
    "mcp_resource_call_payload",
    "mcp_tool_call_payload",
]

DEFAULT_TOPIC = (
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
    "/providers/Microsoft.Storage/storageAccounts/account"
)

Headers = Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]


# -- Event Grid -----------------------------------------------------------------------------


def event_grid_event_payload(
    data: Any = None,
    *,
    id: str = DEFAULT_MESSAGE_ID,
    topic: str = DEFAULT_TOPIC,
    subject: str = "",
    event_type: str = "",
    event_time: datetime.datetime = DEFAULT_TIME,
    data_version: str = "1.0",
    metadata_version: str = "1",
) -> Payload[EventGridEvent]:
    """Return what the host sends for an ``eventGridTrigger`` with an Event Grid schema event.

    :param data: The event's ``data``: any JSON value.
    :param id: The event id.
    :param topic: The full resource path of the event source.
    :param subject: The publisher-defined path of the event subject.
    :param event_type: The event type, e.g. ``Microsoft.Storage.BlobCreated``.
    :param event_time: When the publisher created the event.
    :param data_version: The schema version of ``data``.
    :param metadata_version: The schema version of the event metadata.
    """
    event = {
        "id": id,
        "topic": topic,
        "subject": subject,
        "eventType": event_type,
        "eventTime": time_text(event_time),
        "data": data,
        "dataVersion": data_version,
        "metadataVersion": metadata_version,
    }
    return Payload(binding=EVENT_GRID_TRIGGER, data=json_datum(event))


def cloud_event_payload(
    data: Any = None,
    *,
    id: str = DEFAULT_MESSAGE_ID,
    source: str = DEFAULT_TOPIC,
    type: str = "",
    time: datetime.datetime | None = DEFAULT_TIME,
    subject: str | None = None,
    datacontenttype: str | None = "application/json",
    dataschema: str | None = None,
    specversion: str = "1.0",
    extensions: Mapping[str, Any] | None = None,
) -> Payload[CloudEvent]:
    """Return what the host sends for an ``eventGridTrigger`` with a CloudEvents 1.0 event.

    Keywords are the CloudEvents attributes; ``None`` leaves an optional one out.

    :param data: The event's ``data``: any JSON value.
    :param extensions: Extension attributes, e.g. ``{"traceparent": "00-…"}``; they
        become :attr:`~azfunc.CloudEvent.extension_attrs`.
    """
    event: dict[str, Any] = {
        "specversion": specversion,
        "id": id,
        "source": source,
        "type": type,
        "time": None if time is None else time_text(time),
        "subject": subject,
        "datacontenttype": datacontenttype,
        "dataschema": dataschema,
        "data": data,
        **(extensions or {}),
    }
    return Payload(
        binding=EVENT_GRID_TRIGGER,
        data=json_datum({key: value for key, value in event.items() if value is not None}),
    )


# -- Kafka ------------------------------------------------------------------------------------


def _headers(headers: Headers | None) -> list[dict[str, str]]:
    """Kafka headers as the host lists them: ``{"Key": name, "Value": base64}``."""
    pairs = headers.items() if isinstance(headers, Mapping) else (headers or ())
    return [{"Key": key, "Value": b64(value)} for key, value in pairs]


def kafka_event_payload(
    value: str | bytes | bytearray | JsonBody = "",
    *,
    key: str | None = None,
    topic: str = "topic",
    partition: int = 0,
    offset: int = 0,
    timestamp: datetime.datetime | str = DEFAULT_TIME,
    headers: Headers | None = None,
    consumer_group: str = "$Default",
) -> Payload[KafkaEvent]:
    """Return what the host sends for a ``kafkaTrigger`` with one record.

    :param value: The record value; a dict or list is sent as JSON text.
    :param key: The record key.
    :param topic: The topic it was read from.
    :param partition: The partition it was read from.
    :param offset: Its offset in the partition.
    :param timestamp: The record timestamp; a datetime is sent as ISO 8601 text.
    :param headers: Record headers as a mapping or ``(name, value)`` pairs; values are
        base64-encoded, as the host sends them.
    :param consumer_group: The consumer group reading the topic.
    """
    stamp = timestamp if isinstance(timestamp, str) else time_text(timestamp)
    return Payload(
        binding=KAFKA_TRIGGER,
        data=body_datum(_text(value)),
        trigger_metadata=metadata(
            Key=None if key is None else string_datum(key),
            Topic=string_datum(topic),
            Partition=int_datum(partition),
            Offset=int_datum(offset),
            Timestamp=string_datum(stamp),
            Headers=json_datum(_headers(headers)),
            ConsumerGroup=string_datum(consumer_group),
        ),
    )


def kafka_events_payload(
    events: Iterable[Payload[KafkaEvent] | str | bytes | bytearray | JsonBody],
) -> Payload[list[KafkaEvent]]:
    """Return what the host sends for a ``kafkaTrigger`` with ``cardinality="many"``.

    :param events: Each a :func:`kafka_event_payload` or a bare value, which gets the
        offset of its position.
    """
    singles = [
        item if isinstance(item, Payload) else kafka_event_payload(item, offset=index)
        for index, item in enumerate(events)
    ]

    def values(name: str) -> list[Any]:
        entry = [single.trigger_metadata.get(name) for single in singles]
        return [None if data is None else data.python_value for data in entry]

    return Payload(
        binding=KAFKA_TRIGGER,
        data=bodies_datum(single.data.value for single in singles),
        trigger_metadata={
            "KeyArray": json_datum(values("Key")),
            "TopicArray": column(values("Topic")),
            "PartitionArray": json_datum(values("Partition")),
            "OffsetArray": column(values("Offset")),
            "TimestampArray": json_datum(values("Timestamp")),
            "HeadersArray": json_datum(values("Headers")),
            "ConsumerGroupArray": column(values("ConsumerGroup")),
        },
    )


# -- MCP ----------------------------------------------------------------------------------------


def mcp_tool_call_payload(
    name: str, arguments: Mapping[str, Any] | None = None, *, session_id: str | None = None
) -> Payload[str]:
    """Return what the host sends for an ``mcpToolTrigger``: the call as JSON text.

    :param name: The tool name.
    :param arguments: The tool arguments the client sent.
    :param session_id: The MCP session id.
    """
    call = {"name": name, "arguments": dict(arguments or {}), "sessionId": session_id}
    return Payload(binding=MCP_TOOL_TRIGGER, data=string_datum(_jsonutils.dumps(_compact(call))))


def mcp_resource_call_payload(uri: str, *, session_id: str | None = None) -> Payload[str]:
    """Return what the host sends for an ``mcpResourceTrigger``: the read request as JSON text."""
    call = {"uri": uri, "sessionId": session_id}
    return Payload(
        binding=MCP_RESOURCE_TRIGGER, data=string_datum(_jsonutils.dumps(_compact(call)))
    )


def mcp_prompt_call_payload(
    name: str, arguments: Mapping[str, str] | None = None, *, session_id: str | None = None
) -> Payload[PromptInvocationContext]:
    """Return what the host sends for an ``mcpPromptTrigger``: the prompt request as JSON text."""
    call = {"name": name, "arguments": dict(arguments or {}), "sessionid": session_id}
    return Payload(binding=MCP_PROMPT_TRIGGER, data=string_datum(_jsonutils.dumps(_compact(call))))


def _compact(value: dict[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if item is not None}


event_grid_event = decoded(
    event_grid_event_payload,
    "the :class:`~azfunc.EventGridEvent` an Event Grid trigger delivers",
)

cloud_event = decoded(
    cloud_event_payload,
    "the :class:`~azfunc.CloudEvent` an Event Grid trigger delivers for a CloudEvents "
    "schema subscription",
)

kafka_event = decoded(
    kafka_event_payload,
    "the :class:`~azfunc.KafkaEvent` a Kafka trigger delivers",
)

kafka_events = decoded(
    kafka_events_payload,
    "the list of :class:`~azfunc.KafkaEvent` a batch Kafka trigger delivers",
)
