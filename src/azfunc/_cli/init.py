"""``azfunc init``: start an app folder with host.json, local.settings.json and .gitignore."""

from __future__ import annotations

import argparse
import sys

from azfunc._cli.arguments import add_folder_argument

PARSER_ARGS = {
    "help": "create an app folder: host.json, local.settings.json, .gitignore, .funcignore",
    "description": (
        "Write host.json (the current extension bundle), local.settings.json (the Python "
        "worker, development storage), .gitignore and .funcignore in DIR. A file that "
        "exists is kept as it is: nothing is overwritten. Then add functions with "
        "`azfunc new`."
    ),
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc init``."""
    add_folder_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Write the files; print one line per file; return 0."""
    from azfunc._cli.scaffold import init_app

    for name, written in init_app(args.path):
        print(f"{'created' if written else 'kept   '} {args.path / name}")
    script = args.path / "function_app.py"
    if not script.exists():
        where = "" if str(args.path) == "." else f" {args.path}"
        print(
            f"Next: azfunc new --template http --name hello{where}  "
            "(azfunc new --list shows the templates)",
            file=sys.stdout,
        )
    return 0
