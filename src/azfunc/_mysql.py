"""MySQL rows (:class:`azfunc.MySqlRow`, :class:`azfunc.MySqlRowList`)."""

from __future__ import annotations

import abc
import collections
from typing import Any

from azfunc import _rows
from azfunc._jsonutils import json as json  # the reference's module-level name

__all__ = ["BaseMySqlRow", "BaseMySqlRowList", "MySqlRow", "MySqlRowList"]


class BaseMySqlRow(_rows.AbstractRow):
    """The interface of a MySQL row: item access plus JSON conversion."""


class BaseMySqlRowList(abc.ABC):  # noqa: B024 - a marker interface, as in the reference
    """The interface of a list of MySQL rows (no members)."""


class MySqlRow(_rows.JsonDict, BaseMySqlRow):
    """A MySQL row: a dict of column values, with JSON conversion."""

    _repr_name = "MySqlRow"


class MySqlRowList(collections.UserList[Any], BaseMySqlRowList):
    """A list of :class:`MySqlRow` (``None`` where the host sent ``null``)."""
