"""Smoke runs of the benchmarks: their output has the promised shape (never their timings)."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.reference_venv import reference_python

ROOT = Path(__file__).resolve().parent.parent
BENCH_INDEX = ROOT / "benchmarks" / "bench_index.py"


def _bench_index() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_bench_index", BENCH_INDEX)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _positive(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and value > 0


@pytest.mark.reference
def test_bench_index_quick_reports_ratios_per_workload_and_size(tmp_path: Path) -> None:
    # The shared azure-functions venv, with azfunc's runtime dependencies next to it: both
    # implementations run on the same interpreter (skips without registry or Python 3.10-3.12).
    python = reference_python(*_bench_index().AZFUNC_DEPENDENCIES)
    out = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(BENCH_INDEX), "--quick", "--python", str(python), "--json", str(out)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=600, check=False,
    )
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


BENCH_COMPARE = ROOT / "benchmarks" / "bench_compare.py"
COLD_ROWS = [
    "python -c pass (floor)", "cold import", "cold 20-function app", "first invocation, JSON",
    "first invocation, forms",
]  # fmt: skip
PER_FUNCTION_ROWS = [
    "register+index+json / fn, 10", "register+index+json / fn, 100", "get_functions / fn, 100",
    "memory / fn, 10 functions",
]  # fmt: skip
HOT_ROWS = ["HTTP hot path / request", "WSGI (Flask) / request", "ASGI (Starlette) / request"]


def _bench_compare(tmp_path: Path, *args: str) -> tuple[dict[str, object], str]:
    out = tmp_path / "compare.json"
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(BENCH_COMPARE), "--quick", "--json", str(out), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8")), result.stdout + result.stderr


def test_bench_compare_quick_alone_reports_every_workload(tmp_path: Path) -> None:
    # azfunc alone on this interpreter (the test extra has Flask and Starlette): no registry.
    document, output = _bench_compare(tmp_path, "--no-reference")
    rows = document["rows"]
    assert isinstance(rows, list)
    assert [row["workload"] for row in rows] == COLD_ROWS + PER_FUNCTION_ROWS + HOT_ROWS
    assert document["implementations"] == ["azfunc"]
    for row in rows:
        assert _positive(row["azfunc"]), row
        assert "reference" not in row and "ratio" not in row, row
    assert [line.split()[0] for line in output.splitlines() if line.startswith("cold ")] == [
        "cold", "cold"]
    assert "growth of register+index+json per function from 10 to 100 functions" in output


@pytest.mark.reference
def test_bench_compare_quick_side_by_side_reports_ratios(tmp_path: Path) -> None:
    # The venv of the bench_index test (no Flask or Starlette there: those rows are skipped).
    python = reference_python(*_bench_index().AZFUNC_DEPENDENCIES)
    document, output = _bench_compare(tmp_path, "--python", str(python))
    rows = document["rows"]
    assert isinstance(rows, list)
    assert [row["workload"] for row in rows] == COLD_ROWS + PER_FUNCTION_ROWS + HOT_ROWS[:1]
    assert "skipping WSGI (Flask) / request" in output
    for row in rows:
        numbers = [row[key] for key in ("azfunc", "reference", "ratio", "ratio_min", "ratio_max")]
        assert all(_positive(number) for number in numbers), row
        assert row["ratio_min"] <= row["ratio"] <= row["ratio_max"], row
    growth = document["growth"]
    assert isinstance(growth, dict) and sorted(growth) == ["azfunc", "reference"]


BENCH_TYPED = ROOT / "benchmarks" / "bench_typed.py"


def test_bench_typed_quick_reports_a_ratio_per_scenario(tmp_path: Path) -> None:
    out = tmp_path / "typed.json"
    result = subprocess.run(
        [sys.executable, str(BENCH_TYPED), "--quick", "--json", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["count"], document["rounds"]) == (200, 3)
    assert [(row["scenario"], row["status"]) for row in document["rows"]] == [
        ("route int -> model", 200),
        ("query int, str -> list", 200),
        ("JSON body -> model", 200),
        ("invalid body -> 422", 422),
    ]
    for row in document["rows"]:
        numbers = [row[key] for key in ("hand_us", "typed_us", "ratio_median", "ratio_min",
                                        "ratio_max")]  # fmt: skip
        assert all(_positive(number) for number in numbers), row
    assert result.stdout.splitlines()[-1].startswith("worst median ratio ")


BENCH_LOAD = ROOT / "benchmarks" / "bench_load.py"


@pytest.mark.server
def test_bench_load_reports_one_row_per_server_and_concurrency(tmp_path: Path) -> None:
    import shutil

    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (apt-get install -y wrk); bench_load.py needs it")
    out = tmp_path / "load.json"
    result = subprocess.run(
        [sys.executable, str(BENCH_LOAD), "--duration", "1", "--concurrency", "2",
         "--json", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [(row["server"], row["connections"]) for row in rows] == [
        ("bare", 2), ("azfunc async", 2), ("azfunc sync", 2)
    ]
    for row in rows:
        assert row["errors"] == 0 and row["requests"] > 0
        assert all(_positive(float(row[key])) for key in ("rps", "p50_ms", "p99_ms", "ratio"))
    assert rows[0]["ratio"] == 1.0


@pytest.mark.azurite
def test_bench_storage_reports_latency_against_its_bound_and_throughput_ratios() -> None:
    from tests.azurite import azurite_command

    azurite_command()  # skips without node, npm, the registry or the storage clients
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_storage.py"),
         "--messages", "20", "--probes", "1", "--polling", "0.3"],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip
    # exit status 1 means a latency over the bound: a timing, which smoke runs do not judge
    assert result.returncode in (0, 1), result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[2] == "enqueue-to-start latency on an idle queue, 1 probes (bound 0.4 s)"
    within = "yes" if result.returncode == 0 else "NO"
    assert re.fullmatch(
        rf"  median \d+\.\d{{3}} s, max \d+\.\d{{3}} s, within bound: {within}", lines[3]
    )
    assert lines[5:7] == ["throughput, 20 messages", f"{'consumer':<36}{'msg/s':>10}{'ratio':>8}"]
    rows = [line.rsplit(None, 2) for line in lines[7:]]
    assert [row[0] for row in rows] == [
        "SDK receive+delete loop (baseline)",
        "azfunc start, no-op def",
        "azfunc start, no-op async def",
    ]
    assert rows[0][2] == "1.00"
    assert all(float(row[1]) > 0 and float(row[2]) > 0 for row in rows)
