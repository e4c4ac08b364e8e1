"""The JSON functions converters and data types use: orjson when importable, else the stdlib.

``json.dumps(obj)`` always returns ``str`` and ``json.loads(s)`` accepts ``str``,
``bytes`` or ``bytearray``, whichever backend is active. The two backends format
differently: the stdlib writes ``", "`` and ``": "`` separators and escapes non-ASCII
characters; orjson writes compact UTF-8. Decorator metadata (function.json) never goes
through this module; it always uses the stdlib.
"""

from __future__ import annotations

import abc
import json as _std_json
import types
from typing import Any, Protocol

__all__ = [
    "JsonInterface",
    "OrJsonAdapter",
    "StdJsonAdapter",
    "backend",
    "dumps",
    "json",
    "json_impl",
    "loads",
]


class _OrjsonModule(Protocol):
    """The part of the ``orjson`` module this module calls."""

    def dumps(self, obj: Any, /) -> bytes: ...

    def loads(self, s: str | bytes | bytearray, /) -> Any: ...


# get_json() and the converters call these per request: dumps is the stdlib's own function;
# loads goes straight to the decoder json.loads(text) would use, for text without a BOM.
_std_dumps = _std_json.dumps
_decode = _std_json.JSONDecoder().decode


def _std_loads(s: str | bytes | bytearray) -> Any:
    if type(s) is str and not s.startswith("\ufeff"):
        return _decode(s)
    return _std_json.loads(s)  # bytes, a BOM (refused with json's own error), str subclasses


def make_json(orjson: _OrjsonModule | None) -> types.SimpleNamespace:
    """Build the ``dumps``/``loads`` namespace on orjson, or on the stdlib when it is ``None``.

    :param orjson: The imported ``orjson`` module, or ``None`` to use :mod:`json`.
    """
    if orjson is None:
        return types.SimpleNamespace(dumps=_std_dumps, loads=_std_loads)

    def orjson_dumps(obj: Any) -> str:
        return orjson.dumps(obj).decode("utf-8")

    def orjson_loads(s: str | bytes | bytearray) -> Any:
        return orjson.loads(s)

    return types.SimpleNamespace(dumps=orjson_dumps, loads=orjson_loads)


def _import_orjson() -> _OrjsonModule | None:
    try:
        import orjson  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    module: _OrjsonModule = orjson
    return module


_orjson = _import_orjson()

#: The backend in use: ``"orjson"`` or ``"json"``.
backend: str = "json" if _orjson is None else "orjson"

#: Namespace with ``dumps(obj) -> str`` and ``loads(s) -> Any``.
json: types.SimpleNamespace = make_json(_orjson)


class JsonInterface(abc.ABC):
    """The reference's adapter interface: ``dumps(obj) -> str`` and ``loads(s) -> Any``."""

    @abc.abstractmethod
    def dumps(self, obj: Any) -> str:
        """Serialise ``obj`` to JSON text."""

    @abc.abstractmethod
    def loads(self, s: str | bytes | bytearray) -> Any:
        """Parse JSON text."""


class StdJsonAdapter(JsonInterface):
    """:class:`JsonInterface` on the standard library's :mod:`json`."""

    def dumps(self, obj: Any) -> str:
        return _std_dumps(obj)

    def loads(self, s: str | bytes | bytearray) -> Any:
        return _std_loads(s)


class OrJsonAdapter(JsonInterface):
    """:class:`JsonInterface` on orjson (compact output, decoded to ``str``).

    :raises ModuleNotFoundError: orjson is not installed (the reference fails an
        ``assert`` instead).
    """

    def __init__(self) -> None:
        if _orjson is None:
            raise ModuleNotFoundError(
                "OrJsonAdapter() needs the orjson package, which is not installed: "
                "install orjson, or use StdJsonAdapter()",
                name="orjson",
            )
        self._json = make_json(_orjson)

    def dumps(self, obj: Any) -> str:
        result: str = self._json.dumps(obj)
        return result

    def loads(self, s: str | bytes | bytearray) -> Any:
        return self._json.loads(s)


#: The adapter of the active backend (the reference's name; :data:`json` is the same pair).
json_impl: JsonInterface = StdJsonAdapter() if _orjson is None else OrJsonAdapter()


def dumps(obj: Any) -> str:
    """Serialise ``obj`` to JSON text with the active backend.

    :param obj: A JSON-serialisable value.
    :raises TypeError: ``obj`` holds a value the backend cannot serialise.
    """
    result: str = json.dumps(obj)
    return result


def loads(s: str | bytes | bytearray) -> Any:
    """Parse JSON text with the active backend.

    :param s: JSON text; bytes are read as UTF-8.
    :raises ValueError: ``s`` is not valid JSON (a :class:`json.JSONDecodeError`;
        orjson's error subclasses it).
    """
    return json.loads(s)
