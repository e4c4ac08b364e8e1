"""The function metadata of indexed functions, as ``azfunc index`` prints it."""

from __future__ import annotations

import json
from typing import Any

from azfunc.decorators._function import Function
from azfunc.decorators.retry_policy import RETRY_POLICY


def function_metadata(function: Function) -> dict[str, Any]:
    """Return ``{"name", "scriptFile", "bindings"[, "retry"]}`` for one function.

    ``bindings`` are exactly what :meth:`~azfunc.Function.get_function_json` emits;
    ``retry`` is the ``retry_policy`` setting without its ``setting_name``.
    """
    function_json = json.loads(function.get_function_json())
    metadata: dict[str, Any] = {
        "name": function.get_function_name(),
        "scriptFile": function_json["scriptFile"],
        "bindings": function_json["bindings"],
    }
    retry = function.get_settings_dict(RETRY_POLICY)
    if retry is not None:
        metadata["retry"] = {k: v for k, v in retry.items() if k != "setting_name"}
    return metadata


def metadata_json(functions: list[Function]) -> str:
    """Return the metadata of ``functions`` as JSON text, indented 2, ending in a newline."""
    return json.dumps([function_metadata(f) for f in functions], indent=2) + "\n"


def function_json_text(function: Function) -> str:
    """Return the content of ``<function name>/function.json``, indented 2."""
    return json.dumps(json.loads(function.get_function_json()), indent=2) + "\n"
