"""Names a module binds on first access (PEP 562): its ``__getattr__`` and ``__dir__``.

``azfunc``, ``azfunc.decorators`` and ``azfunc.decorators.function_app`` keep the reference's
names importable without loading them: each calls :func:`install` with a map of lazy name
to defining module. Type checkers do not see the ``__getattr__`` it installs, so to them a
misspelt name stays an error; each module imports its lazy names under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

__all__ = ["attribute", "install", "names"]


def install(namespace: dict[str, Any], lazy: Mapping[str, str], *, submodules: bool) -> None:
    """Give the module of ``namespace`` a ``__getattr__`` and a ``__dir__`` (PEP 562) that
    serve :func:`attribute` and :func:`names`."""

    def __getattr__(name: str) -> object:
        return attribute(namespace, lazy, name, submodules=submodules)

    def __dir__() -> list[str]:
        return names(namespace, lazy, submodules=submodules)

    namespace["__getattr__"] = __getattr__
    namespace["__dir__"] = __dir__


def attribute(
    namespace: dict[str, Any], lazy: Mapping[str, str], name: str, *, submodules: bool
) -> object:
    """Import ``name`` from its module in ``lazy`` (or, with ``submodules``, the submodule
    ``name`` of the package), bind it in ``namespace`` and return it.

    :raises AttributeError: ``name`` is neither, naming the module and the name.
    """
    module_name = lazy.get(name)
    package = namespace["__name__"]
    if module_name is not None:
        value: object = getattr(importlib.import_module(module_name), name)
    elif submodules and not name.startswith("__") and _is_submodule(f"{package}.{name}"):
        value = importlib.import_module(f"{package}.{name}")
    else:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    namespace[name] = value
    return value


def names(namespace: dict[str, Any], lazy: Mapping[str, str], *, submodules: bool) -> list[str]:
    """What ``dir()`` lists: the bound names, the lazy ones and (``submodules``) every
    submodule of the package."""
    found = {*namespace, *lazy, *namespace.get("__all__", ())}
    if submodules:
        import pkgutil

        found.update(info.name for info in pkgutil.iter_modules(namespace["__path__"]))
    return sorted(found)


def _is_submodule(dotted: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(dotted) is not None
