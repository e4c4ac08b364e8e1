"""``azfunc bundle``: ship azfunc inside an app folder, for deploying without a package index.

azfunc is not published on a package index, so ``azfunc`` in requirements.txt fails with
"No matching distribution". ``azfunc bundle APP`` writes azfunc's wheel (built from the
installed azfunc) into ``APP/wheels/`` and puts its path in requirements.txt in place of a
bare ``azfunc`` line: the remote build on Azure (and ``pip install -r requirements.txt``
run in the app folder) installs it from there, and the other packages from the index.
``--with-deps`` also writes the wheels of azfunc's dependencies as installed here, so
``pip install --no-index --find-links wheels -r requirements.txt`` needs no index at all.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from azfunc._cli.arguments import add_folder_argument

PARSER_ARGS = {
    "help": "put azfunc's wheel in the app folder and requirements.txt (no package index needed)",
    "description": (
        "Write azfunc's wheel, built from the installed azfunc, into APP/wheels/ and its "
        "path into APP/requirements.txt (replacing a bare `azfunc` line), so the app "
        "installs with `pip install -r requirements.txt` run in the app folder, as the "
        "remote build on Azure does, although azfunc is on no package index. See "
        "docs/deploy.md."
    ),
}

WHEELS_DIR = "wheels"
_AZFUNC_LINE = re.compile(r"^\s*(azfunc(\[[^\]]*\])?\s*([<>=!~].*)?|.*azfunc-[^/\\]*\.whl.*)$")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc bundle``."""
    add_folder_argument(parser)
    parser.add_argument(
        "--with-deps",
        action="store_true",
        help="also write the wheels of azfunc's dependencies as installed here (for an "
        "install with no index: pip install --no-index --find-links wheels -r "
        "requirements.txt; build them on the OS and Python version of the Function App)",
    )


def update_requirements(path: Path, line: str) -> str:
    """Put ``line`` in requirements.txt in place of its azfunc lines; return the new text."""
    old = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    kept = [entry for entry in old if not _AZFUNC_LINE.match(entry)]
    text = "\n".join([line, *kept]) + "\n"
    path.write_text(text, encoding="utf-8")
    return text


def run(args: argparse.Namespace) -> int:
    """Write the wheels and requirements.txt; return 0, or 1 (message on stderr)."""
    from azfunc._cli.wheels import WheelError, build_wheel, dependency_names

    folder: Path = args.path
    if not (folder / "function_app.py").is_file() and not (folder / "host.json").is_file():
        print(
            f"azfunc bundle: {folder} holds neither function_app.py nor host.json; pass the "
            "app folder.",
            file=sys.stderr,
        )
        return 1
    wheels = folder / WHEELS_DIR
    try:
        for stale in wheels.glob("azfunc-*.whl"):
            stale.unlink()
        wheel = build_wheel("azfunc", wheels)
        built = [wheel]
        if args.with_deps:
            built += [build_wheel(name, wheels) for name in dependency_names("azfunc")]
    except WheelError as error:
        print(f"azfunc bundle: {error}", file=sys.stderr)
        return 1
    line = f"{WHEELS_DIR}/{wheel.name}"
    update_requirements(folder / "requirements.txt", line)
    for path in built:
        print(f"wrote {path.relative_to(folder).as_posix()}")
    print(f"requirements.txt: {line}")
    return 0
