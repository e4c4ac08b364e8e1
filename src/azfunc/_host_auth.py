"""Function keys and the auth-level check of HTTP functions, as the Functions host does them.

A request carries a key in the ``x-functions-key`` header or, when that header is
absent, in the ``code`` query parameter. ``ANONYMOUS`` functions need no key;
``FUNCTION`` functions accept one of their function keys, a host key or the master key;
``ADMIN`` functions (and the host's admin API) accept only the master key.

Locally the keys come from these settings (local.settings.json ``Values`` or the
environment); each one that is missing is generated at start:

* ``AZFUNC_MASTER_KEY``: the master key;
* ``AZFUNC_HOST_KEY``: the ``default`` host key, valid for every ``FUNCTION`` function;
* ``AZFUNC_FUNCTION_KEY_<function name>``: an extra key for that function only.

Source: https://learn.microsoft.com/azure/azure-functions/function-keys-how-to

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable, Mapping

import attrs

from azfunc._routing.table import http_route_of
from azfunc.decorators._function import Function
from azfunc.decorators.core import AuthLevel

__all__ = [
    "FUNCTION_KEY_PREFIX",
    "HOST_KEY_SETTING",
    "KEY_HEADER",
    "KEY_QUERY_PARAMETER",
    "MASTER_KEY_SETTING",
    "HostKeys",
    "authorize",
    "authorize_level",
    "generate_key",
    "is_master_key",
    "request_key",
]

KEY_HEADER = "x-functions-key"
KEY_QUERY_PARAMETER = "code"
MASTER_KEY_SETTING = "AZFUNC_MASTER_KEY"
HOST_KEY_SETTING = "AZFUNC_HOST_KEY"
FUNCTION_KEY_PREFIX = "AZFUNC_FUNCTION_KEY_"


def generate_key() -> str:
    """Return a new random key: 43 URL-safe characters (256 bits)."""
    return secrets.token_urlsafe(32)


@attrs.frozen(kw_only=True)
class HostKeys:
    """The keys the local host accepts.

    Attributes:
        master: The master key: any auth level, and the admin API.
        host: The ``default`` host key: every ``FUNCTION`` (and ``ANONYMOUS``) function.
        functions: Extra keys by function name (case-insensitive), valid for that function.
        generated: Names of the settings whose key was generated, not configured.
    """

    master: str
    host: str
    functions: Mapping[str, str] = attrs.field(factory=dict)
    generated: tuple[str, ...] = ()

    @classmethod
    def from_settings(
        cls, settings: Mapping[str, str], function_names: Iterable[str] = ()
    ) -> HostKeys:
        """Read the keys from ``settings`` (e.g. ``os.environ``); generate missing ones.

        :param settings: Setting values; see the module documentation for the names.
        :param function_names: The functions whose ``AZFUNC_FUNCTION_KEY_<name>`` to read
            (case-insensitively). Functions without one get no extra key.
        """
        generated: list[str] = []

        def key(name: str) -> str:
            value = settings.get(name)
            if value:
                return value
            generated.append(name)
            return generate_key()

        master, host = key(MASTER_KEY_SETTING), key(HOST_KEY_SETTING)
        upper = {name.upper(): value for name, value in settings.items() if value}
        functions = {
            name.casefold(): upper[f"{FUNCTION_KEY_PREFIX}{name}".upper()]
            for name in function_names
            if f"{FUNCTION_KEY_PREFIX}{name}".upper() in upper
        }
        return cls(master=master, host=host, functions=functions, generated=tuple(generated))

    def keys_for(self, function_name: str) -> tuple[str, ...]:
        """Return the non-master keys that open a ``FUNCTION``-level ``function_name``."""
        extra = self.functions.get(function_name.casefold())
        return (self.host,) if extra is None else (self.host, extra)


def _get_ci(mapping: Mapping[str, str], name: str) -> str | None:
    value = mapping.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    return next((v for k, v in mapping.items() if k.lower() == lowered), None)


def request_key(headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    """Return the key a request carries: ``x-functions-key`` header, else ``code`` parameter."""
    header = _get_ci(headers, KEY_HEADER)
    return header if header is not None else _get_ci(query, KEY_QUERY_PARAMETER)


def _equal(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_master_key(headers: Mapping[str, str], query: Mapping[str, str], keys: HostKeys) -> bool:
    """Tell whether the request carries the master key."""
    given = request_key(headers, query)
    return given is not None and _equal(given, keys.master)


def authorize_level(
    auth_level: AuthLevel | None,
    function_name: str,
    headers: Mapping[str, str],
    query: Mapping[str, str],
    keys: HostKeys,
) -> bool:
    """Tell whether a request may call a function with ``auth_level``.

    :param auth_level: The function's auth level (:attr:`azfunc._routing.table.Route.auth_level`);
        ``None`` stands for a level the host does not know.
    :raises ValueError: ``auth_level`` is ``None``.
    """
    if auth_level is AuthLevel.ANONYMOUS:
        return True
    if auth_level is None:
        raise ValueError(
            f"Function {function_name!r} has an auth level the host does not know; the host "
            "knows ANONYMOUS, FUNCTION and ADMIN."
        )
    given = request_key(headers, query)
    if given is None:
        return False
    if _equal(given, keys.master):
        return True
    if auth_level is AuthLevel.ADMIN:
        return False
    # compare with every key, so the time taken does not tell which one was close
    matches = [_equal(given, key) for key in keys.keys_for(function_name)]
    return any(matches)


def authorize(
    function: Function, headers: Mapping[str, str], query: Mapping[str, str], keys: HostKeys
) -> bool:
    """Tell whether a request may call the HTTP ``function`` (its trigger's auth level).

    A function without an HTTP trigger can only be called with the master key, as
    through the host's admin API.
    """
    http_route = http_route_of(function)
    level = AuthLevel.ADMIN if http_route is None else http_route.auth_level
    return authorize_level(level, function.get_function_name(), headers, query, keys)
