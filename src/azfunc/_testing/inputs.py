"""How the test client turns what a test passes into binding values for the pipeline:
payloads are checked against the binding they are for, then sent as their datum.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from azfunc._testing.payload import Payload
from azfunc._testing.storage import timer_request_payload, warmup_context_payload
from azfunc.decorators._builder import Function
from azfunc.meta import get_binding_registry

__all__ = ["DEFAULT_INPUTS", "binding_value", "binding_values"]

#: The payload a trigger gets when ``Client.invoke`` is given no input.
DEFAULT_INPUTS: dict[str, Callable[[], Payload[Any]]] = {
    "timerTrigger": timer_request_payload,
    "warmupTrigger": warmup_context_payload,
}

# The builder to suggest when a payload was built for another binding type.
_BUILDERS = {
    "httpTrigger": "http_request_payload()",
    "queueTrigger": "queue_message_payload()",
    "blobTrigger": "blob_payload()",
    "blob": "blob_payload(trigger=False)",
    "timerTrigger": "timer_request_payload()",
    "warmupTrigger": "warmup_context_payload()",
    "serviceBusTrigger": "service_bus_message_payload() or service_bus_messages_payload()",
    "eventHubTrigger": "event_hub_event_payload() or event_hub_events_payload()",
    "eventGridTrigger": "event_grid_event_payload() or cloud_event_payload()",
    "kafkaTrigger": "kafka_event_payload() or kafka_events_payload()",
    "cosmosDBTrigger": "cosmos_documents_payload()",
    "cosmosDB": "cosmos_documents_payload(trigger=False)",
    "sql": "sql_rows_payload()",
    "sqlTrigger": "sql_changes_payload()",
    "mysql": "mysql_rows_payload()",
    "mysqlTrigger": "mysql_changes_payload()",
    "orchestrationTrigger": "orchestration_context_payload()",
    "entityTrigger": "entity_context_payload()",
    "activityTrigger": "activity_input_payload()",
    "durableClient": "durable_client_payload()",
    "mcpToolTrigger": "mcp_tool_call_payload()",
    "mcpResourceTrigger": "mcp_resource_call_payload()",
    "mcpPromptTrigger": "mcp_prompt_call_payload()",
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
