"""Azure SQL converter for the input and output bindings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _rows, meta
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc._sql import BaseSqlRow, BaseSqlRowList, SqlRow, SqlRowList
from azfunc.decorators.constants import SQL
from azfunc.meta import Datum

__all__ = ["SqlConverter"]


class SqlConverter(meta.InConverter, meta.OutConverter, binding=SQL):
    """Decodes rows into a :class:`~azfunc.SqlRowList`; encodes a :class:`~azfunc.SqlRow`,
    a :class:`~azfunc.SqlRowList` or an iterable of rows."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, BaseSqlRowList)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_iterable_of(pytype, (BaseSqlRowList, BaseSqlRow))

    @classmethod
    def decode(
        cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> SqlRowList | None:
        return _rows.decode_rows(
            data, row=SqlRow, row_list=SqlRowList, unsupported="Unsupported payload type: {type}"
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return _rows.encode_rows(obj, row_type=BaseSqlRow, what="a SQL output binding")
