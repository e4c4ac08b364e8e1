"""How the test client turns what a test passes into binding values for the pipeline:
payloads are checked against the binding they are for, then sent as their datum.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from azfunc._testing.payload import Payload
from azfunc._testing.storage import timer_request_payload, warmup_context_payload
from azfunc.decorators._function import Function
from azfunc.decorators.constants import (
    ACTIVITY_TRIGGER,
    BLOB,
    BLOB_TRIGGER,
    COSMOS_DB,
    COSMOS_DB_TRIGGER,
    DURABLE_CLIENT,
    ENTITY_TRIGGER,
    EVENT_GRID_TRIGGER,
    EVENT_HUB_TRIGGER,
    HTTP_TRIGGER,
    KAFKA_TRIGGER,
    MCP_PROMPT_TRIGGER,
    MCP_RESOURCE_TRIGGER,
    MCP_TOOL_TRIGGER,
    MYSQL,
    MYSQL_TRIGGER,
    ORCHESTRATION_TRIGGER,
    QUEUE_TRIGGER,
    SERVICE_BUS_TRIGGER,
    SQL,
    SQL_TRIGGER,
    TIMER_TRIGGER,
    WARMUP_TRIGGER,
)
from azfunc.meta import get_binding_registry

__all__ = ["DEFAULT_INPUTS", "binding_value", "binding_values"]

#: The payload a trigger gets when ``Client.invoke`` is given no input.
DEFAULT_INPUTS: dict[str, Callable[[], Payload[Any]]] = {
    TIMER_TRIGGER: timer_request_payload,
    WARMUP_TRIGGER: warmup_context_payload,
}

# The builder to suggest when a payload was built for another binding type.
_BUILDERS = {
    HTTP_TRIGGER: "http_request_payload()",
    QUEUE_TRIGGER: "queue_message_payload()",
    BLOB_TRIGGER: "blob_payload()",
    BLOB: "blob_payload(trigger=False)",
    TIMER_TRIGGER: "timer_request_payload()",
    WARMUP_TRIGGER: "warmup_context_payload()",
    SERVICE_BUS_TRIGGER: "service_bus_message_payload() or service_bus_messages_payload()",
    EVENT_HUB_TRIGGER: "event_hub_event_payload() or event_hub_events_payload()",
    EVENT_GRID_TRIGGER: "event_grid_event_payload() or cloud_event_payload()",
    KAFKA_TRIGGER: "kafka_event_payload() or kafka_events_payload()",
    COSMOS_DB_TRIGGER: "cosmos_documents_payload()",
    COSMOS_DB: "cosmos_documents_payload(trigger=False)",
    SQL: "sql_rows_payload()",
    SQL_TRIGGER: "sql_changes_payload()",
    MYSQL: "mysql_rows_payload()",
    MYSQL_TRIGGER: "mysql_changes_payload()",
    ORCHESTRATION_TRIGGER: "orchestration_context_payload()",
    ENTITY_TRIGGER: "entity_context_payload()",
    ACTIVITY_TRIGGER: "activity_input_payload()",
    DURABLE_CLIENT: "durable_client_payload()",
    MCP_TOOL_TRIGGER: "mcp_tool_call_payload()",
    MCP_RESOURCE_TRIGGER: "mcp_resource_call_payload()",
    MCP_PROMPT_TRIGGER: "mcp_prompt_call_payload()",
}


def _compatible(payload_binding: str, binding_type: str) -> bool:
    """Whether a payload built for ``payload_binding`` suits a ``binding_type`` binding:
    the same type, or converters of which one extends the other (``blob``/``blobTrigger``,
    ``cosmosDB``/``cosmosDBTrigger``, …)."""
    if payload_binding == binding_type:
        return True
    registry = get_binding_registry()
    built, wanted = registry.get(payload_binding), registry.get(binding_type)
    if built is None or wanted is None:
        return False
    return issubclass(built, wanted) or issubclass(wanted, built)


def binding_value(function: Function, binding_name: str, binding_type: str, value: Any) -> Any:
    """The value to pass the pipeline for one binding: a payload's datum, or ``value``.

    :raises ValueError: ``value`` is a payload built for another binding type.
    """
    if not isinstance(value, Payload):
        return value
    if not _compatible(value.binding, binding_type):
        hint = _BUILDERS.get(binding_type)
        fix = f"build it with {hint}" if hint else "pass a Datum or a plain value instead"
        raise ValueError(
            f"Function {function.get_function_name()!r}: binding {binding_name!r} is a "
            f"{binding_type!r} binding, but the payload was built for {value.binding!r}; "
            f"{fix}."
        )
    return value.data


def binding_values(function: Function, values: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`binding_value` of each item of ``values`` (by binding name); names that are
    no binding of ``function`` pass through, for the pipeline to report."""
    types = {binding.name: str(binding.type) for binding in function.get_bindings()}
    return {
        name: value if name not in types else binding_value(function, name, types[name], value)
        for name, value in values.items()
    }
