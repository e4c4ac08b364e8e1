"""The throwaway venv the real worker runs in: built from the package registry, cached.

The venv uses the interpreter that runs the test suite and holds the v2 library worker
(``azure-functions-runtime``), the generated RPC classes (``azure-functions-runtime-v1``),
protobuf, azure-functions, azfunc's runtime dependencies and, when they install, the
blob SDK-type bindings (``azurefunctions-extensions-bindings-blob``). azfunc itself is not
installed there: the driver runs with the repository's ``src`` on ``PYTHONPATH``, so
the cached venv always runs the code under test.

The venv is cached in the temporary directory under a key made of the Python version
and the requirement list, so reruns take seconds; a fresh machine (CI) builds it from
scratch. Building goes into a private directory that is renamed into place when
complete, so concurrent test runs never see half a venv.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Sequence
from pathlib import Path

#: Both runtime wheels declare Python >= 3.13 but run on 3.10-3.12 too.
WORKER_REQUIREMENTS = ("azure-functions-runtime==1.3.0", "azure-functions-runtime-v1==1.2.0")
#: The twin apps' library: 1.26.0 supports Python < 3.13, the 2.x line 3.13+.
AZURE_FUNCTIONS = (
    "azure-functions==1.26.0" if sys.version_info < (3, 13) else "azure-functions==2.3.0"
)
SUPPORT_REQUIREMENTS = ("protobuf>=5.26,<8", AZURE_FUNCTIONS)
#: SDK-type bindings (``BlobClient`` parameters); the venv works without them.
BLOB_SDK_REQUIREMENTS = ("azurefunctions-extensions-bindings-blob==1.1.2",)
#: Used when azfunc is not installed as a distribution (tests run from a bare checkout).
FALLBACK_AZFUNC_DEPENDENCIES = (
    "typing-extensions>=4.6",
    "attrs>=23.1",
    "python-dateutil>=2.8",
    "werkzeug>=2.2",
)
_LAYOUT_VERSION = "2"  # bump to invalidate every cached venv
_MARKER = "azfunc-worker-venv.json"  # written last: its presence means "ready"


class RegistryUnreachable(Exception):
    """The package registry cannot be reached: the worker tests skip."""


def azfunc_dependencies() -> tuple[str, ...]:
    """azfunc's unconditional runtime requirements, as its metadata declares them."""
    try:
        requires = importlib.metadata.requires("azfunc") or []
    except importlib.metadata.PackageNotFoundError:
        return FALLBACK_AZFUNC_DEPENDENCIES
    return tuple(sorted(r for r in requires if ";" not in r)) or FALLBACK_AZFUNC_DEPENDENCIES


def requirements(extra: Sequence[str] = ()) -> tuple[str, ...]:
    return (
        *WORKER_REQUIREMENTS,
        *SUPPORT_REQUIREMENTS,
        *azfunc_dependencies(),
        *BLOB_SDK_REQUIREMENTS,
        *extra,
    )


def cache_key(extra: Sequence[str] = ()) -> str:
    material = json.dumps(
        [_LAYOUT_VERSION, sys.version, platform.machine(), sys.executable, requirements(extra)]
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def check_registry(timeout: float = 10.0) -> None:
    """Raise :class:`RegistryUnreachable` unless the package index answers."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/").rstrip("/")
    url = f"{index}/azure-functions-runtime/"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read(1)
    except OSError as error:
        raise RegistryUnreachable(f"package index {url} is unreachable: {error}") from error


def _run(command: list[str], timeout: float) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({completed.returncode}):\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )


@dataclasses.dataclass(frozen=True)
class WorkerVenv:
    """A ready venv: its interpreter, and why the blob SDK types are missing (if so)."""

    python: Path
    blob_sdk_missing: str | None


def _build(target: Path, extra: Sequence[str] = ()) -> None:
    _run([sys.executable, "-m", "venv", str(target)], timeout=120)
    python = str(venv_python(target))
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--no-deps", "--ignore-requires-python", *WORKER_REQUIREMENTS], timeout=300)
    _run([*pip, *SUPPORT_REQUIREMENTS, *azfunc_dependencies()], timeout=300)
    try:
        _run([*pip, *BLOB_SDK_REQUIREMENTS], timeout=300)
        blob_sdk_missing = None
    except RuntimeError as error:  # e.g. no cryptography wheel for this platform
        blob_sdk_missing = str(error)[-500:]
    if extra:
        _run([*pip, *extra], timeout=300)
    (target / _MARKER).write_text(
        json.dumps({"requirements": requirements(extra), "blob_sdk_missing": blob_sdk_missing}),
        encoding="utf-8",
    )


def _ready(venv: Path) -> WorkerVenv:
    marker = json.loads((venv / _MARKER).read_text(encoding="utf-8"))
    return WorkerVenv(python=venv_python(venv), blob_sdk_missing=marker["blob_sdk_missing"])


def worker_venv(cache_root: Path | None = None, extra: Sequence[str] = ()) -> WorkerVenv:
    """Return a ready worker venv, building it when not cached.

    :param extra: More requirements (e.g. ``azure-functions-durable``) for tests that
        need them; a venv with extras is cached apart from the plain one.
    :raises RegistryUnreachable: building failed and the package index does not answer.
    """
    root = cache_root or Path(tempfile.gettempdir())
    venv = root / f"azfunc-worker-venv-{cache_key(extra)}"
    if (venv / _MARKER).is_file():
        return _ready(venv)
    building = Path(tempfile.mkdtemp(prefix=f"{venv.name}-building-", dir=root))
    try:
        try:
            _build(building, extra)
        except (RuntimeError, subprocess.TimeoutExpired):
            check_registry()  # offline: skip rather than fail
            raise
        try:
            building.rename(venv)
        except OSError:  # another run finished first; use its venv
            if not (venv / _MARKER).is_file():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return _ready(venv)
