"""Read host.json: the HTTP route prefix the library needs, and the whole file for the local host.

The Functions host reads ``host.json`` from the function app's root folder. Keys are
matched case-insensitively, as the host's own configuration does. :func:`read_host_json`
checks the shape of everything the local host uses and says which key is wrong; the
host, like Newtonsoft.Json, accepts ``//`` and ``/* */`` comments, and so does it.

Source: https://learn.microsoft.com/azure/azure-functions/functions-host-json

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from azfunc._config.reader import ConfigReader
from azfunc._utils import parse_timespan

__all__ = [
    "DEFAULT_ROUTE_PREFIX",
    "HostJson",
    "HostJsonError",
    "find_host_json",
    "load_host_json",
    "load_json_file",
    "normalise_prefix",
    "read_host_json",
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
    :raises ValueError: host.json is not valid JSON (``//`` and ``/* */`` comments are
        allowed), or its ``routePrefix`` is not a string.
    """
    path = find_host_json(directory)
    if path is None:
        return DEFAULT_ROUTE_PREFIX
    try:
        # comments allowed, as the host allows them
        text = path.read_text(encoding="utf-8-sig")
        document = parse_json_text(text, repr(str(path)), ValueError)
    except ValueError as err:
        raise ValueError(
            f"{err} So its HTTP route prefix cannot be read. "
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


# --- the full reader, for the local host (azfunc start) and azfunc check ----------------

#: ``logging.logLevel`` values the host knows, by lower-cased name.
LOG_LEVELS = ("Trace", "Debug", "Information", "Warning", "Error", "Critical", "None")

#: Where a string or a comment may start.
_SPECIAL_RE = re.compile(r'["/]')
#: The rest of a JSON string after its opening quote, closing quote included.
_STRING_REST_RE = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)
#: The longest nesting host.json and local.settings.json may have.
MAX_JSON_DEPTH = 500


class HostJsonError(ValueError):
    """host.json cannot be used; the message names the file, the key and the fix."""


def strip_json_comments(text: str) -> str:
    """Remove ``//`` and ``/* */`` comments outside JSON strings (blanks keep line numbers).

    One pass from left to right: the time is linear in the length of ``text``. An
    unclosed string or ``/*`` is left as it is, for the JSON parser to report.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        found = _SPECIAL_RE.search(text, i)
        if found is None:
            out.append(text[i:])
            break
        j = found.start()
        out.append(text[i:j])
        if text[j] == '"':
            rest = _STRING_REST_RE.match(text, j + 1)
            end = n if rest is None else rest.end()
        elif text.startswith("//", j):
            newline = text.find("\n", j)
            end = n if newline < 0 else newline
        elif text.startswith("/*", j):
            close = text.find("*/", j + 2)
            end = n if close < 0 else close + 2
            if close >= 0:
                out.append("".join(c if c == "\n" else " " for c in text[j:end]))
                i = end
                continue
        else:
            end = j + 1
        chunk = text[j:end]
        out.append(" " * len(chunk) if chunk.startswith("//") else chunk)
        i = end
    return "".join(out)


def _depth_problem(text: str) -> str | None:
    """Why ``text`` nests too deeply to parse (the json module recurses), or ``None``."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        char = token.group()
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_JSON_DEPTH:
        return f"it nests objects and arrays {deepest} deep, over the limit of {MAX_JSON_DEPTH}"
    return None


def parse_json_text(text: str, where: str, error: type[ValueError]) -> Any:
    """Parse ``text`` (comments allowed) as the JSON of a configuration file.

    :param where: How messages name the file, e.g. ``"host.json at '/app/host.json'"``.
    :raises ValueError: (``error``) it is not JSON, nests too deeply, or holds a number
        of over 4,300 digits; the message gives the line and column when it can.
    """
    stripped = strip_json_comments(text)
    problem = _depth_problem(stripped)
    if problem is not None:
        raise error(f"{where} cannot be read: {problem}. Flatten it.")
    try:
        return json.loads(stripped)
    except json.JSONDecodeError as err:
        raise error(
            f"{where} is not valid JSON: line {err.lineno}, column "
            f"{err.colno}: {err.msg}. Fix the file (a missing comma or quote, or a "
            "trailing comma, is the usual cause)."
        ) from err
    except (ValueError, RecursionError) as err:  # a number of over 4,300 digits
        raise error(f"{where} cannot be read: {err}. Fix the file.") from err


def load_json_file(path: Path, error: type[ValueError], what: str) -> Any:
    """Parse the JSON file at ``path`` (comments allowed, BOM skipped).

    :param error: The exception type to raise.
    :param what: How messages name the file, e.g. ``"host.json"``.
    :raises ValueError: (``error``) the file cannot be read or is not JSON; the message
        gives the line and column.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise error(f"{what} at {str(path)!r} cannot be read: {err}") from err
    return parse_json_text(text, f"{what} at {str(path)!r}", error)


@attrs.frozen(kw_only=True)
class HostJson:
    """The host.json settings the local host uses.

    Attributes:
        path: The file, or ``None`` when the app has none (all defaults).
        version: ``"2.0"``.
        route_prefix: ``extensions.http.routePrefix`` without slashes (``"api"``).
        custom_headers: ``extensions.http.customHeaders``: added to every HTTP response.
        function_timeout: ``functionTimeout``; ``None`` when unset or ``-1`` (no limit).
        functions: ``functions``: the only functions the host loads; ``None``: all.
        log_levels: ``logging.logLevel``: level name by category (``"default"``, ...).
        watch_directories: ``watchDirectories``: extra folders that restart the host.
        extension_bundle: ``extensionBundle``, or ``None``.
        raw: The whole document.
    """

    path: Path | None
    version: str = "2.0"
    route_prefix: str = DEFAULT_ROUTE_PREFIX
    custom_headers: Mapping[str, str] = attrs.field(factory=dict)
    function_timeout: datetime.timedelta | None = None
    functions: tuple[str, ...] | None = None
    log_levels: Mapping[str, str] = attrs.field(factory=dict)
    watch_directories: tuple[str, ...] = ()
    extension_bundle: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict)


def _parse_timeout(text: str) -> datetime.timedelta | None:
    """``functionTimeout``: a TimeSpan, or ``-1`` for none.

    :raises ValueError: neither.
    """
    if text.strip() == "-1":
        return None
    return parse_timespan(text)


class _Reader(ConfigReader):
    """Shape checks of host.json."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "host.json", HostJsonError)

    def string(self, value: object, key: str, example: str) -> str | None:
        if value is None or isinstance(value, str):
            return value
        raise self.fail(key, f"is {value!r}", f"It must be a string, e.g. {example}.")

    def strings(self, value: object, key: str, example: str) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"is {value!r}", f"It must be a list of strings, e.g. {example}.")
        return tuple(value)

    def string_map(self, value: object, key: str, example: str) -> dict[str, str]:
        mapping = self.mapping(value, key)
        for name, item in mapping.items():
            if not isinstance(item, str):
                raise self.fail(
                    f"{key}.{name}", f"is {item!r}", f"It must be a string, e.g. {example}."
                )
        return dict(mapping)


def read_host_json(path: str | os.PathLike[str]) -> HostJson:
    """Read and check the host.json file at ``path``.

    :raises HostJsonError: the file cannot be read, is not JSON, lacks ``version``
        ``"2.0"``, or a key the local host uses has the wrong shape. The message names
        the file, the key and the fix.
    """
    file = Path(path)
    document = load_json_file(file, HostJsonError, "host.json")
    reader = _Reader(file)
    if not isinstance(document, Mapping):
        raise HostJsonError(
            f"host.json at {str(file)!r} holds {type(document).__name__} JSON; it must be an "
            'object such as {"version": "2.0"}.'
        )
    version = _get_ci(document, "version")
    if version is None:
        raise reader.fail(
            "the 'version' property",
            "is missing",
            'The host requires it: add "version": "2.0" (see https://aka.ms/functions-hostjson).',
        )
    if version != "2.0":
        raise reader.fail("version", f"is {version!r}", 'The host accepts only "2.0".')
    http = reader.mapping(
        _get_ci(reader.mapping(_get_ci(document, "extensions"), "extensions"), "http"),
        "extensions.http",
    )
    prefix = reader.string(_get_ci(http, "routePrefix"), "extensions.http.routePrefix", "'api'")
    headers = reader.string_map(
        _get_ci(http, "customHeaders"), "extensions.http.customHeaders", "'nosniff'"
    )
    timeout_text = reader.string(
        _get_ci(document, "functionTimeout"), "functionTimeout", "'00:05:00'"
    )
    try:
        timeout = None if timeout_text is None else _parse_timeout(timeout_text)
    except ValueError:
        raise reader.fail(
            "functionTimeout",
            f"is {timeout_text!r}",
            "It must be a TimeSpan 'hh:mm:ss' (or 'd.hh:mm:ss'), e.g. '00:05:00', or '-1'.",
        ) from None
    logging_section = reader.mapping(_get_ci(document, "logging"), "logging")
    levels = reader.string_map(
        _get_ci(logging_section, "logLevel"), "logging.logLevel", "'Information'"
    )
    known = {level.lower() for level in LOG_LEVELS}
    for category, level in levels.items():
        if level.lower() not in known:
            raise reader.fail(
                f"logging.logLevel.{category}",
                f"is {level!r}",
                f"It must be one of {', '.join(LOG_LEVELS)}.",
            )
    bundle = _get_ci(document, "extensionBundle")
    return HostJson(
        path=file,
        version=version,
        route_prefix=DEFAULT_ROUTE_PREFIX if prefix is None else prefix.strip().strip("/"),
        custom_headers=headers,
        function_timeout=timeout,
        functions=reader.strings(_get_ci(document, "functions"), "functions", "['hello']"),
        log_levels=levels,
        watch_directories=reader.strings(
            _get_ci(document, "watchDirectories"), "watchDirectories", "['shared']"
        )
        or (),
        extension_bundle=None if bundle is None else reader.mapping(bundle, "extensionBundle"),
        raw=document,
    )


def load_host_json(directory: str | os.PathLike[str]) -> HostJson:
    """Read ``directory/host.json`` with :func:`read_host_json`; defaults when there is none.

    :raises HostJsonError: the file exists but cannot be used.
    """
    path = find_host_json(directory)
    return HostJson(path=None) if path is None else read_host_json(path)
