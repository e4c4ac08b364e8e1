"""The one place where worker extensions are recorded.

:class:`~azfunc.extension.ExtensionMeta` registers extensions here and answers the
worker's questions from here; nothing else in the package holds extension state.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs

from .app_extension_hooks import AppExtensionHooks
from .extension_hook_meta import ExtensionHookMeta
from .func_extension_hooks import FuncExtensionHooks

#: Keys of :meth:`ExtensionRegistry.to_json`, spelt as the worker reports them.
APP_SECTION = "AppExtension"
FUNC_SECTION = "FuncExtension"

Hook = Callable[..., object]


@attrs.define
class ExtensionRegistry:
    """Registered extensions, their hooks, and the summary reported as JSON.

    Function hooks are looked up by the lower-cased trigger name; the summary keeps the
    trigger name as it was parsed from the path. Registration is global, so tests call
    :meth:`_reset` between cases.
    """

    _func_hooks: dict[str, FuncExtensionHooks] = attrs.field(factory=dict)
    _app_hooks: AppExtensionHooks | None = None
    _app_names: list[str] = attrs.field(factory=list)
    _func_names: dict[str, list[str]] = attrs.field(factory=dict)
    # Sections of the JSON summary, in the order each got its first extension.
    _sections: list[str] = attrs.field(factory=list)

    def add_application_extension(
        self, name: str, post_function_load: Hook, pre_invocation: Hook, post_invocation: Hook
    ) -> None:
        """Append one application extension's three hooks, in stage order.

        :param name: Extension class name, reported in the summary and in each hook record.
        """
        if self._app_hooks is None:
            self._app_hooks = AppExtensionHooks([], [], [])
        _append(self._app_hooks, name, (post_function_load, pre_invocation, post_invocation))
        self._open_section(APP_SECTION)
        self._app_names.append(name)

    def add_function_extension(
        self,
        trigger_name: str,
        name: str,
        post_function_load: Hook,
        pre_invocation: Hook,
        post_invocation: Hook,
    ) -> None:
        """Append one function extension's three hooks under its trigger.

        :param trigger_name: Folder name of the function, in its original case.
        :param name: Extension class name, reported in the summary and in each hook record.
        """
        hooks = self._func_hooks.setdefault(trigger_name.lower(), FuncExtensionHooks([], [], []))
        _append(hooks, name, (post_function_load, pre_invocation, post_invocation))
        self._open_section(FUNC_SECTION)
        self._func_names.setdefault(trigger_name, []).append(name)

    def function_hooks(self, trigger_name: str) -> FuncExtensionHooks | None:
        """The hooks registered for ``trigger_name`` (any case), or ``None``."""
        return self._func_hooks.get(trigger_name.lower())

    def application_hooks(self) -> AppExtensionHooks | None:
        """The application hooks, or ``None`` while no application extension exists."""
        return self._app_hooks

    def to_json(self) -> str:
        """The registered extension names as JSON text (``"{}"`` when there are none)."""
        sections = {APP_SECTION: self._app_names, FUNC_SECTION: self._func_names}
        return json.dumps({section: sections[section] for section in self._sections})

    def _open_section(self, section: str) -> None:
        if section not in self._sections:
            self._sections.append(section)

    def _reset(self) -> None:
        """Forget every registration (for tests; registration is otherwise permanent)."""
        fresh = type(self)()
        for field in attrs.fields(type(self)):
            setattr(self, field.name, getattr(fresh, field.name))


def _append(
    stages: tuple[list[ExtensionHookMeta], ...], name: str, hooks: tuple[Hook, Hook, Hook]
) -> None:
    for stage, hook in zip(stages, hooks, strict=True):
        stage.append(ExtensionHookMeta(ext_name=name, ext_impl=hook))


#: The registry of the process.
registry = ExtensionRegistry()
