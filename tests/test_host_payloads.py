"""Host-shaped payloads (tests/fixtures/host_payloads.json) decode as azure-functions 1.26.0
decodes them, field by field; tests/fixtures/host_payloads.expected.json holds the reference's
summaries, and the `reference` test regenerates them with the reference itself."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.reference_venv import reference_python

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXPECTED = FIXTURES / "host_payloads.expected.json"
SUMMARIZE = FIXTURES / "summarize.py"

# Cases where azfunc deliberately differs (CHANGELOG "Deviations"); none at present.
DEVIATIONS: set[str] = set()


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def azfunc_summaries() -> dict[str, Any]:
    summarize = _load(SUMMARIZE, "_azfunc_summarize")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result: dict[str, Any] = json.loads(json.dumps(summarize.summarize("azfunc")))
    return result


def _expected() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return result


@pytest.mark.parametrize("case", sorted(set(_expected()) - DEVIATIONS))
def test_payload_decodes_like_the_reference(case: str, azfunc_summaries: dict[str, Any]) -> None:
    assert azfunc_summaries[case] == _expected()[case]


def test_every_fixture_has_a_reference_summary(azfunc_summaries: dict[str, Any]) -> None:
    assert set(azfunc_summaries) == set(_expected())


def _reference_python() -> Path:
    configured = os.environ.get("AZFUNC_REFERENCE_PYTHON")
    return Path(configured) if configured else reference_python()


@pytest.mark.reference
def test_expected_summaries_come_from_the_reference() -> None:
    python = _reference_python()
    result = subprocess.run(
        [str(python), str(SUMMARIZE), "azure.functions"],
        capture_output=True, text=True, encoding="utf-8", timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == _expected()


def test_summarize_script_runs_standalone() -> None:
    result = subprocess.run(
        [sys.executable, str(SUMMARIZE), "azfunc"], capture_output=True, text=True, check=True
    )
    assert set(json.loads(result.stdout)) == set(_expected())
