"""Argument parsing and dispatch of the ``azfunc`` command."""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from azfunc._cli.loader import AppLoadError, index_app, load_app
from azfunc._cli.metadata import function_json_text, metadata_json
from azfunc._cli.table import function_table

#: Modules of ``azfunc._cli`` that each add one subcommand of the same name. Each has
#: ``PARSER_ARGS`` (keyword arguments of ``add_parser``: ``help``, ``description``),
#: ``configure(parser)`` adding its arguments, and ``run(args) -> int``. Importing one
#: must stay cheap: heavy imports go inside ``run``.
_COMMAND_MODULES: tuple[str, ...] = ("check", "start")


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
    index.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when indexing warns (any problem `azfunc check` finds in the functions)",
    )
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"azfunc._cli.{name}")
        module.configure(commands.add_parser(name, **module.PARSER_ARGS))
    return parser


def _index(args: argparse.Namespace) -> int:
    try:
        loaded = load_app(args.path)
        with warnings.catch_warnings():
            if args.strict:  # reported below with every other problem
                warnings.simplefilter("ignore")
            functions = index_app(loaded)
    except AppLoadError as error:
        print(f"azfunc index: {error}", file=sys.stderr)
        return 1
    if args.strict:
        from azfunc._cli.check import strict_failures

        failures = strict_failures(loaded)
        if failures:
            print(
                "azfunc index --strict: the app has problems:", *failures, sep="\n", file=sys.stderr
            )
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
    if args.command in _COMMAND_MODULES:
        module = importlib.import_module(f"azfunc._cli.{args.command}")
        status: int = module.run(args)
        return status
    raise AssertionError(f"unhandled command {args.command!r}")  # argparse rejects others
