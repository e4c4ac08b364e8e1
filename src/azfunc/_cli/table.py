"""The function table people read: name, trigger, detail, methods, auth level, bindings.

The detail is the trigger's key setting: the route of an HTTP function, the schedule of a
timer, the queue, topic, event hub, blob path or container a trigger listens to.

Shared by ``azfunc index --format table`` and the commands that start or check an app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from azfunc.decorators._function import Function

HEADERS = ("name", "trigger", "detail", "methods", "auth level", "bindings")

#: The settings that tell a trigger apart, in the order they are looked for, with a label.
_DETAILS = (
    ("schedule", "schedule"),
    ("queueName", "queue"),
    ("topicName", "topic"),
    ("eventHubName", "event hub"),
    ("path", "path"),
    ("containerName", "container"),
    ("collectionName", "collection"),
    ("tableName", "table"),
    ("topic", "topic"),
    ("toolName", "tool"),
)


def _display(value: Any) -> str:
    return "-" if value is None else str(value)


def trigger_detail(trigger: Any) -> str | None:
    """The key setting of a non-HTTP trigger (``"schedule 0 */5 * * * *"``), else ``None``."""
    fields = trigger.get_dict_repr()
    for key, label in _DETAILS:
        value = fields.get(key)
        if value is None or value == "":
            continue
        if key == "topicName" and fields.get("subscriptionName"):
            value = f"{value}/{fields['subscriptionName']}"
        if key == "containerName" and fields.get("databaseName"):
            value = f"{fields['databaseName']}/{value}"
        return f"{label} {value}"
    return None


def function_row(function: Function) -> tuple[str, ...]:
    """Return the table cells of one indexed function."""
    trigger = function.get_trigger()
    http = function.is_http_function() and trigger is not None
    methods = getattr(trigger, "methods", None) if http else None
    others = [b for b in function.get_bindings() if b is not trigger]
    return (
        function.get_function_name(),
        _display(trigger.type if trigger is not None else None),
        _display(
            getattr(trigger, "route", None)
            if http
            else (trigger_detail(trigger) if trigger is not None else None)
        ),
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
