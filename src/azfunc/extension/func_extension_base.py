"""Base class of worker extensions that apply to one function."""

from __future__ import annotations

import abc
import os
import typing
from logging import Logger
from typing import Any

from .._abc import Context as Context  # the reference's module-level name
from .extension_meta import ExtensionMeta
from .extension_scope import ExtensionScope
from .function_extension_exception import FunctionExtensionException

if typing.TYPE_CHECKING:
    from .._abc import Context

_SCRIPT_ROOT_VARIABLE = "AzureWebJobsScriptRoot"


class FuncExtensionBase(metaclass=ExtensionMeta):
    """Subclass this to run code around one function.

    Instantiate the subclass in the function's own script, passing ``__file__``; each
    instance registers its three hooks for the function whose folder (directly under
    ``AzureWebJobsScriptRoot``) contains that path. Override the hooks you need; the
    others stay no-ops.

    Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
    """

    _scope = ExtensionScope.FUNCTION

    @abc.abstractmethod
    def __init__(self, file_path: str) -> None:
        """Bind the extension to the function that ``file_path`` belongs to.

        Subclasses must define ``__init__`` and call ``super().__init__(file_path)``.
        The trigger name is the first component of ``file_path`` relative to the
        ``AzureWebJobsScriptRoot`` environment variable; a file directly in the root
        gives its own file name.

        :param file_path: A path inside the function's folder, normally ``__file__``.
        :raises FunctionExtensionException: ``AzureWebJobsScriptRoot`` is not set, or
            ``file_path`` is the root itself, lies outside it, or is in a folder whose
            name starts with a dot.
        """
        script_root = os.environ.get(_SCRIPT_ROOT_VARIABLE)
        if script_root is None:
            raise FunctionExtensionException(
                f"{_SCRIPT_ROOT_VARIABLE} environment variable is not defined. "
                "Please ensure the extension is running in Azure Functions."
            )
        relative = os.path.relpath(os.path.normpath(file_path), os.path.normpath(script_root))
        trigger_name = relative.split(os.sep)[0]
        if not trigger_name or trigger_name.startswith("."):
            raise FunctionExtensionException(
                "Failed to parse trigger name from filename. Function extension should bind "
                "to a trigger script, not share folder. Please ensure extension is create "
                "inside atrigger while __file__ is passed into the argument. The trigger "
                "name is resolved from os.path.relpath(file_path,project_root)."
            )
        self._trigger_name = trigger_name

    def post_function_load(
        self, function_name: str, function_directory: str, *args: Any, **kwargs: Any
    ) -> None:
        """Run once after the function is loaded.

        The invocation logger does not exist yet at this point; use :func:`print` for
        diagnostics.

        :param function_name: Name of the function just loaded.
        :param function_directory: Folder that holds the function's code.
        """

    def pre_invocation(
        self,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Run just before the function is invoked.

        :param logger: Logger of the invocation.
        :param context: Invocation context (id, function name and directory, tracing).
        :param func_args: Arguments about to be passed to the function, by parameter
            name; the hook may change the values.
        """

    def post_invocation(
        self,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        func_ret: object | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Run just after the function returns.

        :param logger: Logger of the invocation.
        :param context: Invocation context (id, function name and directory, tracing).
        :param func_args: Arguments the function was called with, by parameter name.
        :param func_ret: What the function returned.
        """
