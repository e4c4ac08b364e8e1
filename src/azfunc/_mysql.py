"""MySQL rows (:class:`azfunc.MySqlRow`, :class:`azfunc.MySqlRowList`)."""

from __future__ import annotations

import abc
import collections
from typing import Any

from typing_extensions import Self

from azfunc import _rows

__all__ = ["BaseMySqlRow", "BaseMySqlRowList", "MySqlRow", "MySqlRowList"]


class BaseMySqlRow(abc.ABC):
    """The interface of a MySQL row: item access plus JSON conversion."""

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


class BaseMySqlRowList(abc.ABC):  # noqa: B024 - a marker interface, as in the reference
    """The interface of a list of MySQL rows (no members)."""


class MySqlRow(_rows.JsonDict, BaseMySqlRow):
    """A MySQL row: a dict of column values, with JSON conversion."""

    _repr_name = "MySqlRow"


class MySqlRowList(collections.UserList[Any], BaseMySqlRowList):
    """A list of :class:`MySqlRow` (``None`` where the host sent ``null``)."""
