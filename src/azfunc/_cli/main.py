"""Argument parsing and dispatch of the ``azfunc`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from azfunc._cli.loader import AppLoadError, index_app, load_app
from azfunc._cli.metadata import function_json_text, metadata_json
from azfunc._cli.table import function_table


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="azfunc", description="Work with Azure Functions apps written with azfunc."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    index = commands.add_parser(
        "index",
        help="print the function metadata the Functions host indexes",
        description=(
            "Import the app the way the Python worker does and print the metadata of "
            "every function (the function.json equivalent)."
        ),
    )
    index.add_argument("path", help="app folder (holding function_app.py) or the app's .py file")
    index.add_argument(
        "--format",
        choices=("json", "table"),
        default="json",
        help="json (default): the metadata; table: a summary for people",
    )
    index.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="also write DIR/<function name>/function.json for every function",
    )
    return parser


def _index(args: argparse.Namespace) -> int:
    try:
        functions = index_app(load_app(args.path))
    except AppLoadError as error:
        print(f"azfunc index: {error}", file=sys.stderr)
        return 1
    if args.out is not None:
        for function in functions:
            folder = args.out / function.get_function_name()
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "function.json").write_text(function_json_text(function), encoding="utf-8")
    text = function_table(functions) if args.format == "table" else metadata_json(functions)
    sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``azfunc`` command with ``argv`` (default: the process arguments).

    :returns: The exit status: 0 on success, 1 when the app cannot be indexed,
        2 on a usage error.
    """
    args = _parser().parse_args(argv)
    if args.command == "index":
        return _index(args)
    raise AssertionError(f"unhandled command {args.command!r}")  # argparse rejects others
