"""Read the few host.json settings the library needs, starting with the HTTP route prefix.

The Functions host reads ``host.json`` from the function app's root folder. Keys are
matched case-insensitively, as the host's own configuration does.

Source: https://learn.microsoft.com/azure/azure-functions/functions-host-json

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "DEFAULT_ROUTE_PREFIX",
    "find_host_json",
    "normalise_prefix",
    "read_route_prefix",
    "resolve_root_path",
]

#: The route prefix of HTTP functions when host.json sets none.
DEFAULT_ROUTE_PREFIX = "api"

#: Environment variable the Functions host sets to the function app's root folder.
_SCRIPT_ROOT_VARIABLE = "AzureWebJobsScriptRoot"


def find_host_json(directory: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the path of ``host.json``, or ``None`` when there is none.

    :param directory: The function app's root folder. ``None`` uses the folder the
        host names in ``AzureWebJobsScriptRoot``, else the current directory.
    """
    if directory is None:
        directory = os.environ.get(_SCRIPT_ROOT_VARIABLE) or os.getcwd()
    candidate = Path(directory) / "host.json"
    return candidate if candidate.is_file() else None


def _get_ci(mapping: object, key: str) -> object:
    """Return ``mapping[key]`` matching the key case-insensitively; ``None`` when missing."""
    if not isinstance(mapping, Mapping):
        return None
    lowered = key.lower()
    for name, value in mapping.items():
        if isinstance(name, str) and name.lower() == lowered:
            return value
    return None


def normalise_prefix(prefix: str) -> str:
    """Return ``prefix`` as a path prefix: ``"api"`` and ``"/api/"`` give ``"/api"``.

    An empty prefix stays ``""``.
    """
    stripped = prefix.strip().strip("/")
    return f"/{stripped}" if stripped else ""


def read_route_prefix(directory: str | os.PathLike[str] | None = None) -> str:
    """Return the HTTP route prefix, ``extensions.http.routePrefix`` of host.json.

    The prefix is returned without slashes (``"api"``); ``""`` means HTTP functions
    sit at the root. ``"api"`` when there is no host.json or it sets no prefix.

    :param directory: The folder holding host.json; see :func:`find_host_json`.
    :raises ValueError: host.json is not valid JSON, or its ``routePrefix`` is not a string.
    """
    path = find_host_json(directory)
    if path is None:
        return DEFAULT_ROUTE_PREFIX
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except ValueError as err:
        raise ValueError(
            f"{str(path)!r} is not valid JSON ({err}), so its HTTP route prefix cannot be read. "
            "Fix the file, or pass the prefix explicitly, e.g. route_prefix='api'."
        ) from err
    prefix = _get_ci(_get_ci(_get_ci(document, "extensions"), "http"), "routePrefix")
    if prefix is None:
        return DEFAULT_ROUTE_PREFIX
    if not isinstance(prefix, str):
        raise ValueError(
            f"{str(path)!r} sets extensions.http.routePrefix to {prefix!r}; it must be a string "
            "such as 'api' or ''. Fix host.json."
        )
    return prefix.strip().strip("/")


def resolve_root_path(
    route_prefix: bool | str, directory: str | os.PathLike[str] | None = None
) -> str:
    """Return the path a web app is mounted at, for ASGI ``root_path`` / WSGI ``SCRIPT_NAME``.

    :param route_prefix: ``False``: the app sees full paths (``/api/items``), as in
        azure-functions; ``True``: the prefix host.json sets (``/api`` by default);
        a string: that prefix (``"api"`` or ``"/api"``).
    :param directory: The folder holding host.json, when ``route_prefix`` is ``True``.
    :raises TypeError: ``route_prefix`` is neither a ``bool`` nor a ``str``.
    :raises ValueError: host.json cannot be read; see :func:`read_route_prefix`.
    """
    if route_prefix is True:
        return normalise_prefix(read_route_prefix(directory))
    if route_prefix is False:
        return ""
    if isinstance(route_prefix, str):
        return normalise_prefix(route_prefix)
    raise TypeError(
        f"route_prefix={route_prefix!r} has type {type(route_prefix).__name__}; it must be "
        "False (full paths), True (the prefix host.json sets) or a prefix such as 'api'."
    )
