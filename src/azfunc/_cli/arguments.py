"""The arguments several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_app_argument", "add_folder_argument"]


def add_app_argument(parser: argparse.ArgumentParser, *, as_path: bool = False) -> None:
    """Add the optional PATH of a command that loads an app: its folder (holding
    function_app.py) or its .py file; the current folder by default.

    :param as_path: Parse it as a :class:`~pathlib.Path` rather than keep the text.
    """
    parser.add_argument(
        "path",
        nargs="?",
        default=".",
        type=Path if as_path else str,
        help="app folder (holding function_app.py) or the app's .py file (default: .)",
    )


def add_folder_argument(parser: argparse.ArgumentParser) -> None:
    """Add the optional PATH of a command that writes into an app folder (the current
    folder by default), as a :class:`~pathlib.Path`."""
    parser.add_argument(
        "path", nargs="?", default=".", type=Path, help="the app folder (default: .)"
    )
