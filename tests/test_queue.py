"""Storage queue data types and converters."""

from __future__ import annotations

import datetime
import re
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _queue, queue
from azfunc.meta import Datum

UTC = datetime.timezone.utc

# Trigger metadata as the host sends it for a queueTrigger.
QUEUE_METADATA = {
    "Id": Datum("e3b6-41d2", "string"),
    "DequeueCount": Datum("3", "string"),
    "ExpirationTime": Datum("2020-01-09T03:04:05+00:00", "string"),
    "InsertionTime": Datum('"2020-01-02T03:04:05Z"', "json"),
    "NextVisibleTime": Datum("2020-01-02T03:14:05.1234567Z", "string"),
    "PopReceipt": Datum("AgAAAAMAAAAAAAAA", "string"),
}


def test_simple_message() -> None:
    msg = _queue.QueueMessage(id="1", body="héllo", pop_receipt="p")
    assert (msg.id, msg.get_body(), msg.pop_receipt) == ("1", "héllo".encode(), "p")
    assert (msg.dequeue_count, msg.expiration_time, msg.insertion_time) == (None, None, None)
    assert msg.time_next_visible is None
    assert re.fullmatch(r"<azure\.QueueMessage id=1 at 0x[0-9a-f]+>", repr(msg))
    assert _queue.QueueMessage().get_body() == b""
    assert _queue.QueueMessage(body=bytearray(b"x")).get_body() == b"x"
    assert _queue.QueueMessage(body='{"a": [1]}').get_json() == {"a": [1]}


def test_simple_message_rejects_other_body_types() -> None:
    with pytest.raises(TypeError) as info:
        _queue.QueueMessage(body=5)  # type: ignore[arg-type]
    assert str(info.value) == (
        "response is expected to be either of str, bytes, or bytearray, got int"
    )


def test_trigger_decodes_message_with_metadata() -> None:
    msg = queue.QueueMessageInConverter.decode(
        Datum("body", "string"), trigger_metadata=QUEUE_METADATA
    )
    assert isinstance(msg, queue.QueueMessage)
    assert (msg.id, msg.get_body(), msg.dequeue_count, msg.pop_receipt) == (
        "e3b6-41d2",
        b"body",
        3,
        "AgAAAAMAAAAAAAAA",
    )
    assert msg.expiration_time == datetime.datetime(2020, 1, 9, 3, 4, 5, tzinfo=UTC)
    assert msg.insertion_time == datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert msg.time_next_visible == datetime.datetime(2020, 1, 2, 3, 14, 5, 123456, tzinfo=UTC)
    assert re.fullmatch(
        r"<azure\.QueueMessage id=e3b6-41d2 dequeue_count=3 "
        r"insertion_time=2020-01-02 03:04:05\+00:00 "
        r"expiration_time=2020-01-09 03:04:05\+00:00 at 0x[0-9a-f]+>",
        repr(msg),
    )


def test_trigger_decodes_bytes_without_metadata_fields() -> None:
    msg = queue.QueueMessageInConverter.decode(Datum(b"\x00\x01", "bytes"), trigger_metadata={})
    assert (msg.id, msg.get_body(), msg.dequeue_count, msg.insertion_time) == (
        None,
        b"\x00\x01",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("datum", "metadata", "message"),
    [
        (Datum(1, "int"), {}, "unsupported queue payload type: int"),
        (Datum("[1]", "json"), {}, "unsupported queue payload type: json"),
        (Datum("x", "string"), None, "missing trigger metadata for queue input"),
    ],
)
def test_trigger_errors(datum: Datum, metadata: dict[str, Datum] | None, message: str) -> None:
    with pytest.raises(NotImplementedError) as info:
        queue.QueueMessageInConverter.decode(datum, trigger_metadata=metadata)
    assert str(info.value) == message


def test_annotations() -> None:
    conv_in = queue.QueueMessageInConverter
    assert conv_in.check_input_type_annotation(_queue.QueueMessage) is True
    assert conv_in.check_input_type_annotation(queue.QueueMessage) is True
    assert conv_in.check_input_type_annotation(str) is False
    assert conv_in.check_input_type_annotation(typing.List[str]) is False  # type: ignore[arg-type]  # noqa: UP006
    assert conv_in.has_trigger_support() is True
    conv_out = queue.QueueMessageOutConverter
    accepted = [str, bytes, _queue.QueueMessage, queue.QueueMessage]
    accepted += [typing.List[str], typing.List[bytes], typing.Iterable[str]]  # type: ignore[list-item]  # noqa: UP006
    assert [conv_out.check_output_type_annotation(t) for t in accepted] == [True] * len(accepted)
    # As in the reference: typing generics of str or bytes only (encode takes more).
    rejected = [int, dict, typing.List[int], list[str], typing.List[_queue.QueueMessage]]  # noqa: UP006
    assert [conv_out.check_output_type_annotation(t) for t in rejected] == [False] * 5  # type: ignore[arg-type]
    assert conv_out.has_trigger_support() is False


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(), Datum("[]", "json")),  # as in the reference: iterated as items
        (_queue.QueueMessage(id="i", body="bd"), Datum('{"id": "i", "body": "bd"}', "json")),
        (
            ["a", _queue.QueueMessage(id="x", body=b"y")],
            Datum('["a", {"id": "x", "body": "y"}]', "json"),
        ),
        (("a", "b"), Datum('["a", "b"]', "json")),
        ({"k": 1}, Datum('["k"]', "json")),
        (iter(["z"]), Datum('["z"]', "json")),
    ],
)
def test_output_encode(value: object, expected: Datum) -> None:
    assert queue.QueueMessageOutConverter.encode(value, expected_type=None) == expected


def test_output_encode_errors() -> None:
    with pytest.raises(NotImplementedError) as info:
        queue.QueueMessageOutConverter.encode([b"x"], expected_type=None)
    assert str(info.value) == "invalid data type in output queue message list: <class 'bytes'>"
    with pytest.raises(NotImplementedError) as info:  # a bytearray iterates as ints
        queue.QueueMessageOutConverter.encode(bytearray(b"x"), expected_type=None)
    assert str(info.value) == "invalid data type in output queue message list: <class 'int'>"
    with pytest.raises(NotImplementedError) as info:
        queue.QueueMessageOutConverter.encode(5, expected_type=None)
    assert str(info.value) == (
        "cannot send int to a queue output binding: expected str, bytes, QueueMessage, "
        "or an iterable of str and QueueMessage; convert the value first"
    )


def test_output_round_trip_through_message_json() -> None:
    datum = queue.QueueMessageOutConverter.encode(
        [_queue.QueueMessage(id=str(n), body=f"m{n}") for n in range(3)], expected_type=None
    )
    assert datum.python_value == [{"id": str(n), "body": f"m{n}"} for n in range(3)]


@given(st.lists(st.text()))
def test_output_list_of_text_round_trips(items: list[str]) -> None:
    datum = queue.QueueMessageOutConverter.encode(items, expected_type=None)
    assert (datum.type, datum.python_value) == ("json", items)


@given(st.binary() | st.text())
def test_trigger_body_round_trips(body: bytes | str) -> None:
    datum = Datum(body, "bytes" if isinstance(body, bytes) else "string")
    msg = queue.QueueMessageInConverter.decode(datum, trigger_metadata={})
    assert msg.get_body() == (body if isinstance(body, bytes) else body.encode("utf-8"))
