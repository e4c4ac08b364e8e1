"""Table storage decorators (no extra keywords, as in the reference)."""

from __future__ import annotations

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.table import TableInput, TableOutput


class _TableBindings(DecoratorApi):
    def table_input(
        self,
        arg_name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        take: int | None = None,
        filter: str | None = None,
        data_type: DataType | str | None = None,
    ) -> FunctionDecorator:
        """Read table entities into the function (a JSON string of one entity or a list).

        Emits a ``table`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the entities.
        :param connection: Name of the app setting that locates the table service.
        :param table_name: Table to read.
        :param row_key: Row key of the one entity to read.
        :param partition_key: Partition to read from.
        :param take: Maximum number of entities to read.
        :param filter: OData filter expression.
        :param data_type: How the host hands over the payload.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-table-input
        """
        return self._add_binding(
            TableInput(
                name=arg_name,
                connection=connection,
                table_name=table_name,
                row_key=row_key,
                partition_key=partition_key,
                take=take,
                filter=filter,
                data_type=data_type,
            )
        )

    def table_output(
        self,
        arg_name: str,
        connection: str,
        table_name: str,
        row_key: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
    ) -> FunctionDecorator:
        """Write table entities from the function.

        Emits a ``table`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter or ``$return`` taking the entity JSON.
        :param connection: Name of the app setting that locates the table service.
        :param table_name: Table to write to.
        :param row_key: Row key of the entity.
        :param partition_key: Partition key of the entity.
        :param data_type: How the worker hands the payload to the host.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-table-output
        """
        return self._add_binding(
            TableOutput(
                name=arg_name,
                connection=connection,
                table_name=table_name,
                row_key=row_key,
                partition_key=partition_key,
                data_type=data_type,
            )
        )
