"""Print the names a package exposes, as JSON (run with the reference venv's Python).

Usage::

    python _reference_surface.py [PACKAGE]      # PACKAGE defaults to azure.functions

Prints ``{"modules": {module: {"names": [...], "classes": {name: [attribute, ...]}}}}`` for
every module of PACKAGE (the package itself and everything ``pkgutil.walk_packages`` finds
below it), with every list sorted. Module keys are relative to PACKAGE: ``""`` is the package
itself, ``"decorators.core"`` is ``PACKAGE.decorators.core``.

Which top-level names count (the rule ``tests/test_surface.py`` documents):

* a module counts when it is a direct submodule bound under its own name (the attribute the
  import system sets on a package); modules bound under another name or in another module
  (``from . import _abc as azf_abc``) are import details;
* a class, function or ``TypeVar`` counts when its own ``__module__`` is inside PACKAGE
  (defined there, or re-exported from another module of PACKAGE);
* any other object (a constant, a logger, a type alias, ...) counts unless a module outside
  PACKAGE binds the same name to the very same object (``from typing import TYPE_CHECKING``);
* dunder names count only when they are not what every module has (``__all__`` and
  ``__version__`` count, ``__file__`` does not).

A class's attributes are listed at the path where the class is defined (its ``__module__``
and ``__name__``): the names of ``dir(cls)`` minus the names ``dir()`` gives for every base
class that is not inside PACKAGE (``object``, ``str``, ``Enum``, ``ABC``, ``Generic``, ...),
minus the bookkeeping every class gets (``__module__``, ``__dict__``, ``__orig_bases__``, ...),
minus class-private names (``_Class__name``, mangled so that nothing outside the class uses them).

This script imports nothing from azfunc when PACKAGE is azure.functions: ``tests/test_surface.py``
runs it inside a throwaway venv that holds only azure-functions 1.26.0.
"""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import sys
import types
from typing import Any, TypeVar

MODULE_DUNDERS = frozenset({
    "__name__", "__doc__", "__file__", "__loader__", "__spec__", "__package__", "__path__",
    "__builtins__", "__cached__", "__annotations__", "__getattr__", "__dir__",
})
CLASS_BOOKKEEPING = frozenset({
    "__module__", "__qualname__", "__dict__", "__weakref__", "__doc__", "__annotations__",
    "__orig_bases__", "__parameters__", "__abstractmethods__", "_abc_impl", "__slots__",
    "__protocol_attrs__", "__non_callable_proto_members__", "__static_attributes__",
    "__firstlineno__", "__type_params__",
})


def inside(module_name: object, package: str) -> bool:
    """Whether ``module_name`` is ``package`` or one of its submodules."""
    return isinstance(module_name, str) and (
        module_name == package or module_name.startswith(package + ".")
    )


def walk(package: str) -> list[str]:
    """Import ``package`` and every module below it; return their full names."""
    root = importlib.import_module(package)
    names = [package]
    prefix = package + "."
    for info in pkgutil.walk_packages(root.__path__, prefix):
        importlib.import_module(info.name)
        names.append(info.name)
    return sorted(names)


def imported_from_outside(name: str, value: object, package: str) -> bool:
    """Whether a module outside ``package`` binds ``name`` to this very object."""
    for module_name, module in list(sys.modules.items()):
        if module is None or inside(module_name, package):
            continue
        try:
            if vars(module).get(name, _MISSING) is value:
                return True
        except TypeError:  # a module object without a __dict__
            continue
    return False


_MISSING = object()


def counts(module_name: str, name: str, value: object, package: str) -> bool:
    """Apply the rule of the module docstring to one top-level name."""
    if name.startswith("__") and name.endswith("__"):
        return name not in MODULE_DUNDERS
    if isinstance(value, types.ModuleType):
        return value.__name__ == f"{module_name}.{name}"
    if inspect.isclass(value) or inspect.isroutine(value) or isinstance(value, TypeVar):
        return inside(getattr(value, "__module__", None), package)
    return not imported_from_outside(name, value, package)


def class_attributes(cls: type, package: str) -> list[str]:
    """``dir(cls)`` minus what its bases from outside ``package`` and every class give."""
    names = set(dir(cls))
    for base in cls.__mro__:
        if not inside(base.__module__, package):
            names -= set(dir(base))
    private = {name for name in names if re.match(r"_[A-Za-z0-9]\w*__\w", name)}
    return sorted(names - CLASS_BOOKKEEPING - private)


def surface(package: str) -> dict[str, Any]:
    modules: dict[str, Any] = {}
    for module_name in walk(package):
        module = sys.modules[module_name]
        names = sorted(
            name for name, value in vars(module).items()
            if counts(module_name, name, value, package)
        )
        classes = {
            name: class_attributes(value, package)
            for name, value in vars(module).items()
            if inspect.isclass(value)
            and value.__module__ == module_name
            and value.__name__ == name
        }
        key = module_name[len(package) + 1:]
        modules[key] = {"names": names, "classes": dict(sorted(classes.items()))}
    return {"package": package, "modules": modules}


def main() -> None:
    package = sys.argv[1] if len(sys.argv) > 1 else "azure.functions"
    print(json.dumps(surface(package), indent=1))


if __name__ == "__main__":
    main()
