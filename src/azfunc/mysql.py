"""MySQL converters for the input and output bindings and the change trigger."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _rows, meta
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc._mysql import BaseMySqlRow, BaseMySqlRowList, MySqlRow, MySqlRowList
from azfunc.decorators.constants import MYSQL, MYSQL_TRIGGER
from azfunc.meta import Datum

__all__ = ["MySqlConverter", "MySqlTriggerConverter"]


class MySqlConverter(meta.InConverter, meta.OutConverter, binding=MYSQL):
    """Decodes rows into a :class:`~azfunc.MySqlRowList`; encodes a :class:`~azfunc.MySqlRow`,
    a :class:`~azfunc.MySqlRowList` or an iterable of rows."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, BaseMySqlRowList)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_iterable_of(pytype, (BaseMySqlRowList, BaseMySqlRow))

    @classmethod
    def decode(
        cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> MySqlRowList | None:
        return _rows.decode_rows(
            data,
            row=MySqlRow,
            row_list=MySqlRowList,
            unsupported="Unsupported payload type: {type}",
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return _rows.encode_rows(obj, row_type=BaseMySqlRow, what="a MySQL output binding")


class MySqlTriggerConverter(MySqlConverter, binding=MYSQL_TRIGGER, trigger=True):
    """Decodes the changed rows a MySQL trigger delivers."""
