"""Binding expressions of storage paths and names: ``out/{name}``, ``{queueTrigger}``, ...

As in the host, a binding's ``path``, ``queueName``, ``tableName``, ``partitionKey``,
``rowKey`` and ``filter`` may hold ``%Setting%`` (an app setting) and ``{expression}``
parts, filled for each invocation from the trigger:

* a trigger metadata value (``{name}`` of a blob path, ``{queueTrigger}``, ``{id}`` of a
  route, ``{DequeueCount}``), case-insensitively;
* a property of a JSON trigger body (queue message or HTTP request), dotted for nested
  objects (``{order.id}``);
* ``{rand-guid}`` (a new GUID) and ``{DateTime}`` (UTC now, ``yyyy-MM-ddTHH-mm-ssZ``).

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-expressions-patterns
"""

from __future__ import annotations

import datetime
import json
import os
import re
import uuid
from collections.abc import Mapping
from typing import Any

from azfunc._config.local_settings import expand_settings
from azfunc.meta import Datum

__all__ = ["ExpressionError", "expand", "match_blob_path", "trigger_values"]

_TOKEN = re.compile(r"\{([^{}]+)\}")


class ExpressionError(ValueError):
    """A binding expression names a value the trigger does not have."""


def _plain(value: object) -> object:
    if isinstance(value, Datum):
        if value.type == "json" and isinstance(value.value, str):
            try:
                return json.loads(value.value)
            except ValueError:
                return value.value
        return value.python_value if value.type not in ("http",) else None
    return value


def _json_object(body: object) -> dict[str, Any]:
    if isinstance(body, Datum):
        body = body.value
    if isinstance(body, (bytes, bytearray)):
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return {}
    if not isinstance(body, str):
        return {}
    try:
        document = json.loads(body)
    except ValueError:
        return {}
    return document if isinstance(document, dict) else {}


def trigger_values(
    metadata: Mapping[str, object] | None, trigger_value: object = None
) -> dict[str, object]:
    """The values expressions may name: the trigger metadata (plain Python values), then
    the properties of a JSON trigger body (which do not replace metadata), keys lowered."""
    values: dict[str, object] = {}
    body: object = None
    if isinstance(trigger_value, Datum) and trigger_value.type == "http":
        body = trigger_value.value.get("body") if isinstance(trigger_value.value, dict) else None
    for name, value in (metadata or {}).items():
        values[name.lower()] = _plain(value)
        if name.lower() == "queuetrigger":
            body = value
    for name, value in _json_object(body).items():
        values.setdefault(name.lower(), value)
    return values


def _lookup(expression: str, values: Mapping[str, object]) -> object:
    lowered = expression.strip().lower()
    if lowered in ("rand-guid", "sys.randguid"):
        return str(uuid.uuid4())
    if lowered in ("datetime", "sys.utcnow"):
        return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H-%M-%SZ")
    head, *rest = lowered.split(".")
    if head not in values:
        raise KeyError(expression)
    value = values[head]
    for part in rest:
        if not isinstance(value, Mapping):
            raise KeyError(expression)
        match = next((k for k in value if str(k).lower() == part), None)
        if match is None:
            raise KeyError(expression)
        value = value[match]
    return value


def expand(text: str, values: Mapping[str, object], *, what: str) -> str:
    """``text`` with its ``%Setting%`` and ``{expression}`` parts filled.

    :param what: How messages name ``text`` (``"path of binding 'outblob' of function 'f'"``).
    :raises ExpressionError: an expression names no value of the trigger.
    :raises ValueError: a ``%Setting%`` is not set.
    """
    text = expand_settings(text, os.environ, what=what)

    def replace(match: re.Match[str]) -> str:
        try:
            value = _lookup(match.group(1), values)
        except KeyError:
            known = ", ".join(sorted(values)) or "none"
            raise ExpressionError(
                f"The {what} {text!r} uses {{{match.group(1)}}}, which the trigger does not "
                f"provide (it provides: {known}; also rand-guid and DateTime). Fix the "
                "expression or send that value."
            ) from None
        return value if isinstance(value, str) else json.dumps(value)

    return _TOKEN.sub(replace, text)


def _pattern_regex(pattern: str) -> re.Pattern[str]:
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(pattern):
        parts.append(re.escape(pattern[position : match.start()]))
        name = match.group(1).strip()
        parts.append(f"(?P<{re.sub(r'[^0-9A-Za-z_]', '_', name)}>.+?)")
        position = match.end()
    parts.append(re.escape(pattern[position:]))
    return re.compile("".join(parts), re.DOTALL)


def match_blob_path(pattern: str, blob_path: str) -> dict[str, str] | None:
    """The ``{token}`` values of ``blob_path`` (``container/blob``) under a blob trigger's
    ``pattern`` (``samples/{name}.txt``), or ``None`` when it does not match. Tokens match
    one or more characters, slashes included (``{name}`` of ``samples/{name}`` matches
    ``a/b.txt``); the container must match exactly."""
    tokens = [m.group(1).strip() for m in _TOKEN.finditer(pattern)]
    match = _pattern_regex(pattern).fullmatch(blob_path)
    if match is None:
        return None
    values = match.groupdict()
    return {token: values[re.sub(r"[^0-9A-Za-z_]", "_", token)] for token in tokens}
