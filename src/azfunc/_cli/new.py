"""``azfunc new``: add a function from a template, with a test for it."""

from __future__ import annotations

import argparse
import sys

from azfunc._cli.arguments import add_folder_argument

PARSER_ARGS = {
    "help": "add a function from a template (http, timer, queue, ...), with its test",
    "description": (
        "Add a function to the app in PATH from a template, and a test for it in "
        "tests/test_<name>.py. function_app.py is created when there is none (and the "
        "files of `azfunc init` when there is no host.json); otherwise the function is "
        "added at its end. Settings the template needs are added to "
        "local.settings.json, packages to requirements.txt. Nothing is overwritten. "
        "`azfunc new --list` shows the templates."
    ),
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc new``."""
    add_folder_argument(parser)
    parser.add_argument("--template", "-t", metavar="NAME", help="the template (see --list)")
    parser.add_argument("--name", "-n", metavar="FUNCTION", help="the function's name")
    parser.add_argument("--list", action="store_true", help="list the templates and exit")


def run(args: argparse.Namespace) -> int:
    """List the templates, or add the function; return 0, or 1 (message on stderr)."""
    from azfunc._cli.scaffold import ScaffoldError, add_function, template_named
    from azfunc._cli.templates import TEMPLATES

    if args.list:
        width = max(map(len, TEMPLATES))
        for template in TEMPLATES.values():
            print(f"{template.name.ljust(width)}  {template.summary}")
        return 0
    if not args.template or not args.name:
        missing = " and ".join(
            option
            for option, value in (("--template", args.template), ("--name", args.name))
            if not value
        )
        print(
            f"azfunc new: give {missing}, e.g. azfunc new --template http --name hello "
            "(azfunc new --list shows the templates).",
            file=sys.stderr,
        )
        return 2
    try:
        template = template_named(args.template)
        changes = add_function(args.path, template, args.name)
    except ScaffoldError as error:
        print(f"azfunc new: {error}", file=sys.stderr)
        return 1
    for change in changes:
        print(change)
    return 0
