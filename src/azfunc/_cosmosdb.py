"""Cosmos DB documents (:class:`azfunc.Document`, :class:`azfunc.DocumentList`)."""

from __future__ import annotations

import collections
from typing import Any

from azfunc import _abc, _rows
from azfunc._jsonutils import json as json  # the reference's module-level name

__all__ = ["Document", "DocumentList"]


class Document(_rows.JsonDict, _abc.Document):
    """A Cosmos DB document: a dict of its fields, with JSON conversion.

    Build one with ``Document.from_json(text)``, ``Document.from_dict(d)`` or
    ``Document(d)``; it compares equal to a dict with the same items.
    """

    _repr_name = "azure.Document"

    def to_dict(self) -> dict[str, Any]:
        """Return the document's fields as a plain dict."""
        return dict(self.data)


class DocumentList(collections.UserList[Any], _abc.DocumentList):
    """A list of :class:`Document` (``None`` where the host sent ``null``)."""
