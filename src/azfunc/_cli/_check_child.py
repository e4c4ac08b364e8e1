"""The part of ``azfunc check`` that runs in the process importing the app.

It sets the app settings as the host does, imports the script with
:mod:`azfunc._loader`, indexes the app collecting every problem, checks host.json
and local.settings.json, and returns the report (see :mod:`azfunc._cli.check`).
"""

from __future__ import annotations

import difflib
import os
import traceback
from pathlib import Path
from typing import Any

import attrs

from azfunc._cli.report import make_report
from azfunc._cli.table import function_table
from azfunc._config.local_settings import LocalSettingsError, read_local_settings
from azfunc._config.rules import (
    anonymous_problems,
    host_json_problems,
    local_settings_problems,
)
from azfunc._loader import AppLoadError, duplicate_sites, find_app, import_script
from azfunc._routing.table import http_route_of
from azfunc._validation.blueprints import assignment_line
from azfunc._validation.config import apply_config, read_config
from azfunc._validation.indexing import index
from azfunc._validation.problems import Problem, definition_site, display_path
from azfunc.decorators._builder import DecoratorApi, Function
from azfunc.decorators.function_app import FunctionRegister

__all__ = ["build_report"]


def _apply_settings(path: Path) -> dict[str, str] | None:
    """Put the ``Values`` of local.settings.json in the environment, as the host does
    (variables already set win); return them, or ``None`` when they cannot be read."""
    if not path.is_file():
        return None
    try:
        values = dict(read_local_settings(path).values)
    except LocalSettingsError:
        return None  # reported by the settings checks
    for name, value in values.items():
        os.environ.setdefault(name, value)
    return values


def _error_site(error: BaseException, folder: Path) -> tuple[str | None, int | None]:
    """The file and line in the app folder where ``error`` arose (its last frame there)."""
    if isinstance(error, SyntaxError) and error.filename:
        return error.filename, error.lineno
    site: tuple[str | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        file = frame.f_code.co_filename
        if Path(file).resolve().is_relative_to(folder):
            site = (file, line)
    return site


def _decorator_hint(error: BaseException) -> str:
    """For ``app.warmup_trigger``-style typos: the decorator names that come close."""
    if not isinstance(error, AttributeError):
        return ""
    target, name = getattr(error, "obj", None), getattr(error, "name", None)
    if not isinstance(target, DecoratorApi) or not isinstance(name, str):
        return ""
    known = [n for n in dir(type(target)) if not n.startswith("_")]
    close = difflib.get_close_matches(name, known, n=2, cutoff=0.8)
    kind = type(target).__name__
    if not close:
        return f"\n\n{kind} has no decorator {name!r}."
    options = " or ".join(repr(c) for c in close)
    return f"\n\n{kind} has no decorator {name!r}; did you mean {options}?"


def _load_problem(error: AppLoadError, script: Path, module: object) -> Problem:
    cause = error.__cause__
    if module is not None:  # imported, but not exactly one app
        apps = [v for v in vars(module).values() if isinstance(v, FunctionRegister)]
        code = "no-app" if not apps else "multiple-apps"
        return Problem.of(code, str(error), file=str(script))
    if cause is None:
        return Problem.of("import-error", str(error), file=str(script))
    file, line = _error_site(cause, script.parent)
    hint = _decorator_hint(cause)
    if hint:
        return Problem.of("unknown-decorator", str(error) + hint, file=file, line=line)
    code = "syntax-error" if isinstance(cause, SyntaxError) else "import-error"
    return Problem.of(code, str(error), file=file, line=line)


def _with_sites(problem: Problem, app: FunctionRegister, folder: Path) -> Problem:
    """A duplicate-name problem that also names where each definition is."""
    if problem.code != "duplicate-function-name" or problem.function is None:
        return problem
    sites = duplicate_sites(app, problem.function, folder)
    return attrs.evolve(problem, message=f"{problem.message}\n{sites}") if sites else problem


def _function_json(function: Function, folder: Path) -> dict[str, Any]:
    http_route = http_route_of(function)
    auth_level = None if http_route is None else http_route.auth_level
    trigger = function.get_trigger()
    file, line = definition_site(function.get_user_function())
    return {
        "name": function.get_function_name(),
        "trigger": None if trigger is None else trigger.type,
        "route": None if http_route is None else http_route.template,
        "methods": None if http_route is None else list(http_route.methods) or None,
        "auth_level": None if auth_level is None else auth_level.name,
        "bindings": [
            {"type": b.type, "direction": b._direction.name.lower(), "name": b.name}
            for b in function.get_bindings()
        ],
        "file": None if file is None else display_path(file, folder),
        "line": line,
    }


def build_report(
    script: Path,
    *,
    settings: Path,
    settings_explicit: bool,
    host: Path,
    host_explicit: bool = False,
) -> dict[str, Any]:
    """Import and check the app of ``script``; return ``{"report": ..., "table": ...}``."""
    folder = script.parent
    values = _apply_settings(settings)
    problems: list[Problem] = []
    functions: list[Function] = []
    app: dict[str, Any] | None = None
    module = None
    try:
        module = import_script(script)
        loaded = find_app(module, script)
    except AppLoadError as error:
        problems.append(_load_problem(error, script, module))
    else:
        functions, found = index(loaded.app, module=loaded.module, settings=values)
        # A function azfunc itself defines (the ASGI/WSGI catch-all) is where the app is.
        app_line = assignment_line(str(script), loaded.variable)
        problems += [
            attrs.evolve(p, file=str(script), line=app_line)
            if p.function is not None and p.file is None
            else p
            for p in [
                *(_with_sites(p, loaded.app, folder) for p in found),
                *anonymous_problems(functions),
            ]
        ]
        app = {"script": script.name, "variable": loaded.variable, "functions": len(functions)}
    host_display = display_path(host, folder)
    problems += host_json_problems(host, functions, display=host_display, explicit=host_explicit)[1]
    settings_display: str | None = None
    if settings_explicit or settings.is_file():
        settings_display = display_path(settings, folder)
        problems += local_settings_problems(settings, functions, display=settings_display)[1]
    config = read_config(folder)
    problems, silenced = apply_config(problems, config, folder)
    report = make_report(
        str(folder),
        app,
        [_function_json(f, folder) for f in functions],
        [p.relative_to(folder) for p in problems],
        host_display,
        settings_display,
        config=None if config.path is None else display_path(config.path, folder),
        fail_on=config.fail_on,
        silenced=silenced,
    )
    return {"report": report, "table": function_table(functions) if functions else ""}
