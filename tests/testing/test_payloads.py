"""The payloads the builders produce: datum types and trigger metadata exactly as the host
types them (text as ``string``, numbers as ``int``, timestamps and objects as ``json``,
arrays of text or numbers as collections)."""

from __future__ import annotations

import datetime
import inspect
import json

import pytest

from azfunc import testing
from azfunc.meta import Datum
from tests.testing.helpers import summary

UTC = datetime.timezone.utc


def _time(value: datetime.datetime) -> Datum:
    return Datum(json.dumps(value.isoformat()), "json")


def test_queue_message_payload_has_the_hosts_fields_and_types() -> None:
    assert testing.queue_message_payload("hi") == testing.Payload(
        binding="queueTrigger",
        data=Datum("hi", "string"),
        trigger_metadata={
            "Id": Datum("00000000-0000-0000-0000-000000000001", "string"),
            "DequeueCount": Datum(1, "int"),
            "ExpirationTime": Datum('"2024-01-08T00:00:00+00:00"', "json"),
            "InsertionTime": Datum('"2024-01-01T00:00:00+00:00"', "json"),
            "NextVisibleTime": Datum('"2024-01-01T00:10:00+00:00"', "json"),
            "PopReceipt": Datum("AgAAAAMAAAAAAAAA", "string"),
        },
    )


def test_queue_message_json_body_is_sent_as_text() -> None:
    message = testing.queue_message({"order": 1}, dequeue_count=4)
    assert summary(message) == {
        "class": "QueueMessage",
        "id": "00000000-0000-0000-0000-000000000001",
        "get_body": {"bytes": "eyJvcmRlciI6IDF9"},
        "dequeue_count": 4,
        "expiration_time": {"datetime": "2024-01-08T00:00:00+00:00"},
        "insertion_time": {"datetime": "2024-01-01T00:00:00+00:00"},
        "time_next_visible": {"datetime": "2024-01-01T00:10:00+00:00"},
        "pop_receipt": "AgAAAAMAAAAAAAAA",
    }
    assert message.get_json() == {"order": 1}


def test_http_request_payload_is_the_hosts_http_datum() -> None:
    payload = testing.http_request_payload(
        "put", "/api/items/7?a=1", params={"b": "2"}, route_params={"id": "7"}, json={"k": 1}
    )
    assert payload == testing.Payload(
        binding="httpTrigger",
        data=Datum(
            {
                "method": Datum("PUT", "string"),
                "url": Datum("http://localhost:7071/api/items/7?a=1&b=2", "string"),
                "headers": {"Content-Type": Datum("application/json", "string")},
                "query": {"a": Datum("1", "string"), "b": Datum("2", "string")},
                "params": {"id": Datum("7", "string")},
                "body": Datum(b'{"k": 1}', "bytes"),
            },
            "http",
        ),
        trigger_metadata={
            "Query": Datum('{"a": "1", "b": "2"}', "json"),
            "Headers": Datum('{"Content-Type": "application/json"}', "json"),
            "id": Datum("7", "string"),
        },
    )


def test_http_request_keeps_a_full_url_and_bytes_body() -> None:
    request = testing.http_request("GET", "https://example.org/api/x?q=1", body=b"\x00")
    assert summary(request) == {
        "class": "HttpRequest",
        "method": "GET",
        "url": "https://example.org/api/x?q=1",
        "headers": {},
        "params": {"q": "1"},
        "route_params": {},
        "get_body": {"bytes": "AA=="},
        "get_json": {"error": "ValueError"},
    }


def test_repeated_query_parameters_are_joined_as_the_host_does() -> None:
    request = testing.http_request("GET", "/api/x?tag=a&tag=b&q=", params={"tag": "c"})
    assert (dict(request.params), request.url) == (
        {"tag": "a,b,c", "q": ""},
        "http://localhost:7071/api/x?tag=a&tag=b&q=&tag=c",
    )


def test_http_request_payload_rejects_body_and_json_together() -> None:
    with pytest.raises(TypeError) as caught:
        testing.http_request_payload("POST", "/api/x", body="a", json={"a": 1})
    assert str(caught.value) == (
        "http_request_payload() got both body= and json=; pass the body one way: json= "
        "serialises a value, body= takes str or bytes as they are"
    )


def test_timer_without_monitor_has_no_schedule_status() -> None:
    assert testing.timer_request_payload(past_due=True, monitor=False) == testing.Payload(
        binding="timerTrigger",
        data=Datum(
            '{"Schedule": {"AdjustForDST": true}, "ScheduleStatus": null, "IsPastDue": true}',
            "json",
        ),
    )
    assert summary(testing.timer_request(past_due=True, monitor=False)) == {
        "class": "TimerRequest",
        "past_due": True,
        "schedule_status": {},
        "schedule": {"AdjustForDST": True},
    }


def test_blob_input_payload_has_no_metadata() -> None:
    assert testing.blob_payload("text", trigger=False) == testing.Payload(
        binding="blob", data=Datum("text", "string")
    )


def test_service_bus_batch_merges_metadata_into_arrays() -> None:
    payload = testing.service_bus_messages_payload(
        ["a", testing.service_bus_message_payload(b"b", message_id="x", delivery_count=3)]
    )
    metadata = payload.trigger_metadata
    assert (payload.data, set(metadata)) == (
        Datum(testing.CollectionValue(bytes=(b"a", b"b")), "collection_bytes"),
        {
            "ApplicationPropertiesArray", "ContentTypeArray", "CorrelationIdArray",
            "DeadLetterErrorDescriptionArray", "DeadLetterReasonArray", "DeadLetterSourceArray",
            "DeliveryCountArray", "EnqueuedSequenceNumberArray", "EnqueuedTimeUtcArray",
            "ExpiresAtUtcArray", "LabelArray", "LockedUntilArray", "LockTokenArray",
            "MessageIdArray", "PartitionKeyArray", "ReplyToArray", "ReplyToSessionIdArray",
            "ScheduledEnqueueTimeUtcArray", "SequenceNumberArray", "SessionIdArray",
            "StateArray", "SubjectArray", "TimeToLiveArray", "ToArray",
            "TransactionPartitionKeyArray", "UserPropertiesArray",
        },
    )  # fmt: skip
    assert (
        metadata["MessageIdArray"],
        metadata["DeliveryCountArray"],
        metadata["TimeToLiveArray"],
        metadata["SessionIdArray"],
    ) == (
        Datum(
            testing.CollectionValue(string=("00000000-0000-0000-0000-000000000001", "x")),
            "collection_string",
        ),
        Datum(testing.CollectionValue(sint64=(1, 3)), "collection_sint64"),
        Datum(testing.CollectionValue(string=("1209600", "1209600")), "collection_string"),
        Datum("[null, null]", "json"),
    )


def test_event_hub_batch_payload() -> None:
    payload = testing.event_hub_events_payload(["a", "b"])
    system = [
        {
            "x-opt-sequence-number": number,
            "x-opt-offset": offset,
            "x-opt-enqueued-time": "2024-01-01T00:00:00+00:00",
            "x-opt-partition-key": None,
            "SequenceNumber": number,
            "Offset": offset,
            "PartitionKey": None,
            "EnqueuedTimeUtc": "2024-01-01T00:00:00+00:00",
        }
        for number, offset in ((1, "0"), (2, "1"))
    ]
    assert payload == testing.Payload(
        binding="eventHubTrigger",
        data=Datum(testing.CollectionValue(string=("a", "b")), "collection_string"),
        trigger_metadata={
            "SystemPropertiesArray": Datum(json.dumps(system), "json"),
            "PartitionContext": Datum(
                '{"EventHubName": "hub", "ConsumerGroup": "$Default", "PartitionId": "0"}', "json"
            ),
            "PropertiesArray": Datum("[{}, {}]", "json"),
            "EnqueuedTimeUtcArray": Datum(
                testing.CollectionValue(
                    string=("2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00+00:00")
                ),
                "collection_string",
            ),
            "SequenceNumberArray": Datum(
                testing.CollectionValue(sint64=(1, 2)), "collection_sint64"
            ),
            "OffsetArray": Datum(testing.CollectionValue(string=("0", "1")), "collection_string"),
            "PartitionKeyArray": Datum("[null, null]", "json"),
        },
    )


def test_iot_hub_event_carries_device_properties() -> None:
    event = testing.event_hub_event(
        b"{}", iothub={"connection-device-id": "dev1", "enqueuedtime": "2024-01-01T00:00:00Z"}
    )
    assert (event.iothub_metadata, event.get_body()) == (
        {"connection-device-id": "dev1", "enqueuedtime": "2024-01-01T00:00:00Z"},
        b"{}",
    )


def test_cloud_event_leaves_out_missing_optional_attributes() -> None:
    payload = testing.cloud_event_payload(None, type="T", time=None, datacontenttype=None)
    assert payload.data == Datum(
        '{"specversion": "1.0", "id": "00000000-0000-0000-0000-000000000001", "source": '
        '"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/'
        'Microsoft.Storage/storageAccounts/account", "type": "T"}',
        "json",
    )


def test_kafka_batch_payload_columns() -> None:
    payload = testing.kafka_events_payload(["v1", testing.kafka_event_payload("v2", key="k")])
    assert payload.trigger_metadata == {
        "KeyArray": Datum('[null, "k"]', "json"),
        "TopicArray": Datum(
            testing.CollectionValue(string=("topic", "topic")), "collection_string"
        ),
        "PartitionArray": Datum("[0, 0]", "json"),
        "OffsetArray": Datum(testing.CollectionValue(sint64=(0, 0)), "collection_sint64"),
        "TimestampArray": Datum(
            '["2024-01-01T00:00:00+00:00", "2024-01-01T00:00:00+00:00"]', "json"
        ),
        "HeadersArray": Datum("[[], []]", "json"),
        "ConsumerGroupArray": Datum(
            testing.CollectionValue(string=("$Default", "$Default")), "collection_string"
        ),
    }


def test_sql_changes_decode_to_json_text_as_the_generic_binding_does() -> None:
    payload = testing.sql_changes_payload([("insert", {"Id": 1}), ("delete", {"Id": 2}), (1, {})])
    assert payload.decode() == (
        '[{"Item": {"Id": 1}, "Operation": 0}, {"Item": {"Id": 2}, "Operation": 2}, '
        '{"Item": {}, "Operation": 1}]'
    )


def test_unknown_change_operation_is_rejected() -> None:
    with pytest.raises(ValueError) as caught:
        testing.sql_changes_payload([("upsert", {})])  # type: ignore[list-item]
    assert str(caught.value) == (
        "unknown change operation 'upsert': use 'insert', 'update', 'delete' "
        "(or the host's numbers 0, 1, 2)"
    )


def test_orchestration_context_body_is_a_first_run() -> None:
    context = testing.orchestration_context({"city": "Tokyo"}, name="hello", instance_id="i1")
    assert json.loads(context.body) == {
        "history": [
            {"EventType": 12, "EventId": -1, "IsPlayed": False,
             "Timestamp": "2024-01-01T00:00:00+00:00"},
            {"EventType": 0, "EventId": -1, "IsPlayed": False,
             "Timestamp": "2024-01-01T00:00:00+00:00", "Name": "hello", "Version": "",
             "Input": '{"city": "Tokyo"}', "OrchestrationInstance": {"InstanceId": "i1"}},
        ],
        "input": '{"city": "Tokyo"}',
        "instanceId": "i1",
        "isReplaying": False,
        "parentInstanceId": None,
        "upperSchemaVersion": 2,
    }  # fmt: skip


def test_entity_context_body_holds_state_and_batch() -> None:
    context = testing.entity_context("counter", "c1", state=5, operations=["reset", ("add", 2)])
    assert json.loads(context.body) == {
        "self": {"name": "counter", "key": "c1"},
        "state": "5",
        "exists": True,
        "batch": [
            {"name": "reset", "signal": False, "input": '"null"'},
            {"name": "add", "signal": False, "input": '"2"'},
        ],
    }


@pytest.mark.filterwarnings("ignore:azfunc df_loads:DeprecationWarning")
def test_activity_input_round_trips_through_the_durable_codec() -> None:
    assert testing.activity_input_payload([1, "a"]) == testing.Payload(
        binding="activityTrigger", data=Datum('[1, "a"]', "json")
    )
    assert testing.activity_input({"a": [1, None]}) == {"a": [1, None]}


def test_durable_client_payload_names_the_task_hub() -> None:
    info = json.loads(testing.durable_client_payload("Hub").decode())
    assert (info["taskHubName"], info["baseUrl"], info["managementUrls"]["statusQueryGetUri"]) == (
        "Hub",
        "http://localhost:7071/runtime/webhooks/durabletask",
        "http://localhost:7071/runtime/webhooks/durabletask/instances/INSTANCEID"
        "?taskHub=Hub&connection=Storage&code=test-system-key",
    )


def test_mcp_tool_call_payload_is_json_text() -> None:
    assert testing.mcp_tool_call_payload("echo", {"message": "hi"}, session_id="s") == (
        testing.Payload(
            binding="mcpToolTrigger",
            data=Datum(
                '{"name": "echo", "arguments": {"message": "hi"}, "sessionId": "s"}', "string"
            ),
        )
    )
    assert testing.mcp_resource_call_payload("file://a").decode() == '{"uri": "file://a"}'


def test_decoded_twins_keep_the_payload_builders_parameters() -> None:
    twins = {
        name: getattr(testing, name)
        for name in testing.__all__
        if not name.endswith("_payload") and f"{name}_payload" in testing.__all__
    }
    assert sorted(twins) == [
        "activity_input", "blob", "cloud_event", "cosmos_documents", "entity_context",
        "event_grid_event", "event_hub_event", "event_hub_events", "http_request",
        "kafka_event", "kafka_events", "mysql_rows", "orchestration_context", "queue_message",
        "service_bus_message", "service_bus_messages", "sql_rows", "timer_request",
        "warmup_context",
    ]  # fmt: skip
    for name, twin in twins.items():
        builder = getattr(testing, f"{name}_payload")
        assert (twin.__name__, list(inspect.signature(twin).parameters)) == (
            name,
            list(inspect.signature(builder).parameters),
        )
        assert twin.__doc__ and twin.__doc__.startswith("Return ")


def test_decode_passes_trigger_metadata_to_trigger_binding_types_only() -> None:
    trigger = testing.blob_payload(b"x", name="c/a.txt")
    as_input = testing.Payload(
        binding="blob", data=trigger.data, trigger_metadata=trigger.trigger_metadata
    )
    assert (trigger.decode().name, as_input.decode().name) == ("c/a.txt", None)
