"""Kafka event type and converters."""

from __future__ import annotations

import re
import types
import typing

import pytest

from azfunc import _kafka, kafka
from azfunc.meta import Datum

Trigger = kafka.KafkaTriggerConverter
TList = typing.List  # noqa: UP006 - the typing form, which the reference supports

# Trigger metadata as the host sends it for one record.
SINGLE_METADATA = {
    "Timestamp": Datum("2020-01-02T03:04:05Z", "string"),
    "Key": Datum("k1", "string"),
    "Partition": Datum(3, "int"),
    "Offset": Datum(42, "int"),
    "Topic": Datum("orders", "string"),
    "Headers": Datum('[{"Key": "h", "Value": "dg=="}]', "json"),
    "ConsumerGroup": Datum("cg", "string"),
}

# Trigger metadata of a two-record batch (cardinality "many").
BATCH_METADATA = {
    "TimestampArray": Datum('["t1", "t2"]', "json"),
    "KeyArray": Datum('["k1", "k2"]', "json"),
    "PartitionArray": Datum("[0, 1]", "json"),
    "OffsetArray": Datum(types.SimpleNamespace(sint64=[5, 6]), "collection_sint64"),
    "TopicArray": Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"),
    "HeadersArray": Datum('[[], [{"Key": "h", "Value": "dg=="}]]', "json"),
}


def _fields(event: kafka.KafkaEvent) -> tuple[object, ...]:
    return (
        event.get_body(),
        event.key,
        event.offset,
        event.partition,
        event.topic,
        event.timestamp,
        event.headers,
    )


def test_event() -> None:
    event = kafka.KafkaEvent(
        body=b"x", key="k", offset=1, partition=2, topic="t", timestamp="ts", headers=[]
    )
    assert isinstance(event, _kafka.AbstractKafkaEvent)
    assert _fields(event) == (b"x", "k", 1, 2, "t", "ts", [])
    assert event.metadata is None
    # As the reference prints it: the offset under partition= too.
    assert re.fullmatch(
        r"<azure\.KafkaEvent key=k partition=1 offset=1 topic=t timestamp=ts at 0x[0-9a-f]+>",
        repr(event),
    )
    assert _kafka.AbstractKafkaEvent.__abstractmethods__ == frozenset(
        {"get_body", "key", "offset", "partition", "topic", "timestamp"}
    )


@pytest.mark.parametrize(
    ("datum", "body"),
    [
        (Datum("s", "string"), b"s"),
        (Datum(b"b", "bytes"), b"b"),
        (Datum('{"a":1}', "json"), b'{"a":1}'),
    ],
)
def test_trigger_single(datum: Datum, body: bytes) -> None:
    event = Trigger.decode(datum, trigger_metadata=SINGLE_METADATA)
    assert isinstance(event, kafka.KafkaEvent)
    assert _fields(event) == (
        body,
        "k1",
        42,
        3,
        "orders",
        "2020-01-02T03:04:05Z",
        [{"Key": "h", "Value": "dg=="}],
    )
    assert event.metadata == {key: d.value for key, d in SINGLE_METADATA.items()}


def test_trigger_single_sparse_metadata() -> None:
    event = Trigger.decode(Datum("s", "string"), trigger_metadata={})
    assert isinstance(event, kafka.KafkaEvent)
    assert (_fields(event), event.metadata) == ((b"s",) + (None,) * 6, {})
    event = Trigger.decode(Datum("s", "string"), trigger_metadata=None)
    assert isinstance(event, kafka.KafkaEvent)
    assert event.metadata is None
    headers_as_text = {"Headers": Datum("[]", "string")}
    event = Trigger.decode(Datum("s", "string"), trigger_metadata=headers_as_text)
    assert isinstance(event, kafka.KafkaEvent)
    assert event.headers == []  # deviation: the reference gives ['[', ']']


@pytest.mark.parametrize(
    "datum",
    [
        Datum(types.SimpleNamespace(bytes=[b"a", b"b"]), "collection_bytes"),
        Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"),
    ],
)
def test_trigger_batch(datum: Datum) -> None:
    events = Trigger.decode(datum, trigger_metadata=BATCH_METADATA)
    assert isinstance(events, list)
    assert [_fields(e) for e in events] == [
        (b"a", "k1", 5, 0, "a", "t1", []),
        (b"b", "k2", 6, 1, "b", "t2", [{"Key": "h", "Value": "dg=="}]),
    ]
    assert events[0].metadata == {key: d.value for key, d in BATCH_METADATA.items()}


@pytest.mark.parametrize("missing", [name for name in BATCH_METADATA])
def test_trigger_batch_needs_every_array(missing: str) -> None:
    metadata = {k: v for k, v in BATCH_METADATA.items() if k != missing}
    body = Datum(types.SimpleNamespace(bytes=[b"a", b"b"]), "collection_bytes")
    with pytest.raises(AssertionError) as info:
        Trigger.decode(body, trigger_metadata=metadata)
    assert str(info.value) == "Number of bodies and metadata mismatched"


def test_trigger_batch_length_mismatch() -> None:
    body = Datum(types.SimpleNamespace(bytes=[b"a"]), "collection_bytes")
    with pytest.raises(AssertionError) as info:
        Trigger.decode(body, trigger_metadata=BATCH_METADATA)
    assert str(info.value) == "Number of bodies and metadata mismatched"


def test_plain_converter_ignores_metadata() -> None:
    conv = kafka.KafkaConverter
    event = conv.decode(Datum("s", "string"), trigger_metadata=SINGLE_METADATA)
    assert isinstance(event, kafka.KafkaEvent)
    assert (_fields(event), event.metadata) == ((b"s",) + (None,) * 6, None)
    batch = conv.decode(
        Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"), trigger_metadata=None
    )
    assert isinstance(batch, list)
    assert [e.get_body() for e in batch] == [b"a", b"b"]
    for datum, text in [(Datum(1, "int"), "int"), (Datum(None, None), "None")]:
        with pytest.raises(NotImplementedError) as info:
            conv.decode(datum, trigger_metadata=None)
        assert str(info.value) == f"unsupported event data payload type: {text}"


@pytest.mark.parametrize("conv", [kafka.KafkaConverter, Trigger])
@pytest.mark.parametrize("value", ["s", b"b", bytearray(b"a"), {"id": 1}])
def test_encode_refuses_like_the_reference(conv: type[kafka.KafkaConverter], value: object) -> None:
    # Out[str] and Out[bytes] reach the host through the generic binding instead.
    with pytest.raises(NotImplementedError) as info:
        conv.encode(value, expected_type=None)
    assert str(info.value) == "Output bindings are not supported for Kafka"


@pytest.mark.parametrize("conv", [kafka.KafkaConverter, Trigger])
def test_annotations(conv: type[kafka.KafkaConverter]) -> None:
    types_: list[object] = [kafka.KafkaEvent, TList[kafka.KafkaEvent], list[kafka.KafkaEvent]]
    types_ += [_kafka.AbstractKafkaEvent, str, bytes]
    # As in the reference: typing generics only, and an output may be an iterable of str.
    assert [conv.check_input_type_annotation(t) for t in types_] == [True] * 2 + [False] * 4  # type: ignore[arg-type]
    assert [conv.check_output_type_annotation(t) for t in types_] == [False] * 4 + [True] * 2  # type: ignore[arg-type]
    outs: list[object] = [TList[str], TList[bytes], list[str]]
    assert [conv.check_output_type_annotation(t) for t in outs] == [True, False, False]  # type: ignore[arg-type]
    assert conv.has_implicit_output() is False
    assert conv.has_trigger_support() is (conv is Trigger)
