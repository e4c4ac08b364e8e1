"""The converter registry after every converter module is imported (inventory §10.4)."""

from __future__ import annotations

import importlib

import pytest

from azfunc import meta

CONVERTER_MODULES = [
    "blob", "connectors", "cosmosdb", "durable_functions", "eventgrid", "eventhub", "http",
    "kafka", "mcp", "mysql", "queue", "servicebus", "sql", "timer", "warmup",
]  # fmt: skip

# binding type → (module, converter class, has trigger support)
REGISTRY_TABLE = {
    "http": ("http", "HttpResponseConverter", False),
    "httpTrigger": ("http", "HttpRequestConverter", True),
    "blob": ("blob", "BlobConverter", True),
    "blobTrigger": ("blob", "BlobConverter", True),
    "queueTrigger": ("queue", "QueueMessageInConverter", True),
    "queue": ("queue", "QueueMessageOutConverter", False),
    "serviceBusTrigger": ("servicebus", "ServiceBusMessageInConverter", True),
    "serviceBus": ("servicebus", "ServiceBusMessageOutConverter", False),
    "eventHub": ("eventhub", "EventHubConverter", False),
    "eventHubTrigger": ("eventhub", "EventHubTriggerConverter", True),
    "eventGridTrigger": ("eventgrid", "EventGridEventInConverter", True),
    "eventGrid": ("eventgrid", "EventGridEventOutConverter", False),
    "cosmosDB": ("cosmosdb", "CosmosDBConverter", False),
    "cosmosDBTrigger": ("cosmosdb", "CosmosDBTriggerConverter", True),
    "timerTrigger": ("timer", "TimerRequestConverter", True),
    "warmupTrigger": ("warmup", "WarmUpTriggerConverter", True),
    "kafka": ("kafka", "KafkaConverter", False),
    "kafkaTrigger": ("kafka", "KafkaTriggerConverter", True),
    "sql": ("sql", "SqlConverter", False),
    "mysql": ("mysql", "MySqlConverter", False),
    "mysqlTrigger": ("mysql", "MySqlTriggerConverter", True),
    "orchestrationTrigger": ("durable_functions", "OrchestrationTriggerConverter", True),
    "entityTrigger": ("durable_functions", "EnitityTriggerConverter", True),
    "activityTrigger": ("durable_functions", "ActivityTriggerConverter", True),
    "durableClient": ("durable_functions", "DurableClientConverter", False),
    "connectorTrigger": ("connectors", "ConnectorTriggerConverter", True),
    "mcpToolTrigger": ("mcp", "_MCPToolTriggerConverter", True),
    "mcpResourceTrigger": ("mcp", "MCPResourceTriggerConverter", True),
    "mcpPromptTrigger": ("mcp", "_MCPPromptTriggerConverter", True),
}


@pytest.fixture(scope="module", autouse=True)
def _import_converters() -> None:
    for name in CONVERTER_MODULES:
        importlib.import_module(f"azfunc.{name}")


@pytest.mark.parametrize("binding", sorted(REGISTRY_TABLE))
def test_binding_maps_to_its_converter(binding: str) -> None:
    module, class_name, trigger = REGISTRY_TABLE[binding]
    converter = meta.get_binding_registry().get(binding)
    expected = getattr(importlib.import_module(f"azfunc.{module}"), class_name)
    assert converter is expected
    assert converter.has_trigger_support() is trigger


def test_registry_holds_exactly_the_reference_bindings() -> None:
    registered = {
        name
        for name in meta.get_binding_registry().bindings()
        if not name.startswith("testOnly")  # registered by test_meta
    }
    assert registered == set(REGISTRY_TABLE)


@pytest.mark.parametrize(
    "binding", ["sqlTrigger", "table", "daprStateInput", "textCompletion", "generic", "True"]
)
def test_bindings_without_converter(binding: str) -> None:
    assert meta.get_binding_registry().get(binding) is None


def test_converter_modules_do_not_import_decorators_or_werkzeug() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        + "".join(f"import azfunc.{name}\n" for name in CONVERTER_MODULES)
        + "print(sorted(m for m in sys.modules if m.startswith(('azfunc.decorators', 'werkzeug'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # azfunc/__init__ may import decorators for re-export; the converters themselves must not.
    init = subprocess.run(
        [sys.executable, "-c", "import sys, azfunc; print(sorted(m for m in sys.modules "
         "if m.startswith(('azfunc.decorators', 'werkzeug'))))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout == init.stdout
    assert "werkzeug" not in result.stdout
