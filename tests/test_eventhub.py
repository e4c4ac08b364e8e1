"""Event Hub event type and converters."""

from __future__ import annotations

import datetime
import json
import re
import types
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _eventhub, eventhub
from azfunc.meta import Datum

UTC = datetime.timezone.utc
Trigger = eventhub.EventHubTriggerConverter

# Trigger metadata as the host sends it for a single IoT Hub event.
SINGLE_METADATA = {
    "SystemProperties": Datum(
        json.dumps(
            {
                "x-opt-sequence-number": 12,
                "iothub-connection-device-id": "dev1",
                "EnqueuedTimeUtc": "2020-01-02T03:04:05Z",
                "SequenceNumber": 12,
                "Offset": "345",
                "PartitionKey": "pk",
            }
        ),
        "json",
    ),
    "EnqueuedTimeUtc": Datum("2020-01-02T03:04:05.1234567Z", "string"),
    "SequenceNumber": Datum("12", "string"),
    "Offset": Datum("345", "string"),
    "PartitionKey": Datum("pk", "string"),
    "PartitionContext": Datum('{"EventHubName": "hub"}', "json"),
    "Properties": Datum('{"p": 1}', "json"),
    "iothub-device-id": Datum("dev2", "string"),
    "iothub-connection-auth-method": Datum('{"a": 1}', "json"),
}

# Trigger metadata of a two-event batch (cardinality "many").
BATCH_METADATA = {
    "SystemPropertiesArray": Datum(
        json.dumps(
            [
                {
                    "EnqueuedTimeUtc": "2020-01-02T03:04:05Z",
                    "SequenceNumber": 1,
                    "Offset": "100",
                    "PartitionKey": "a",
                    "iothub-connection-device-id": "d1",
                },
                {
                    "EnqueuedTimeUtc": "2020-01-02T03:04:06Z",
                    "SequenceNumber": "2",
                    "Offset": 200,
                    "PartitionKey": None,
                },
            ]
        ),
        "json",
    ),
    "PartitionContext": Datum('{"EventHubName": "hub"}', "json"),
}


def _fields(event: _eventhub.EventHubEvent) -> tuple[object, ...]:
    return (
        event.get_body(),
        event.partition_key,
        event.sequence_number,
        event.enqueued_time,
        event.offset,
        event.iothub_metadata,
    )


def test_event_type() -> None:
    event = _eventhub.EventHubEvent(
        body=b"x", partition_key="p", sequence_number=3, enqueued_time=datetime.datetime(2020, 1, 1)
    )
    assert _fields(event) == (b"x", "p", 3, datetime.datetime(2020, 1, 1), None, None)
    assert event.metadata is None
    assert re.fullmatch(
        r"<azure\.EventHubEvent partition_key=p sequence_number=3 "
        r"enqueued_time=2020-01-01 00:00:00 at 0x[0-9a-f]+>",
        repr(event),
    )


@pytest.mark.parametrize(
    ("datum", "body"),
    [
        (Datum("s", "string"), b"s"),
        (Datum(b"b", "bytes"), b"b"),
        (Datum('{"a":1}', "json"), b'{"a":1}'),
    ],
)
def test_trigger_single_event(datum: Datum, body: bytes) -> None:
    event = Trigger.decode(datum, trigger_metadata=SINGLE_METADATA)
    assert isinstance(event, _eventhub.EventHubEvent)
    assert _fields(event) == (
        body,
        "pk",
        12,
        datetime.datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        "345",
        {"device-id": "dev2", "connection-auth-method": "{'a': 1}"},
    )
    assert event.metadata == {k: d.python_value for k, d in SINGLE_METADATA.items()}


@pytest.mark.parametrize(
    ("metadata", "iothub"),
    [
        ({"SystemProperties": Datum("{}", "json")}, {}),
        (
            {
                "SystemProperties": Datum(
                    '{"iothub-connection-device-id": "d", "iothub-x": 5}', "json"
                )
            },
            {"connection-device-id": "d", "x": 5},
        ),
        (
            {
                "SystemProperties": Datum('{"iothub-connection-device-id": "d"}', "json"),
                "iothub-y": Datum("v", "string"),
            },
            {"y": "v"},
        ),
    ],
)
def test_trigger_iothub_metadata(metadata: dict[str, Datum], iothub: dict[str, object]) -> None:
    event = Trigger.decode(Datum("s", "string"), trigger_metadata=metadata)
    assert isinstance(event, _eventhub.EventHubEvent)
    assert _fields(event) == (b"s", None, None, None, None, iothub)


@pytest.mark.parametrize(
    ("datum", "bodies"),
    [
        (Datum(types.SimpleNamespace(bytes=[b"a", b"b"]), "collection_bytes"), [b"a", b"b"]),
        (Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"), [b"a", b"b"]),
        (Datum('[{"a": 1}, "x"]', "json"), [b'{"a": 1}', b'"x"']),
    ],
)
def test_trigger_batch(datum: Datum, bodies: list[bytes]) -> None:
    events = Trigger.decode(datum, trigger_metadata=BATCH_METADATA)
    assert isinstance(events, list)
    assert [_fields(e) for e in events] == [
        (
            bodies[0],
            "a",
            1,
            datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
            100,
            {"connection-device-id": "d1"},
        ),
        (bodies[1], None, 2, datetime.datetime(2020, 1, 2, 3, 4, 6, tzinfo=UTC), 200, {}),
    ]
    assert events[1].metadata == {k: d.python_value for k, d in BATCH_METADATA.items()}


@pytest.mark.parametrize(
    ("datum", "metadata", "error", "message"),
    [
        (
            Datum(types.SimpleNamespace(bytes=[b"a"]), "collection_bytes"),
            BATCH_METADATA,
            AssertionError,
            "Number of bodies and metadata mismatched",
        ),
        (
            Datum("s", "string"),
            {},
            NotImplementedError,
            "unsupported event data payload type: string",
        ),
        (
            Datum("s", "string"),
            None,
            NotImplementedError,
            "unsupported event data payload type: string",
        ),
        (
            Datum(1, "int"),
            SINGLE_METADATA,
            NotImplementedError,
            "unsupported event data payload type: int",
        ),
        (
            Datum(b"x", "bytes"),
            BATCH_METADATA,
            NotImplementedError,
            "cannot decode an Event Hub batch with payload type 'bytes': "
            "expected 'collection_bytes', 'collection_string' or 'json'",
        ),
    ],
)
def test_trigger_errors(
    datum: Datum, metadata: dict[str, Datum] | None, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        Trigger.decode(datum, trigger_metadata=metadata)
    assert str(info.value) == message


def test_plain_converter_decodes_without_metadata() -> None:
    conv = eventhub.EventHubConverter
    single = conv.decode(Datum("s", "string"), trigger_metadata=None)
    assert isinstance(single, _eventhub.EventHubEvent)
    assert (single.get_body(), single.metadata) == (b"s", None)
    batch = conv.decode(
        Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"), trigger_metadata=None
    )
    assert isinstance(batch, list)
    assert [e.get_body() for e in batch] == ["a", "b"]  # str, as in the reference
    batch = conv.decode(
        Datum(types.SimpleNamespace(bytes=[b"a", b"b"]), "collection_bytes"), trigger_metadata=None
    )
    assert isinstance(batch, list)
    assert [e.get_body() for e in batch] == [b"a", b"b"]
    for datum, text in [(Datum(1, "int"), "int"), (Datum(None, None), "None")]:
        with pytest.raises(NotImplementedError) as info:
            conv.decode(datum, trigger_metadata=None)
        assert str(info.value) == f"unsupported event data payload type: {text}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (5, Datum(5, "int")),
        (True, Datum(True, "int")),
        ([1, "a"], Datum('[1, "a"]', "json")),
        ({"a": 1}, Datum(None, None)),
        (None, Datum(None, None)),
        (1.5, Datum(None, None)),
    ],
)
def test_encode(value: object, expected: Datum) -> None:
    assert Trigger.encode(value, expected_type=None) == expected


def test_annotations() -> None:
    event_list = typing.List[_eventhub.EventHubEvent]  # noqa: UP006
    types_ = [_eventhub.EventHubEvent, event_list, list[_eventhub.EventHubEvent], str, bytes]
    types_ += [int, typing.List[str], list, typing.List[int]]  # type: ignore[list-item]  # noqa: UP006
    for conv in (eventhub.EventHubConverter, Trigger):
        assert [conv.check_input_type_annotation(t) for t in types_] == [  # type: ignore[arg-type]
            True, True, False, False, False, False, False, False, False,
        ]  # fmt: skip  (list[...] is False in the reference: typing generics only)
        assert [conv.check_output_type_annotation(t) for t in types_] == [  # type: ignore[arg-type]
            False, False, False, True, True, False, True, False, False,
        ]  # fmt: skip
    assert (eventhub.EventHubConverter.has_trigger_support(), Trigger.has_trigger_support()) == (
        False,
        True,
    )


@given(st.lists(st.binary(), max_size=5), st.lists(st.integers(0, 2**40), min_size=5, max_size=5))
def test_trigger_batch_keeps_bodies_and_numbers(bodies: list[bytes], numbers: list[int]) -> None:
    properties = [{"SequenceNumber": n, "Offset": str(n)} for n in numbers[: len(bodies)]]
    events = Trigger.decode(
        Datum(types.SimpleNamespace(bytes=bodies), "collection_bytes"),
        trigger_metadata={"SystemPropertiesArray": Datum(json.dumps(properties), "json")},
    )
    assert isinstance(events, list)
    assert [(e.get_body(), e.sequence_number, e.offset) for e in events] == [
        (body, n, n) for body, n in zip(bodies, numbers, strict=False)
    ]
