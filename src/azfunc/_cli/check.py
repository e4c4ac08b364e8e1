"""``azfunc check``: find what would break the app on Azure, before deploying it.

The app is imported in a fresh Python process, the way the worker imports it (its folder
as the working directory and first on ``sys.path``, the ``Values`` of local.settings.json
in the environment). That process indexes the app collecting every problem
(:func:`azfunc._validation.indexing.index`), checks host.json and
local.settings.json against the functions, and hands a report back as JSON; this process
prints it for people, or as JSON, SARIF 2.1.0 or JUnit XML for CI
(:mod:`azfunc._cli.check_formats`). The exit status is 1 when a problem at or above the
``--fail-on`` level (default: errors) was found, 0 otherwise, 2 on a usage error.

JSON output (``--format json``, keys sorted, indented 2)::

    {"app": {"functions": N, "script": "function_app.py", "variable": "app"} | null,
     "errors": N, "warnings": N,
     "folder": "<the app folder, as given>",
     "functions": [{"name", "trigger", "route", "methods", "auth_level",
                    "bindings": [{"direction", "name", "type"}], "file", "line"}],
     "host_json": "host.json" | null, "local_settings": "local.settings.json" | null,
     "problems": [{"code", "file", "function", "line", "message", "severity"}],
     "config": "pyproject.toml" | null, "fail_on": "error" | "warning" | null,
     "silenced": N, "version": 1}

File names are relative to the app folder when inside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from azfunc._cli.arguments import add_app_argument
from azfunc._cli.report import make_report

__all__ = [
    "PARSER_ARGS",
    "check_app",
    "child_main",
    "configure",
    "format_text",
    "run",
]

PARSER_ARGS: dict[str, str] = {
    "help": "find what would break the app on Azure: imports, bindings, settings",
    "description": (
        "Import the app in a fresh process the way the Python worker does, print its "
        "functions and every problem found in the functions, host.json and "
        "local.settings.json. Exits 1 when a problem at or above the --fail-on level "
        "was found, 0 otherwise, 2 on a usage error."
    ),
}

CHILD_TIMEOUT = 120.0
_CHILD = "import sys; from azfunc._cli.check import child_main; sys.exit(child_main(sys.argv[1:]))"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc check``."""
    add_app_argument(parser)
    parser.add_argument(
        "--settings",
        metavar="FILE",
        help="local.settings.json to check (default: the app folder's, if there is one)",
    )
    parser.add_argument(
        "--host", metavar="FILE", help="host.json to check (default: the app folder's)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif", "junit"),
        default="text",
        help="text (default): for people; json: stable, for CI; sarif: SARIF 2.1.0 for code "
        "scanning; junit: JUnit XML, a test case per rule per function",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default=None,
        help="the lowest level that exits 1 (default: fail-on in [tool.azfunc.check] of "
        "pyproject.toml, else error)",
    )
    parser.add_argument(
        "--list-rules",
        action="store_true",
        help="print every rule with its id, level and summary, and exit",
    )


def run(args: argparse.Namespace) -> int:
    """Check the app at ``args.path``; print the report; return the exit status: 1 when a
    problem at or above the ``--fail-on`` level was found, else 0."""
    from azfunc._cli import check_formats

    if args.list_rules:
        sys.stdout.write(check_formats.format_rules())
        return 0
    report = check_app(
        args.path,
        settings=args.settings,
        host=args.host,
    )
    found = report["report"]
    fail_on = args.fail_on or found.get("fail_on") or "error"
    if args.format == "json":
        sys.stdout.write(json.dumps(found, indent=2, sort_keys=True) + "\n")
    elif args.format == "sarif":
        sarif = check_formats.format_sarif(found)
        sys.stdout.write(json.dumps(sarif, indent=2) + "\n")
    elif args.format == "junit":
        sys.stdout.write(check_formats.format_junit(found, fail_on))
    else:
        sys.stdout.write(format_text(found, report["table"], color=_use_color()))
    return check_formats.exit_status(found, fail_on)


def check_app(
    path: str | os.PathLike[str],
    *,
    settings: str | os.PathLike[str] | None = None,
    host: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Check the app at ``path`` in a fresh process.

    :returns: ``{"report": <the JSON report>, "table": <the function table text>}``.
    """
    from azfunc._loader import AppLoadError, resolve_script
    from azfunc._validation.problems import Problem

    try:
        script = resolve_script(path)
    except AppLoadError as error:
        problem = Problem.of("no-script", str(error))
        return {"report": make_report(str(path), None, [], [problem], None, None), "table": ""}
    folder = script.parent
    settings_path = Path(settings) if settings is not None else folder / "local.settings.json"
    host_path = Path(host) if host is not None else folder / "host.json"
    with tempfile.TemporaryDirectory(prefix="azfunc-check-") as scratch:
        out = Path(scratch) / "report.json"
        argv = [
            str(out),
            str(script),
            str(settings_path.resolve()),
            "1" if settings is not None else "0",
            str(host_path.resolve()),
            "1" if host is not None else "0",
        ]
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, *argv],
                cwd=folder,
                env=env,
                capture_output=True,
                text=True,
                timeout=CHILD_TIMEOUT,
            )
        except subprocess.TimeoutExpired:
            problem = Problem.of(
                "import-timeout",
                f"Importing {script.name} took longer than {CHILD_TIMEOUT:.0f} s; the worker "
                "would time out too. Move slow work (network calls, model loading) out of "
                "module level, e.g. into an @app.on_startup hook.",
                file=script.name,
            )
            return {"report": make_report(str(path), None, [], [problem], None, None), "table": ""}
        if not out.is_file():
            problem = Problem.of(
                "check-crashed",
                f"The process importing {script.name} ended with status {done.returncode} "
                f"before reporting (os._exit() or a crash at import?). Its output:\n"
                f"{(done.stdout + done.stderr).rstrip()}",
                file=script.name,
            )
            return {"report": make_report(str(path), None, [], [problem], None, None), "table": ""}
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    result["report"]["folder"] = str(path)
    return result


# --- the child process ------------------------------------------------------------------


def child_main(argv: Sequence[str]) -> int:
    """Entry point of the process that imports the app; writes the report to ``argv[0]``."""
    out, script, settings, settings_explicit, host, host_explicit = argv
    from azfunc._cli._check_child import build_report

    report = build_report(
        Path(script),
        settings=Path(settings),
        settings_explicit=settings_explicit == "1",
        host=Path(host),
        host_explicit=host_explicit == "1",
    )
    Path(out).write_text(json.dumps(report), encoding="utf-8")
    return 0


# --- text output --------------------------------------------------------------------------

_RED, _YELLOW, _GREEN, _DIM, _BOLD, _RESET = (
    "\033[31m",
    "\033[33m",
    "\033[32m",
    "\033[2m",
    "\033[1m",
    "\033[0m",
)


def _use_color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def format_text(report: dict[str, Any], table: str, *, color: bool = False) -> str:
    """Return the report for people: what was checked, the function table, the problems."""

    def paint(text: str, *codes: str) -> str:
        return f"{''.join(codes)}{text}{_RESET}" if color else text

    app = report["app"]
    lines = []
    if app is not None:
        lines.append(
            f"app       {app['script']} ({app['variable']}), "
            f"{_plural(app['functions'], 'function')}"
        )
    else:
        lines.append(f"app       {report['folder']}: not indexed")
    lines.append(f"host.json {report['host_json'] or 'not checked'}")
    settings = report["local_settings"] or (
        "none (no local.settings.json: settings not checked)"
        if report["host_json"]
        else "not checked"
    )
    lines.append(f"settings  {settings}")
    if report.get("config"):
        lines.append(f"config    {report['config']} [tool.azfunc.check]")
    lines.append("")
    if table:
        lines += [table.rstrip("\n"), ""]
    for problem in report["problems"]:
        where = ""
        if problem["file"]:
            where = problem["file"] + (f":{problem['line']}" if problem["line"] else "") + ": "
        severity = paint(
            problem["severity"], _BOLD, _RED if problem["severity"] == "error" else _YELLOW
        )
        first, *rest = problem["message"].split("\n")
        lines.append(f"{where}{severity}: {first} {paint('[' + problem['code'] + ']', _DIM)}")
        lines += [f"    {line}".rstrip() for line in rest]
    if report["problems"]:
        lines.append("")
    errors, warnings = report["errors"], report["warnings"]
    silenced = report.get("silenced", 0)
    note = f" ({silenced} silenced by ignores)" if silenced else ""
    if errors:
        summary = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}{note}."
        lines.append(paint(summary, _RED))
    elif warnings:
        lines.append(paint(f"No errors, {_plural(warnings, 'warning')}{note}.", _YELLOW))
    else:
        lines.append(paint(f"No problems found{note}.", _GREEN))
    return "\n".join(lines) + "\n"
