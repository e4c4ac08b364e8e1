"""The decorator programming model: apps, blueprints, functions and binding enums."""

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
from azfunc.decorators.mcp import PromptArgument

__all__ = [
    "AccessRights",
    "AsgiFunctionApp",
    "AuthLevel",
    "BindingApi",
    "BlobSource",
    "Blueprint",
    "Cardinality",
    "DataType",
    "DecoratorApi",
    "ExternalHttpFunctionApp",
    "Function",
    "FunctionApp",
    "FunctionRegister",
    "HttpMethod",
    "McpPropertyType",
    "PromptArgument",
    "SettingsApi",
    "TriggerApi",
    "WsgiFunctionApp",
]
