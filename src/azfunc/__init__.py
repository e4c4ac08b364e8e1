"""azfunc: Azure Functions for Python with the v2 decorator programming model.

``import azfunc as func`` gives the names ``import azure.functions as func`` gives
(azure-functions |reference|), so existing apps port by changing the import.

Source: https://learn.microsoft.com/azure/azure-functions/functions-reference-python
"""

from azfunc._abc import (
    CloudEvent,
    Context,
    Document,
    DocumentList,
    EventGridEvent,
    EventGridOutputEvent,
    EventHubEvent,
    InputStream,
    OrchestrationContext,
    Out,
    QueueMessage,
    ServiceBusMessage,
    TimerRequest,
)
from azfunc._http import HttpRequest, HttpResponse
from azfunc._http_asgi import AsgiMiddleware
from azfunc._http_wsgi import WsgiMiddleware
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
from azfunc.extension.app_extension_base import AppExtensionBase
from azfunc.extension.extension_meta import ExtensionMeta
from azfunc.extension.func_extension_base import FuncExtensionBase
from azfunc.extension.function_extension_exception import FunctionExtensionException

__version__ = "0.1.0"
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
    "McpPropertyType",
    "OrchestrationContext",
    "Out",
    "QueueMessage",
    "ServiceBusMessage",
    "SettingsApi",
    "TimerRequest",
    "TriggerApi",
    "WsgiFunctionApp",
    "WsgiMiddleware",
]
