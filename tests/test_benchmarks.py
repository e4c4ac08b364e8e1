"""Smoke runs of the benchmarks: their output has the promised shape (never their timings)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH_INDEX = ROOT / "benchmarks" / "bench_index.py"


def _positive(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


@pytest.mark.reference
def test_bench_index_quick_reports_ratios_per_workload_and_size(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("AZFUNC_REFERENCE_PYTHON", None)
    result = subprocess.run(
        [sys.executable, str(BENCH_INDEX), "--quick", "--json", str(out)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=900, check=False,
    )
    if result.returncode == 3:
        pytest.skip("package registry unreachable: cannot build the azure-functions 1.26.0 "
                    "reference venv")
    if result.returncode == 4:
        pytest.skip("no Python 3.10-3.12 on this machine: azure-functions 1.26.0 requires "
                    "Python <3.13")
    assert result.returncode == 0, result.stdout + result.stderr

    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["repeats"] == 2
    rows = document["rows"]
    assert [(row["workload"], row["functions"]) for row in rows] == [
        ("get_functions", 100),
        ("get_functions", 1000),
        ("register+index+json", 100),
        ("register+index+json", 1000),
    ]
    for row in rows:
        numbers = [row[key] for key in ("azfunc_us", "reference_us", "ratio_median",
                                        "ratio_min", "ratio_max")]
        assert all(_positive(number) for number in numbers + row["ratios"]), row
        assert len(row["ratios"]) == 2
        assert row["ratio_min"] <= row["ratio_median"] <= row["ratio_max"]
    assert [(g["workload"], g["from"], g["to"]) for g in document["growth"]] == [
        ("get_functions", 100, 1000),
        ("register+index+json", 100, 1000),
    ]
    assert all(_positive(g["azfunc"]) and _positive(g["reference"]) for g in document["growth"])

    table = [line.split() for line in result.stdout.splitlines()]
    printed = [(cells[0], cells[1]) for cells in table if len(cells) == 6]
    assert printed == [
        ("get_functions", "100"),
        ("get_functions", "1,000"),
        ("register+index+json", "100"),
        ("register+index+json", "1,000"),
    ]
