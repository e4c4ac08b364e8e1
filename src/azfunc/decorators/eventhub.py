"""Event Hubs trigger and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import EVENT_HUB, EVENT_HUB_TRIGGER
from azfunc.decorators.core import Cardinality, DataType, OutputBinding, Trigger
from azfunc.decorators.utils import parse_singular_param_to_enum


class EventHubTrigger(Trigger):
    """``eventHubTrigger``: run the function for events (or batches) of an event hub."""

    @staticmethod
    def get_binding_name() -> str:
        return EVENT_HUB_TRIGGER

    def __init__(
        self,
        name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        cardinality: Cardinality | str | None = None,
        consumer_group: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.event_hub_name = event_hub_name
        self.cardinality = parse_singular_param_to_enum(cardinality, Cardinality)
        self.consumer_group = consumer_group
        super().__init__(name=name, data_type=data_type)


class EventHubOutput(OutputBinding):
    """``eventHub``: events the function sends to an event hub."""

    @staticmethod
    def get_binding_name() -> str:
        return EVENT_HUB

    def __init__(
        self,
        name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.event_hub_name = event_hub_name
        super().__init__(name=name, data_type=data_type)
