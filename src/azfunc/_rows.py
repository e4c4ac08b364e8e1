"""What Cosmos DB documents and SQL/MySQL rows share: a dict decoded from JSON, and the
conversion of JSON payloads to lists of them and back."""

from __future__ import annotations

import abc
import collections
import collections.abc
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from typing_extensions import Self

from azfunc import _jsonutils
from azfunc.meta import Datum

__all__ = ["AbstractRow", "JsonDict", "decode_rows", "encode_rows"]

_L = TypeVar("_L", bound=collections.UserList[Any])


class AbstractRow(abc.ABC):
    """The interface of a database row: item access plus JSON conversion."""

    @classmethod
    @abc.abstractmethod
    def from_json(cls, json_data: str) -> Self:
        """Build a row from the text of one JSON object."""

    @classmethod
    @abc.abstractmethod
    def from_dict(cls, dct: dict[str, Any]) -> Self:
        """Build a row from a dict of column values."""

    @abc.abstractmethod
    def __getitem__(self, key: str) -> Any:
        """Return the value of column ``key``."""

    @abc.abstractmethod
    def __setitem__(self, key: str, value: Any) -> None:
        """Set the value of column ``key``."""

    @abc.abstractmethod
    def to_json(self) -> str:
        """Return the row as JSON text."""


class JsonDict(collections.UserDict[str, Any]):
    """A dict-like record built from and written back to a JSON object."""

    #: The name the repr shows, ``<{name} at 0x…>``.
    _repr_name: ClassVar[str] = "JsonDict"

    @classmethod
    def from_json(cls, json_data: str) -> Self:
        """Build a record from the text of one JSON object.

        :raises ValueError: ``json_data`` is not valid JSON.
        :raises AttributeError: The JSON value is not an object.
        """
        return cls.from_dict(_jsonutils.loads(json_data))

    @classmethod
    def from_dict(cls, dct: dict[str, Any]) -> Self:
        """Build a record holding the items of ``dct``."""
        return cls(dict(dct.items()))

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key)

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)

    def to_json(self) -> str:
        """Return the record as JSON text."""
        return _jsonutils.dumps(self.data)

    def __repr__(self) -> str:
        return f"<{self._repr_name} at 0x{id(self):0x}>"


def decode_rows(
    data: Datum | None,
    *,
    row: Callable[[dict[str, Any]], JsonDict],
    row_list: Callable[[list[Any]], _L],
    unsupported: str,
) -> _L | None:
    """Decode a JSON object or array payload into ``row_list`` of ``row`` values.

    A single object becomes a one-item list; ``null`` items stay ``None``; no datum
    (``None``, as the worker passes for an absent binding value) or a datum of type
    ``None`` gives ``None``.

    :param unsupported: The error text for other datum types, with ``{type}``.
    :raises NotImplementedError: The datum type is not ``json``, ``string`` or ``bytes``.
    :raises ValueError: An item is neither a JSON object nor ``null``.
    """
    if data is None or data.type is None:
        return None
    if data.type not in ("json", "string", "bytes"):
        raise NotImplementedError(unsupported.format(type=data.type))
    value = _jsonutils.loads(data.value)
    items = value if isinstance(value, list) else [value]
    rows: list[Any] = []
    for item in items:
        if item is not None and not isinstance(item, dict):
            raise ValueError(
                f"cannot decode {type(item).__name__} value {item!r} as a row or document: "
                f"the payload must be a JSON object or an array of objects"
            )
        rows.append(None if item is None else row(item))
    return row_list(rows)


def encode_rows(obj: Any, *, row_type: type[Any], what: str) -> Datum:
    """Encode one record, or an iterable of them, as a JSON array.

    :param row_type: The record class items must be instances of.
    :param what: Names the binding in error messages, e.g. ``"a SQL output binding"``.
    :raises NotImplementedError: ``obj`` is neither a record nor an iterable of records.
    """
    if isinstance(obj, row_type):
        return Datum(_jsonutils.dumps([dict(obj)]), "json")
    if not isinstance(obj, collections.abc.Iterable) or isinstance(obj, (str, bytes)):
        raise NotImplementedError(
            f"cannot send {type(obj).__name__} to {what}: expected a {row_type.__name__}, "
            f"a list of them, or an iterable of them"
        )
    items = []
    for item in obj:
        if not isinstance(item, row_type):
            raise NotImplementedError(
                f"cannot send a {type(obj).__name__} holding {type(item).__name__} to {what}: "
                f"lists must contain {row_type.__name__} objects"
            )
        items.append(dict(item))
    return Datum(_jsonutils.dumps(items), "json")
