"""The throwaway venv the real worker runs in: built from the package registry, cached.

The venv uses the interpreter that runs the test suite and holds the v2 library worker
(``azure-functions-runtime``), the generated RPC classes (``azure-functions-runtime-v1``),
protobuf, azure-functions, azfunc's runtime dependencies and, when they install, the
blob SDK-type bindings (``azurefunctions-extensions-bindings-blob``); a test may ask for
more SDK-type extensions (:data:`SDK_EXTENSIONS`, such as Service Bus), which then get a
venv of their own so the others keep theirs. azfunc itself is not
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
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from tests.cached_dir import build_once

#: Both runtime wheels declare Python >= 3.13 but run on 3.10-3.12 too.
WORKER_REQUIREMENTS = ("azure-functions-runtime==1.3.0", "azure-functions-runtime-v1==1.2.0")
#: The twin apps' library: 1.26.0 supports Python < 3.13, the 2.x line 3.13+.
AZURE_FUNCTIONS = (
    "azure-functions==1.26.0" if sys.version_info < (3, 13) else "azure-functions==2.3.0"
)
SUPPORT_REQUIREMENTS = ("protobuf>=5.26,<8", AZURE_FUNCTIONS)
#: SDK-type bindings (``BlobClient`` parameters); the venv works without them.
BLOB_SDK_REQUIREMENTS = ("azurefunctions-extensions-bindings-blob==1.1.2",)
#: Further SDK-type extensions a test can ask :func:`worker_venv` for, by name.
SDK_EXTENSIONS: dict[str, tuple[str, ...]] = {
    # ServiceBusReceivedMessage and the ServiceBusMessageActions settlement client.
    "servicebus": ("azurefunctions-extensions-bindings-servicebus==1.0.0b2",),
}
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


def _extension_requirements(extensions: Sequence[str]) -> tuple[str, ...]:
    unknown = sorted(set(extensions) - set(SDK_EXTENSIONS))
    if unknown:
        raise ValueError(
            f"worker_venv(extensions=...) got unknown extensions {unknown!r}; "
            f"known are {sorted(SDK_EXTENSIONS)!r}: add it to SDK_EXTENSIONS"
        )
    return tuple(r for name in sorted(set(extensions)) for r in SDK_EXTENSIONS[name])


def requirements(extensions: Sequence[str] = (), extra: Sequence[str] = ()) -> tuple[str, ...]:
    return (
        *WORKER_REQUIREMENTS,
        *SUPPORT_REQUIREMENTS,
        *azfunc_dependencies(),
        *BLOB_SDK_REQUIREMENTS,
        *_extension_requirements(extensions),
        *extra,
    )


def cache_key(extensions: Sequence[str] = (), extra: Sequence[str] = ()) -> str:
    material = json.dumps(
        [
            _LAYOUT_VERSION,
            sys.version,
            platform.machine(),
            sys.executable,
            requirements(extensions, extra),
        ]
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
    """A ready venv: its interpreter, and why SDK-type packages are missing (if so):
    the blob one, and each extension asked for that did not install, by name."""

    python: Path
    blob_sdk_missing: str | None
    extensions_missing: Mapping[str, str] = dataclasses.field(default_factory=dict)


def _install_optional(pip: list[str], packages: Sequence[str]) -> str | None:
    """Install ``packages``; return why they did not install, or ``None``."""
    try:
        _run([*pip, *packages], timeout=300)
    except RuntimeError as error:  # e.g. no cryptography wheel for this platform
        return str(error)[-500:]
    return None


def _build(target: Path, extensions: Sequence[str], extra: Sequence[str] = ()) -> None:
    _run([sys.executable, "-m", "venv", str(target)], timeout=120)
    python = str(venv_python(target))
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, "--no-deps", "--ignore-requires-python", *WORKER_REQUIREMENTS], timeout=300)
    _run([*pip, *SUPPORT_REQUIREMENTS, *azfunc_dependencies()], timeout=300)
    blob_sdk_missing = _install_optional(pip, BLOB_SDK_REQUIREMENTS)
    extensions_missing = {}
    for name in sorted(set(extensions)):
        missing = _install_optional(pip, SDK_EXTENSIONS[name])
        if missing is not None:
            extensions_missing[name] = missing
    if extra:
        _run([*pip, *extra], timeout=300)
    marker = {
        "requirements": requirements(extensions, extra),
        "blob_sdk_missing": blob_sdk_missing,
    }
    if extensions:  # the default venv's marker keeps its earlier shape
        marker["extensions_missing"] = extensions_missing
    (target / _MARKER).write_text(json.dumps(marker), encoding="utf-8")


def _ready(venv: Path) -> WorkerVenv:
    marker = json.loads((venv / _MARKER).read_text(encoding="utf-8"))
    return WorkerVenv(
        python=venv_python(venv),
        blob_sdk_missing=marker["blob_sdk_missing"],
        extensions_missing=marker.get("extensions_missing", {}),
    )


def worker_venv(
    cache_root: Path | None = None,
    *,
    extensions: Sequence[str] = (),
    extra: Sequence[str] = (),
) -> WorkerVenv:
    """Return a ready worker venv, building it when not cached.

    :param extensions: Names in :data:`SDK_EXTENSIONS` to install as well, when they
        install; such a venv is cached apart from the default one.
    :param extra: More requirements that must install (e.g. ``azure-functions-durable``);
        a venv with extras is cached apart from the plain one.
    :raises RegistryUnreachable: building failed and the package index does not answer.
    :raises ValueError: an extension name is not in :data:`SDK_EXTENSIONS`.
    """
    root = cache_root or Path(tempfile.gettempdir())
    venv = root / f"azfunc-worker-venv-{cache_key(extensions, extra)}"
    build_venv_once(venv, _MARKER, lambda folder: _build(folder, extensions, extra))
    return _ready(venv)


def build_venv_once(venv: Path, marker: str, build: Callable[[Path], None]) -> None:
    """Build ``venv`` once with ``build`` (see :func:`tests.cached_dir.build_once`).

    :raises RegistryUnreachable: building failed and the package index does not answer.
    """

    def build_or_check(folder: Path) -> None:
        try:
            build(folder)
        except (RuntimeError, subprocess.TimeoutExpired):
            check_registry()  # offline: skip rather than fail
            raise

    build_once(venv, marker, build_or_check)
