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
from azfunc.decorators.core import (
    AccessRights,
    AuthLevel,
    BlobSource,
    Cardinality,
    DataType,
    McpPropertyType,
)
from azfunc.decorators.function_app import (
    BindingApi,
    Blueprint,
    DecoratorApi,
    Function,
    FunctionApp,
    FunctionRegister,
    SettingsApi,
    TriggerApi,
)
from azfunc.decorators.http import HttpMethod

__version__ = "0.1.0"
__reference_version__ = "1.26.0"

__all__ = [
    # generics
    "Context",
    "Out",
    # binding rich types
    "CloudEvent",
    "Document",
    "DocumentList",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "OrchestrationContext",
    "QueueMessage",
    "ServiceBusMessage",
    "TimerRequest",
    # programming model
    "AccessRights",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "DataType",
    "DecoratorApi",
    "Function",
    "FunctionApp",
    "FunctionRegister",
    "HttpMethod",
    "McpPropertyType",
    "SettingsApi",
    "TriggerApi",
]
