"""The function table people read: name, trigger, route, methods, auth level, bindings.

Shared by ``azfunc index --format table`` and the commands that start or check an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from azfunc.decorators._function import Function

HEADERS = ("name", "trigger", "route", "methods", "auth level", "bindings")


def _display(value: Any) -> str:
    return "-" if value is None else str(value)


def function_row(function: Function) -> tuple[str, ...]:
    """Return the table cells of one indexed function."""
    trigger = function.get_trigger()
    http = function.is_http_function() and trigger is not None
    methods = getattr(trigger, "methods", None) if http else None
    others = [b for b in function.get_bindings() if b is not trigger]
    return (
        function.get_function_name(),
        _display(trigger.type if trigger is not None else None),
        _display(getattr(trigger, "route", None) if http else None),
        ("*" if not methods else ",".join(str(m) for m in methods)) if http else "-",
        _display(getattr(trigger, "auth_level", None) if http else None),
        ", ".join(f"{b.type}({'in' if b.direction == 0 else 'out'}:{b.name})" for b in others)
        or "-",
    )


def format_table(rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS) -> str:
    """Return ``rows`` under ``headers`` as aligned plain-text columns, ending in a newline."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)]) + "\n"


def function_table(functions: Sequence[Function]) -> str:
    """Return the function table of ``functions``."""
    return format_table([function_row(f) for f in functions])
