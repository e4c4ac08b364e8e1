"""Connector trigger decorator."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.connectors import ConnectorTrigger
from azfunc.decorators.core import DataType


class _ConnectorTriggers(DecoratorApi):
    def connector_trigger(
        self, arg_name: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Run the function when a Logic Apps connector delivers an event.

        Emits a ``connectorTrigger`` binding (direction IN) into function.json, with
        ``kwargs`` as its fields.

        :param arg_name: Parameter that receives the event: ``str``, ``bytes`` or ``dict``
            (the payload is handed over unparsed).
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings
        """
        return self._add_trigger(ConnectorTrigger(name=arg_name, data_type=data_type, **kwargs))
