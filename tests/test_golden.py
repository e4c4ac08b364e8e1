"""`azfunc index` on every example app prints exactly what azure-functions 1.26.0 says.

The expected files in tests/golden/ come from the reference itself (tools/golden.py); the
`reference` test rebuilds them in a throwaway venv and checks the committed ones are current.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reference_venv import reference_python

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
GOLDEN_TOOL = ROOT / "tools" / "golden.py"
EXAMPLES = sorted(path.parent for path in (ROOT / "examples").glob("*/function_app.py"))
REQUIRED_EXAMPLES = {
    "blob_io", "blueprints", "cosmos_db", "event_hub", "http_hello",
    "misc_bindings", "queue_pipeline", "service_bus", "timer_retry",
}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}


def test_examples_and_golden_files_correspond() -> None:
    names = {example.name for example in EXAMPLES}
    golden = {path.stem for path in GOLDEN.glob("*.json")} - {"signatures"}
    assert names >= REQUIRED_EXAMPLES
    assert golden == names


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_index_matches_reference(example: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "azfunc", "index", str(example)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=_env(), check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / f"{example.name}.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_example_ports_by_changing_the_import(example: Path) -> None:
    assert "import azfunc as func\n" in (example / "function_app.py").read_text(encoding="utf-8")
    offending = [
        path.name for path in sorted(example.rglob("*.py"))
        if "azure.functions" in path.read_text(encoding="utf-8")
    ]
    assert offending == []


def test_typed_example_has_the_metadata_of_its_untyped_twin() -> None:
    """Typed parameters and response models change nothing in the function metadata."""
    typed = (GOLDEN / "typed_http.json").read_bytes()
    assert typed == (GOLDEN / "typed_http_untyped.json").read_bytes()
    assert b'"route": "items/{item_id:int}"' in typed


def test_examples_readme_lists_every_example() -> None:
    readme = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    listed = {line.split("`")[1].rstrip("/") for line in readme.splitlines()
              if line.startswith("- `")}
    assert listed == {example.name for example in EXAMPLES}


def _load_golden_tool():
    spec = importlib.util.spec_from_file_location("_golden_tool", GOLDEN_TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_golden_tool_rewrites_azfunc_imports() -> None:
    source = (
        "import azfunc as func\n"
        "from azfunc import AuthLevel\n"
        "from azfunc.decorators.core import DataType\n"
        "import azfunc.decorators as decorators\n"
        "import azfunctional\n"
        "NAME = 'azfunc'\n"
    )
    assert _load_golden_tool().rewrite_imports(source, Path("function_app.py")) == (
        "import azure.functions as func\n"
        "from azure.functions import AuthLevel\n"
        "from azure.functions.decorators.core import DataType\n"
        "import azure.functions.decorators as decorators\n"
        "import azfunctional\n"
        "NAME = 'azfunc'\n"
    )


def test_golden_tool_refuses_a_bare_azfunc_import() -> None:
    tool = _load_golden_tool()
    with pytest.raises(tool.GoldenError) as info:
        tool.rewrite_imports("import os\nimport azfunc\n", Path("app.py"))
    assert str(info.value) == (
        "app.py:2: `import azfunc` binds the name azfunc, which the import swap cannot port; "
        "write `import azfunc as func`"
    )


@pytest.mark.reference
def test_golden_files_match_azure_functions() -> None:
    python = reference_python()
    result = subprocess.run(
        [sys.executable, str(GOLDEN_TOOL), "--check", "--python", str(python)],
        capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=600, check=False,
    )
    if result.returncode == 3:
        pytest.skip("package registry unreachable: cannot build the azure-functions 1.26.0 "
                    "reference venv")
    if result.returncode == 4:
        pytest.skip("no Python 3.10-3.12 on this machine: azure-functions 1.26.0 requires "
                    "Python <3.13")
    assert result.returncode == 0, result.stdout + result.stderr
