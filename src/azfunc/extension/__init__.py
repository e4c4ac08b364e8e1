"""Worker extensions: code that runs around function loading and invocation.

Subclass :class:`AppExtensionBase` for hooks around every function of the app, or
:class:`FuncExtensionBase` for hooks around one function. :class:`ExtensionMeta`
registers both and answers the worker's lookups.

Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
"""

from .app_extension_base import AppExtensionBase
from .extension_meta import ExtensionMeta
from .func_extension_base import FuncExtensionBase
from .function_extension_exception import FunctionExtensionException

# The reference's order. Importing these names also binds the eight public submodules
# (app_extension_base, extension_meta, ...) as attributes of the package, as there.
__all__ = [  # noqa: RUF022
    "ExtensionMeta",
    "FunctionExtensionException",
    "AppExtensionBase",
    "FuncExtensionBase",
]
