"""Unit-test your functions: host-shaped inputs for every trigger, a routing test
client, a fake context, and a pytest plugin.

Builders return what a function's parameter receives, decoded from the payload the
Functions host sends by the real converters; each has a ``*_payload`` twin returning
that :class:`Payload` (datum plus trigger metadata) for :meth:`Client.invoke`::

    from azfunc import testing

    msg = testing.queue_message("hello", dequeue_count=2)
    validate_order(msg, testing.SimpleOut[str](), testing.context(function_name="v"))

    with testing.Client("examples/http_hello") as client:
        assert client.get("/api/hello/Ada").text == "Hello, Ada!"
        result = client.invoke("heartbeat", testing.timer_request_payload(past_due=True))

``func.Context`` and ``func.Out`` are abstract (the worker supplies the real ones);
:class:`SimpleContext` and :class:`SimpleOut` stand in for them, and :func:`context`
builds a context from flat keywords (invocation id, retry count, trace parent).

:func:`index` runs the indexing-time checks of ``azfunc check`` on an app
(``functions, problems = testing.index(app)``); ``app.get_functions()`` runs none.

The pytest plugin (registered through the ``pytest11`` entry point) adds the fixtures
``azfunc_app`` and ``azfunc_client`` and the marker ``azfunc_app(path)``; see
:mod:`azfunc._testing.plugin`.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0 Builders, :class:`Client`, :func:`context`, :func:`index`, the
   pytest plugin.
"""

from azfunc._context import (
    SimpleContext,
    SimpleOut,
    SimpleRetryContext,
    SimpleRpcException,
    SimpleTraceContext,
)
from azfunc._host_auth import HostKeys
from azfunc._testing.client import TEST_KEYS, Client, ClientResponse
from azfunc._testing.context import context
from azfunc._testing.data import (
    activity_input,
    activity_input_payload,
    cosmos_documents,
    cosmos_documents_payload,
    durable_client_payload,
    entity_context,
    entity_context_payload,
    mysql_changes_payload,
    mysql_rows,
    mysql_rows_payload,
    orchestration_context,
    orchestration_context_payload,
    sql_changes_payload,
    sql_rows,
    sql_rows_payload,
)
from azfunc._testing.events import (
    cloud_event,
    cloud_event_payload,
    event_grid_event,
    event_grid_event_payload,
    kafka_event,
    kafka_event_payload,
    kafka_events,
    kafka_events_payload,
    mcp_prompt_call_payload,
    mcp_resource_call_payload,
    mcp_tool_call_payload,
)
from azfunc._testing.messaging import (
    event_hub_event,
    event_hub_event_payload,
    event_hub_events,
    event_hub_events_payload,
    service_bus_message,
    service_bus_message_payload,
    service_bus_messages,
    service_bus_messages_payload,
)
from azfunc._testing.payload import DEFAULT_TIME, CollectionValue, Payload
from azfunc._testing.storage import (
    blob,
    blob_payload,
    http_request,
    http_request_payload,
    queue_message,
    queue_message_payload,
    timer_request,
    timer_request_payload,
    warmup_context,
    warmup_context_payload,
)
from azfunc._validation.indexing import Indexed, index
from azfunc._validation.problems import AppValidationError, AppValidationWarning, Problem

__all__ = [
    "DEFAULT_TIME",
    "TEST_KEYS",
    "AppValidationError",
    "AppValidationWarning",
    "Client",
    "ClientResponse",
    "CollectionValue",
    "HostKeys",
    "Indexed",
    "Payload",
    "Problem",
    "SimpleContext",
    "SimpleOut",
    "SimpleRetryContext",
    "SimpleRpcException",
    "SimpleTraceContext",
    "activity_input",
    "activity_input_payload",
    "blob",
    "blob_payload",
    "cloud_event",
    "cloud_event_payload",
    "context",
    "cosmos_documents",
    "cosmos_documents_payload",
    "durable_client_payload",
    "entity_context",
    "entity_context_payload",
    "event_grid_event",
    "event_grid_event_payload",
    "event_hub_event",
    "event_hub_event_payload",
    "event_hub_events",
    "event_hub_events_payload",
    "http_request",
    "http_request_payload",
    "index",
    "kafka_event",
    "kafka_event_payload",
    "kafka_events",
    "kafka_events_payload",
    "mcp_prompt_call_payload",
    "mcp_resource_call_payload",
    "mcp_tool_call_payload",
    "mysql_changes_payload",
    "mysql_rows",
    "mysql_rows_payload",
    "orchestration_context",
    "orchestration_context_payload",
    "queue_message",
    "queue_message_payload",
    "service_bus_message",
    "service_bus_message_payload",
    "service_bus_messages",
    "service_bus_messages_payload",
    "sql_changes_payload",
    "sql_rows",
    "sql_rows_payload",
    "timer_request",
    "timer_request_payload",
    "warmup_context",
    "warmup_context_payload",
]
