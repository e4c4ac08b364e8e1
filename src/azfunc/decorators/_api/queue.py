"""Storage queue decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.queue import QueueOutput, QueueTrigger


class _QueueTriggers(DecoratorApi):
    def queue_trigger(
        self,
        arg_name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for each message that arrives on a Storage queue.

        Emits a ``queueTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.QueueMessage`.
        :param queue_name: Queue to poll; ``%setting%`` placeholders are resolved by the host.
        :param connection: Name of the app setting (or prefix) that locates the storage
            account. It is never the secret itself.
        :param data_type: How the host hands over the payload: STRING, BINARY or STREAM.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger
        """
        return self._add_trigger(
            QueueTrigger(
                name=arg_name,
                queue_name=queue_name,
                connection=connection,
                data_type=data_type,
                **kwargs,
            )
        )


class _QueueBindings(DecoratorApi):
    def queue_output(
        self,
        arg_name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Put messages on a Storage queue from the function.

        Emits a ``queue`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param queue_name: Queue to write to.
        :param connection: Name of the app setting (or prefix) that locates the storage account.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-output
        """
        return self._add_binding(
            QueueOutput(
                name=arg_name,
                queue_name=queue_name,
                connection=connection,
                data_type=data_type,
                **kwargs,
            )
        )
