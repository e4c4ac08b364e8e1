"""docs/testing.md runs: its ``python`` blocks are executed in order from the repository
root, its ``python title=test_*.py`` blocks are run as pytest files, and it names every
builder of azfunc.testing."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from azfunc import testing
from tests.testing.helpers import ROOT

PAGE = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
# Indexing warns about problems in the example apps; the check's tests cover those.
pytestmark = pytest.mark.filterwarnings("ignore:examples/:UserWarning")

BLOCKS = re.findall(r"^```python(?: title=(\S+))?\n(.*?)^```", PAGE, flags=re.S | re.M)


@pytest.fixture
def isolated() -> Iterator[None]:
    """Run the page's code as in a project of its own (no ``function_app`` module cached
    by other tests), then undo its changes: sys.path, modules, log level."""
    path, modules = list(sys.path), dict(sys.modules)
    level = logging.getLogger().level
    sys.modules.pop("function_app", None)
    yield
    sys.path[:] = path
    for name in set(sys.modules) - set(modules):
        del sys.modules[name]
    sys.modules.update(modules)
    logging.getLogger().setLevel(level)


def test_page_has_code_and_test_files() -> None:
    assert [title for title, _ in BLOCKS if title] == ["test_orders.py"]
    assert len([code for title, code in BLOCKS if not title]) == 9


@pytest.mark.usefixtures("isolated")
def test_code_blocks_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": "docs_testing"}
    for index, (title, code) in enumerate(BLOCKS):
        if not title:
            exec(compile(code, f"docs/testing.md block {index + 1}", "exec"), namespace)


def test_test_file_blocks_pass_under_pytest(tmp_path: Path) -> None:
    for title, code in BLOCKS:
        if title:
            (tmp_path / title).write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT),
         "-c", str(ROOT / "pyproject.toml"), str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("4 passed")


def test_page_names_every_builder() -> None:
    builders = [name for name in testing.__all__ if name.endswith("_payload")]
    assert [name for name in builders if f"`{name}`" not in PAGE and f"{name}," not in PAGE] == []
