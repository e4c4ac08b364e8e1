#!/usr/bin/env python3
"""Build tests/golden/ from azure-functions 1.26.0 itself, or check the committed files against it.

Usage::

    python tools/golden.py                 # (re)write tests/golden/*.json
    python tools/golden.py --check         # regenerate in a temp dir and diff; exit 1 on mismatch
    python tools/golden.py --out DIR       # write (or, with --check, compare against) DIR instead
    python tools/golden.py --python PY     # use PY (which already has azure-functions 1.26.0)
                                           # instead of building a throwaway venv

For every ``examples/<app>/`` this copies the app to a temp dir, rewrites its azfunc imports to
azure.functions, and runs ``tools/_reference_index.py`` on the copy with the reference venv's
Python; its output, in the format of ``azfunc index``, becomes ``<app>.json``. The same venv
also snapshots the reference's decorator signatures into ``signatures.json``.

Exit codes: 0 done (or no differences), 1 differences found, 2 error, 3 the package registry is
unreachable so the reference venv could not be built (tests skip on 3). Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REFERENCE = "azure-functions==1.26.0"
# What the durable decorators of the reference import; needed only for --catalogue rows.
DURABLE_SDK = "azure-functions-durable==1.7.0"
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
INDEXER = Path(__file__).resolve().parent / "_reference_index.py"
SIGNATURES = "signatures.json"

EXIT_MISMATCH = 1
EXIT_ERROR = 2
EXIT_UNREACHABLE = 3
EXIT_NO_PYTHON = 4

# azure-functions 1.26.0 declares Requires-Python >=3.10,<3.13.
REFERENCE_PYTHONS = ((3, 12), (3, 11), (3, 10))

# pip's wording when it cannot talk to the index (urllib3 / requests / socket errors).
_NETWORK_ERRORS = re.compile(
    r"NewConnectionError|Failed to establish a new connection|Temporary failure in name resolution"
    r"|Name or service not known|nodename nor servname|getaddrinfo failed|No route to host"
    r"|Network is unreachable|Connection refused|ConnectTimeoutError|ReadTimeoutError"
    r"|ProxyError|Max retries exceeded|connection broken by|Could not fetch URL",
)
_IMPORT_LINE = re.compile(r"^(\s*(?:import|from)\s+)azfunc\b", re.MULTILINE)


class GoldenError(Exception):
    """A failure with a message for the user and the exit code to end with."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def venv_python(env_dir: Path) -> Path:
    """Return the interpreter of the venv at ``env_dir``."""
    if os.name == "nt":
        return env_dir / "Scripts" / "python.exe"
    return env_dir / "bin" / "python"


def _python_version(python: str) -> tuple[int, int] | None:
    code = "import sys; print(*sys.version_info[:2])"
    try:
        result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    except OSError:
        return None
    if result.returncode != 0:
        return None
    major, minor = result.stdout.split()
    return int(major), int(minor)


def reference_base_python() -> str:
    """Return an interpreter the reference installs on: this one, or a Python 3.10-3.12."""
    if sys.version_info[:2] in REFERENCE_PYTHONS:
        return sys.executable
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for major, minor in REFERENCE_PYTHONS:
        candidates = [shutil.which(f"python{major}.{minor}")]
        pyenv_pythons = pyenv_root.glob(f"versions/{major}.{minor}.*/bin/python")
        candidates += sorted(str(p) for p in pyenv_pythons)
        for candidate in filter(None, candidates):
            if _python_version(candidate) == (major, minor):
                return candidate
    raise GoldenError(
        f"no Python 3.10-3.12 found to run {REFERENCE} (it requires Python <3.13); "
        "install one, or pass --python",
        EXIT_NO_PYTHON,
    )


def build_reference_venv(env_dir: Path, *extra: str) -> Path:
    """Create a venv at ``env_dir`` with azure-functions 1.26.0 and return its Python."""
    base = reference_base_python()
    result = subprocess.run(
        [base, "-m", "venv", "--clear", str(env_dir)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise GoldenError(
            f"cannot create a venv with pip in {env_dir} using {base}: {result.stderr.strip()}; "
            "on Debian/Ubuntu install python3-venv, or pass --python"
        )
    python = venv_python(env_dir)
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check",
               "--no-input", "--retries", "2", "--timeout", "30", REFERENCE, *extra]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        if _NETWORK_ERRORS.search(output):
            raise GoldenError(
                f"package registry unreachable: `pip install {REFERENCE}` could not "
                f"download it.\n{output}",
                EXIT_UNREACHABLE,
            )
        raise GoldenError(f"`pip install {REFERENCE}` failed (exit {result.returncode}).\n{output}")
    return python


def check_reference_python(python: Path) -> None:
    """Fail unless ``python`` imports azure.functions 1.26.0."""
    code = "import importlib.metadata as m; print(m.version('azure-functions'))"
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=False)
    version = result.stdout.strip()
    if result.returncode != 0 or f"azure-functions=={version}" != REFERENCE:
        raise GoldenError(f"{python} does not have {REFERENCE} (found {version or 'none'})")


def rewrite_imports(source: str, path: Path) -> str:
    """Turn azfunc imports into azure.functions ones; refuse what a rename cannot port."""
    tree = ast.parse(source, filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "azfunc" and alias.asname is None:
                    raise GoldenError(
                        f"{path}:{node.lineno}: `import {alias.name}` binds the name azfunc, "
                        "which the import swap cannot port; write `import azfunc as func`"
                    )
    rewritten = _IMPORT_LINE.sub(r"\1azure.functions", source)
    for node in ast.walk(ast.parse(rewritten, filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name.split(".")[0] == "azfunc" for name in names):
            raise GoldenError(
                f"{path}:{node.lineno}: cannot rewrite this import; put azfunc first "
                "(`import azfunc as func` or `from azfunc... import ...`)"
            )
    return rewritten


def reference_copy(app: Path, dest: Path) -> Path:
    """Copy ``app`` to ``dest`` with its imports swapped to azure.functions."""
    shutil.copytree(app, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for path in sorted(dest.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        path.write_text(rewrite_imports(source, app / path.relative_to(dest)), encoding="utf-8")
    return dest


def run_indexer(python: Path, *args: str) -> str:
    """Run _reference_index.py isolated (no PYTHONPATH, no user site) and return its stdout."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(python), "-I", str(INDEXER), *args],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False,
    )
    if result.returncode != 0:
        raise GoldenError(
            f"reference indexer failed on {' '.join(args)} (exit {result.returncode}):\n"
            f"{result.stderr.strip()}"
        )
    return result.stdout


def examples() -> list[Path]:
    """Every example app folder, by name."""
    return sorted(p.parent for p in EXAMPLES.glob("*/function_app.py"))


def generate(python: Path, work: Path) -> dict[str, str]:
    """Return the golden files' texts, keyed by file name."""
    files = {SIGNATURES: run_indexer(python, "--signatures")}
    for app in examples():
        copy = reference_copy(app, work / "apps" / app.name)
        files[f"{app.name}.json"] = run_indexer(python, str(copy))
    return files


def compare(files: dict[str, str], golden: Path) -> list[str]:
    """Return a unified diff per golden file that differs from ``files`` (or is missing/stale)."""
    diffs = []
    committed = {p.name for p in golden.glob("*.json")} if golden.is_dir() else set()
    for name in sorted(committed | set(files)):
        old_path = golden / name
        old = old_path.read_text(encoding="utf-8") if name in committed else ""
        new = files.get(name, "")
        if old != new:
            diffs.append("".join(difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True),
                fromfile=f"{old_path} (committed)" if name in committed else "/dev/null",
                tofile=f"{name} (azure-functions 1.26.0)" if name in files else "/dev/null",
            )))
    return diffs


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate in a temp dir and diff against the golden dir")
    parser.add_argument("--out", type=Path, default=GOLDEN,
                        help="golden dir to write or check (default: tests/golden)")
    parser.add_argument("--python", type=Path,
                        help="an interpreter that already has azure-functions 1.26.0")
    parser.add_argument("--catalogue", type=Path, metavar="ROWS.json",
                        help="also print what the reference emits for each [method, kwargs] "
                             "row of ROWS.json, as a JSON list on the last line of stdout")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="azfunc-golden-") as tmp:
            work = Path(tmp)
            if args.python:
                python = args.python
                check_reference_python(python)
            else:
                extra = (DURABLE_SDK,) if args.catalogue else ()
                python = build_reference_venv(work / "venv", *extra)
            files = generate(python, work)
            catalogue = (
                run_indexer(python, "--catalogue", str(args.catalogue.resolve()))
                if args.catalogue
                else None
            )
    except GoldenError as err:
        print(f"golden.py: {err}", file=sys.stderr)
        return err.code

    if catalogue is not None:
        print(catalogue.strip())
        return 0
    if args.check:
        diffs = compare(files, args.out)
        if diffs:
            sys.stdout.writelines(diffs)
            print(f"golden.py: {len(diffs)} file(s) in {args.out} differ from azure-functions "
                  "1.26.0; run `python tools/golden.py` and review the diff", file=sys.stderr)
            return EXIT_MISMATCH
        print(f"golden.py: {len(files)} files in {args.out} match azure-functions 1.26.0")
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"golden.py: wrote {len(files)} files to {args.out}")
    stale = sorted(p.name for p in args.out.glob("*.json") if p.name not in files)
    if stale:
        print(f"golden.py: no example produces {', '.join(stale)}; delete if stale",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
