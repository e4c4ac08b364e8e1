"""Configuration of the checks: ``[tool.azfunc.check]`` in pyproject.toml and inline
``# azfunc: ignore[rule]`` comments, as ruff and mypy have them.

pyproject.toml is the first one found from the app folder upwards::

    [tool.azfunc.check]
    ignore = ["anonymous-route"]                 # rules not reported at all
    fail-on = "warning"                          # exit 1 on warnings too (default "error")

    [tool.azfunc.check.severity]
    retry-unsupported = "warning"                # re-level a rule: "error" or "warning"

A comment ``# azfunc: ignore[rule-a, rule-b]`` silences those rules on its line; on lines
of its own, on the next line of code; on a function's decorator lines (or the comment
lines above them), the problems reported at the ``def`` line too. Write the reason after
it: ``# azfunc: ignore[anonymous-route] public probe``.
A bare ``# azfunc: ignore`` silences every rule on that line.

pyproject.toml is read with :mod:`tomllib` (Python 3.11+) or, on Python 3.10, the
``tomli`` package when it is installed; otherwise a ``[tool.azfunc.check]`` table is
reported as ``config-invalid`` instead of being silently skipped.
"""

from __future__ import annotations

import ast
import difflib
import io
import linecache
import re
import sys
import tokenize
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

import attrs

from azfunc._validation.problems import Problem
from azfunc._validation.rules import RULES, Level

__all__ = ["CheckConfig", "apply_config", "inline_ignores", "read_config"]

FailOn = Literal["error", "warning"]
_LEVELS = ("error", "warning")
_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*azfunc\s*\.\s*check\s*[\].]", re.MULTILINE)
_IGNORE = re.compile(r"#\s*azfunc:\s*ignore\b(?:\[([^\]]*)\])?")


@attrs.frozen(kw_only=True)
class CheckConfig:
    """The ``[tool.azfunc.check]`` settings.

    Attributes:
        path: The pyproject.toml read, or ``None`` when there is none.
        ignore: Rule ids never reported.
        severity: Rule id to the level it is reported at.
        fail_on: The lowest level that makes ``azfunc check`` exit 1, or ``None`` when
            not set.
        problems: What is wrong with the configuration itself (``config-invalid``).
    """

    path: Path | None = None
    ignore: frozenset[str] = frozenset()
    severity: dict[str, Level] = attrs.field(factory=dict)
    fail_on: FailOn | None = None
    problems: tuple[Problem, ...] = ()


def _find_pyproject(folder: Path) -> Path | None:
    for candidate in (folder.resolve(), *folder.resolve().parents):
        if (candidate / "pyproject.toml").is_file():
            return candidate / "pyproject.toml"
    return None


def _load_toml(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads(text)
    import tomli  # type: ignore[import-not-found,unused-ignore]  # ImportError: see caller

    loaded: dict[str, Any] = tomli.loads(text)
    return loaded


def _invalid(path: Path, message: str) -> Problem:
    return Problem.of("config-invalid", message, file=str(path))


def _rule_ids(path: Path, key: str, values: Iterable[object]) -> tuple[set[str], list[Problem]]:
    ids: set[str] = set()
    problems = []
    for value in values:
        if isinstance(value, str) and value in RULES:
            ids.add(value)
            continue
        close = difflib.get_close_matches(str(value), list(RULES), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else "; see azfunc check --list-rules."
        problems.append(
            _invalid(path, f"[tool.azfunc.check] {key} names {value!r}, which is no rule{hint}")
        )
    return ids, problems


def read_config(folder: Path) -> CheckConfig:
    """Return the ``[tool.azfunc.check]`` settings of the pyproject.toml found from
    ``folder`` upwards (none: the defaults)."""
    path = _find_pyproject(folder)
    if path is None:
        return CheckConfig()
    text = path.read_text(encoding="utf-8", errors="replace")
    if not _TABLE.search(text):
        return CheckConfig(path=None)
    try:
        data = _load_toml(text)
    except ImportError:
        return CheckConfig(
            path=path,
            problems=(
                _invalid(
                    path,
                    "pyproject.toml has a [tool.azfunc.check] table, but Python "
                    f"{sys.version_info[0]}.{sys.version_info[1]} cannot read TOML "
                    "without the tomli package, so it is not applied. pip install tomli, "
                    "or run azfunc check with Python 3.11 or newer.",
                ),
            ),
        )
    except ValueError as err:  # tomllib.TOMLDecodeError is a ValueError
        return CheckConfig(path=path, problems=(_invalid(path, f"pyproject.toml: {err}"),))
    table = data.get("tool", {}).get("azfunc", {}).get("check", {})
    problems: list[Problem] = []
    known_keys = {"ignore", "severity", "fail-on"}
    for key in sorted(set(table) - known_keys):
        problems.append(
            _invalid(
                path,
                f"[tool.azfunc.check] has the key {key!r}; the keys are "
                "'ignore', 'severity' and 'fail-on'.",
            )
        )
    raw_ignore = table.get("ignore", [])
    if not isinstance(raw_ignore, list):
        raw_ignore = [raw_ignore]
    ignore, found = _rule_ids(path, "ignore", raw_ignore)
    problems += found
    raw_severity = table.get("severity", {})
    severity: dict[str, Level] = {}
    if isinstance(raw_severity, dict):
        ids, found = _rule_ids(path, "severity", raw_severity)
        problems += found
        for rule in sorted(ids):
            level = raw_severity[rule]
            if level == "error" or level == "warning":
                severity[rule] = level
            else:
                problems.append(
                    _invalid(
                        path,
                        f"[tool.azfunc.check.severity] sets {rule!r} to {level!r}; write "
                        '"error" or "warning" (or list the rule in ignore).',
                    )
                )
    else:
        problems.append(_invalid(path, "[tool.azfunc.check] severity must be a table."))
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in _LEVELS:
        problems.append(
            _invalid(
                path,
                f'[tool.azfunc.check] fail-on is {fail_on!r}; write "error" or "warning".',
            )
        )
        fail_on = None
    return CheckConfig(
        path=path,
        ignore=frozenset(ignore),
        severity=severity,
        fail_on=fail_on,
        problems=tuple(problems),
    )


def _comment_codes(comment: str) -> frozenset[str] | None:
    """The rules an ignore comment names; ``None`` for all (a bare ignore)."""
    match = _IGNORE.search(comment)
    if match is None:
        return frozenset()
    if match.group(1) is None:
        return None
    return frozenset(code.strip() for code in match.group(1).split(",") if code.strip())


def inline_ignores(file: str) -> dict[int, frozenset[str] | None]:
    """Return, per line of ``file``, the rules its ``# azfunc: ignore`` comments silence
    (``None``: all). A comment on a decorator line of a function counts for its ``def``
    line too."""
    source = "".join(linecache.getlines(file))
    if "azfunc:" not in source:
        return {}
    found: dict[int, frozenset[str] | None] = {}

    def add(line: int, codes: frozenset[str] | None) -> None:
        if line in found:
            known = found[line]
            found[line] = None if known is None or codes is None else known | codes
        else:
            found[line] = codes

    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                codes = _comment_codes(token.string)
                if codes is None or codes:
                    add(token.start[0], codes)
    except (tokenize.TokenError, SyntaxError):
        return found
    # A comment on lines of its own counts for the next line of code.
    lines = source.splitlines()
    for line in sorted(found):
        below = line
        while below <= len(lines) and lines[below - 1].lstrip().startswith("#"):
            below += 1
        if below != line and below <= len(lines):
            add(below, found[line])
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.decorator_list:
            first = min(d.lineno for d in node.decorator_list)
            for line in range(first, node.lineno):
                if line in found:
                    add(node.lineno, found[line])
    return found


def _silenced(problem: Problem, folder: Path, cache: dict[str, Any]) -> bool:
    if problem.file is None or problem.line is None:
        return False
    path = Path(problem.file)
    file = str(path if path.is_absolute() else folder / path)
    if file not in cache:
        cache[file] = inline_ignores(file)
    ignores: dict[int, frozenset[str] | None] = cache[file]
    if problem.line not in ignores:
        return False
    codes = ignores[problem.line]
    return codes is None or problem.code in codes


def apply_config(
    problems: Iterable[Problem], config: CheckConfig, folder: Path
) -> tuple[list[Problem], int]:
    """Return the problems left after ``config`` and inline ignores, re-levelled, and how
    many were silenced. Files of problems are taken relative to ``folder``."""
    kept: list[Problem] = list(config.problems)
    silenced = 0
    cache: dict[str, Any] = {}
    for problem in problems:
        if problem.code in config.ignore or _silenced(problem, folder, cache):
            silenced += 1
            continue
        level = config.severity.get(problem.code)
        if level is not None and level != problem.severity:
            problem = attrs.evolve(problem, severity=level)
        kept.append(problem)
    return kept, silenced
