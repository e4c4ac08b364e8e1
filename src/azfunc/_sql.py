"""SQL rows (:class:`azfunc.SqlRow`, :class:`azfunc.SqlRowList`)."""

from __future__ import annotations

import abc
import collections
from typing import Any

from typing_extensions import Self

from azfunc import _rows

__all__ = ["BaseSqlRow", "BaseSqlRowList", "SqlRow", "SqlRowList"]


class BaseSqlRow(abc.ABC):
    """The interface of a SQL row: item access plus JSON conversion."""

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


class BaseSqlRowList(abc.ABC):  # noqa: B024 - a marker interface, as in the reference
    """The interface of a list of SQL rows (no members)."""


class SqlRow(_rows.JsonDict, BaseSqlRow):
    """A SQL row: a dict of column values, with JSON conversion."""

    _repr_name = "SqlRow"


class SqlRowList(collections.UserList[Any], BaseSqlRowList):
    """A list of :class:`SqlRow` (``None`` where the host sent ``null``)."""
