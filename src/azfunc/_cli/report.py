"""The JSON report of ``azfunc check`` (its shape: see :mod:`azfunc._cli.check`), shared by
the command and the child process that imports the app."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["REPORT_VERSION", "make_report"]

#: Raised when a key of the report changes meaning.
REPORT_VERSION = 1


def make_report(
    folder: str,
    app: dict[str, Any] | None,
    functions: list[dict[str, Any]],
    problems: Sequence[Any],
    host_json: str | None,
    local_settings: str | None,
    *,
    config: str | None = None,
    fail_on: str | None = None,
    silenced: int = 0,
) -> dict[str, Any]:
    """Return the JSON report (see the module docstring) of ``problems``.

    :param config: The pyproject.toml whose ``[tool.azfunc.check]`` was applied.
    :param fail_on: Its ``fail-on`` level, ``None`` when unset.
    :param silenced: How many problems the configuration and inline ignores silenced.
    """
    return {
        "version": REPORT_VERSION,
        "folder": folder,
        "app": app,
        "functions": functions,
        "problems": [p.to_json() for p in problems],
        "errors": sum(1 for p in problems if p.severity == "error"),
        "warnings": sum(1 for p in problems if p.severity == "warning"),
        "host_json": host_json,
        "local_settings": local_settings,
        "config": config,
        "fail_on": fail_on,
        "silenced": silenced,
    }
