"""The decorator programming model: apps, blueprints, functions and binding enums."""

from typing import TYPE_CHECKING

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


# Hidden from type checkers, which see the imports above: a typo stays an error for them.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """``PromptArgument`` and the submodules not loaded yet (``mcp``, ...), on first use
        (PEP 562): ``PromptArgument`` loads with the MCP decorators.

        :raises AttributeError: ``name`` is neither.
        """
        import importlib
        import importlib.util

        if name == "PromptArgument":
            value: object = importlib.import_module(f"{__name__}.mcp").PromptArgument
        elif not name.startswith("__") and importlib.util.find_spec(f"{__name__}.{name}"):
            value = importlib.import_module(f"{__name__}.{name}")
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        """The loaded names, ``PromptArgument`` and every submodule."""
        import pkgutil

        submodules = (info.name for info in pkgutil.iter_modules(__path__))
        return sorted({*globals(), *__all__, *submodules})


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
