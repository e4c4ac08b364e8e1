"""Names of azure-functions 1.26.0 that azfunc keeps for code that reaches for them.

Each test pins the behaviour of one such name, with expected values observed by running the
reference as a black box (``tests/test_surface.py`` checks that the names exist at all).
"""

from __future__ import annotations

import datetime
import types

import pytest

from azfunc import eventhub, kafka
from azfunc.meta import Datum

UTC = datetime.timezone.utc


def _collection_bytes(*items: bytes) -> Datum:
    return Datum(types.SimpleNamespace(bytes=list(items)), "collection_bytes")


# -- eventhub --------------------------------------------------------------------------------


def test_eventhub_decode_single_event_keeps_the_body_only() -> None:
    event = eventhub.EventHubConverter.decode_single_event(Datum("hello", "string"), None)
    assert (event.get_body(), event.partition_key, event.iothub_metadata) == (
        b"hello", None, None)


def test_eventhub_decode_multiple_events_gives_one_event_per_body() -> None:
    events = eventhub.EventHubConverter.decode_multiple_events(_collection_bytes(b"a", b"b"), {})
    assert [event.get_body() for event in events] == [b"a", b"b"]


def test_eventhub_decode_multiple_events_rejects_a_single_payload() -> None:
    with pytest.raises(NotImplementedError) as info:
        eventhub.EventHubConverter.decode_multiple_events(Datum("x", "string"), None)
    assert str(info.value) == "unsupported event data payload type: string"


def test_eventhub_trigger_decode_single_event_reads_system_properties() -> None:
    metadata = {
        "SystemProperties": Datum('{"iothub-connection-device-id": "dev"}', "json"),
        "EnqueuedTimeUtc": Datum("2020-01-02T03:04:05Z", "string"),
        "SequenceNumber": Datum(3, "int"),
        "Offset": Datum("7", "string"),
        "PartitionKey": Datum("pk", "string"),
    }
    event = eventhub.EventHubTriggerConverter.decode_single_event(Datum(b"hi", "bytes"), metadata)
    assert (
        event.get_body(), event.partition_key, event.sequence_number, event.offset,
        event.enqueued_time, event.iothub_metadata,
    ) == (b"hi", "pk", 3, "7", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
          {"connection-device-id": "dev"})


def test_eventhub_trigger_decode_single_event_without_system_properties() -> None:
    event = eventhub.EventHubTriggerConverter.decode_single_event(Datum("x", "string"), {})
    assert (event.get_body(), event.sequence_number, event.iothub_metadata) == (b"x", None, {})


def test_eventhub_trigger_decode_multiple_events_pairs_bodies_and_properties() -> None:
    metadata = {"SystemPropertiesArray": Datum(
        '[{"EnqueuedTimeUtc": "2020-01-02T03:04:05Z", "SequenceNumber": 1, "Offset": "2",'
        ' "PartitionKey": "p", "iothub-x": "y"}, {"SequenceNumber": 2}]', "json")}
    events = eventhub.EventHubTriggerConverter.decode_multiple_events(
        Datum('[{"x": 1}, {"y": 2}]', "json"), metadata)
    assert [
        (e.get_body(), e.partition_key, e.sequence_number, e.offset, e.enqueued_time,
         e.iothub_metadata)
        for e in events
    ] == [
        (b'{"x": 1}', "p", 1, 2, datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), {"x": "y"}),
        (b'{"y": 2}', None, 2, None, None, {}),
    ]


def test_eventhub_trigger_decode_multiple_events_without_properties() -> None:
    with pytest.raises(AssertionError) as info:
        eventhub.EventHubTriggerConverter.decode_multiple_events(_collection_bytes(b"a"), {})
    assert str(info.value) == "Number of bodies and metadata mismatched"


# -- kafka -----------------------------------------------------------------------------------


def test_kafka_decode_single_event_and_multiple_events() -> None:
    single = kafka.KafkaConverter.decode_single_event(Datum("hello", "string"), None)
    batch = kafka.KafkaConverter.decode_multiple_events(_collection_bytes(b"a", b"b"), None)
    assert (single.get_body(), [event.get_body() for event in batch]) == (b"hello", [b"a", b"b"])
    with pytest.raises(NotImplementedError) as info:
        kafka.KafkaConverter.decode_single_event(_collection_bytes(b"a"), None)
    assert str(info.value) == "unsupported event data payload type: collection_bytes"


def test_kafka_decode_multiple_events_rejects_a_single_payload() -> None:
    # The reference returns [] here, dropping the payload.
    with pytest.raises(NotImplementedError) as info:
        kafka.KafkaConverter.decode_multiple_events(Datum("hello", "string"), None)
    assert str(info.value) == "unsupported event data payload type: string"


def test_kafka_trigger_decode_single_event_reads_metadata() -> None:
    metadata = {
        "Key": Datum("k", "string"), "Offset": Datum(1, "int"), "Partition": Datum(2, "int"),
        "Topic": Datum("t", "string"), "Timestamp": Datum("ts", "string"),
    }
    event = kafka.KafkaTriggerConverter.decode_single_event(Datum(b"hi", "bytes"), metadata)
    assert (event.get_body(), event.key, event.offset, event.partition, event.topic,
            event.timestamp) == (b"hi", "k", 1, 2, "t", "ts")


def test_kafka_get_parsed_props_checks_the_length() -> None:
    parse = kafka.KafkaTriggerConverter.get_parsed_props
    assert parse(Datum("[1, 2]", "json"), [b"a", b"b"]) == [1, 2]
    assert parse(Datum("[1, 2]", "string"), [b"a", b"b"]) == [1, 2]
    assert parse(None, []) == []
    with pytest.raises(AssertionError) as info:
        parse(Datum("[1, 2]", "json"), [b"a"])
    assert str(info.value) == "Number of bodies and metadata mismatched"
