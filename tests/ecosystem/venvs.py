"""Throwaway venvs that hold an ecosystem package, pointed at azfunc.

:func:`ecosystem_venv` installs packages from the registry into a venv cached in the
temporary directory (keyed by Python, the requirements and what is rewritten), the way
:mod:`tests.worker.venv` builds the worker's. With ``rewrite``, azure-functions is then
uninstalled and every ``azure.functions`` import of the named installed packages is
rewritten to ``azfunc``, as someone vendoring the package would do; without it the
package keeps azure-functions (the path real users take). azfunc itself is never
installed: :func:`run_python` puts the repository's ``src`` on ``PYTHONPATH``, so the
cached venv always runs the code under test.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from tests.worker.venv import (
    RegistryUnreachable,
    azfunc_dependencies,
    build_venv_once,
    venv_python,
)

__all__ = ["SRC", "EcosystemVenv", "RegistryUnreachable", "ecosystem_venv", "rewrite_imports"]

SRC = Path(__file__).resolve().parents[2] / "src"
_LAYOUT_VERSION = "1"  # bump to invalidate every cached venv
_MARKER = "azfunc-ecosystem-venv.json"  # written last: its presence means "ready"
_FROM_PACKAGE = re.compile(r"^(\s*)from\s+azure\s+import\s+functions\b", re.MULTILINE)
_MODULE_PATH = re.compile(r"\bazure\.functions\b")


def rewrite_imports(text: str) -> str:
    """Return ``text`` with every ``azure.functions`` module path spelt ``azfunc``."""
    text = _FROM_PACKAGE.sub(r"\1import azfunc as functions", text)
    return _MODULE_PATH.sub("azfunc", text)


@dataclasses.dataclass(frozen=True)
class EcosystemVenv:
    """A ready venv: its interpreter and its ``site-packages``."""

    python: Path
    site_packages: Path

    def run_python(
        self,
        args: Sequence[str],
        *,
        cwd: Path,
        env: Mapping[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        """Run the venv's Python with azfunc's ``src`` (and ``cwd``) on ``PYTHONPATH``."""
        environ = {
            key: value for key, value in os.environ.items() if not key.startswith("PYTHON")
        }
        environ["PYTHONPATH"] = os.pathsep.join([str(SRC), str(cwd)])
        environ.update(env or {})
        return subprocess.run(
            [str(self.python), *args],
            cwd=cwd,
            env=environ,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _run(command: list[str], timeout: float) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed ({completed.returncode}):\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )


def _site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    out = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


def _build(target: Path, requirements: Sequence[str], rewrite: Sequence[str]) -> None:
    _run([sys.executable, "-m", "venv", str(target)], timeout=120)
    python = venv_python(target)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, *requirements, *azfunc_dependencies()], timeout=600)
    site = _site_packages(python)
    if rewrite:
        _run([str(python), "-m", "pip", "uninstall", "--yes", "azure-functions"], timeout=120)
        for relative in rewrite:
            root = site / relative
            if not root.exists():
                raise RuntimeError(f"{relative} is not installed in {site}")
            for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
                source = path.read_text(encoding="utf-8")
                path.write_text(rewrite_imports(source), encoding="utf-8")
    (target / _MARKER).write_text(
        json.dumps({"requirements": list(requirements), "rewrite": list(rewrite)}),
        encoding="utf-8",
    )


def ecosystem_venv(
    name: str, requirements: Sequence[str], *, rewrite: Sequence[str] = ()
) -> EcosystemVenv:
    """Return a ready venv holding ``requirements``, building it when not cached.

    :param name: A short label for the cache directory's name.
    :param requirements: pip requirement specifiers of the ecosystem packages.
    :param rewrite: Paths below ``site-packages`` (package folders or ``.py`` files)
        whose ``azure.functions`` imports become ``azfunc``; when given, azure-functions
        is uninstalled, so anything the rewrite missed fails loudly.
    :raises RegistryUnreachable: building failed and the package index does not answer.
    """
    material = json.dumps(
        [_LAYOUT_VERSION, sys.version, platform.machine(), sys.executable,
         list(requirements), list(rewrite), azfunc_dependencies()]
    )
    key = hashlib.sha256(material.encode()).hexdigest()[:16]
    root = Path(tempfile.gettempdir())
    venv = root / f"azfunc-ecosystem-{name}-{key}"
    build_venv_once(venv, _MARKER, lambda folder: _build(folder, requirements, rewrite))
    python = venv_python(venv)
    return EcosystemVenv(python=python, site_packages=_site_packages(python))
