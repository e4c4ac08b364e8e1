"""What the kit's tests share: the summaries of tests/fixtures/summarize.py, which
describe a decoded value by its class and public fields, and the reference's summaries
of the host payloads (tests/fixtures/host_payloads.expected.json)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"

_spec = importlib.util.spec_from_file_location("_kit_summarize", FIXTURES / "summarize.py")
assert _spec is not None and _spec.loader is not None
_summarize = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_summarize)


def summary(value: Any) -> Any:
    """A JSON-ready description of a decoded value (class name and public fields)."""
    return json.loads(json.dumps(_summarize.summary(value)))


def expected(case: str) -> Any:
    """The reference's summary of the host payload ``case``."""
    data = json.loads((FIXTURES / "host_payloads.expected.json").read_text(encoding="utf-8"))
    return data[case]


def without(value: Any, *fields: str) -> Any:
    """``value`` (a summary or a list of them) without ``fields``."""
    if isinstance(value, list):
        return [without(item, *fields) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: item for key, item in value.items() if key not in fields}
