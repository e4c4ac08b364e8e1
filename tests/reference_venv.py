"""One venv with azure-functions 1.26.0 per test run machine, shared by the `reference` tests.

It is built with ``tools/golden.py``'s builder (a Python 3.10-3.12, pip from the registry)
into the temporary directory under a key made of the base interpreter and the extra
requirements, and reused by later tests and later runs; a half-built venv is never used.
:func:`reference_python` skips the calling test, saying why, when the registry cannot be
reached or no Python 3.10-3.12 exists.
"""

from __future__ import annotations

import hashlib
import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.cached_dir import build_once

ROOT = Path(__file__).resolve().parent.parent
_MARKER = "azfunc-reference-venv.ready"


def golden_tool() -> ModuleType:
    """Import ``tools/golden.py`` (it is a script, not a package module)."""
    spec = importlib.util.spec_from_file_location("_golden_tool", ROOT / "tools" / "golden.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_python(*extra: str) -> Path:
    """Return the Python of a cached venv holding azure-functions 1.26.0 and ``extra``.

    :raises pytest.skip.Exception: the registry is unreachable or no Python 3.10-3.12.
    """
    tool = golden_tool()
    try:
        base = tool.reference_base_python()
    except tool.GoldenError as error:
        pytest.skip(str(error))
    key = hashlib.sha256(repr((base, tool.REFERENCE, sorted(extra))).encode()).hexdigest()[:16]
    venv = Path(tempfile.gettempdir()) / f"azfunc-reference-venv-{key}"

    def build(folder: Path) -> None:
        try:
            tool.build_reference_venv(folder, *extra)
        except tool.GoldenError as error:
            if error.code in (tool.EXIT_UNREACHABLE, tool.EXIT_NO_PYTHON):
                pytest.skip(str(error))
            raise
        (folder / _MARKER).write_text("ready\n", encoding="utf-8")

    build_once(venv, _MARKER, build)
    python: Path = tool.venv_python(venv)
    return python
