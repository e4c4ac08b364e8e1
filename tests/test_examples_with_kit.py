"""Every function of every example app, exercised through azfunc.testing: the pytest
plugin's ``azfunc_client`` fixture (app chosen with ``@pytest.mark.azfunc_app``), host
routing and auth, payload builders for each trigger, and the invocation pipeline.

Tests marked ``xfail(strict=True)`` pin a known problem of an example app or of the
library, named in the reason; they start failing (XPASS) once it is fixed."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import uuid
from pathlib import Path
from typing import Any

import pytest

from azfunc import testing
from azfunc._testing.loading import load_app
from azfunc.invocation import InvocationResult
from azfunc.meta import Datum

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Indexing warns about problems in the examples (azfunc check's findings); they are
# tested with the check, not here.
pytestmark = pytest.mark.filterwarnings("ignore:examples/:UserWarning")

http_hello = pytest.mark.azfunc_app("examples/http_hello")
blob_io = pytest.mark.azfunc_app("examples/blob_io")
blueprints = pytest.mark.azfunc_app("examples/blueprints")
timer_retry = pytest.mark.azfunc_app("examples/timer_retry")
queue_pipeline = pytest.mark.azfunc_app("examples/queue_pipeline")
cosmos_db = pytest.mark.azfunc_app("examples/cosmos_db")
event_hub = pytest.mark.azfunc_app("examples/event_hub")
service_bus = pytest.mark.azfunc_app("examples/service_bus")
misc_bindings = pytest.mark.azfunc_app("examples/misc_bindings")
mcp_tools = pytest.mark.azfunc_app("examples/mcp_tools")
kafka_sql_dapr = pytest.mark.azfunc_app("examples/kafka_sql_dapr")
asgi_app = pytest.mark.azfunc_app("examples/asgi_app")
wsgi_app = pytest.mark.azfunc_app("examples/wsgi_app")
typed_http = pytest.mark.azfunc_app("examples/typed_http")
typed_http_untyped = pytest.mark.azfunc_app("examples/typed_http_untyped")
storage_chain = pytest.mark.azfunc_app("examples/storage_chain")

DEFAULT_ID = "00000000-0000-0000-0000-000000000001"  # the builders' default message id

#: The functions the tests below invoke, per example app.
COVERED = {
    "asgi_app": {"http_app_func", "hourly"},
    "blob_io": {"log_upload", "checksum_image", "read_file", "write_file", "CopyBlob"},
    "blueprints": {"default_template", "SubmitTask", "run_task", "hourly_task", "health"},
    "cosmos_db": {"orders_changed", "get_order", "orders_by_status", "create_order",
                  "record_status"},
    "event_hub": {"detect_overheat", "ArchiveTelemetry", "device_messages", "ingest"},
    "http_hello": {"HelloName", "http_trigger", "Goodbye", "item", "admin_stats", "echo"},
    "kafka_sql_dapr": {"forward_orders", "orders_changed", "list_orders", "add_order",
                       "get_customer", "on_order", "check_stock", "from_binding", "whois"},
    "mcp_tools": {"get_forecast", "save_snippet", "echo", "readme", "summarize"},
    "misc_bindings": {"store_event", "publish", "hourly_tick", "list_customers",
                      "save_customer", "warmup", "render", "generic_http", "incoming", "extras"},
    "queue_pipeline": {"enqueue_order", "validate_order", "ship_order", "PoisonOrders"},
    "service_bus": {"submit_invoice", "process_invoice", "AuditInvoices", "notify"},
    "storage_chain": {"submit_note", "save_note", "count_words", "read_note"},
    "timer_retry": {"heartbeat", "NightlyCleanup", "weekly_report"},
    "wsgi_app": {"web"},
    "typed_http": {"get_item", "list_items", "create_item"},
    "typed_http_untyped": {"get_item", "list_items", "create_item"},
}  # fmt: skip


def _messages(result: InvocationResult | None) -> list[str]:
    assert result is not None
    return [record.getMessage() for record in result.logs]


@pytest.fixture(autouse=True)
def _info_logs(caplog: pytest.LogCaptureFixture) -> None:
    # The worker runs functions with INFO records enabled; so do these tests.
    caplog.set_level(logging.INFO)


@pytest.mark.parametrize("app", sorted(COVERED))
def test_every_function_of_every_example_is_covered(app: str) -> None:
    loaded = load_app(EXAMPLES / app)
    assert {f.get_function_name() for f in loaded.app.get_functions()} == COVERED[app]
    assert sorted(path.name for path in EXAMPLES.iterdir() if path.is_dir()) == sorted(COVERED)


# -- http_hello ------------------------------------------------------------------------------


@http_hello
def test_hello_name_route_and_query(azfunc_client: testing.Client) -> None:
    response = azfunc_client.get("/api/hello/Ada?greeting=Hi")
    assert (response.status_code, response.text, list(response.headers)) == (
        200,
        "Hi, Ada!",
        [("content-type", "text/plain; charset=utf-8"), ("Content-Length", "8")],
    )
    assert _messages(response.result) == ["Greeting Ada"]
    posted = azfunc_client.post("/api/hello/Bob")
    assert (posted.status_code, posted.text) == (200, "Hello, Bob!")
    assert azfunc_client.put("/api/hello/Bob").status_code == 405


@http_hello
def test_default_template_reads_query_or_body(azfunc_client: testing.Client) -> None:
    by_query = azfunc_client.get("/api/http_trigger?name=Ada")
    by_body = azfunc_client.post("/api/http_trigger", json={"name": "Bob"})
    anonymous = azfunc_client.get("/api/http_trigger")
    assert [r.text for r in (by_query, by_body, anonymous)] == [
        "Hello, Ada. This HTTP-triggered function executed successfully.",
        "Hello, Bob. This HTTP-triggered function executed successfully.",
        "This HTTP-triggered function executed successfully. Pass a name in the query "
        "string or in the request body for a personalized response.",
    ]


@http_hello
def test_goodbye_route_defaults_to_the_function_name(azfunc_client: testing.Client) -> None:
    assert azfunc_client.get("/api/Goodbye?name=Ada").text == "Goodbye, Ada!"
    assert azfunc_client.get("/api/goodbye").text == "Goodbye, world!"
    assert azfunc_client.post("/api/Goodbye").status_code == 405


@http_hello
def test_item_needs_a_function_key_and_an_int_id(azfunc_client: testing.Client) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    updated = azfunc_client.put("/api/items/5", json={"name": "pen"})
    assert (updated.status_code, updated.json(), updated.headers["content-type"]) == (
        200,
        {"name": "pen", "id": 5},
        "application/json",
    )
    assert [
        azfunc_client.delete("/api/items/5").status_code,
        azfunc_client.delete("/api/items/5", auth=False).status_code,
        azfunc_client.delete("/api/items/five").status_code,
        azfunc_client.get("/api/items/5").status_code,
    ] == [204, 401, 404, 405]


@http_hello
def test_admin_stats_takes_only_the_master_key(azfunc_client: testing.Client) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    response = azfunc_client.get("/api/stats?x=1")
    assert (response.status_code, response.json()) == (
        200,
        {"method": "GET", "url": "http://localhost:7071/api/stats?x=1", "params": {"x": "1"}},
    )
    host_key = azfunc_client.get("/api/stats", auth=testing.TEST_KEYS.host)
    assert host_key.status_code == 401


@http_hello
def test_async_echo(azfunc_client: testing.Client) -> None:
    response = azfunc_client.post(
        "/api/echo", body=b"\x00\x01", headers={"Content-Type": "application/octet-stream"}
    )
    assert (response.status_code, response.body, response.headers["content-type"]) == (
        200,
        b"\x00\x01",
        "application/octet-stream",
    )


# -- blob_io ------------------------------------------------------------------------------------


@blob_io
def test_blob_triggers(azfunc_client: testing.Client) -> None:
    logged = azfunc_client.invoke("log_upload", testing.blob_payload(b"abc", name="uploads/a.txt"))
    assert _messages(logged) == [
        "Python blob trigger function processed blob\nName: uploads/a.txt\nBlob Size: 3 bytes"
    ]
    checksum = azfunc_client.invoke("checksum_image", testing.blob_payload(b"png"))
    assert checksum.outputs == {"checksum": hashlib.sha256(b"png").hexdigest()}


@blob_io
def test_blob_input_and_output_on_http(azfunc_client: testing.Client) -> None:
    found = azfunc_client.get(
        "/api/files/a.txt", inputs={"file": testing.blob_payload("text", trigger=False)}
    )
    missing = azfunc_client.get("/api/files/b.txt", inputs={"file": None})
    stored = azfunc_client.put("/api/files/c.bin", body=b"1234")
    copied = azfunc_client.post(
        "/api/copy/d.bin", inputs={"source": testing.blob_payload(b"xyz", trigger=False)}
    )
    assert [(r.status_code, r.text, r.outputs) for r in (found, missing, stored, copied)] == [
        (200, "text", {}),
        (404, "Not found", {}),
        (201, "Stored 4 bytes", {"outfile": b"1234"}),
        (200, "Copied 3 bytes", {"target": b"xyz"}),
    ]


# -- blueprints ---------------------------------------------------------------------------------


@blueprints
def test_blueprint_http_functions(azfunc_client: testing.Client) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    health = azfunc_client.get("/api/health", auth=False)
    greeting = azfunc_client.get("/api/default_template?name=Ada")
    locked = azfunc_client.get("/api/default_template", auth=False)
    task = azfunc_client.post("/api/tasks", json={"job": "reindex"})
    bad = azfunc_client.post("/api/tasks", body="not json")
    assert [(r.status_code, r.text, r.outputs) for r in (health, greeting, locked, task, bad)] == [
        (200, "OK", {}),
        (200, "Hello, Ada. This HTTP-triggered function executed successfully.", {}),
        (401, _unauthorized("default_template"), {}),
        (202, "", {"task": '{"job": "reindex"}'}),
        (400, "Expected a JSON body", {"task": None}),
    ]


@blueprints
def test_blueprint_queue_and_timer_functions(azfunc_client: testing.Client) -> None:
    report = azfunc_client.invoke(
        "run_task", testing.queue_message_payload({"job": "reindex"}, id="t1", dequeue_count=2)
    )
    assert (report.outputs, _messages(report)) == (
        {"report": '{"task": {"job": "reindex"}, "status": "done"}'},
        ["Running task t1 (dequeue count 2)"],
    )
    late = azfunc_client.invoke("hourly_task", testing.timer_request_payload(past_due=True))
    on_time = azfunc_client.invoke("hourly_task")
    assert [(r.outputs, _messages(r)) for r in (late, on_time)] == [
        ({"task": '{"kind": "housekeeping"}'}, ["The timer is past due"]),
        ({"task": '{"kind": "housekeeping"}'}, []),
    ]


# -- timer_retry ----------------------------------------------------------------------------------


@timer_retry
def test_heartbeat_queues_the_time(azfunc_client: testing.Client) -> None:
    before = datetime.datetime.now(datetime.timezone.utc)
    result = azfunc_client.invoke("heartbeat", testing.timer_request_payload(past_due=True))
    beat = json.loads(result.outputs["msg"])
    assert beat == {"at": beat["at"]}
    assert (
        before
        <= datetime.datetime.fromisoformat(beat["at"])
        <= datetime.datetime.now(datetime.timezone.utc)
    )
    assert _messages(result) == ["The timer is past due!"]


@timer_retry
def test_nightly_cleanup_reads_the_retry_context(azfunc_client: testing.Client) -> None:
    retry = azfunc_client.invoke(
        "NightlyCleanup",
        context=testing.context(invocation_id="run-7", retry_count=2, max_retry_count=5),
    )
    first = azfunc_client.invoke("NightlyCleanup", context=testing.context(invocation_id="run-8"))
    assert [_messages(retry), _messages(first)] == [
        ["Retry 2 of 5", "Cleanup run-7 started (past due: False)"],
        ["Cleanup run-8 started (past due: False)"],
    ]


@timer_retry
def test_weekly_report_returns_a_queue_message(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("weekly_report", testing.timer_request_payload(past_due=True))
    report = '{"report": "weekly", "past_due": true}'
    assert (result.return_value, result.encoded_outputs) == (
        report,
        {"$return": Datum(report, "string")},
    )


# -- queue_pipeline -------------------------------------------------------------------------------


@queue_pipeline
def test_enqueue_order(azfunc_client: testing.Client) -> None:
    accepted = azfunc_client.post("/api/orders", json={"item": "pen", "quantity": 2})
    rejected = azfunc_client.post("/api/orders", body="nope")
    assert [(r.status_code, r.text, r.outputs) for r in (accepted, rejected)] == [
        (202, "", {"msg": '{"item": "pen", "quantity": 2}'}),
        (400, "Expected a JSON order", {"msg": None}),
    ]


@queue_pipeline
def test_validate_order_forwards_valid_orders(azfunc_client: testing.Client) -> None:
    valid = azfunc_client.invoke(
        "validate_order", testing.queue_message_payload({"quantity": 2}, id="o1", dequeue_count=3)
    )
    empty = azfunc_client.invoke("validate_order", testing.queue_message_payload({"quantity": 0}))
    assert [(r.outputs, _messages(r)) for r in (valid, empty)] == [
        (
            {"validated": '{"quantity": 2}'},
            ["validate_order: order message o1 (dequeued 3 times)"],
        ),
        (
            {"validated": None},
            [f"validate_order: order message {DEFAULT_ID} (dequeued 1 times)"],
        ),
    ]


@queue_pipeline
def test_ship_order_takes_the_message_as_text(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("ship_order", testing.queue_message_payload('{"id": 1}'))
    assert result.return_value == '{"order": {"id": 1}, "carrier": "standard"}'


@queue_pipeline
def test_poison_orders_logs_the_message(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("PoisonOrders", testing.queue_message_payload("bad", id="p1"))
    assert _messages(result) == ["Poison order p1: bad"]


# -- storage_chain --------------------------------------------------------------------------------


@storage_chain
def test_submit_note_queues_valid_notes(azfunc_client: testing.Client) -> None:
    queued = azfunc_client.post("/api/notes", json={"slug": "n1", "text": "hi there"})
    refused = azfunc_client.post("/api/notes", json={"slug": "n1"})
    assert [(r.status_code, r.text, r.outputs) for r in (queued, refused)] == [
        (202, "Queued note n1", {"note": '{"slug": "n1", "text": "hi there"}'}),
        (400, 'Send {"slug": "...", "text": "..."}', {"note": None}),
    ]


@storage_chain
def test_save_note_writes_the_text(azfunc_client: testing.Client) -> None:
    message = testing.queue_message_payload({"slug": "n1", "text": "hi there"}, dequeue_count=2)
    result = azfunc_client.invoke("save_note", message)
    assert (result.outputs, _messages(result)) == (
        {"saved": "hi there"},
        ["Saving note n1 (delivery 2)"],
    )


@storage_chain
def test_count_words_logs_the_count(azfunc_client: testing.Client) -> None:
    blob = testing.blob_payload(b"one two three", name="notes/n1.txt")
    assert _messages(azfunc_client.invoke("count_words", blob)) == ["notes/n1.txt has 3 words"]


@storage_chain
def test_read_note_reads_the_blob(azfunc_client: testing.Client) -> None:
    found = azfunc_client.get(
        "/api/notes/n1", inputs={"text": testing.blob_payload("hi there", trigger=False)}
    )
    missing = azfunc_client.get("/api/notes/n2", inputs={"text": None})
    assert [(r.status_code, r.text) for r in (found, missing)] == [
        (200, "hi there"),
        (404, "No such note (yet)"),
    ]


# -- cosmos_db ------------------------------------------------------------------------------------


@cosmos_db
def test_change_feed_logs_each_document(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "orders_changed",
        testing.cosmos_documents_payload([{"id": "1", "status": "paid"}, {"id": "2"}]),
    )
    assert _messages(result) == ["Order 1 changed: status paid", "Order 2 changed: status None"]


@cosmos_db
def test_cosmos_inputs_on_http(azfunc_client: testing.Client) -> None:
    one = testing.cosmos_documents_payload([{"id": "1", "status": "paid"}], trigger=False)
    none = testing.cosmos_documents_payload([], trigger=False)
    found = azfunc_client.get("/api/orders/1", inputs={"orders": one})
    missing = azfunc_client.get("/api/orders/2", inputs={"orders": none})
    by_status = azfunc_client.get("/api/orders/status/paid", inputs={"orders": one})
    assert [(r.status_code, r.text) for r in (found, missing, by_status)] == [
        (200, '{"id": "1", "status": "paid"}'),
        (404, "Order not found"),
        (200, '[{"id": "1", "status": "paid"}]'),
    ]


@cosmos_db
def test_create_order_and_record_status(azfunc_client: testing.Client) -> None:
    created = azfunc_client.post("/api/orders", json={"item": "pen"})
    order_id = created.json()["id"]
    assert str(uuid.UUID(order_id)) == order_id
    assert (created.status_code, dict(created.outputs["order"])) == (
        201,
        {"item": "pen", "id": order_id, "status": "new"},
    )
    assert azfunc_client.post("/api/orders", body="x").status_code == 400
    audit = azfunc_client.invoke(
        "record_status", testing.queue_message_payload({"status": "shipped"}, id="m1")
    )
    assert (dict(audit.outputs["audit"]), audit.encoded_outputs["audit"].value) == (
        {"id": "m1", "status": "shipped"},
        '[{"id": "m1", "status": "shipped"}]',
    )


# -- event_hub ------------------------------------------------------------------------------------


@event_hub
def test_detect_overheat(azfunc_client: testing.Client) -> None:
    hot = azfunc_client.invoke(
        "detect_overheat",
        testing.event_hub_event_payload({"device": "d1", "temperature": 95}, partition_key="d1"),
    )
    cool = azfunc_client.invoke(
        "detect_overheat", testing.event_hub_event_payload({"temperature": 20}, sequence_number=9)
    )
    assert [(r.outputs, _messages(r)) for r in (hot, cool)] == [
        (
            {"alert": '{"device": "d1", "reading": {"device": "d1", "temperature": 95}}'},
            ["Event seq 1 from partition key d1"],
        ),
        ({"alert": None}, ["Event seq 9 from partition key None"]),
    ]


@event_hub
def test_archive_telemetry_batch(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "ArchiveTelemetry", testing.event_hub_events_payload(['{"t": 1}', '{"t": 2}'])
    )
    assert result.outputs == {"archive": '{"t": 1}\n{"t": 2}'}


@event_hub
def test_device_messages_from_iot_hub(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "device_messages",
        testing.event_hub_event_payload(b"\x01\x02\x03", iothub={"connection-device-id": "dev7"}),
    )
    assert _messages(result) == ["Device dev7 sent 3 bytes"]


@event_hub
def test_ingest_forwards_the_body(azfunc_client: testing.Client) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    response = azfunc_client.post("/api/telemetry", body='{"t": 3}')
    assert (response.status_code, response.outputs) == (202, {"event": '{"t": 3}'})
    assert azfunc_client.post("/api/telemetry", auth=False).status_code == 401


# -- service_bus ----------------------------------------------------------------------------------


@service_bus
def test_submit_and_process_invoice(azfunc_client: testing.Client) -> None:
    submitted = azfunc_client.post("/api/invoices", body='{"number": 7}')
    assert (submitted.status_code, submitted.outputs) == (202, {"msg": '{"number": 7}'})
    processed = azfunc_client.invoke(
        "process_invoice",
        testing.service_bus_message_payload({"number": 7}, message_id="m7", delivery_count=2),
    )
    assert (processed.outputs, _messages(processed)) == (
        {"event": '{"type": "invoice.processed", "number": 7}'},
        ["Invoice 7 (message m7, delivery 2)"],
    )


@service_bus
def test_audit_invoices_batch(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "AuditInvoices",
        testing.service_bus_messages_payload(
            [testing.service_bus_message_payload("a", session_id="s1"), "b"]
        ),
    )
    assert _messages(result) == ["Session s1: a", "Session None: b"]


@service_bus
def test_notify_takes_the_message_as_text(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("notify", testing.service_bus_message_payload({"number": 7}))
    assert result.return_value == ('{"to": "billing@example.com", "subject": "Invoice 7"}')


# -- misc_bindings --------------------------------------------------------------------------------


@misc_bindings
def test_store_event_grid_event(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "store_event",
        testing.event_grid_event_payload(
            {"size": 3}, id="e1", subject="/blobs/a", event_type="BlobCreated"
        ),
    )
    assert (result.outputs, _messages(result)) == (
        {"row": '{"RowKey": "e1", "Subject": "/blobs/a", "Data": {"size": 3}}'},
        ["Event e1 of type BlobCreated on /blobs/a"],
    )


@misc_bindings
def test_event_grid_outputs(azfunc_client: testing.Client) -> None:
    published = azfunc_client.post("/api/publish", json={"order": 1})
    event = published.outputs["outputEvent"]
    assert (published.text, event.subject, event.event_type, event.get_json()) == (
        "published",
        "orders",
        "Shop.OrderPlaced",
        {"order": 1},
    )
    tick = azfunc_client.invoke("hourly_tick", testing.timer_request_payload(past_due=True))
    assert (tick.outputs["outputEvent"].get_json(), tick.outputs["outputEvent"].subject) == (
        {"past_due": True},
        "clock/hourly",
    )


@misc_bindings
def test_table_input_and_output(azfunc_client: testing.Client) -> None:
    listed = azfunc_client.get("/api/customers/eu", inputs={"customers": '[{"RowKey": "1"}]'})
    saved = azfunc_client.put("/api/customers/eu/7", json={"Name": "Ada"})
    assert [(r.status_code, r.text, r.outputs) for r in (listed, saved)] == [
        (200, '[{"RowKey": "1"}]', {}),
        (204, "", {"customer": '{"Name": "Ada"}'}),
    ]


@misc_bindings
def test_warmup_generic_and_blob_functions(azfunc_client: testing.Client) -> None:
    warm = azfunc_client.invoke("warmup")
    rendered = azfunc_client.invoke(
        "render", testing.queue_message_payload({"name": "Ada"}), template="Hi {name}"
    )
    incoming = azfunc_client.invoke("incoming", testing.blob_payload(b"x", name="incoming/a"))
    assert [(r.outputs, _messages(r)) for r in (warm, rendered, incoming)] == [
        ({}, ["Function App instance is warm"]),
        ({"rendered": "Hi Ada"}, []),
        ({}, ["Incoming blob incoming/a"]),
    ]


@misc_bindings
def test_generic_http_and_route_extras(azfunc_client: testing.Client) -> None:
    generic = azfunc_client.get("/api/generic/Ada")
    extras = azfunc_client.get("/api/extras")
    assert [(r.status_code, r.text) for r in (generic, extras)] == [
        (200, "Hello, Ada!"),
        (200, '{"ok": true}'),
    ]


# -- mcp_tools ------------------------------------------------------------------------------------


@mcp_tools
def test_mcp_tools(azfunc_client: testing.Client) -> None:
    forecast = azfunc_client.invoke(
        "get_forecast",
        testing.mcp_tool_call_payload(
            "get_forecast", {"city": "Seattle", "days": 2}, session_id="s"
        ),
    )
    echo = azfunc_client.invoke("echo", testing.mcp_tool_call_payload("echo", {"message": "hi"}))
    readme = azfunc_client.invoke(
        "readme", testing.mcp_resource_call_payload("file://snippets/readme.md")
    )
    assert [forecast.return_value, echo.return_value, readme.return_value] == [
        "Seattle (metric): rain, rain",
        "hi",
        "# Snippets\n\nUse `save_snippet` to save text and `get_forecast` for weather.",
    ]
    assert _messages(forecast) == ["Forecast for Seattle asked in session s"]


@mcp_tools
def test_mcp_structured_result_and_output_binding(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "save_snippet",
        testing.mcp_tool_call_payload("save_snippet", {"name": "a", "text": "x\ny"}),
    )
    envelope = json.loads(result.return_value)
    assert (result.outputs, json.loads(envelope["structuredContent"])) == (
        {"audit": '{"saved": "a"}'},
        {"name": "a", "text": "x\ny", "lines": 2},
    )


@mcp_tools
def test_mcp_prompt(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke(
        "summarize", testing.mcp_prompt_call_payload("summarize", {"topic": "tides"})
    )
    assert result.return_value == "Summarize tides in a short style."


# -- kafka_sql_dapr -------------------------------------------------------------------------------


@kafka_sql_dapr
def test_forward_orders(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("forward_orders", testing.kafka_events_payload(["o1", "o2"]))
    assert result.outputs == {"forwarded": '["o1", "o2"]'}


@kafka_sql_dapr
def test_sql_trigger_and_output(azfunc_client: testing.Client) -> None:
    changes = azfunc_client.invoke(
        "orders_changed",
        testing.sql_changes_payload([("insert", {"Id": 1}), ("delete", {"Id": 2})]),
    )
    assert _messages(changes) == ["Order 1: operation 0", "Order 2: operation 2"]
    added = azfunc_client.post("/api/orders", json={"Id": 3, "Status": "new"})
    assert (added.status_code, added.text, dict(added.outputs["order"])) == (
        201,
        "saved",
        {"Id": 3, "Status": "new"},
    )


@kafka_sql_dapr
@pytest.mark.parametrize(
    ("url", "binding", "payload"),
    [
        ("/api/orders/new", "orders", testing.sql_rows_payload([{"Id": 1}])),
        ("/api/customers/1", "customers", testing.mysql_rows_payload([{"Id": 1}])),
    ],
)
def test_row_inputs(
    azfunc_client: testing.Client, url: str, binding: str, payload: testing.Payload[Any]
) -> None:
    response = azfunc_client.get(url, inputs={binding: payload})
    assert (response.status_code, response.json()) == (200, [{"Id": 1}])


@kafka_sql_dapr
def test_dapr_functions(azfunc_client: testing.Client) -> None:
    order = azfunc_client.invoke("on_order", json.dumps({"data": {"id": "o1"}}))
    message = azfunc_client.invoke("from_binding", "hello")
    assert [(r.outputs, _messages(r)) for r in (order, message)] == [
        ({"state": '{"id": "o1"}', "published": '{"payload": {"order": "o1"}}'}, []),
        ({}, ["Binding message: hello"]),
    ]


@kafka_sql_dapr
def test_check_stock(azfunc_client: testing.Client) -> None:
    result = azfunc_client.invoke("check_stock", '{"item": "pen"}', stock="5", secret="s")
    assert result.outputs == {
        "reorder": '{"body": {"item": "pen"}}',
        "alert": '{"data": "low stock: 5"}',
    }


@kafka_sql_dapr
def test_whois_uses_the_completion(azfunc_client: testing.Client) -> None:
    response = azfunc_client.get(
        "/api/whois/Ada", inputs={"response": '{"content": "A mathematician."}'}
    )
    assert (response.status_code, response.text) == (200, "A mathematician.")


# -- asgi_app and wsgi_app ------------------------------------------------------------------------


@asgi_app
def test_asgi_app_behind_the_catch_all_route(azfunc_client: testing.Client) -> None:
    response = azfunc_client.post("/api/orders/7?x=1", auth=False)
    assert (response.status_code, response.json(), list(response.headers)) == (
        200,
        {"path": "/api/orders/7", "method": "POST"},
        [("content-type", "application/json"), ("Content-Length", "43")],
    )
    assert azfunc_client.invoke("hourly").ok


@wsgi_app
def test_wsgi_app_needs_a_function_key(azfunc_client: testing.Client) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    ok = azfunc_client.get("/api/some/path")
    locked = azfunc_client.get("/api/some/path", auth=False)
    assert [(r.status_code, r.text) for r in (ok, locked)] == [
        (200, "GET /api/some/path"),
        (401, _unauthorized("web")),
    ]


# -- typed_http and its hand-written twin ---------------------------------------------------------


def _typed_item_type() -> Any:
    return load_app(EXAMPLES / "typed_http").module.Item


@typed_http
def test_typed_get_item_converts_the_route_value(azfunc_client: testing.Client) -> None:
    item_type = _typed_item_type()
    response = azfunc_client.get("/api/items/2")
    assert (response.status_code, response.headers["Content-Type"]) == (200, "application/json")
    assert response.model(item_type) == item_type(
        id=2, name="lamp", price=40.5, tags=["living", "light"]
    )
    assert (azfunc_client.get("/api/items/7").status_code, azfunc_client.get("/api/items/7").text) \
        == (404, "no item 7")  # fmt: skip


@typed_http
def test_typed_list_items_reads_query_parameters(azfunc_client: testing.Client) -> None:
    assert azfunc_client.get("/api/items?tag=kitchen").json() == {
        "items": [{"id": 1, "name": "kettle", "price": 25.0, "tags": ["kitchen"]}],
        "total": 1,
    }
    assert azfunc_client.get("/api/items?limit=1").json()["items"] == [
        {"id": 1, "name": "kettle", "price": 25.0, "tags": ["kitchen"]}
    ]
    rejected = azfunc_client.get("/api/items?limit=ten")
    assert (rejected.status_code, rejected.headers["Content-Type"], rejected.json()) == (
        422,
        "application/problem+json",
        {
            "type": "about:blank",
            "title": "Unprocessable Content",
            "status": 422,
            "detail": "1 invalid field in the request",
            "instance": "/api/items",
            "errors": [
                {"loc": ["query", "limit"], "msg": "Input should be a valid integer",
                 "type": "int_parsing"},
            ],
        },
    )  # fmt: skip


def _answers(app: str) -> list[tuple[int, str, bytes]]:
    requests: list[tuple[str, str, Any]] = [
        ("GET", "/api/items/1", None),
        ("GET", "/api/items/99", None),
        ("GET", "/api/items?tag=light&limit=3", None),
        ("GET", "/api/items?limit=x", None),
        ("POST", "/api/items", {"name": "mug", "price": 8, "tags": ["kitchen"]}),
        ("POST", "/api/items", {"price": True, "tags": "x"}),
        ("POST", "/api/items", [1, 2]),
    ]
    with testing.Client(load_app(EXAMPLES / app).app) as client:
        responses = [
            client.request(method, url) if body is None else client.request(method, url, json=body)
            for method, url, body in requests
        ]
    return [(r.status_code, r.headers["Content-Type"], r.body) for r in responses]


def test_typed_app_and_its_twin_answer_alike() -> None:
    """The same requests, valid and not, get the same answers from both apps."""
    typed, twin = _answers("typed_http"), _answers("typed_http_untyped")
    assert typed == twin
    assert [(status, kind) for status, kind, _ in typed] == [
        (200, "application/json"),
        (404, "text/plain; charset=utf-8"),
        (200, "application/json"),
        (422, "application/problem+json"),
        (200, "application/json"),
        (422, "application/problem+json"),
        (422, "application/problem+json"),
    ]
    assert json.loads(typed[5][2])["errors"] == [
        {"loc": ["body", "name"], "msg": "Field required", "type": "missing"},
        {"loc": ["body", "price"], "msg": "Input should be a valid number",
         "type": "float_parsing"},
        {"loc": ["body", "tags"], "msg": "Input should be a valid list", "type": "list_type"},
    ]  # fmt: skip
    assert json.loads(typed[6][2])["errors"] == [
        {"loc": ["body"], "msg": "Input should be an object (NewItem)", "type": "model_type"}
    ]


@typed_http
def test_typed_create_item_sends_a_model_and_fills_the_queue(
    azfunc_client: testing.Client,
) -> None:
    azfunc_client.auth = True  # the keys are checked as on Azure
    module = load_app(EXAMPLES / "typed_http").module
    response = azfunc_client.post("/api/items", json=module.NewItem(name="rug", price=99.5))
    assert response.status_code == 200
    assert response.json()["name"] == "rug"
    assert response.outputs == {"msg": "rug"}
    assert azfunc_client.post("/api/items", json={"name": "rug", "price": 1}, auth=False) \
        .status_code == 401  # fmt: skip


def _unauthorized(function_name: str) -> str:
    """The body of the client's 401 for a FUNCTION-level function called without a key."""
    return (
        f"401 Unauthorized: function {function_name!r} has auth level FUNCTION and no key was "
        "sent. Send the host key, the master key or a key of this function in the "
        "x-functions-key header or the code query parameter (the Client's keys: "
        "azfunc.testing.TEST_KEYS unless keys= is given).\n"
    )
