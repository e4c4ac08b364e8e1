"""Lint and type checks, run as tests so the one test command proves them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed; install the test extra: pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_finds_nothing() -> None:
    result = run_tool("ruff", "check", "src", "tests", "tools", "examples", "benchmarks")
    assert (result.returncode, result.stdout) == (0, "All checks passed!\n")


def test_mypy_strict_on_the_package() -> None:
    result = run_tool("mypy", "--strict", "src/azfunc")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Success: no issues found")


def test_mypy_on_the_typing_checks() -> None:
    result = run_tool("mypy", "--strict", "tests/typing")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("Success: no issues found")


def test_pyright_on_the_typing_checks() -> None:
    result = run_tool("pyright", "tests/typing")
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("0 errors, 0 warnings, 0 informations")
