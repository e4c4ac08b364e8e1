"""The one entry point of the indexing-time checks: :func:`index`.

``app.get_functions()`` only builds, as azure-functions' does: it raises for a function
without a trigger and for duplicate names, and nothing else. The checks of azfunc run
where they are asked for, each through :func:`index`:

- ``azfunc check`` and ``azfunc index`` report every problem (``index`` exits 1 on an
  error, ``check`` too, after the host.json and local.settings.json checks);
- ``azfunc start``, the testing :class:`~azfunc.testing.Client` and the pytest plugin
  call :meth:`Indexed.enforce`: what the Python worker refuses is raised together, the
  rest is warned about once.

Inside the real worker nothing here runs: the worker makes its own checks.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from types import FrameType, ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from azfunc._validation.blueprints import blueprint_problems
from azfunc._validation.functions import app_problems, function_problems
from azfunc._validation.problems import (
    AppValidationError,
    AppValidationWarning,
    Problem,
    definition_site,
    package_dir,
)
from azfunc._validation.typed import typed_problems

if TYPE_CHECKING:
    from azfunc.decorators._builder import Function, FunctionBuilder
    from azfunc.decorators.function_app import FunctionRegister

__all__ = ["Indexed", "index"]


class Indexed(NamedTuple):
    """What :func:`index` found: ``functions, problems = index(app)``.

    Attributes:
        functions: The functions that could be built, in ``get_functions()`` order, each
            as ``get_functions()`` returns it (middleware and app attached).
        problems: Every problem found, in function order, then those between functions.
    """

    functions: list[Function]
    problems: list[Problem]

    @property
    def rejected(self) -> list[Problem]:
        """The problems that make the Python worker refuse the whole app."""
        return [problem for problem in self.problems if problem.rejected_by_worker]

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error`` (the rejected ones included)."""
        return [problem for problem in self.problems if problem.severity == "error"]

    def enforce(self) -> list[Function]:
        """Return the functions after raising for what the worker refuses and warning
        (:class:`AppValidationWarning`, attributed to the first caller outside azfunc)
        about every other problem not silenced by an inline ``# azfunc: ignore[rule]``.

        :raises AppValidationError: a function would make the worker refuse the app.
        """
        rejected = self.rejected
        if rejected:
            raise AppValidationError(rejected)
        from azfunc._validation.config import CheckConfig, apply_config

        level = _user_stacklevel(sys._getframe())
        # what the worker accepts may be silenced inline (# azfunc: ignore[rule])
        kept, _ = apply_config(self.problems, CheckConfig(), Path.cwd())
        for problem in kept:
            warnings.warn(AppValidationWarning(problem), stacklevel=level)
        return self.functions


def _user_stacklevel(frame: FrameType | None) -> int:
    """The ``stacklevel`` that attributes a warning issued in ``frame`` to the first
    caller outside azfunc."""
    level = 1
    while frame is not None and frame.f_code.co_filename.startswith(package_dir()):
        frame = frame.f_back
        level += 1
    return level


def _build_problem(builder: FunctionBuilder[..., Any], error: Exception) -> Problem:
    function = builder.function
    file, line = definition_site(function.get_user_function())
    code = "no-trigger" if "does not have a trigger" in str(error) else "invalid-function"
    return Problem.of(code, str(error), function=function.get_function_name(), file=file, line=line)


def _duplicate_name_problem(app: FunctionRegister, first: Function, again: Function) -> Problem:
    try:  # the reference's own message, from the method get_functions() uses
        app.validate_function_names([first, again])
    except ValueError as error:
        message = str(error)
    else:  # pragma: no cover - a subclass that accepts duplicates
        message = f"Function {again.get_function_name()} does not have a unique function name."
    file, line = definition_site(again.get_user_function())
    return Problem.of(
        "duplicate-function-name",
        message,
        function=again.get_function_name(),
        file=file,
        line=line,
    )


def index(
    app: FunctionRegister,
    *,
    module: ModuleType | None = None,
    settings: Mapping[str, str] | None = None,
) -> Indexed:
    """Build every function of ``app`` as ``get_functions()`` does and check them all.

    Unlike ``get_functions()``, a function that cannot be built, or whose name is taken,
    is reported as a problem and the others are still checked.

    :param app: The app (a :class:`~azfunc.FunctionApp` or another ``FunctionRegister``).
    :param module: The module the app was imported from, searched for blueprints that
        were never registered; found among the loaded modules when ``None``.
    :param settings: App settings to resolve ``%name%`` timer schedules with; without
        them such schedules are left to the host.
    :returns: The functions and the problems; see :class:`Indexed`.
    """
    functions: list[Function] = []
    problems: list[Problem] = []
    for builder in app.get_function_builders():
        try:
            functions.append(app.build_function(builder))
        except Exception as error:  # any failure is reported; indexing would stop there
            problems.append(_build_problem(builder, error))
    first_by_name: dict[str, Function] = {}
    for function in functions:
        problems += function_problems(function, settings=settings)
        problems += typed_problems(function)
        first = first_by_name.setdefault(function.get_function_name(), function)
        if first is not function:
            problems.append(_duplicate_name_problem(app, first, function))
    problems += app_problems(functions)
    problems += blueprint_problems(app, module)
    return Indexed(functions, problems)
