"""The documentation site builds with warnings as errors (a broken link between pages, an
unreadable docstring), and nothing in the repository links outside it."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The one documented build command (README and docs/index.md give it).
BUILD = "python -m sphinx -W --keep-going -b html docs docs/_build/html"


def test_the_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    missing = [m for m in ("sphinx", "myst_parser") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(
            f"the docs extra is not installed ({', '.join(missing)} missing): "
            'pip install -e ".[docs]"'
        )
    argv = BUILD.split()[1:-1]  # the command's own options, with a temporary output folder
    built = subprocess.run(
        [sys.executable, *argv, "-E", "-q", "-d", str(tmp_path / "doctrees"),
         str(tmp_path / "html")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stderr == ""
    pages = {
        p.relative_to(tmp_path / "html").as_posix() for p in (tmp_path / "html").rglob("*.html")
    }
    expected = {
        "index.html", "getting-started.html", "porting.html", "testing.html", "checking.html",
        "local-host.html", "deploy.html", "durable.html", "architecture.html",
        "invocation.html", "performance.html", "api/index.html", "api/apps.html",
        "api/decorators.html", "api/bindings.html", "api/http.html", "api/types.html",
        "api/invocation.html", "api/testing.html",
    }  # fmt: skip
    assert expected <= pages
    reference = (tmp_path / "html" / "api" / "decorators.html").read_text(encoding="utf-8")
    for decorator in ("route", "queue_trigger", "timer_trigger", "blob_output", "retry"):
        assert f'id="azfunc.TriggerApi.{decorator}"' in reference or (
            f'id="azfunc.BindingApi.{decorator}"' in reference
            or f'id="azfunc.SettingsApi.{decorator}"' in reference
        ), decorator


def test_readme_points_to_the_docs_and_gives_the_build_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "(docs/index.md)" in readme
    assert BUILD in readme and BUILD in index
    assert 'pip install -e ".[docs]"' in readme


def test_nothing_links_outside_the_repository() -> None:
    outside = ".." + "/shared"  # the steering folder beside a checkout, absent from a clone
    offenders = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if not path.is_file() or any(p.startswith(".") or p in ("_build",) for p in parts):
            continue
        if path.suffix not in (".md", ".py", ".toml", ".txt", ".rst", ".json", ".cfg", ""):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        if re.search(re.escape(outside) + r"\b", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []
