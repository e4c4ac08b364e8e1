"""Invoke functions of a durable app through ``azfunc.invoke`` and print what they returned.

Runs INSIDE an ecosystem venv (azfunc's ``src`` on ``PYTHONPATH``), never in the test
process: ``python invoke.py APP_DIR CALLS.json`` reads
``[{"function": name, "inputs": {...}}, ...]`` (an input ``{"datum": [type, value]}`` is a
``Datum`` as the host sends it) and prints, keyed by function name,
``{"ok": bool, "returned": {"type", "value"} | {"status", "headers", "body"} | null,
"error": str | null}``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from azfunc import HttpRequest
from azfunc._loader import index_app, load_app
from azfunc.invocation import InvocationResult, invoke
from azfunc.meta import Datum


def as_input(value: Any) -> Any:
    """``{"datum": [type, value]}`` is a :class:`Datum` as the host sends it;
    ``{"http": {"method", "url", "route_params"}}`` an :class:`~azfunc.HttpRequest`."""
    if isinstance(value, dict) and set(value) == {"datum"}:
        datum_type, datum_value = value["datum"]
        return Datum(datum_value, datum_type)
    if isinstance(value, dict) and set(value) == {"http"}:
        return HttpRequest(body=b"", **value["http"])
    return value


def returned(result: InvocationResult) -> Any:
    """What the host receives: the HTTP response, or the encoded ``$return`` value."""
    response = result.http_response()
    if response is not None:
        return {
            "status": response.status_code,
            "headers": dict(response.headers),
            "body": json.loads(response.get_body()),
        }
    encoded = result.encoded_outputs.get("$return")
    return None if encoded is None else {"type": encoded.type, "value": encoded.value}


def main(app_dir: str, calls_file: str) -> int:
    with open(calls_file, encoding="utf-8") as file:
        calls = json.load(file)
    functions = {fn.get_function_name(): fn for fn in index_app(load_app(app_dir))}
    report: dict[str, Any] = {}
    for call in calls:
        inputs = {name: as_input(value) for name, value in call["inputs"].items()}
        result = invoke(functions[call["function"]], inputs)
        report[call["function"]] = {
            "ok": result.ok,
            "returned": returned(result),
            "error": None if result.error is None else repr(result.error),
        }
    json.dump(report, sys.stdout, indent=2, default=repr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
