"""The decorator catalogue: one table, one test body, every decorator of the app API."""

from __future__ import annotations

import enum
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from azfunc import FunctionApp
from azfunc.decorators.mcp import PromptArgument
from azfunc.decorators.utils import StringifyEnumJsonEncoder
from tests.decorators.catalogue_rows import ERROR_ROWS, ROWS, ErrorRow, Row
from tests.decorators.catalogue_rows_more import MORE_ERROR_ROWS, MORE_ROWS
from tests.reference_venv import golden_tool, reference_python

ALL_ROWS: list[Row] = [*ROWS, *MORE_ROWS]
ALL_ERROR_ROWS: list[ErrorRow] = [*ERROR_ROWS, *MORE_ERROR_ROWS]


def emitted(method: str, kwargs: dict[str, Any]) -> list[dict[str, Any]]:
    """Apply ``app.<method>(**kwargs)`` to a fresh function; return what it added, as JSON."""

    def user_function() -> None: ...

    builder = getattr(FunctionApp(), method)(**kwargs)(user_function)
    function = builder._function
    entries = [b.get_dict_repr() for b in function.get_bindings()]
    entries += [s.get_dict_repr() for s in function._settings]
    result: list[dict[str, Any]] = json.loads(json.dumps(entries, cls=StringifyEnumJsonEncoder))
    return result


def _row_id(row: tuple[Any, ...]) -> str:
    method, kwargs = row[0], row[1]
    return f"{method}-{'+'.join(sorted(kwargs)) or 'minimal'}"


@pytest.mark.parametrize(("method", "kwargs", "expected"), ALL_ROWS, ids=map(_row_id, ALL_ROWS))
def test_decorator_emits(method: str, kwargs: dict[str, Any], expected: Any) -> None:
    assert emitted(method, kwargs) == (expected if isinstance(expected, list) else [expected])


@pytest.mark.parametrize(
    ("method", "kwargs", "error", "message"), ALL_ERROR_ROWS, ids=map(_row_id, ALL_ERROR_ROWS)
)
def test_decorator_rejects(
    method: str, kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        emitted(method, kwargs)
    text = caught.value.args[0] if isinstance(caught.value, KeyError) else str(caught.value)
    assert text == message


def test_catalogue_covers_every_decorator_of_the_app() -> None:
    decorators = {
        name
        for name in dir(FunctionApp)
        if not name.startswith("_")
        and callable(getattr(FunctionApp, name))
        and name
        not in {
            "get_functions",
            "validate_function_names",
            "register_functions",
            "register_blueprint",
            "http_type",
            "mcp_tool",
            "mcp_tool_property",
            # azfunc additions, not metadata decorators (tests/test_invocation*.py)
            "middleware",
            "add_middleware",
            "with_middleware",
            "on_startup",
            "on_shutdown",
            # azfunc additions, accessors for the runner and the checks (test_private_access.py)
            "get_function_builders",
            "build_function",
            "get_startup_hooks",
            "get_shutdown_hooks",
        }
    }
    assert decorators - {row[0] for row in ALL_ROWS} == set()


def _encode(value: Any) -> Any:
    """Write enum members as ``{"__enum__": class, "name": member}`` for the reference side."""
    if isinstance(value, enum.Enum):
        return {"__enum__": type(value).__name__, "name": value.name}
    if isinstance(value, PromptArgument):
        return {"__prompt_argument__": value.to_dict()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _comparable(outcome: dict[str, Any]) -> dict[str, Any]:
    # Python words an unexpected-keyword TypeError with the defining class's name,
    # which differs between the two libraries by design: compare the type only.
    if outcome.get("error", [None])[0] == "TypeError":
        return {"error": ["TypeError", "..."]}
    return outcome


@pytest.mark.reference
def test_catalogue_is_what_azure_functions_emits(tmp_path: Path) -> None:
    rows_file = tmp_path / "rows.json"
    requests = [[m, _encode(k)] for m, k, *_ in [*ALL_ROWS, *ALL_ERROR_ROWS]]
    rows_file.write_text(json.dumps(requests), encoding="utf-8")
    tool = Path(__file__).resolve().parents[2] / "tools" / "golden.py"
    python = reference_python(golden_tool().DURABLE_SDK)
    result = subprocess.run(
        [sys.executable, str(tool), "--catalogue", str(rows_file), "--python", str(python)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode == 3:
        pytest.skip("package registry unreachable: cannot build the azure-functions 1.26.0 venv")
    if result.returncode == 4:
        pytest.skip("no Python 3.10-3.12 here: azure-functions 1.26.0 requires Python <3.13")
    assert result.returncode == 0, result.stderr
    expected = [{"emitted": e if isinstance(e, list) else [e]} for _, _, e in ALL_ROWS]
    expected += [{"error": [error.__name__, message]} for _, _, error, message in ALL_ERROR_ROWS]
    reference = json.loads(result.stdout.splitlines()[-1])
    assert [_comparable(o) for o in reference] == [_comparable(o) for o in expected]
