"""Cosmos DB converters for the input/output binding and the change-feed trigger."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _abc, _rows, meta
from azfunc._cosmosdb import Document, DocumentList
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import COSMOS_DB, COSMOS_DB_TRIGGER
from azfunc.meta import Datum

__all__ = ["CosmosDBConverter", "CosmosDBTriggerConverter"]


class CosmosDBConverter(meta.InConverter, meta.OutConverter, binding=COSMOS_DB):
    """Decodes documents into a :class:`~azfunc.DocumentList`; encodes a
    :class:`~azfunc.Document`, a :class:`~azfunc.DocumentList` or an iterable of documents."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, _abc.DocumentList)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_iterable_of(pytype, (_abc.DocumentList, _abc.Document))

    @classmethod
    def decode(
        cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> DocumentList | None:
        return _rows.decode_rows(
            data,
            row=Document,
            row_list=DocumentList,
            # The reference's text, "queue" included.
            unsupported="unsupported queue payload type: {type}",
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return _rows.encode_rows(obj, row_type=_abc.Document, what="a Cosmos DB output binding")


class CosmosDBTriggerConverter(CosmosDBConverter, binding=COSMOS_DB_TRIGGER, trigger=True):
    """Decodes the documents of a Cosmos DB change-feed trigger."""
