"""What a check finds: :class:`Problem`, and the error and warning that carry problems.

A problem names its rule (``code``), the function concerned and the file:line of that
function's definition. Each rule is classified once, here:

- :data:`REJECTED_BY_WORKER`: the Python worker refuses to index an app with such a
  function, so the host finds 0 functions. Where the checks are enforced (``azfunc
  start``, the testing kit: :meth:`~azfunc._validation.indexing.Indexed.enforce`) they
  raise one :class:`AppValidationError` listing every one.
- :data:`ADVISORY`: a likely mistake that may be intended: a warning everywhere.
- every other code: Azure accepts the app today, but it does not do what it says.
  ``azfunc check`` and ``azfunc index`` report an error; the testing kit and ``azfunc
  start`` warn (:class:`AppValidationWarning`).

``get_functions()`` runs none of these checks; it raises only what the reference raises.
"""

from __future__ import annotations

import difflib
import inspect
import linecache
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

import attrs

from azfunc._validation.rules import RULES, level_of

__all__ = [
    "ADVISORY",
    "REJECTED_BY_WORKER",
    "AppValidationError",
    "AppValidationWarning",
    "Problem",
    "Severity",
    "close_match",
    "definition_site",
    "display_path",
    "function_problem",
    "package_dir",
    "severity_of",
]

Severity = Literal["error", "warning"]

#: Codes of the problems that make the Python worker refuse the whole app.
REJECTED_BY_WORKER = frozenset(
    {
        # get_functions() raises for these, so the worker's indexing fails
        "no-trigger",
        "invalid-function",
        "duplicate-function-name",
        # the worker's load-time checks of a function's signature
        "parameter-without-binding",
        "binding-without-parameter",
        "route-parameter-as-argument",
        "path-token-as-argument",
        "out-on-input-binding",
        "return-is-out",
        "return-binding-direction",
        "context-annotation",
        "unresolved-annotation",
    }
)

#: Codes of the problems ``azfunc check`` reports as warnings, not errors (by default:
#: see :mod:`azfunc._validation.rules`).
ADVISORY = frozenset(rule.id for rule in RULES.values() if rule.level == "warning")


def severity_of(code: str) -> Severity:
    """Return how ``azfunc check`` reports a problem with ``code`` (its rule's level)."""
    return level_of(code)


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with an app.

    Attributes:
        severity: ``"error"`` (``azfunc check`` exits 1) or ``"warning"``.
        code: A stable identifier of the rule, e.g. ``route-template-invalid``.
        message: The full message: what is wrong, with the value, the rule and the fix.
        function: The function's name as the host knows it, ``None`` when the problem
            is not about one function.
        file: The file the problem is in: the function's source file, host.json, ...
        line: The line in ``file`` (the function's ``def`` line), or ``None``.
    """

    severity: Severity
    code: str
    message: str
    function: str | None = None
    file: str | None = None
    line: int | None = None

    @classmethod
    def of(
        cls,
        code: str,
        message: str,
        *,
        function: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> Problem:
        """Return a problem whose severity follows from ``code`` (see :func:`severity_of`)."""
        return cls(
            severity=severity_of(code),
            code=code,
            message=message,
            function=function,
            file=file,
            line=line,
        )

    @property
    def location(self) -> str | None:
        """``file:line``, ``file`` alone, or ``None``."""
        if self.file is None:
            return None
        return self.file if self.line is None else f"{self.file}:{self.line}"

    @property
    def rejected_by_worker(self) -> bool:
        """Whether the Python worker refuses to index an app with this problem."""
        return self.code in REJECTED_BY_WORKER

    def relative_to(self, folder: str | os.PathLike[str]) -> Problem:
        """Return this problem with ``file`` relative to ``folder`` when it lies inside."""
        if self.file is None:
            return self
        return attrs.evolve(self, file=display_path(self.file, folder))

    def describe(self) -> str:
        """Return ``"<location>: <severity>: <message> [<code>]"`` (no location: no prefix)."""
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.severity}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, Any]:
        """Return the problem as the JSON object ``azfunc check --format json`` prints."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "function": self.function,
            "file": self.file,
            "line": self.line,
        }


def close_match(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """Return the option closest to ``word`` (ignoring case), or ``None`` when none is
    close: the "did you mean" of the checks."""
    by_folded = {option.casefold(): option for option in options}
    found = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=cutoff)
    return by_folded[found[0]] if found else None


def display_path(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> str:
    """Return ``path`` relative to ``folder`` (with ``/``) when inside it, else unchanged."""
    try:
        relative = Path(path).resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return str(path)
    return relative.as_posix()


def _short(path: str) -> str:
    return display_path(path, os.getcwd())


def _listing(problems: Iterable[Problem]) -> str:
    lines = []
    for problem in problems:
        where = f"{_short(problem.file)}:{problem.line}: " if problem.file and problem.line else ""
        lines.append(f"- {where}{problem.message} [{problem.code}]")
    return "\n".join(lines)


class AppValidationError(ValueError):
    """The checks found functions the Python worker would refuse to index.

    The message lists every such problem with the file:line of the function.

    Attributes:
        problems: The problems, in function order.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        functions = sorted({p.function for p in problems if p.function is not None})
        names = ", ".join(repr(name) for name in functions)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in function"
            f"{'s' if len(functions) != 1 else ''} {names} would make the Python worker "
            "refuse to index this app, and the host would then find 0 functions. Fix "
            f"{'each' if count != 1 else 'it'}:\n{_listing(problems)}"
        )


class AppValidationWarning(UserWarning):
    """The checks found something Azure accepts but that does not do what it says (an
    invalid schedule, a retry policy the trigger ignores, ...).

    Turn these into errors in tests with
    ``warnings.simplefilter("error", AppValidationWarning)``, or run ``azfunc check``.

    Attributes:
        problem: The problem, or ``None`` when the warning was made from a message alone.
    """

    def __init__(self, problem: Problem | str) -> None:
        if isinstance(problem, str):  # the warnings machinery may rebuild it from its text
            self.problem: Problem | None = None
            super().__init__(problem)
            return
        self.problem = problem
        where = f"{_short(problem.file)}:{problem.line}: " if problem.file and problem.line else ""
        super().__init__(f"{where}{problem.message} [{problem.code}]")


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_DEF_LINE = "^[ \t]*(async[ \t]+)?def[ \t]+{name}\\b"


def definition_site(func: Callable[..., Any]) -> tuple[str | None, int | None]:
    """Return the file and the ``def`` line of the user function behind ``func``.

    Wrappers are unwrapped through ``__wrapped__``. The line is that of ``def`` itself,
    below any decorators; ``(None, None)`` when ``func`` has no Python source or is
    azfunc's own (the catch-all function of an ASGI or WSGI app).
    """
    try:
        target = inspect.unwrap(func)
    except ValueError:  # a __wrapped__ cycle
        target = func
    code = getattr(target, "__code__", None)
    if code is None:
        return None, None
    filename: str = code.co_filename
    first: int = code.co_firstlineno
    if filename.startswith(_PACKAGE_DIR):
        return None, None
    pattern = re.compile(_DEF_LINE.format(name=re.escape(code.co_name)))
    for line in range(first, first + 100):
        text = linecache.getline(filename, line)
        if not text:
            break
        if pattern.match(text):
            return filename, line
    return filename, first


def function_problem(function: Any, code: str, message: str) -> Problem:
    """Return a problem of rule ``code`` about ``function`` (a built
    :class:`~azfunc.decorators._function.Function`), at its ``def`` line."""
    file, line = definition_site(function.get_user_function())
    return Problem.of(code, message, function=function.get_function_name(), file=file, line=line)


def package_dir() -> str:
    """The folder of the azfunc package, with a trailing separator."""
    return _PACKAGE_DIR
