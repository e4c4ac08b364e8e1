"""Event Grid decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.eventgrid import EventGridOutput, EventGridTrigger


class _EventGridTriggers(DecoratorApi):
    def event_grid_trigger(
        self, arg_name: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Run the function for each Event Grid event delivered to its subscription.

        Emits an ``eventGridTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.EventGridEvent`
            (or a CloudEvent, by the event schema).
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/eventgridtrigger
        """
        return self._add_trigger(EventGridTrigger(name=arg_name, data_type=data_type, **kwargs))


class _EventGridBindings(DecoratorApi):
    def event_grid_output(
        self,
        arg_name: str,
        topic_endpoint_uri: str | None = None,
        topic_key_setting: str | None = None,
        connection: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Publish events to an Event Grid topic from the function.

        Emits an ``eventGrid`` binding (direction OUT) into function.json. Give either
        ``connection`` alone, or both ``topic_endpoint_uri`` and ``topic_key_setting``.

        :param arg_name: ``Out`` parameter (``func.Out[func.EventGridOutputEvent]``) or ``$return``.
        :param topic_endpoint_uri: Name of the app setting holding the topic endpoint.
        :param topic_key_setting: Name of the app setting holding the topic access key.
        :param connection: Name of the app setting prefix for an identity-based connection.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises ValueError: not exactly one of the two ways of locating the topic is given
            (raised when the decorator is applied, as in the reference).
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`
            (raised when the decorator is applied).

        Source: https://aka.ms/eventgridtrigger
        """
        return self._add_binding_when_applied(
            lambda: EventGridOutput(
                name=arg_name,
                topic_endpoint_uri=topic_endpoint_uri,
                topic_key_setting=topic_key_setting,
                connection=connection,
                data_type=data_type,
                **kwargs,
            )
        )
