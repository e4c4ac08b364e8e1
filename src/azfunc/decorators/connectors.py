"""Connector trigger binding class (Logic Apps connectors running Azure Functions).

Source: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import CONNECTOR_TRIGGER
from azfunc.decorators.core import DataType, Trigger


class ConnectorTrigger(Trigger):
    """``connectorTrigger``: run the function when a connector delivers an event."""

    @staticmethod
    def get_binding_name() -> str:
        return CONNECTOR_TRIGGER

    def __init__(self, name: str, data_type: DataType | str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, data_type=data_type)
