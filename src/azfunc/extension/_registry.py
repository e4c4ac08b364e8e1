"""The one place where worker extensions are recorded.

:class:`~azfunc.extension.ExtensionMeta` registers extensions here and answers the
worker's questions from here; nothing else in the package holds extension state.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from .app_extension_hooks import AppExtensionHooks
from .extension_hook_meta import ExtensionHookMeta
from .func_extension_hooks import FuncExtensionHooks

#: Keys of :meth:`ExtensionRegistry.to_json`, spelt as the worker reports them.
APP_SECTION = "AppExtension"
FUNC_SECTION = "FuncExtension"

#: Hook attribute names, in the field order of the hook records.
APP_HOOKS = (
    "post_function_load_app_level",
    "pre_invocation_app_level",
    "post_invocation_app_level",
)
FUNC_HOOKS = ("post_function_load", "pre_invocation", "post_invocation")


@attrs.define
class ExtensionRegistry:
    """Registered extensions, their hooks, and the summary reported as JSON.

    The records keep the reference's shapes, because :class:`ExtensionMeta` exposes them
    under the reference's names (``_func_exts``, ``_app_exts``, ``_info``):

    * function hooks, keyed by the lower-cased trigger name;
    * the application hooks, ``None`` until the first application extension;
    * the summary, ``{"AppExtension": [<class>, ...], "FuncExtension": {<trigger>:
      [<class>, ...]}}``, a key appearing with its first extension, the trigger name kept
      as it was parsed from the path.

    Registration is global, so tests call :meth:`_reset` between cases.
    """

    func_exts: dict[str, FuncExtensionHooks] = attrs.field(factory=dict)
    app_exts: AppExtensionHooks | None = None
    info: dict[str, Any] = attrs.field(factory=dict)

    def add_application_extension(self, name: str, extension: object) -> None:
        """Record an application extension's hooks and its name in the summary.

        :param name: Extension class name, reported in the summary and in each hook record.
        :param extension: The extension class; its app-level hook attributes are recorded.
        """
        self.add_application_hooks(name, extension)
        self.info.setdefault(APP_SECTION, []).append(name)

    def add_function_extension(self, trigger_name: str, name: str, extension: object) -> None:
        """Record a function extension's hooks under its trigger, and its name in the summary.

        :param trigger_name: Folder name of the function, in its original case.
        :param name: Extension class name, reported in the summary and in each hook record.
        :param extension: The extension instance; its hook attributes are recorded.
        """
        self.add_function_hooks(trigger_name, name, extension)
        self.info.setdefault(FUNC_SECTION, {}).setdefault(trigger_name, []).append(name)

    def add_application_hooks(self, name: str, extension: object) -> None:
        """Append the app-level hooks of ``extension`` (those that are not ``None``)."""
        if self.app_exts is None:
            self.app_exts = AppExtensionHooks([], [], [])
        _append(self.app_exts, APP_HOOKS, name, extension)

    def add_function_hooks(self, trigger_name: str, name: str, extension: object) -> None:
        """Append the hooks of ``extension`` (those that are not ``None``) under the
        lower-cased ``trigger_name``, without touching the summary."""
        hooks = self.func_exts.setdefault(trigger_name.lower(), FuncExtensionHooks([], [], []))
        _append(hooks, FUNC_HOOKS, name, extension)

    def function_hooks(self, trigger_name: str) -> FuncExtensionHooks | None:
        """The hooks registered for ``trigger_name`` (any case), or ``None``."""
        return self.func_exts.get(trigger_name.lower())

    def application_hooks(self) -> AppExtensionHooks | None:
        """The application hooks, or ``None`` while no application extension exists."""
        return self.app_exts

    def to_json(self) -> str:
        """The registered extension names as JSON text (``"{}"`` when there are none)."""
        return json.dumps(self.info)

    def _reset(self) -> None:
        """Forget every registration (for tests; registration is otherwise permanent)."""
        fresh = type(self)()
        for field in attrs.fields(type(self)):
            setattr(self, field.name, getattr(fresh, field.name))


def _append(
    stages: tuple[list[ExtensionHookMeta], ...],
    hook_names: tuple[str, str, str],
    name: str,
    extension: object,
) -> None:
    for stage, hook_name in zip(stages, hook_names, strict=True):
        hook = getattr(extension, hook_name, None)
        if hook is not None:
            stage.append(ExtensionHookMeta(ext_name=name, ext_impl=hook))


#: The registry of the process.
registry = ExtensionRegistry()


class RegistryView:
    """A read-only class attribute that shows one field of :data:`registry`.

    It lets ``ExtensionMeta._info`` (and the same name read through any extension class)
    show the live record, the way the reference's class attributes do.
    """

    def __init__(self, field: str) -> None:
        self._field = field

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        return getattr(registry, self._field)
