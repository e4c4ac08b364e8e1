"""SQL rows (:class:`azfunc.SqlRow`, :class:`azfunc.SqlRowList`)."""

from __future__ import annotations

import abc
import collections
from typing import Any

from azfunc import _rows
from azfunc._jsonutils import json as json  # the reference's module-level name

__all__ = ["BaseSqlRow", "BaseSqlRowList", "SqlRow", "SqlRowList"]


class BaseSqlRow(_rows.AbstractRow):
    """The interface of a SQL row: item access plus JSON conversion."""


class BaseSqlRowList(abc.ABC):  # noqa: B024 - a marker interface, as in the reference
    """The interface of a list of SQL rows (no members)."""


class SqlRow(_rows.JsonDict, BaseSqlRow):
    """A SQL row: a dict of column values, with JSON conversion."""

    _repr_name = "SqlRow"


class SqlRowList(collections.UserList[Any], BaseSqlRowList):
    """A list of :class:`SqlRow` (``None`` where the host sent ``null``)."""
