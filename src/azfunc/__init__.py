"""azfunc: Azure Functions for Python with the v2 decorator programming model.

``import azfunc as func`` gives the names ``import azure.functions as func`` gives
(azure-functions |reference|), so existing apps port by changing the import.

Source: https://learn.microsoft.com/azure/azure-functions/functions-reference-python
"""

from typing import TYPE_CHECKING

import azfunc._lazy as _lazy  # not "from azfunc import": that would ask __getattr__

# Loaded by ``import azfunc``: the decorator layer, which is all an app needs to declare its
# functions (``func.FunctionApp()``, ``@app.route``, ``func.AuthLevel``). Everything else (data
# types, converters, WSGI/ASGI, extensions) loads on first use through ``__getattr__`` below.
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

if TYPE_CHECKING:  # what the lazy names are, for type checkers and IDEs
    from azfunc import blob as blob
    from azfunc import bridge as bridge
    from azfunc import connectors as connectors
    from azfunc import cosmosdb as cosmosdb
    from azfunc import decorators as decorators
    from azfunc import durable_functions as durable_functions
    from azfunc import eventgrid as eventgrid
    from azfunc import eventhub as eventhub
    from azfunc import extension as extension
    from azfunc import http as http
    from azfunc import invocation as invocation
    from azfunc import kafka as kafka
    from azfunc import mcp as mcp
    from azfunc import meta as meta
    from azfunc import mysql as mysql
    from azfunc import queue as queue
    from azfunc import servicebus as servicebus
    from azfunc import sql as sql
    from azfunc import testing as testing
    from azfunc import timer as timer
    from azfunc import warmup as warmup
    from azfunc._abc import Context as Context
    from azfunc._abc import InputStream as InputStream
    from azfunc._abc import Out as Out
    from azfunc._abc import TimerRequest as TimerRequest
    from azfunc._cosmosdb import Document as Document
    from azfunc._cosmosdb import DocumentList as DocumentList
    from azfunc._durable_functions import EntityContext as EntityContext
    from azfunc._durable_functions import OrchestrationContext as OrchestrationContext
    from azfunc._eventgrid import CloudEvent as CloudEvent
    from azfunc._eventgrid import EventGridEvent as EventGridEvent
    from azfunc._eventgrid import EventGridOutputEvent as EventGridOutputEvent
    from azfunc._eventhub import EventHubEvent as EventHubEvent
    from azfunc._http import HttpRequest as HttpRequest
    from azfunc._http import HttpResponse as HttpResponse
    from azfunc._http_asgi import AsgiMiddleware as AsgiMiddleware
    from azfunc._http_wsgi import WsgiMiddleware as WsgiMiddleware
    from azfunc._mysql import MySqlRow as MySqlRow
    from azfunc._mysql import MySqlRowList as MySqlRowList
    from azfunc._queue import QueueMessage as QueueMessage
    from azfunc._runtime.pipeline import invoke as invoke
    from azfunc._runtime.pipeline import invoke_async as invoke_async
    from azfunc._servicebus import ServiceBusMessage as ServiceBusMessage
    from azfunc._sql import SqlRow as SqlRow
    from azfunc._sql import SqlRowList as SqlRowList
    from azfunc.decorators.mcp import PromptArgument as PromptArgument
    from azfunc.decorators.mcp import mcp_content as mcp_content
    from azfunc.extension.app_extension_base import AppExtensionBase as AppExtensionBase
    from azfunc.extension.extension_meta import ExtensionMeta as ExtensionMeta
    from azfunc.extension.func_extension_base import FuncExtensionBase as FuncExtensionBase
    from azfunc.extension.function_extension_exception import (
        FunctionExtensionException as FunctionExtensionException,
    )
    from azfunc.kafka import KafkaConverter as KafkaConverter
    from azfunc.kafka import KafkaEvent as KafkaEvent
    from azfunc.kafka import KafkaTriggerConverter as KafkaTriggerConverter
    from azfunc.mcp import MCPToolContext as MCPToolContext
    from azfunc.mcp import PromptInvocationContext as PromptInvocationContext
    from azfunc.meta import get_binding_registry as get_binding_registry
    from azfunc.warmup import WarmUpContext as WarmUpContext

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

#: The names ``import azfunc`` does not load, by the module that defines them. Each is
#: imported on first access (PEP 562), then bound here, so later reads cost nothing.
_LAZY: dict[str, str] = {
    "AppExtensionBase": "azfunc.extension.app_extension_base",
    "AsgiMiddleware": "azfunc._http_asgi",
    "CloudEvent": "azfunc._eventgrid",
    "Context": "azfunc._abc",
    "Document": "azfunc._cosmosdb",
    "DocumentList": "azfunc._cosmosdb",
    "EntityContext": "azfunc._durable_functions",
    "EventGridEvent": "azfunc._eventgrid",
    "EventGridOutputEvent": "azfunc._eventgrid",
    "EventHubEvent": "azfunc._eventhub",
    "ExtensionMeta": "azfunc.extension.extension_meta",
    "FuncExtensionBase": "azfunc.extension.func_extension_base",
    "FunctionExtensionException": "azfunc.extension.function_extension_exception",
    "HttpRequest": "azfunc._http",
    "HttpResponse": "azfunc._http",
    "InputStream": "azfunc._abc",
    "KafkaConverter": "azfunc.kafka",
    "KafkaEvent": "azfunc.kafka",
    "KafkaTriggerConverter": "azfunc.kafka",
    "MCPToolContext": "azfunc.mcp",
    "MySqlRow": "azfunc._mysql",
    "MySqlRowList": "azfunc._mysql",
    "OrchestrationContext": "azfunc._durable_functions",
    "PromptArgument": "azfunc.decorators.mcp",
    "mcp_content": "azfunc.decorators.mcp",
    "Out": "azfunc._abc",
    "PromptInvocationContext": "azfunc.mcp",
    "QueueMessage": "azfunc._queue",
    "ServiceBusMessage": "azfunc._servicebus",
    "SqlRow": "azfunc._sql",
    "SqlRowList": "azfunc._sql",
    "TimerRequest": "azfunc._abc",
    "WarmUpContext": "azfunc.warmup",
    "WsgiMiddleware": "azfunc._http_wsgi",
    "get_binding_registry": "azfunc.meta",
    # azfunc additions (not in the reference's namespace, so not in __all__)
    "invoke": "azfunc._runtime.pipeline",
    "invoke_async": "azfunc._runtime.pipeline",
}


# Module __getattr__ and __dir__ (PEP 562), which type checkers do not see.
_lazy.install(globals(), _LAZY, submodules=True)


# Inside the Azure Functions Python worker only (or with AZFUNC_WORKER_BRIDGE set): register
# azfunc's types with azure.functions so the worker can load and run azfunc apps. The gate is
# a cheap look at the environment and sys.modules; the bridge itself loads only when it passes.
import azfunc._worker_gate as _worker_gate  # noqa: E402 - not "from azfunc import": no __getattr__

if _worker_gate.may_be_wanted():
    from azfunc import _worker_bridge

    _worker_bridge.activate()
