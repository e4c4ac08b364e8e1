"""Service Bus message types and converters."""

from __future__ import annotations

import datetime
import re
import types
import typing
from typing import Any

import pytest

from azfunc import _abc, _servicebus, servicebus
from azfunc.meta import Datum

UTC = datetime.timezone.utc
PROPERTIES = [
    "application_properties", "content_type", "correlation_id",
    "dead_letter_error_description", "dead_letter_reason", "dead_letter_source",
    "delivery_count", "enqueued_sequence_number", "enqueued_time_utc", "expiration_time",
    "expires_at_utc", "label", "lock_token", "locked_until", "message_id", "partition_key",
    "reply_to", "reply_to_session_id", "scheduled_enqueue_time", "scheduled_enqueue_time_utc",
    "sequence_number", "session_id", "state", "subject", "time_to_live", "to",
    "transaction_partition_key", "user_properties",
]  # fmt: skip

# Trigger metadata as the host sends it for a single-message serviceBusTrigger.
SINGLE_METADATA = {
    "ApplicationProperties": Datum('{"a": 1}', "json"),
    "ContentType": Datum("text/plain", "string"),
    "CorrelationId": Datum("cid", "string"),
    "DeadLetterErrorDescription": Datum("ded", "string"),
    "DeadLetterReason": Datum("dlr", "string"),
    "DeadLetterSource": Datum("dls", "string"),
    "DeliveryCount": Datum(2, "int"),
    "EnqueuedSequenceNumber": Datum(7, "int"),
    "EnqueuedTimeUtc": Datum("2020-01-02T03:04:05.123Z", "string"),
    "ExpiresAtUtc": Datum("2020-01-03T03:04:05Z", "string"),
    "Label": Datum("lbl", "string"),
    "LockedUntil": Datum("2020-01-02T03:05:05Z", "string"),
    "LockToken": Datum("lt", "string"),
    "MessageId": Datum("mid", "string"),
    "PartitionKey": Datum("pk", "string"),
    "ReplyTo": Datum("rt", "string"),
    "ReplyToSessionId": Datum("rts", "string"),
    "ScheduledEnqueueTimeUtc": Datum("2020-01-02T03:04:00Z", "string"),
    "SequenceNumber": Datum(9, "int"),
    "SessionId": Datum("sid", "string"),
    "State": Datum(0, "int"),
    "Subject": Datum("subj", "string"),
    "TimeToLive": Datum("00:05:00", "string"),
    "To": Datum("to", "string"),
    "TransactionPartitionKey": Datum("tpk", "string"),
    "UserProperties": Datum('{"u": "v"}', "json"),
    "MessageReceiver": Datum("{}", "json"),
}

# Trigger metadata of a two-message batch (cardinality "many").
BATCH_METADATA = {
    "UserPropertiesArray": Datum('[{"u": 1}, {"u": 2}]', "json"),
    "MessageIdArray": Datum(types.SimpleNamespace(string=["m1", "m2"]), "collection_string"),
    "DeliveryCountArray": Datum(types.SimpleNamespace(sint64=[1, 2]), "collection_sint64"),
    "EnqueuedTimeUtcArray": Datum('["2020-01-02T03:04:05Z", "2020-01-02T03:04:06Z"]', "json"),
    "SequenceNumberArray": Datum("[5, 6]", "json"),
    "TimeToLiveArray": Datum('["00:01:00", "00:02:00"]', "json"),
    "ContentTypeArray": Datum('["a", "b"]', "json"),
    "ApplicationPropertiesArray": Datum('[{"p": 1}, {"p": 2}]', "json"),
    "LockTokenArray": Datum('["l1", "l2"]', "json"),
    "StateArray": Datum("[0, 1]", "json"),
}


def _props(msg: _abc.ServiceBusMessage) -> dict[str, Any]:
    return {name: getattr(msg, name) for name in PROPERTIES}


def test_simple_message() -> None:
    msg = _servicebus.ServiceBusMessage(body="x", content_type="ct", correlation_id="c")
    expected: dict[str, Any] = dict.fromkeys(PROPERTIES)
    expected.update(
        application_properties={}, user_properties={}, message_id="", content_type="ct",
        correlation_id="c",
    )  # fmt: skip
    assert _props(msg) == expected
    assert (msg.get_body(), msg.metadata) == (b"x", None)
    assert _servicebus.ServiceBusMessage().get_body() == b""
    assert not hasattr(msg, "force_persistence")
    with pytest.raises(TypeError) as info:
        _servicebus.ServiceBusMessage(body=5)  # type: ignore[arg-type]
    assert str(info.value) == (
        "response is expected to be either of str, bytes, or bytearray, got int"
    )


@pytest.mark.parametrize("body", ["text", b"raw", bytearray(b"raw"), None])
def test_trigger_message_keeps_the_body_as_given(body: str | bytes | bytearray | None) -> None:
    # As in the reference: only func.ServiceBusMessage (the output type) encodes a str body.
    msg = servicebus.ServiceBusMessage(
        body=body, application_properties={}, message_id="m", user_properties={}
    )
    assert msg.get_body() == body
    assert type(msg.get_body()) is type(body)
    with pytest.raises(TypeError) as info:
        servicebus.ServiceBusMessage(
            body=5,  # type: ignore[arg-type]
            application_properties={}, message_id="m", user_properties={},
        )  # fmt: skip
    assert str(info.value) == (
        "response is expected to be either of str, bytes, or bytearray, got int"
    )


def test_decode_single_message() -> None:
    msg = servicebus.ServiceBusMessageInConverter.decode(
        Datum("hello", "string"), trigger_metadata=SINGLE_METADATA
    )
    assert isinstance(msg, servicebus.ServiceBusMessage)
    assert msg.get_body() == b"hello"
    assert _props(msg) == {
        "application_properties": {"a": 1},
        "content_type": "text/plain",
        "correlation_id": "cid",
        "dead_letter_error_description": "ded",
        "dead_letter_reason": "dlr",
        "dead_letter_source": "dls",
        "delivery_count": 2,
        "enqueued_sequence_number": 7,
        "enqueued_time_utc": datetime.datetime(2020, 1, 2, 3, 4, 5, 123000, tzinfo=UTC),
        "expiration_time": datetime.datetime(2020, 1, 3, 3, 4, 5, tzinfo=UTC),
        "expires_at_utc": datetime.datetime(2020, 1, 3, 3, 4, 5, tzinfo=UTC),
        "label": "lbl",
        "lock_token": "lt",
        "locked_until": datetime.datetime(2020, 1, 2, 3, 5, 5, tzinfo=UTC),
        "message_id": "mid",
        "partition_key": "pk",
        "reply_to": "rt",
        "reply_to_session_id": "rts",
        "scheduled_enqueue_time": datetime.datetime(2020, 1, 2, 3, 4, tzinfo=UTC),
        "scheduled_enqueue_time_utc": datetime.datetime(2020, 1, 2, 3, 4, tzinfo=UTC),
        "sequence_number": 9,
        "session_id": "sid",
        "state": 0,
        "subject": "subj",
        "time_to_live": datetime.timedelta(minutes=5),
        "to": "to",
        "transaction_partition_key": "tpk",
        "user_properties": {"u": "v"},
    }
    assert msg.metadata == {key: d.python_value for key, d in SINGLE_METADATA.items()}
    assert re.fullmatch(
        r"<azure\.functions\.ServiceBusMessage message_id=mid at 0x[0-9a-f]+>", repr(msg)
    )
    with pytest.raises(NotImplementedError) as info:
        msg.force_persistence  # noqa: B018
    assert str(info.value) == "This requires gRPC boolean support"


@pytest.mark.parametrize(
    ("datum", "body"),
    [(Datum(b"raw", "bytes"), b"raw"), (Datum('{"x":1}', "json"), b'{"x":1}')],
)
def test_decode_single_body_types(datum: Datum, body: bytes) -> None:
    msg = servicebus.ServiceBusMessageInConverter.decode(
        datum, trigger_metadata={"UserProperties": Datum("{}", "json")}
    )
    assert isinstance(msg, servicebus.ServiceBusMessage)
    expected: dict[str, Any] = dict.fromkeys(PROPERTIES)
    expected["user_properties"] = {}
    assert (msg.get_body(), _props(msg)) == (body, expected)


BATCH_BODIES = [
    (Datum(types.SimpleNamespace(bytes=[b"a", b"b"]), "collection_bytes"), [b"a", b"b"]),
    (Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"), [b"a", b"b"]),
    (Datum('["a", {"k": 1}]', "json"), [b'"a"', b'{"k": 1}']),
]


@pytest.mark.parametrize(("datum", "bodies"), BATCH_BODIES)
def test_decode_batch(datum: Datum, bodies: list[bytes]) -> None:
    messages = servicebus.ServiceBusMessageInConverter.decode(
        datum, trigger_metadata=BATCH_METADATA
    )
    assert isinstance(messages, list)
    assert [m.get_body() for m in messages] == bodies
    base: dict[str, Any] = dict.fromkeys(PROPERTIES)
    first = dict(
        base, application_properties={"p": 1}, content_type="a", delivery_count=1,
        enqueued_time_utc=datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), lock_token="l1",
        message_id="m1", sequence_number=5, state=0,
        time_to_live=datetime.timedelta(minutes=1), user_properties={"u": 1},
    )  # fmt: skip
    second = dict(
        base, application_properties={"p": 2}, content_type="b", delivery_count=2,
        enqueued_time_utc=datetime.datetime(2020, 1, 2, 3, 4, 6, tzinfo=UTC), lock_token="l2",
        message_id="m2", sequence_number=6, state=1,
        time_to_live=datetime.timedelta(minutes=2), user_properties={"u": 2},
    )  # fmt: skip
    assert [_props(m) for m in messages] == [first, second]
    assert messages[0].metadata == {k: d.python_value for k, d in BATCH_METADATA.items()}


@pytest.mark.parametrize(
    ("datum", "metadata", "error", "message"),
    [
        (
            Datum(1, "int"),
            {"UserProperties": Datum("{}", "json")},
            NotImplementedError,
            "unsupported queue payload type: int",
        ),
        (
            Datum("x", "string"),
            {},
            NotImplementedError,
            "unsupported service bus data type: string or UserProperties does not exist",
        ),
        (
            Datum("x", "string"),
            None,
            NotImplementedError,
            "unsupported service bus data type: string or UserProperties does not exist",
        ),
        (
            Datum(1, "int"),
            BATCH_METADATA,
            NotImplementedError,
            "unable to decode multiple messages with data type int",
        ),
        (
            Datum(types.SimpleNamespace(bytes=[b"a"]), "collection_bytes"),
            BATCH_METADATA,
            ValueError,
            "cannot decode a Service Bus batch of 1 bodies with 2 entries in "
            "'UserPropertiesArray': the host's payload and trigger metadata disagree",
        ),
    ],
)
def test_decode_errors(
    datum: Datum, metadata: dict[str, Datum] | None, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        servicebus.ServiceBusMessageInConverter.decode(datum, trigger_metadata=metadata)
    assert str(info.value) == message


def test_annotations() -> None:
    conv_in = servicebus.ServiceBusMessageInConverter
    accepted = [
        _servicebus.ServiceBusMessage,
        servicebus.ServiceBusMessage,
        typing.List[_servicebus.ServiceBusMessage],  # noqa: UP006
    ]
    assert [conv_in.check_input_type_annotation(t) for t in accepted] == [True] * 3  # type: ignore[arg-type]
    # As in the reference: typing generics only.
    rejected = [str, _abc.ServiceBusMessage, typing.List[str], list[servicebus.ServiceBusMessage]]  # noqa: UP006
    assert [conv_in.check_input_type_annotation(t) for t in rejected] == [False] * 4  # type: ignore[arg-type]
    conv_out = servicebus.ServiceBusMessageOutConverter
    assert [conv_out.check_output_type_annotation(t) for t in (str, bytes, int)] == [
        True,
        True,
        False,
    ]


def test_encode() -> None:
    conv = servicebus.ServiceBusMessageOutConverter
    assert conv.encode("s", expected_type=None) == Datum("s", "string")
    assert conv.encode(b"b", expected_type=None) == Datum(b"b", "bytes")
    with pytest.raises(NotImplementedError) as info:
        conv.encode(_servicebus.ServiceBusMessage(body="x"), expected_type=None)
    assert str(info.value) == (
        "cannot send ServiceBusMessage to a Service Bus output binding: expected str or bytes; "
        "serialise the message body first"
    )
