"""Azure Database for MySQL trigger, input and output binding classes.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-mysql
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import MYSQL, MYSQL_TRIGGER
from azfunc.decorators.core import DataType, InputBinding, OutputBinding, Trigger


class MySqlTrigger(Trigger):
    """``mysqlTrigger``: run the function for rows changed in a MySQL table."""

    @staticmethod
    def get_binding_name() -> str:
        return MYSQL_TRIGGER

    def __init__(
        self,
        name: str,
        table_name: str,
        connection_string_setting: str,
        leases_table_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.table_name = table_name
        self.connection_string_setting = connection_string_setting
        self.leases_table_name = leases_table_name
        super().__init__(name=name, data_type=data_type)


class MySqlInput(InputBinding):
    """``mysql``: rows an Azure Database for MySQL query or stored procedure returns."""

    @staticmethod
    def get_binding_name() -> str:
        return MYSQL

    def __init__(
        self,
        name: str,
        command_text: str,
        connection_string_setting: str,
        command_type: str | None = "Text",
        parameters: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.command_text = command_text
        self.connection_string_setting = connection_string_setting
        self.command_type = command_type
        self.parameters = parameters
        super().__init__(name=name, data_type=data_type)


class MySqlOutput(OutputBinding):
    """``mysql``: rows the function upserts into an Azure Database for MySQL table."""

    @staticmethod
    def get_binding_name() -> str:
        return MYSQL

    def __init__(
        self,
        name: str,
        command_text: str,
        connection_string_setting: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.command_text = command_text
        self.connection_string_setting = connection_string_setting
        super().__init__(name=name, data_type=data_type)
