"""The metaclass that registers worker extensions, and the worker's lookups."""

from __future__ import annotations

import abc
from typing import Any

from .._jsonutils import json as json  # the reference's module-level name
from ._registry import RegistryView, registry
from .app_extension_hooks import AppExtensionHooks
from .extension_hook_meta import ExtensionHookMeta as ExtensionHookMeta  # the reference's name
from .extension_scope import ExtensionScope
from .func_extension_hooks import FuncExtensionHooks
from .function_extension_exception import FunctionExtensionException


class ExtensionMeta(abc.ABCMeta):
    """Register worker extensions as their classes are created or instantiated.

    An application extension (a subclass of :class:`~azfunc.extension.AppExtensionBase`)
    is registered when its class statement runs: its ``init()`` classmethod is called, then
    its three app-level hooks are recorded, including those it inherits unchanged. It can
    never be instantiated.

    A function extension (a subclass of :class:`~azfunc.extension.FuncExtensionBase`) is
    registered each time it is instantiated, under the trigger its ``file_path`` names;
    its three bound hook methods are recorded.

    The records live in one registry object; the classmethods below are how the worker
    reads them. ``_func_exts``, ``_app_exts`` and ``_info`` show the live records with
    the reference's shapes (read-only: assigning one replaces the view, not the record).

    Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
    """

    #: Function hooks by lower-cased trigger name: ``dict[str, FuncExtensionHooks]``.
    _func_exts = RegistryView("func_exts")
    #: The application hooks (:class:`AppExtensionHooks`), ``None`` before the first one.
    _app_exts = RegistryView("app_exts")
    #: The summary :meth:`get_registered_extensions_json` dumps, as a dict.
    _info = RegistryView("info")

    def __init__(cls, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if _scope_of(cls) is ExtensionScope.APPLICATION and cls.__name__ != "AppExtensionBase":
            type(cls)._register_application_extension(cls)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        """Instantiate a function extension and register its hooks.

        :raises FunctionExtensionException: ``cls`` is an application extension (those
            are used through their classmethods), or derives from neither base class.
        """
        scope = _scope_of(cls)
        if scope is ExtensionScope.APPLICATION:
            # "beinstantiable" (sic): the reference's exact text, which callers match on.
            raise FunctionExtensionException(
                f"Python worker extension with scope:{scope} should not be"
                "instantiable. Please access via class method directly."
            )
        if scope is not ExtensionScope.FUNCTION:
            raise FunctionExtensionException(
                f"Python worker extension:{cls.__name__} is not properly implemented "
                "from AppExtensionBase or FuncExtensionBase."
            )
        extension = super().__call__(*args, **kwargs)
        if cls.__name__ != "FuncExtensionBase":
            type(cls)._register_function_extension(extension)
        return extension

    @classmethod
    def get_function_hooks(cls, name: str) -> FuncExtensionHooks | None:
        """Return the function-level hooks registered for the trigger ``name``.

        :param name: Trigger (function folder) name; matched case-insensitively.
        :returns: The hooks, or ``None`` if no function extension targets ``name``.
        """
        return registry.function_hooks(name)

    @classmethod
    def get_application_hooks(cls) -> AppExtensionHooks | None:
        """Return the application-level hooks, or ``None`` before any app extension exists."""
        return registry.application_hooks()

    @classmethod
    def get_registered_extensions_json(cls) -> str:
        """Return the names of the registered extensions as JSON text.

        The shape is ``{"AppExtension": [<class>, ...], "FuncExtension": {<trigger>:
        [<class>, ...]}}``; a key appears once an extension of that kind exists, so the
        text is ``"{}"`` when none does. The worker logs it for diagnosis.
        """
        return registry.to_json()

    @classmethod
    def _get_extension_scope(cls, extension: Any) -> Any:
        """Return ``extension._scope`` as it is, or ``ExtensionScope.UNKNOWN`` without one."""
        return getattr(extension, "_scope", ExtensionScope.UNKNOWN)

    @classmethod
    def _register_application_extension(cls, extension: Any) -> None:
        """Call ``extension.init()``, then record its app-level hooks and its name."""
        extension.init()
        registry.add_application_extension(extension.__name__, extension)

    @classmethod
    def _register_function_extension(cls, extension: Any) -> None:
        """Record a function extension's hooks and name under its ``_trigger_name``."""
        registry.add_function_extension(
            _trigger_name_of(extension), type(extension).__name__, extension
        )

    @classmethod
    def _set_hooks_for_application(cls, extension: Any) -> None:
        """Record the app-level hooks of the class ``extension``, leaving the summary alone;
        hook attributes that are missing or ``None`` are skipped."""
        registry.add_application_hooks(extension.__name__, extension)

    @classmethod
    def _set_hooks_for_function(cls, trigger_name: str, extension: Any) -> None:
        """Record the hooks of ``extension`` under ``trigger_name`` (lower-cased), leaving
        the summary alone; hook attributes that are missing or ``None`` are skipped."""
        registry.add_function_hooks(trigger_name, type(extension).__name__, extension)

    @classmethod
    def _create_default_app_hook(cls) -> AppExtensionHooks:
        """Return empty application hook lists."""
        return AppExtensionHooks([], [], [])

    @classmethod
    def _create_default_function_hook(cls) -> FuncExtensionHooks:
        """Return empty function hook lists."""
        return FuncExtensionHooks([], [], [])


def _scope_of(cls: type) -> ExtensionScope:
    scope = getattr(cls, "_scope", ExtensionScope.UNKNOWN)
    return scope if isinstance(scope, ExtensionScope) else ExtensionScope.UNKNOWN


def _trigger_name_of(extension: Any) -> str:
    try:
        trigger_name: str = extension._trigger_name
    except AttributeError:
        name = type(extension).__name__
        raise AttributeError(
            f"Function extension {name!r} has no trigger name: FuncExtensionBase.__init__ "
            "never ran. Call super().__init__(file_path) from "
            f"{name}.__init__ so the extension can be registered for its function.",
            name="_trigger_name",
            obj=extension,
        ) from None
    return trigger_name
