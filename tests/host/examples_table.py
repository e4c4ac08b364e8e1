"""One HTTP request and one admin invocation per example app, with what they return."""

from __future__ import annotations

import hashlib
import json

import attrs


@attrs.frozen(kw_only=True)
class ExampleCall:
    """An HTTP request to an example app, or ``None``, and a function to invoke via admin."""

    method: str = ""
    path: str = ""
    body: bytes = b""
    status: int = 0
    text: str | None = None  # expected body, when it is fixed
    admin_function: str | None = None
    admin_input: str = ""
    output: str | None = None  # a recorded output value the admin invocation produces


EXAMPLE_CALLS: dict[str, ExampleCall] = {
    "asgi_app": ExampleCall(
        method="GET",
        path="/api/docs/x",
        status=200,
        text='{"path": "/api/docs/x", "method": "GET"}',
        admin_function="hourly",
    ),
    "blob_io": ExampleCall(
        method="PUT",
        path="/api/files/a.txt",
        body=b"hello",
        status=201,
        text="Stored 5 bytes",
        admin_function="checksum_image",
        admin_input="image bytes",
        output=hashlib.sha256(b"image bytes").hexdigest(),
    ),
    "blueprints": ExampleCall(
        method="GET",
        path="/api/health",
        status=200,
        text="OK",
        admin_function="run_task",
        admin_input='{"id": 7}',
        output='{"task": {"id": 7}, "status": "done"}',
    ),
    "cosmos_db": ExampleCall(
        method="POST",
        path="/api/orders",
        body=b'{"item": "book"}',
        status=201,
        admin_function="orders_changed",
        admin_input='[{"id": "1", "status": "new"}]',
    ),
    "event_hub": ExampleCall(
        method="POST",
        path="/api/telemetry",
        body=b'{"temperature": 20}',
        status=202,
        admin_function="detect_overheat",
        admin_input='{"temperature": 95, "device": "d1"}',
        output='{"device": "d1", "reading": {"temperature": 95, "device": "d1"}}',
    ),
    "http_hello": ExampleCall(
        method="GET", path="/api/hello/Ada?greeting=Hi", status=200, text="Hi, Ada!"
    ),
    "kafka_sql_dapr": ExampleCall(
        method="POST",
        path="/api/orders",
        body=b'{"Id": 1}',
        status=201,
        text="saved",
        admin_function="on_order",
        admin_input='{"data": {"id": 42}}',
        output='{"payload": {"order": 42}}',
    ),
    "mcp_tools": ExampleCall(
        admin_function="echo", admin_input='{"arguments": {"message": "hi"}}', output="hi"
    ),
    "misc_bindings": ExampleCall(
        method="GET",
        path="/api/extras",
        status=200,
        admin_function="store_event",
        admin_input=json.dumps(
            {
                "id": "e1",
                "topic": "t",
                "subject": "orders/1",
                "eventType": "created",
                "eventTime": "2024-01-01T00:00:00Z",
                "data": {"n": 1},
                "dataVersion": "1",
            }
        ),
        output='{"RowKey": "e1", "Subject": "orders/1", "Data": {"n": 1}}',
    ),
    "queue_pipeline": ExampleCall(
        method="POST",
        path="/api/orders",
        body=b'{"id": 1, "items": ["x"]}',
        status=202,
        admin_function="validate_order",
        admin_input='{"id": 1, "quantity": 2}',
        output='{"id": 1, "quantity": 2}',
    ),
    "service_bus": ExampleCall(
        method="POST",
        path="/api/invoices",
        body=b'{"number": 7}',
        status=202,
        admin_function="process_invoice",
        admin_input='{"number": 7}',
        output='{"type": "invoice.processed", "number": 7}',
    ),
    "storage_chain": ExampleCall(
        method="POST",
        path="/api/notes",
        body=b'{"slug": "n1", "text": "hello world"}',
        status=202,
        text="Queued note n1",
        admin_function="save_note",
        admin_input='{"slug": "n1", "text": "hello world"}',
        output="hello world",
    ),
    "timer_retry": ExampleCall(admin_function="heartbeat"),
    "wsgi_app": ExampleCall(method="GET", path="/api/hello", status=200, text="GET /api/hello"),
    "typed_http": ExampleCall(
        method="GET",
        path="/api/items/2",
        status=200,
        text='{"id":2,"name":"lamp","price":40.5,"tags":["living","light"]}',
    ),
    "typed_http_untyped": ExampleCall(
        method="GET",
        path="/api/items/2",
        status=200,
        text='{"id":2,"name":"lamp","price":40.5,"tags":["living","light"]}',
    ),
}
