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

__all__ = [
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
