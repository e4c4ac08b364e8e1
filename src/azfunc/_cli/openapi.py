"""``azfunc openapi``: print the OpenAPI 3.1 document of an app's HTTP functions.

The app is imported the way the worker imports it; the route prefix is read from the
app's host.json (``extensions.http.routePrefix``, ``api`` by default). The document goes
to stdout, or to ``--out FILE``; ``azfunc start`` serves the same document at
``/openapi.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from azfunc._cli.arguments import add_app_argument

__all__ = ["PARSER_ARGS", "configure", "run"]

PARSER_ARGS: dict[str, str] = {
    "help": "print the OpenAPI 3.1 document of the app's HTTP functions",
    "description": (
        "Import the app the way the Python worker does and print the OpenAPI 3.1 document "
        "of its HTTP functions: paths from the route templates and host.json's "
        "routePrefix, typed parameters, request and response models, auth levels as API "
        "key security schemes, docstrings as descriptions."
    ),
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc openapi``."""
    add_app_argument(parser)
    parser.add_argument(
        "--out", metavar="FILE", type=Path, help="write the document to FILE, not to stdout"
    )
    parser.add_argument(
        "--title", help="the document's info.title (default: the app folder's name)"
    )
    parser.add_argument(
        "--api-version",
        default="1.0.0",
        help="the document's info.version, the version of your API (default: 1.0.0)",
    )


def run(args: argparse.Namespace) -> int:
    """Print (or write) the document; 1 when the app cannot be loaded."""
    from azfunc._config.host_json import read_route_prefix
    from azfunc._loader import AppLoadError, index_app, load_app
    from azfunc._typed.openapi import openapi_document

    try:
        loaded = load_app(args.path)
        functions = index_app(loaded)
        route_prefix = read_route_prefix(loaded.script.parent)
    except (AppLoadError, ValueError) as error:
        print(f"azfunc openapi: {error}", file=sys.stderr)
        return 1
    document = openapi_document(
        functions,
        route_prefix=route_prefix,
        title=args.title or loaded.script.parent.resolve().name,
        version=args.api_version,
    )
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0
