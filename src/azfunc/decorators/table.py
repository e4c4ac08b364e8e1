"""Table storage input and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import TABLE
from azfunc.decorators.core import DataType, InputBinding, OutputBinding


class TableInput(InputBinding):
    """``table`` (IN): entities read from a Storage or Cosmos DB table."""

    @staticmethod
    def get_binding_name() -> str:
        return TABLE

    def __init__(
        self,
        name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        take: int | None = None,
        filter: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.table_name = table_name
        self.row_key = row_key
        self.partition_key = partition_key
        self.take = take
        self.filter = filter
        super().__init__(name=name, data_type=data_type)


class TableOutput(OutputBinding):
    """``table`` (OUT): entities written to a Storage or Cosmos DB table."""

    @staticmethod
    def get_binding_name() -> str:
        return TABLE

    def __init__(
        self,
        name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.table_name = table_name
        self.row_key = row_key
        self.partition_key = partition_key
        super().__init__(name=name, data_type=data_type)
