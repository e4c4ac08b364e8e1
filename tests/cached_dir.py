"""Build a folder once per machine (a venv, a dump) and share it between test runs."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["build_once"]


def build_once(target: Path, marker: str, build: Callable[[Path], None]) -> Path:
    """Return ``target``, first building it with ``build(folder)`` unless it is ready.

    ``build`` fills a private folder beside ``target`` and must write ``marker`` in it
    last; the folder is then renamed to ``target``, so concurrent runs never see half of
    it, and a run that finds ``target / marker`` uses it as it is.

    :raises Exception: whatever ``build`` raises; the private folder is removed.
    """
    if (target / marker).is_file():
        return target
    building = Path(tempfile.mkdtemp(prefix=f"{target.name}-building-", dir=target.parent))
    try:
        build(building)
        try:
            building.rename(target)
        except OSError:  # another run finished first; use its folder
            if not (target / marker).is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return target
