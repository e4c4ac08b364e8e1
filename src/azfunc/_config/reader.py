"""Shape checks of a configuration file, with messages that name the file and the key path."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["ConfigReader"]


class ConfigReader:
    """Read the parts of one JSON configuration file, failing with ``error``.

    :param path: The file, named in every message.
    :param label: What the file is called in messages (``host.json``).
    :param error: The exception class to raise (a ``ValueError``).
    """

    def __init__(self, path: Path, label: str, error: type[ValueError]) -> None:
        self.path = path
        self.label = label
        self.error = error

    def fail(self, key: str, problem: str, fix: str) -> ValueError:
        """The error for ``key``: ``<label> at '<path>': <key> <problem>. <fix>``."""
        return self.error(f"{self.label} at {str(self.path)!r}: {key} {problem}. {fix}")

    def mapping(self, value: object, key: str) -> Mapping[str, Any]:
        """``value`` as a JSON object; ``{}`` for a missing one.

        :raises ValueError: (``error``) ``value`` is another kind of JSON value.
        """
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.fail(key, f"is {value!r}", "It must be a JSON object ({...}).")
        return value
