"""Azure Database for MySQL decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.mysql import MySqlInput, MySqlOutput, MySqlTrigger


class _MySqlTriggers(DecoratorApi):
    def mysql_trigger(
        self,
        arg_name: str,
        table_name: str,
        connection_string_setting: str,
        leases_table_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when rows of a MySQL table change.

        Emits a ``mysqlTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the changed rows as JSON.
        :param table_name: Table to watch; it needs the ``az_func_updated_at`` column.
        :param connection_string_setting: Name of the app setting with the connection
            string. It is never the connection string itself.
        :param leases_table_name: Table that stores the trigger's leases; the host names
            one per function when omitted.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-mysql-trigger
        """
        return self._add_trigger(
            MySqlTrigger(
                name=arg_name,
                table_name=table_name,
                connection_string_setting=connection_string_setting,
                leases_table_name=leases_table_name,
                data_type=data_type,
                **kwargs,
            )
        )


class _MySqlBindings(DecoratorApi):
    def mysql_input(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        command_type: str | None = "Text",
        parameters: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read rows from MySQL into the function with a query or a stored procedure.

        Emits a ``mysql`` binding (direction IN) into function.json; ``commandType`` is
        always emitted (``"Text"`` by default).

        :param arg_name: Parameter that receives the rows, a :class:`~azfunc.MySqlRowList`.
        :param command_text: The query, or the name of the stored procedure.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param command_type: ``"Text"`` for a query, ``"StoredProcedure"`` for a procedure.
        :param parameters: Query parameters as ``"@Name={name},@Id={id}"``; the values may
            be binding expressions.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-mysql-input
        """
        return self._add_binding(
            MySqlInput(
                name=arg_name,
                command_text=command_text,
                connection_string_setting=connection_string_setting,
                command_type=command_type,
                parameters=parameters,
                data_type=data_type,
                **kwargs,
            )
        )

    def mysql_output(
        self,
        arg_name: str,
        command_text: str,
        connection_string_setting: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Upsert rows into a MySQL table from the function.

        Emits a ``mysql`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[func.MySqlRow]`` or
            ``func.Out[func.MySqlRowList]``) or ``$return``.
        :param command_text: Table to write to.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-azure-mysql-output
        """
        return self._add_binding(
            MySqlOutput(
                name=arg_name,
                command_text=command_text,
                connection_string_setting=connection_string_setting,
                data_type=data_type,
                **kwargs,
            )
        )
