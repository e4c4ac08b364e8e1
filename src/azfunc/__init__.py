"""azfunc: Azure Functions for Python with the v2 decorator programming model.

``import azfunc as func`` gives the names ``import azure.functions as func`` gives
(azure-functions |reference|), so existing apps port by changing the import.

Source: https://learn.microsoft.com/azure/azure-functions/functions-reference-python
"""

# The converter modules register their converters when imported, as the worker expects.
from azfunc import (  # noqa: F401
    blob,
    connectors,
    cosmosdb,
    durable_functions,
    eventgrid,
    eventhub,
    http,
    kafka,
    mcp,
    mysql,
    queue,
    servicebus,
    sql,
    timer,
    warmup,
)
from azfunc._abc import Context, InputStream, Out, TimerRequest
from azfunc._cosmosdb import Document, DocumentList
from azfunc._durable_functions import EntityContext, OrchestrationContext
from azfunc._eventgrid import CloudEvent, EventGridEvent, EventGridOutputEvent
from azfunc._eventhub import EventHubEvent
from azfunc._http import HttpRequest, HttpResponse
from azfunc._http_asgi import AsgiMiddleware
from azfunc._http_wsgi import WsgiMiddleware
from azfunc._mysql import MySqlRow, MySqlRowList
from azfunc._queue import QueueMessage
from azfunc._servicebus import ServiceBusMessage
from azfunc._sql import SqlRow, SqlRowList
from azfunc.decorators.core import (
    AccessRights,
    AuthLevel,
    BlobSource,
    Cardinality,
    DataType,
    McpPropertyType,
)
from azfunc.decorators.function_app import (
    AsgiFunctionApp,
    BindingApi,
    Blueprint,
    DecoratorApi,
    ExternalHttpFunctionApp,
    Function,
    FunctionApp,
    FunctionRegister,
    SettingsApi,
    TriggerApi,
    WsgiFunctionApp,
)
from azfunc.decorators.http import HttpMethod
from azfunc.decorators.mcp import PromptArgument, mcp_content
from azfunc.extension.app_extension_base import AppExtensionBase
from azfunc.extension.extension_meta import ExtensionMeta
from azfunc.extension.func_extension_base import FuncExtensionBase
from azfunc.extension.function_extension_exception import FunctionExtensionException
from azfunc.kafka import KafkaConverter, KafkaEvent, KafkaTriggerConverter
from azfunc.mcp import MCPToolContext, PromptInvocationContext
from azfunc.meta import get_binding_registry
from azfunc.warmup import WarmUpContext

__version__ = "0.2.0"
__reference_version__ = "1.26.0"

__all__ = [
    "AccessRights",
    "AppExtensionBase",
    "AsgiFunctionApp",
    "AsgiMiddleware",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "CloudEvent",
    "Context",
    "DataType",
    "DecoratorApi",
    "Document",
    "DocumentList",
    "EntityContext",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "ExtensionMeta",
    "ExternalHttpFunctionApp",
    "FuncExtensionBase",
    "Function",
    "FunctionApp",
    "FunctionExtensionException",
    "FunctionRegister",
    "HttpMethod",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "KafkaConverter",
    "KafkaEvent",
    "KafkaTriggerConverter",
    "MCPToolContext",
    "McpPropertyType",
    "MySqlRow",
    "MySqlRowList",
    "OrchestrationContext",
    "Out",
    "PromptArgument",
    "PromptInvocationContext",
    "QueueMessage",
    "ServiceBusMessage",
    "SettingsApi",
    "SqlRow",
    "SqlRowList",
    "TimerRequest",
    "TriggerApi",
    "WarmUpContext",
    "WsgiFunctionApp",
    "WsgiMiddleware",
    "get_binding_registry",
    "mcp_content",
]

#: azfunc additions reached lazily (``azfunc.invoke(...)``, ``azfunc.invocation``), so that
#: ``import azfunc`` stays as cheap as the reference's names alone.
_LAZY = {"invoke": "azfunc._runtime.pipeline", "invoke_async": "azfunc._runtime.pipeline"}
_LAZY_MODULES = frozenset({"invocation", "testing"})


def __getattr__(name: str) -> object:
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _LAZY_MODULES:
        return importlib.import_module(f"azfunc.{name}")
    raise AttributeError(f"module 'azfunc' has no attribute {name!r}")


# Inside the Azure Functions Python worker only (or with AZFUNC_WORKER_BRIDGE=1): register
# azfunc's types with azure.functions so the worker can load and run azfunc apps.
from azfunc import _worker_bridge  # noqa: E402

_worker_bridge.activate()
