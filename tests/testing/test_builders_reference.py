"""Each builder, given the values of a host payload in tests/fixtures/host_payloads.json,
decodes to what azure-functions 1.26.0 decodes that payload to (the reference summaries in
host_payloads.expected.json), field by field. ``metadata`` echoes the host's raw trigger
metadata, whose text forms the kit chooses itself, so it is left out where present."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from azfunc import testing
from tests.testing.helpers import expected, summary, without

# The activity converter warns that it decodes without an expected type, as it should.
pytestmark = pytest.mark.filterwarnings("ignore:azfunc df_loads:DeprecationWarning")

UTC = datetime.timezone.utc
T0 = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
T0_FRACTION = T0.replace(microsecond=123456)


def _service_bus_single() -> testing.Payload[Any]:
    return testing.service_bus_message_payload(
        '{"order": 1}',
        message_id="87c66eaf88e84119b66a26278a7b4149",
        application_properties={"a": 1},
        user_properties={"$AzureWebJobsParentId": "6ceef68b", "x": 1},
        content_type="application/json",
        correlation_id="cid",
        dead_letter_error_description="ded",
        dead_letter_reason="dlr",
        dead_letter_source="dls",
        delivery_count=2,
        enqueued_sequence_number=7,
        enqueued_time_utc=T0_FRACTION,
        expires_at_utc=T0_FRACTION + datetime.timedelta(days=14),
        label="lbl",
        locked_until=T0 + datetime.timedelta(minutes=1),
        lock_token="87931fd2-39f4-415a-9fdc-adfdcbed3148",
        partition_key="pk",
        reply_to="rt",
        reply_to_session_id="rts",
        scheduled_enqueue_time_utc=datetime.datetime(1, 1, 1),
        sequence_number=9,
        session_id="sid",
        state=0,
        subject="subj",
        time_to_live=datetime.timedelta(minutes=5),
        to="to",
        transaction_partition_key="tpk",
    )


def _service_bus_batch() -> testing.Payload[Any]:
    def message(index: int, body: bytes, content_type: str, enqueued: datetime.datetime) -> Any:
        return testing.service_bus_message_payload(
            body,
            message_id=f"m{index}",
            application_properties={"p": index},
            user_properties={"u": index},
            content_type=content_type,
            delivery_count=index,
            enqueued_time_utc=enqueued,
            expires_at_utc=None,
            locked_until=None,
            lock_token=f"l{index}",
            sequence_number=4 + index,
            state=index - 1,
            time_to_live=datetime.timedelta(minutes=index),
        )

    return testing.service_bus_messages_payload(
        [
            message(1, b"a", "text/plain", T0),
            message(2, b"b", "application/json", T0.replace(second=6, microsecond=500000)),
        ]
    )


def _event_hub_single() -> testing.Payload[Any]:
    return testing.event_hub_event_payload(
        "temp=21",
        enqueued_time=T0_FRACTION,
        sequence_number=12,
        offset="345",
        partition_key="pk",
        properties={"p": 1},
        iothub={"connection-device-id": "dev1", "enqueuedtime": "2020-01-02T03:04:05Z"},
    )


def _event_hub_batch() -> testing.Payload[Any]:
    return testing.event_hub_events_payload(
        [
            testing.event_hub_event_payload(
                "e1",
                enqueued_time=T0,
                sequence_number=1,
                offset="100",
                partition_key="a",
                iothub={"connection-device-id": "d1"},
            ),
            testing.event_hub_event_payload(
                "e2", enqueued_time=T0_FRACTION.replace(second=6), sequence_number=2, offset="200"
            ),
        ]
    )


def _kafka_batch() -> testing.Payload[Any]:
    return testing.kafka_events_payload(
        [
            testing.kafka_event_payload(
                b"v1", key="k1", topic="a", partition=0, offset=5, timestamp="t1"
            ),
            testing.kafka_event_payload(
                b"v2",
                key="k2",
                topic="b",
                partition=1,
                offset=6,
                timestamp="t2",
                headers={"h": "v"},
            ),
        ]
    )


# case id -> (payload builder, summary fields to leave out, summary fields the kit replaces)
CASES: dict[str, tuple[Callable[[], testing.Payload[Any]], tuple[str, ...], dict[str, Any]]] = {
    "queue-trigger": (
        lambda: testing.queue_message_payload(
            "hello",
            id="e3b6",
            dequeue_count=3,
            expiration_time=T0.replace(day=9),
            insertion_time=T0,
            next_visible_time=T0_FRACTION.replace(minute=14),
            pop_receipt="AgAAAAMAAAA",
        ),
        (),
        {},
    ),
    "queue-trigger-bytes": (
        lambda: testing.queue_message_payload(
            b"\x00\xff",
            id=None,
            dequeue_count=None,
            expiration_time=None,
            insertion_time=None,
            next_visible_time=None,
            pop_receipt=None,
        ),
        (),
        {},
    ),
    "blob-trigger": (
        lambda: testing.blob_payload(
            "content",
            name="samples/b.txt",
            uri="https://acct.blob.core.windows.net/samples/b.txt",
            content_type="text/plain",
            metadata={"owner": "ops"},
        ),
        (),
        {
            "blob_properties": {
                "BlobType": "BlockBlob",
                "ContentLength": 7,
                "ContentType": "text/plain",
                "ETag": '"0x8DC0A5C6F3A1B2C"',
                "LastModified": "2024-01-01T00:00:00+00:00",
            }
        },
    ),
    "blob-input": (lambda: testing.blob_payload(b"raw", trigger=False), (), {}),
    "timer": (
        lambda: testing.timer_request_payload(
            last_run=datetime.datetime(2020, 1, 1), next_run=datetime.datetime(2020, 1, 1, 0, 5)
        ),
        (),
        {},
    ),
    "warmup": (testing.warmup_context_payload, (), {}),
    "servicebus-single": (_service_bus_single, ("metadata",), {}),
    "servicebus-batch-bytes": (_service_bus_batch, ("metadata",), {}),
    "eventhub-single": (_event_hub_single, ("metadata",), {}),
    "eventhub-batch": (_event_hub_batch, ("metadata",), {}),
    "eventgrid-event": (
        lambda: testing.event_grid_event_payload(
            {"api": "PutBlob"},
            id="1",
            topic="/subscriptions/x",
            subject="/blobs/b.txt",
            event_type="Microsoft.Storage.BlobCreated",
            event_time=T0_FRACTION,
        ),
        (),
        {},
    ),
    "eventgrid-cloudevent": (
        lambda: testing.cloud_event_payload(
            {"b": 2},
            id="c1",
            source="/src",
            type="T",
            time=T0,
            subject="sub",
            extensions={"ext1": "v"},
        ),
        (),
        {},
    ),
    "cosmosdb-trigger": (
        lambda: testing.cosmos_documents_payload(
            [{"id": "1", "_etag": '"e"', "n": 1}, None, {"id": "2"}]
        ),
        (),
        {},
    ),
    "cosmosdb-input-single": (
        lambda: testing.cosmos_documents_payload([{"id": "x"}], trigger=False),
        (),
        {},
    ),
    "sql-input": (
        lambda: testing.sql_rows_payload(
            [{"ProductId": 1, "Name": "a"}, {"ProductId": 2, "Name": None}]
        ),
        (),
        {},
    ),
    "mysql-trigger": (lambda: testing.mysql_changes_payload([("insert", {"Id": 1})]), (), {}),
    "kafka-single": (
        lambda: testing.kafka_event_payload(
            "value",
            key="k1",
            topic="orders",
            partition=3,
            offset=42,
            timestamp="2020-01-02T03:04:05.123Z",
            headers=[("h", b"v")],
            consumer_group="cg",
        ),
        (),
        {},
    ),
    "kafka-batch": (_kafka_batch, (), {}),
    "activity-json": (lambda: testing.activity_input_payload({"city": "Tokyo"}), (), {}),
    "activity-plain-text": (lambda: testing.activity_input_payload("Tokyo"), (), {}),
    "mcp-prompt": (
        lambda: testing.mcp_prompt_call_payload("p", {"a": "1"}, session_id="s1"),
        (),
        {},
    ),
    "http-trigger": (
        lambda: testing.http_request_payload(
            "post",
            "/api/items/7?a=1",
            headers={"Content-Type": "application/json", "X-A": "v"},
            route_params={"id": "7"},
            body='{"k": 1}',
        ),
        (),
        {},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_builder_decodes_like_the_reference_decodes_the_host_payload(case: str) -> None:
    build, dropped, replaced = CASES[case]
    reference = without(expected(case), *dropped)
    if replaced:
        reference = {**reference, **replaced}
    assert without(summary(build().decode()), *dropped) == reference
