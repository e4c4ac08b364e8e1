"""Round trips for open-ended builder input: what goes into a builder comes out of the
real converter unchanged, for any text, bytes, numbers, times and batch sizes."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _utils, testing
from azfunc._testing.payload import timespan_text

# Offsets in whole minutes: ISO 8601 text (and so the host) has no seconds in offsets.
ZONES = st.sampled_from(
    [
        datetime.timezone.utc,
        datetime.timezone(datetime.timedelta(hours=5, minutes=30)),
        datetime.timezone(datetime.timedelta(hours=-8)),
    ]
)
TIMES = st.datetimes(
    min_value=datetime.datetime(1900, 1, 1),
    max_value=datetime.datetime(2200, 1, 1),
    timezones=ZONES,
)
TEXT = st.text(st.characters(exclude_categories=["Cs"]))
BODIES = st.one_of(TEXT, st.binary())
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**53), 2**53), TEXT)
PROPERTIES = st.dictionaries(TEXT, JSON_SCALARS, max_size=4)


def _bytes(body: str | bytes) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else body


@given(
    body=BODIES,
    id=TEXT,
    dequeue_count=st.integers(0, 2**31),
    insertion=TIMES,
    expiration=TIMES,
    visible=TIMES,
    receipt=TEXT,
)
def test_queue_message_round_trip(
    body: str | bytes,
    id: str,
    dequeue_count: int,
    insertion: datetime.datetime,
    expiration: datetime.datetime,
    visible: datetime.datetime,
    receipt: str,
) -> None:
    message = testing.queue_message(
        body,
        id=id,
        dequeue_count=dequeue_count,
        insertion_time=insertion,
        expiration_time=expiration,
        next_visible_time=visible,
        pop_receipt=receipt,
    )
    assert (
        message.get_body(),
        message.id,
        message.dequeue_count,
        message.insertion_time,
        message.expiration_time,
        message.time_next_visible,
        message.pop_receipt,
    ) == (_bytes(body), id, dequeue_count, insertion, expiration, visible, receipt)


@given(
    body=BODIES,
    message_id=TEXT,
    delivery_count=st.integers(0, 2**31),
    enqueued=TIMES,
    ttl=st.integers(0, 9999 * 86400).map(lambda seconds: datetime.timedelta(seconds=seconds)),
    properties=PROPERTIES,
    session_id=st.none() | TEXT,
)
def test_service_bus_message_round_trip(
    body: str | bytes,
    message_id: str,
    delivery_count: int,
    enqueued: datetime.datetime,
    ttl: datetime.timedelta,
    properties: dict[str, Any],
    session_id: str | None,
) -> None:
    message = testing.service_bus_message(
        body,
        message_id=message_id,
        delivery_count=delivery_count,
        enqueued_time_utc=enqueued,
        time_to_live=ttl,
        application_properties=properties,
        session_id=session_id,
    )
    assert (
        message.get_body(),
        message.message_id,
        message.delivery_count,
        message.enqueued_time_utc,
        message.time_to_live,
        message.application_properties,
        message.user_properties,
        message.session_id,
    ) == (
        _bytes(body),
        message_id,
        delivery_count,
        enqueued,
        ttl,
        properties,
        properties,
        session_id,
    )


@given(bodies=st.lists(BODIES, max_size=6))
def test_service_bus_batch_round_trip(bodies: list[str | bytes]) -> None:
    messages = testing.service_bus_messages(bodies)
    assert [(m.get_body(), m.message_id, m.sequence_number) for m in messages] == [
        (_bytes(body), f"00000000-0000-0000-0000-{index + 1:012d}", index + 1)
        for index, body in enumerate(bodies)
    ]


@given(bodies=st.lists(BODIES, max_size=6), enqueued=TIMES)
def test_event_hub_batch_round_trip(bodies: list[str | bytes], enqueued: datetime.datetime) -> None:
    singles = [
        testing.event_hub_event_payload(body, enqueued_time=enqueued, sequence_number=n)
        for n, body in enumerate(bodies)
    ]
    events = testing.event_hub_events(singles)
    assert [(e.get_body(), e.sequence_number, e.enqueued_time) for e in events] == [
        (_bytes(body), n, enqueued) for n, body in enumerate(bodies)
    ]


@given(
    records=st.lists(
        st.tuples(BODIES, st.none() | TEXT, st.integers(0, 2**40), st.dictionaries(TEXT, BODIES)),
        max_size=5,
    )
)
def test_kafka_batch_round_trip(
    records: list[tuple[str | bytes, str | None, int, dict[str, str | bytes]]],
) -> None:
    events = testing.kafka_events(
        [
            testing.kafka_event_payload(value, key=key, offset=offset, headers=headers)
            for value, key, offset, headers in records
        ]
    )
    assert [(e.get_body(), e.key, e.offset, len(e.headers or [])) for e in events] == [
        (_bytes(value), key, offset, len(headers)) for value, key, offset, headers in records
    ]


@given(
    path=st.lists(st.text("abcXYZ09-_", min_size=1), max_size=3),
    params=st.dictionaries(st.text("abc", min_size=1), TEXT, max_size=3),
    headers=st.dictionaries(st.text("abcdef-", min_size=1), st.text("xyz 123"), max_size=3),
    body=BODIES,
)
def test_http_request_round_trip(
    path: list[str], params: dict[str, str], headers: dict[str, str], body: str | bytes
) -> None:
    url = "/api/" + "/".join(path)
    request = testing.http_request("POST", url, params=params, headers=headers, body=body)
    assert (request.method, dict(request.params), request.get_body()) == (
        "POST",
        params,
        _bytes(body),
    )
    assert dict(request.headers) == {name.lower(): value for name, value in headers.items()}
    assert request.url.split("?")[0] == "http://localhost:7071" + url


@given(st.integers(-99999 * 86400, 99999 * 86400))
def test_timespan_text_parses_back(seconds: int) -> None:
    value = datetime.timedelta(seconds=seconds)
    assert _utils.parse_timedelta(timespan_text(value)) == value


def test_timespan_text_refuses_fractions_of_a_second() -> None:
    with pytest.raises(ValueError, match="fraction of a second"):
        timespan_text(datetime.timedelta(seconds=1.5))


@given(documents=st.lists(st.none() | st.dictionaries(TEXT, JSON_SCALARS), max_size=5))
def test_cosmos_documents_round_trip(documents: list[dict[str, Any] | None]) -> None:
    decoded = testing.cosmos_documents(documents)
    assert [None if doc is None else dict(doc) for doc in decoded] == documents
