"""Event Grid trigger and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import EVENT_GRID, EVENT_GRID_TRIGGER
from azfunc.decorators.core import DataType, OutputBinding, Trigger


class EventGridTrigger(Trigger):
    """``eventGridTrigger``: run the function for each Event Grid event delivered to it."""

    @staticmethod
    def get_binding_name() -> str:
        return EVENT_GRID_TRIGGER

    def __init__(self, name: str, data_type: DataType | str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, data_type=data_type)


class EventGridOutput(OutputBinding):
    """``eventGrid``: events the function publishes to an Event Grid topic.

    Give either ``connection`` alone, or both ``topic_endpoint_uri`` and
    ``topic_key_setting``; the constructor checks this, see :func:`check_event_grid_output`.

    :raises ValueError: not exactly one of the two ways of locating the topic is given.
    """

    @staticmethod
    def get_binding_name() -> str:
        return EVENT_GRID

    def __init__(
        self,
        name: str,
        topic_endpoint_uri: str | None = None,
        topic_key_setting: str | None = None,
        connection: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.topic_endpoint_uri = topic_endpoint_uri
        self.topic_key_setting = topic_key_setting
        self.connection = connection
        super().__init__(name=name, data_type=data_type)
        check_event_grid_output(topic_endpoint_uri, topic_key_setting, connection)


def check_event_grid_output(
    topic_endpoint_uri: str | None, topic_key_setting: str | None, connection: str | None
) -> None:
    """Check that exactly one way of locating the topic is given.

    :raises ValueError: neither, both, or only half of the topic settings are given.
    """
    by_connection = connection is not None
    by_topic = topic_endpoint_uri is not None and topic_key_setting is not None
    partial_topic = (topic_endpoint_uri is None) != (topic_key_setting is None)
    if by_connection == by_topic or partial_topic:
        raise ValueError(
            "Specify either the 'Connection' property or both 'TopicKeySetting' and "
            "'TopicEndpointUri' properties, but not both."
        )
