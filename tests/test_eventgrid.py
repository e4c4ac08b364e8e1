"""Event Grid event types and converters."""

from __future__ import annotations

import datetime
import json
import re
import typing

import pytest

from azfunc import _abc, _eventgrid, eventgrid
from azfunc.meta import Datum

UTC = datetime.timezone.utc
TList = typing.List  # noqa: UP006 - the typing form, which the reference supports
In = eventgrid.EventGridEventInConverter
Out = eventgrid.EventGridEventOutConverter

# Trigger payloads as the host sends them, in both schemas.
EVENT_GRID_EVENT = {
    "id": "1",
    "topic": "/subscriptions/x/resourceGroups/rg",
    "subject": "/blobs/b.txt",
    "eventType": "Microsoft.Storage.BlobCreated",
    "eventTime": "2020-01-02T03:04:05.1234567Z",
    "data": {"api": "PutBlob"},
    "dataVersion": "1.0",
    "metadataVersion": "1",
}
CLOUD_EVENT = {
    "specversion": "1.0",
    "id": "c1",
    "source": "/src",
    "type": "T",
    "time": "2020-01-02T03:04:05Z",
    "subject": "sub",
    "datacontenttype": "application/json",
    "dataschema": "sch",
    "data": {"b": 2},
    "ext1": "v",
}


def test_decode_event_grid_schema() -> None:
    event = In.decode(Datum(json.dumps(EVENT_GRID_EVENT), "json"), trigger_metadata={})
    assert isinstance(event, _eventgrid.EventGridEvent)
    fields = (event.id, event.topic, event.subject, event.event_type, event.event_time)
    assert fields == (
        "1",
        "/subscriptions/x/resourceGroups/rg",
        "/blobs/b.txt",
        "Microsoft.Storage.BlobCreated",
        datetime.datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
    )
    assert (event.get_json(), event.data_version) == ({"api": "PutBlob"}, "1.0")
    assert re.fullmatch(
        r"<azure\.EventGridEvent id=1 topic=/subscriptions/x/resourceGroups/rg "
        r"subject=/blobs/b\.txt at 0x[0-9a-f]+>",
        repr(event),
    )


def test_decode_cloud_event_schema() -> None:
    event = In.decode(Datum(json.dumps(CLOUD_EVENT), "json"), trigger_metadata={})
    assert isinstance(event, _eventgrid.CloudEvent)
    fields = (event.id, event.source, event.type, event.specversion, event.time, event.subject)
    assert fields == (
        "c1",
        "/src",
        "T",
        "1.0",
        datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
        "sub",
    )
    assert (event.datacontenttype, event.dataschema, event.get_json(), event.extension_attrs) == (
        "application/json",
        "sch",
        {"b": 2},
        {"ext1": "v"},
    )
    assert re.fullmatch(r"<azure\.CloudEvent id=c1 source=/src type=T at 0x[0-9a-f]+>", repr(event))


def test_decode_sparse_events() -> None:
    event = In.decode(Datum('{"id": "1"}', "json"), trigger_metadata=None)
    assert isinstance(event, _eventgrid.EventGridEvent)
    assert (event.id, event.topic, event.event_time, event.get_json()) == ("1", None, None, None)
    minimal = '{"specversion": "1.0", "id": "x", "source": "s", "type": "t"}'
    cloud = In.decode(Datum(minimal, "json"), trigger_metadata=None)
    assert isinstance(cloud, _eventgrid.CloudEvent)
    assert (cloud.time, cloud.subject, cloud.extension_attrs) == (None, None, {})


def test_decode_errors() -> None:
    with pytest.raises(NotImplementedError) as info:
        In.decode(Datum(json.dumps(EVENT_GRID_EVENT), "string"), trigger_metadata={})
    assert str(info.value) == "unsupported event grid payload type: string"
    with pytest.raises(ValueError) as err:
        In.decode(Datum("[1]", "json"), trigger_metadata={})
    assert str(err.value) == (
        "cannot decode an Event Grid event from a JSON list: the trigger expects one event object"
    )


def test_extension_attrs_is_a_copy() -> None:
    event = _eventgrid.CloudEvent(id="i", source="s", type="t", specversion="1.0", data=None, x="y")
    event.extension_attrs["x"] = "changed"
    assert event.extension_attrs == {"x": "y"}


OUT_EVENT = _eventgrid.EventGridOutputEvent(
    id="o1",
    data={"k": "v"},
    subject="s",
    event_type="E",
    event_time=datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
    data_version="1.0",
)
OUT_JSON = {
    "id": "o1",
    "subject": "s",
    "dataVersion": "1.0",
    "eventType": "E",
    "data": {"k": "v"},
    "eventTime": "2020-01-02T03:04:05+00:00",
}


def test_output_event_repr() -> None:
    assert re.fullmatch(
        r"<azure\.EventGridEvent id=o1 event_type=E subject=s at 0x[0-9a-f]+>", repr(OUT_EVENT)
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (OUT_EVENT, Datum(json.dumps(OUT_JSON), "json")),
        ([OUT_EVENT, "a"], Datum(json.dumps([OUT_JSON, "a"]), "json")),
        ((OUT_EVENT,), Datum(json.dumps([OUT_JSON]), "json")),
    ],
)
def test_encode(value: object, expected: Datum) -> None:
    assert Out.encode(value, expected_type=None) == expected


def test_encode_event_without_time() -> None:
    event = _eventgrid.EventGridOutputEvent(
        id="o2", data=None, subject="s", event_type="E", event_time=None, data_version="1.0"
    )
    assert Out.encode(event, expected_type=None).python_value == {
        "id": "o2",
        "subject": "s",
        "dataVersion": "1.0",
        "eventType": "E",
        "data": None,
        "eventTime": None,
    }


def test_encode_errors() -> None:
    with pytest.raises(NotImplementedError) as info:
        Out.encode([1], expected_type=None)
    assert str(info.value) == "invalid data type in output queue message list: <class 'int'>"
    with pytest.raises(NotImplementedError) as info:
        Out.encode(5, expected_type=None)
    assert str(info.value) == (
        "cannot send int to an Event Grid output binding: expected str, bytes, "
        "EventGridOutputEvent, or an iterable of str and EventGridOutputEvent"
    )


def test_annotations() -> None:
    ins: list[object] = [_eventgrid.EventGridEvent, _eventgrid.CloudEvent, _abc.EventGridEvent]
    ins += [_eventgrid.EventGridOutputEvent, str, TList[_eventgrid.EventGridEvent]]
    assert [In.check_input_type_annotation(t) for t in ins] == [True] * 3 + [False] * 3  # type: ignore[arg-type]
    outs: list[object] = [_eventgrid.EventGridOutputEvent, str, bytes]
    outs += [TList[_eventgrid.EventGridOutputEvent], TList[str]]
    outs += [_eventgrid.EventGridEvent, TList[bytes], list[_eventgrid.EventGridOutputEvent]]
    # As in the reference: typing generics only, and no iterable of bytes.
    assert [Out.check_output_type_annotation(t) for t in outs] == [True] * 5 + [False] * 3  # type: ignore[arg-type]
    assert (In.has_trigger_support(), Out.has_trigger_support()) == (True, False)
