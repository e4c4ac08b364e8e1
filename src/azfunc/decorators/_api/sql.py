"""Azure SQL decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.sql import SqlInput, SqlOutput, SqlTrigger


class _SqlTriggers(DecoratorApi):
    def sql_trigger(
        self,
        arg_name: str,
        table_name: str,
        connection_string_setting: str,
        leases_table_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when rows of a SQL table change.

        Emits a ``sqlTrigger`` binding (direction IN) into function.json. The table must
        have change tracking enabled.

        :param arg_name: Parameter that receives the changes, a JSON list of
            ``{"Item": row, "Operation": 0 | 1 | 2}`` (insert, update, delete).
        :param table_name: Table to watch, e.g. ``"dbo.Orders"``.
        :param connection_string_setting: Name of the app setting with the connection
            string. It is never the connection string itself.
        :param leases_table_name: Table that stores the trigger's leases; the host names
            one per function when omitted.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-sql-trigger
        """
        return self._add_trigger(
            SqlTrigger(
                name=arg_name,
                table_name=table_name,
                connection_string_setting=connection_string_setting,
                leases_table_name=leases_table_name,
                data_type=data_type,
                **kwargs,
            )
        )


class _SqlBindings(DecoratorApi):
    def sql_input(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        command_type: str | None = "Text",
        parameters: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read rows from SQL into the function with a query or a stored procedure.

        Emits a ``sql`` binding (direction IN) into function.json; ``commandType`` is
        always emitted (``"Text"`` by default).

        :param arg_name: Parameter that receives the rows, a :class:`~azfunc.SqlRowList`.
        :param command_text: The query, or the name of the stored procedure.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param command_type: ``"Text"`` for a query, ``"StoredProcedure"`` for a procedure.
        :param parameters: Query parameters as ``"@Name={name},@Id={id}"``; the values may
            be binding expressions.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-sql-input
        """
        return self._add_binding(
            SqlInput(
                name=arg_name,
                command_text=command_text,
                connection_string_setting=connection_string_setting,
                command_type=command_type,
                parameters=parameters,
                data_type=data_type,
                **kwargs,
            )
        )

    def sql_output(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Upsert rows into a SQL table from the function.

        Emits a ``sql`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[func.SqlRow]`` or
            ``func.Out[func.SqlRowList]``) or ``$return``.
        :param command_text: Table to write to, e.g. ``"dbo.Orders"``.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-sql-output
        """
        return self._add_binding(
            SqlOutput(
                name=arg_name,
                command_text=command_text,
                connection_string_setting=connection_string_setting,
                data_type=data_type,
                **kwargs,
            )
        )
