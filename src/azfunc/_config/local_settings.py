"""Read local.settings.json, the app settings Core Tools uses on a developer machine.

The file sits in the app's root folder and is never deployed::

    {
      "IsEncrypted": false,
      "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "MySetting": "value"},
      "Host": {"LocalHttpPort": 7071, "CORS": "*", "CORSCredentials": false},
      "ConnectionStrings": {"MyDb": "Server=..."}
    }

Keys are matched case-insensitively, and ``//`` / ``/* */`` comments are accepted, as
Core Tools' JSON reader does. Numbers and booleans in ``Values`` become strings the way
Core Tools converts them (``1`` -> ``"1"``, ``true`` -> ``"True"``).

Source: https://learn.microsoft.com/azure/azure-functions/functions-develop-local#local-settings-file

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from azfunc._config.host_json import load_json_file
from azfunc._config.reader import ConfigReader

__all__ = [
    "LOCAL_SETTINGS_FILE",
    "LocalHostSettings",
    "LocalSettings",
    "LocalSettingsError",
    "expand_settings",
    "load_local_settings",
    "read_local_settings",
]

LOCAL_SETTINGS_FILE = "local.settings.json"

_PLACEHOLDER_RE = re.compile(r"%([^%\s]+)%")


class LocalSettingsError(ValueError):
    """local.settings.json cannot be used; the message names the file, the key and the fix."""


@attrs.frozen(kw_only=True)
class LocalHostSettings:
    """The ``Host`` section.

    Attributes:
        local_http_port: ``LocalHttpPort``: the port to serve on, or ``None``.
        cors: ``CORS``: allowed origins (``("*",)`` for any), empty for no CORS.
        cors_credentials: ``CORSCredentials``: allow cookies and auth headers cross-origin.
    """

    local_http_port: int | None = None
    cors: tuple[str, ...] = ()
    cors_credentials: bool = False


@attrs.frozen(kw_only=True)
class LocalSettings:
    """The content of local.settings.json.

    Attributes:
        path: The file, or ``None`` when the app has none.
        values: ``Values``: app settings, exported to the environment by ``azfunc start``.
        host: The ``Host`` section.
        connection_strings: ``ConnectionStrings`` by name.
    """

    path: Path | None
    values: Mapping[str, str] = attrs.field(factory=dict)
    host: LocalHostSettings = attrs.field(factory=LocalHostSettings)
    connection_strings: Mapping[str, str] = attrs.field(factory=dict)


def _get_ci(mapping: Mapping[str, Any], key: str) -> Any:
    lowered = key.lower()
    return next((v for k, v in mapping.items() if k.lower() == lowered), None)


class _Reader(ConfigReader):
    """Shape checks of local.settings.json."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, LOCAL_SETTINGS_FILE, LocalSettingsError)

    def setting(self, value: object, key: str) -> str | None:
        """Convert a setting value as Core Tools does; ``None`` for JSON null."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, (int, float)):
            return str(value)
        raise self.fail(
            key,
            f"is {value!r}",
            'App settings are strings: write the value in quotes, e.g. "value", or '
            "serialise the object to a JSON string.",
        )

    def values(self, section: object, key: str) -> dict[str, str]:
        result: dict[str, str] = {}
        for name, item in self.mapping(section, key).items():
            if not name:
                raise self.fail(key, "has an empty setting name", "Give the setting a name.")
            text = self.setting(item, f"{key}.{name}")
            if text is not None:
                result[name] = text
        return result

    def host(self, section: object) -> LocalHostSettings:
        host = self.mapping(section, "Host")
        port = _get_ci(host, "LocalHttpPort")
        if isinstance(port, str) and re.fullmatch("[0-9]{1,5}", port.strip()):
            port = int(port)  # ASCII digits only: "²" is a digit to str.isdigit()
        if port is not None and (
            isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536
        ):
            raise self.fail(
                "Host.LocalHttpPort", f"is {port!r}", "It must be a port number, e.g. 7071."
            )
        cors = _get_ci(host, "CORS")
        if cors is not None and not isinstance(cors, str):
            raise self.fail(
                "Host.CORS",
                f"is {cors!r}",
                'It must be a string of comma-separated origins, e.g. "http://localhost:3000" '
                'or "*".',
            )
        credentials = _get_ci(host, "CORSCredentials")
        if credentials is not None and not isinstance(credentials, bool):
            raise self.fail(
                "Host.CORSCredentials", f"is {credentials!r}", "It must be true or false."
            )
        origins = tuple(o.strip().rstrip("/") for o in (cors or "").split(",") if o.strip())
        return LocalHostSettings(
            local_http_port=port, cors=origins, cors_credentials=bool(credentials)
        )

    def connection_strings(self, section: object) -> dict[str, str]:
        result: dict[str, str] = {}
        for name, item in self.mapping(section, "ConnectionStrings").items():
            if isinstance(item, Mapping):
                item = _get_ci(item, "ConnectionString")
            if not isinstance(item, str):
                raise self.fail(
                    f"ConnectionStrings.{name}",
                    f"is {item!r}",
                    'It must be a string, e.g. "Server=...;Database=...".',
                )
            result[name] = item
        return result


def read_local_settings(path: str | os.PathLike[str]) -> LocalSettings:
    """Read and check the local.settings.json file at ``path``.

    :raises LocalSettingsError: the file cannot be read, is not JSON, is encrypted, or a
        section has the wrong shape; the message names the file, the key and the fix.
    """
    file = Path(path)
    reader = _Reader(file)
    document = load_json_file(file, LocalSettingsError, LOCAL_SETTINGS_FILE)
    if not isinstance(document, Mapping):
        raise LocalSettingsError(
            f"{LOCAL_SETTINGS_FILE} at {str(file)!r} holds {type(document).__name__} JSON; it "
            'must be an object such as {"IsEncrypted": false, "Values": {}}.'
        )
    encrypted = _get_ci(document, "IsEncrypted")
    if encrypted is not None and not isinstance(encrypted, bool):
        raise reader.fail("IsEncrypted", f"is {encrypted!r}", "It must be true or false.")
    if encrypted:
        raise reader.fail(
            "IsEncrypted",
            "is true",
            "The values are encrypted with a key only Core Tools on the machine that "
            "wrote them can use. Run `func settings decrypt`, or set the values in plain "
            'text and "IsEncrypted": false.',
        )
    return LocalSettings(
        path=file,
        values=reader.values(_get_ci(document, "Values"), "Values"),
        host=reader.host(_get_ci(document, "Host")),
        connection_strings=reader.connection_strings(_get_ci(document, "ConnectionStrings")),
    )


def load_local_settings(directory: str | os.PathLike[str]) -> LocalSettings:
    """Read ``directory/local.settings.json``; empty settings when there is none.

    :raises LocalSettingsError: the file exists but cannot be used.
    """
    path = Path(directory) / LOCAL_SETTINGS_FILE
    return read_local_settings(path) if path.is_file() else LocalSettings(path=None)


def expand_settings(text: str, settings: Mapping[str, str], *, what: str = "value") -> str:
    """Replace each ``%name%`` in ``text`` by the app setting ``name``, as the host does.

    A whole-value ``%name%`` (``schedule="%MySchedule%"``) and embedded ones
    (``queue_name="orders-%Env%"``) are both resolved.

    :param what: How the message names the text, e.g. ``"schedule of function 'tick'"``.
    :raises ValueError: a named setting is not set.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in settings:
            return settings[name]
        raise ValueError(
            f"The {what} {text!r} refers to the app setting {name!r}, which is not set. "
            f"Add it to Values in {LOCAL_SETTINGS_FILE} or to the environment."
        )

    return _PLACEHOLDER_RE.sub(replace, text)
