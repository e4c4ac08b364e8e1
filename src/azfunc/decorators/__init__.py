"""The decorator programming model: apps, blueprints, functions and binding enums."""

from typing import TYPE_CHECKING

import azfunc._lazy as _lazy
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

if TYPE_CHECKING:
    from azfunc.decorators.mcp import PromptArgument as PromptArgument


_LAZY = {"PromptArgument": "azfunc.decorators.mcp"}  # loads with the MCP decorators

# Module __getattr__ and __dir__ (PEP 562), which type checkers do not see.
_lazy.install(globals(), _LAZY, submodules=True)


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
