"""Base class of worker extensions that apply to every function of the app."""

from __future__ import annotations

import typing
from logging import Logger
from typing import Any

from .._abc import Context as Context  # the reference's module-level name
from .extension_meta import ExtensionMeta
from .extension_scope import ExtensionScope

if typing.TYPE_CHECKING:
    from .._abc import Context


class AppExtensionBase(metaclass=ExtensionMeta):
    """Subclass this to run code around every function of the app.

    The subclass is a namespace of classmethods, never instantiated: defining it (that
    is, importing the module that defines it) calls :meth:`init` and registers its three
    app-level hooks. Override the hooks you need; the others stay no-ops. Users of the
    extension call :meth:`configure` to pass settings.

    Instantiating the class raises
    :class:`~azfunc.extension.FunctionExtensionException`.

    Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
    """

    _scope = ExtensionScope.APPLICATION

    @classmethod
    def init(cls) -> None:
        """Set the extension up; called once, when the subclass is defined.

        Put one-time initialisation here rather than in ``__init__``, which never runs.
        """

    @classmethod
    def configure(cls, *args: Any, **kwargs: Any) -> None:
        """Accept settings from the app that uses the extension.

        The extension defines the parameters; the app calls this from its own code. If
        several places call it, their order is not guaranteed.
        """

    @classmethod
    def post_function_load_app_level(
        cls, function_name: str, function_directory: str, *args: Any, **kwargs: Any
    ) -> None:
        """Run once after each function of the app is loaded.

        The invocation logger does not exist yet at this point; use :func:`print` for
        diagnostics.

        :param function_name: Name of the function just loaded.
        :param function_directory: Folder that holds the function's code.
        """

    @classmethod
    def pre_invocation_app_level(
        cls,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Run just before any function of the app is invoked.

        :param logger: Logger of the invocation.
        :param context: Invocation context (id, function name and directory, tracing).
        :param func_args: Arguments about to be passed to the function, by parameter
            name; the hook may change the values.
        """

    @classmethod
    def post_invocation_app_level(
        cls,
        logger: Logger,
        context: Context,
        func_args: dict[str, object] | None = None,
        func_ret: object | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        """Run just after any function of the app returns.

        :param logger: Logger of the invocation.
        :param context: Invocation context (id, function name and directory, tracing).
        :param func_args: Arguments the function was called with, by parameter name.
        :param func_ret: What the function returned.
        """
