"""Blueprints that hold functions the app never got.

A blueprint's functions reach the host only through ``app.register_functions(bp)``,
which takes the functions the blueprint holds at that moment. Forgetting the call, or
making it before the blueprint's module defined all its functions, loses functions
without a word. The blueprints looked at are the module-level ones of the module that
defines the app and of the app's own modules it imports (files in the app's folder).
"""

from __future__ import annotations

import linecache
import os
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from azfunc._validation.problems import Problem
from azfunc.decorators._builder import DecoratorApi, FunctionBuilder

if TYPE_CHECKING:
    from azfunc.decorators.function_app import FunctionRegister

__all__ = ["app_modules", "assignment_line", "blueprint_problems"]

_SCRIPT_FILE_ENV = "PYTHON_SCRIPT_FILE_NAME"


def app_modules(app: FunctionRegister) -> list[ModuleType]:
    """Return the loaded modules that hold ``app`` as a module-level name.

    Looked for among the modules of the app's own functions, the worker's script
    module (``function_app`` or ``PYTHON_SCRIPT_FILE_NAME``) and ``__main__``.
    """
    names = {
        getattr(builder.function.get_user_function(), "__module__", None)
        for builder in app.get_function_builders()
        if builder.owner is app
    }
    names.add(Path(os.environ.get(_SCRIPT_FILE_ENV, "function_app.py")).stem)
    names.add("__main__")
    modules = [sys.modules.get(name) for name in names if isinstance(name, str)]
    return [
        module
        for module in modules
        if module is not None and any(value is app for value in vars(module).values())
    ]


def _folder(module: ModuleType) -> Path | None:
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent if isinstance(file, str) else None


def _inside(module: ModuleType, root: Path) -> bool:
    file = getattr(module, "__file__", None)
    if not isinstance(file, str):
        return False
    path = Path(file).resolve()
    return path.is_relative_to(root) and "site-packages" not in path.parts


def _blueprints(start: ModuleType) -> list[tuple[DecoratorApi, ModuleType, str]]:
    """Return the blueprints reachable from ``start`` through module-level names of the
    app folder's modules, each with the module and name it is best known by."""
    from azfunc.decorators.function_app import FunctionRegister

    root = _folder(start)
    if root is None:
        return []
    found: dict[int, tuple[DecoratorApi, ModuleType, str]] = {}
    queue, seen = [start], {id(start)}
    while queue:
        module = queue.pop(0)
        for name, value in list(vars(module).items()):
            if isinstance(value, ModuleType):
                if id(value) not in seen and _inside(value, root):
                    seen.add(id(value))
                    queue.append(value)
            elif isinstance(value, DecoratorApi) and not isinstance(value, FunctionRegister):
                known = found.get(id(value))
                if known is None or (_defines(module, value) and not _defines(known[1], value)):
                    found[id(value)] = (value, module, name)
    return [_where_defined(*entry) for entry in found.values()]


def _where_defined(
    blueprint: DecoratorApi, module: ModuleType, name: str
) -> tuple[DecoratorApi, ModuleType, str]:
    """Prefer the module the blueprint's functions are written in, when it holds it."""
    for builder in blueprint.get_function_builders():
        home = sys.modules.get(getattr(builder.function.get_user_function(), "__module__", ""))
        if home is None or home is module:
            continue
        for home_name, value in vars(home).items():
            if value is blueprint:
                return blueprint, home, home_name
    return blueprint, module, name


def _defines(module: ModuleType, blueprint: DecoratorApi) -> bool:
    """Whether ``module`` is where the blueprint's functions are written."""
    return any(
        getattr(b.function.get_user_function(), "__module__", None) == module.__name__
        for b in blueprint.get_function_builders()
    )


def assignment_line(file: str, name: str) -> int | None:
    """The first line of ``file`` that assigns the module-level ``name``, or ``None``."""
    pattern = re.compile(rf"^{re.escape(name)}\s*(:[^=]*)?=(?!=)")
    for number, text in enumerate(linecache.getlines(file), start=1):
        if pattern.match(text):
            return number
    return None


def _reference(start: ModuleType, blueprint: DecoratorApi, where: ModuleType, name: str) -> str:
    """How the app's module can write ``blueprint``: its name there (an alias included),
    ``module.name`` through an imported module, or an import line plus the name."""
    for local, value in vars(start).items():
        if value is blueprint:
            return local
    for local, value in vars(start).items():
        if isinstance(value, ModuleType) and getattr(value, name, None) is blueprint:
            return f"{local}.{name}"
    return f"{name} (from {where.__name__} import {name})"


def _names(builders: list[FunctionBuilder[Any, Any]]) -> str:
    names = [repr(b.function.get_function_name()) for b in builders]
    return f"the function{'s' if len(names) != 1 else ''} {', '.join(names)}"


def blueprint_problems(app: FunctionRegister, module: ModuleType | None = None) -> list[Problem]:
    """Return a warning for each blueprint whose functions did not all reach ``app``.

    :param module: The module that defines the app; found with :func:`app_modules`
        when ``None``. Without one, nothing is checked.
    """
    starts = [module] if module is not None else app_modules(app)
    if not starts:
        return []
    script = os.path.basename(getattr(starts[0], "__file__", None) or "function_app.py")
    registered = {id(builder) for builder in app.get_function_builders()}
    problems = []
    found: dict[int, tuple[DecoratorApi, ModuleType, str, ModuleType]] = {}
    for start in starts:
        for blueprint, where, name in _blueprints(start):
            found.setdefault(id(blueprint), (blueprint, where, name, start))
    for blueprint, where, name, start in found.values():
        written = _reference(start, blueprint, where, name)
        builders = blueprint.get_function_builders()
        missing = [b for b in builders if id(b) not in registered]
        if not missing:
            continue
        file = getattr(where, "__file__", None)
        line = assignment_line(file, name) if isinstance(file, str) else None
        in_file = f" in {os.path.basename(file)}" if isinstance(file, str) else ""
        if len(missing) == len(builders):
            problem = Problem.of(
                "blueprint-not-registered",
                f"Blueprint {name!r}{in_file} holds {_names(missing)}, but it "
                "is never registered with the app, so the host does not see them. Add "
                f"app.register_functions({written}) to {script}.",
                file=file,
                line=line,
            )
        else:
            problem = Problem.of(
                "blueprint-functions-missing",
                f"Blueprint {name!r}{in_file} was registered before {_names(missing)} "
                f"{'was' if len(missing) == 1 else 'were'} added to it, so the host does not "
                "see them: "
                "register_functions() takes the functions a blueprint holds at that "
                f"moment. Call app.register_functions({written}) after they are defined.",
                file=file,
                line=line,
            )
        problems.append(problem)
    return problems
