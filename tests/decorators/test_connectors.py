"""Connector trigger class: exact dict repr."""

from __future__ import annotations

from azfunc.decorators.connectors import ConnectorTrigger
from azfunc.decorators.core import BindingDirection, DataType


def test_connector_trigger_emits_its_extra_fields() -> None:
    trigger = ConnectorTrigger(name="event", data_type="binary", connector_name="office365")
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "dataType": DataType.BINARY,
        "type": "connectorTrigger",
        "name": "event",
        "connectorName": "office365",
    }
