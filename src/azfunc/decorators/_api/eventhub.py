"""Event Hubs decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import Cardinality, DataType
from azfunc.decorators.eventhub import EventHubOutput, EventHubTrigger


class _EventHubTriggers(DecoratorApi):
    def event_hub_message_trigger(
        self,
        arg_name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        cardinality: Cardinality | str | None = None,
        consumer_group: str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for events sent to an event hub.

        Emits an ``eventHubTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.EventHubEvent`, or
            ``list[EventHubEvent]`` when ``cardinality`` is MANY.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param event_hub_name: Event hub to read from.
        :param data_type: How the host hands over the payload.
        :param cardinality: :class:`~azfunc.Cardinality`: ONE event or MANY per invocation.
        :param consumer_group: Consumer group to read with (``$Default`` when omitted).
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum parameter is a string that names no member.

        Source: https://aka.ms/azure-function-binding-event-hubs
        """
        return self._add_trigger(
            EventHubTrigger(
                name=arg_name,
                connection=connection,
                event_hub_name=event_hub_name,
                data_type=data_type,
                cardinality=cardinality,
                consumer_group=consumer_group,
                **kwargs,
            )
        )


class _EventHubBindings(DecoratorApi):
    def event_hub_output(
        self,
        arg_name: str,
        connection: str,
        event_hub_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Send events to an event hub from the function.

        Emits an ``eventHub`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param event_hub_name: Event hub to send to.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/azure-function-binding-event-hubs
        """
        return self._add_binding(
            EventHubOutput(
                name=arg_name,
                connection=connection,
                event_hub_name=event_hub_name,
                data_type=data_type,
                **kwargs,
            )
        )
