"""Load a function app from its folder for tests, the way the worker imports it.

Tests often load several apps in one process, each with a ``function_app.py`` and
perhaps helper modules of the same names. The loader puts the app's folder first on
``sys.path``; before that, modules cached from another folder under the name of one of
this folder's modules are dropped, so each app imports its own files.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from azfunc._loader import LoadedApp, find_app, import_script, resolve_script

__all__ = ["SCRIPT_ROOT_VARIABLE", "ScriptRoot", "load_app"]

#: The variable the host sets to the app's folder before the worker imports the app.
SCRIPT_ROOT_VARIABLE = "AzureWebJobsScriptRoot"


def _module_names(folder: Path) -> set[str]:
    """Names of the top-level modules and packages ``folder`` provides (standard library
    names left out: an app shadowing one should not unload it from the test process)."""
    names = {path.stem for path in folder.glob("*.py")}
    names.update(path.parent.name for path in folder.glob("*/__init__.py"))
    return names - set(sys.stdlib_module_names) - set(sys.builtin_module_names)


def _loaded_from(module: object, folder: Path) -> bool:
    location = getattr(module, "__file__", None)
    if not location:
        return False
    return Path(location).resolve().is_relative_to(folder)


def load_app(path: str | os.PathLike[str]) -> LoadedApp:
    """Import the app at ``path`` (a folder holding ``function_app.py``, or a ``.py`` file).

    :raises azfunc._loader.AppLoadError: The script is missing, importing it raised
        (the message holds the user's traceback), or it does not define exactly one app.
    """
    script = resolve_script(path)
    folder = script.parent
    for name in _module_names(folder):
        cached = sys.modules.get(name)
        if cached is not None and not _loaded_from(cached, folder):
            del sys.modules[name]
    return find_app(import_script(script), script)


class ScriptRoot:
    """Sets ``AzureWebJobsScriptRoot`` to an app's folder, as the host does for the
    worker, unless it is set already, and puts back what was there on :meth:`restore`."""

    def __init__(self) -> None:
        self._set_by_us: str | None = None

    def set(self, folder: Path) -> None:
        """Set the variable to ``folder`` when it is unset (or was set by this object)."""
        current = os.environ.get(SCRIPT_ROOT_VARIABLE)
        if current is not None and current != self._set_by_us:
            return
        self._set_by_us = os.environ[SCRIPT_ROOT_VARIABLE] = str(folder)

    def restore(self) -> None:
        """Unset the variable if this object set it and nobody changed it since."""
        if self._set_by_us is None:
            return
        if os.environ.get(SCRIPT_ROOT_VARIABLE) == self._set_by_us:
            del os.environ[SCRIPT_ROOT_VARIABLE]
        self._set_by_us = None
