"""Argument parsing and dispatch of the ``azfunc`` command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from azfunc._cli.arguments import add_app_argument
from azfunc._cli.metadata import function_json_text, metadata_json
from azfunc._cli.table import function_table
from azfunc._loader import AppLoadError, index_app, load_app

#: Modules of ``azfunc._cli`` that each add one subcommand of the same name. Each has
#: ``PARSER_ARGS`` (keyword arguments of ``add_parser``: ``help``, ``description``),
#: ``configure(parser)`` adding its arguments, and ``run(args) -> int``. Importing one
#: must stay cheap: heavy imports go inside ``run``.
_COMMAND_MODULES: tuple[str, ...] = ("check", "start", "openapi", "init", "new", "bundle")


def _parser() -> argparse.ArgumentParser:
    from azfunc import __version__

    parser = argparse.ArgumentParser(
        prog="azfunc", description="Work with Azure Functions apps written with azfunc."
    )
    parser.add_argument("--version", action="version", version=f"azfunc {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    index = commands.add_parser(
        "index",
        help="print the function metadata the Functions host indexes",
        description=(
            "Import the app the way the Python worker does and print the metadata of "
            "every function (the function.json equivalent). The functions are checked "
            "as `azfunc check` checks them: problems go to stderr, and an error (something "
            "the worker or the host refuses, or that does not do what it says) exits 1 "
            "without printing the metadata."
        ),
    )
    add_app_argument(index)
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
    checks = index.add_mutually_exclusive_group()
    checks.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 on warnings too (any problem `azfunc check` finds in the functions)",
    )
    checks.add_argument(
        "--no-check",
        action="store_true",
        help="skip the checks: print what get_functions() returns, as azure-functions would",
    )
    for name in _COMMAND_MODULES:
        module = importlib.import_module(f"azfunc._cli.{name}")
        module.configure(commands.add_parser(name, **module.PARSER_ARGS))
    return parser


def _index(args: argparse.Namespace) -> int:
    try:
        loaded = load_app(args.path)
        functions = index_app(loaded)
    except AppLoadError as error:
        print(f"azfunc index: {error}", file=sys.stderr)
        return 1
    if not args.no_check:
        from azfunc._validation.config import apply_config, read_config
        from azfunc._validation.indexing import index

        folder = loaded.script.parent
        found = index(loaded.app, module=loaded.module).problems
        problems, _ = apply_config(found, read_config(folder), folder)
        for problem in problems:
            print(problem.relative_to(loaded.script.parent).describe(), file=sys.stderr)
        failing = [p for p in problems if args.strict or p.severity == "error"]
        if failing:
            print(
                f"azfunc index: {len(failing)} problem{'s' if len(failing) != 1 else ''} "
                "above; fix them, or pass --no-check to print the metadata anyway.",
                file=sys.stderr,
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
