"""Service Bus decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import AccessRights, Cardinality, DataType
from azfunc.decorators.servicebus import (
    ServiceBusQueueOutput,
    ServiceBusQueueTrigger,
    ServiceBusTopicOutput,
    ServiceBusTopicTrigger,
)


class _ServiceBusTriggers(DecoratorApi):
    def service_bus_queue_trigger(
        self,
        arg_name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        auto_complete_messages: bool | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for messages that arrive on a Service Bus queue.

        Emits a ``serviceBusTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.ServiceBusMessage`,
            or ``list[ServiceBusMessage]`` when ``cardinality`` is MANY.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param queue_name: Queue to listen on.
        :param data_type: How the host hands over the payload.
        :param access_rights: :class:`~azfunc.AccessRights` of the connection.
        :param is_sessions_enabled: Listen to a session-aware queue.
        :param cardinality: :class:`~azfunc.Cardinality`: ONE message or MANY per invocation.
        :param auto_complete_messages: Complete messages when the function succeeds.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum parameter is a string that names no member.

        Source: https://aka.ms/azure-function-binding-service-bus
        """
        return self._add_trigger(
            ServiceBusQueueTrigger(
                name=arg_name,
                connection=connection,
                queue_name=queue_name,
                data_type=data_type,
                access_rights=access_rights,
                is_sessions_enabled=is_sessions_enabled,
                cardinality=cardinality,
                auto_complete_messages=auto_complete_messages,
                **kwargs,
            )
        )

    def service_bus_topic_trigger(
        self,
        arg_name: str,
        connection: str,
        topic_name: str,
        subscription_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        auto_complete_messages: bool | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for messages that arrive on a Service Bus topic subscription.

        Emits a ``serviceBusTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.ServiceBusMessage`,
            or ``list[ServiceBusMessage]`` when ``cardinality`` is MANY.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param topic_name: Topic to listen on.
        :param subscription_name: Subscription of the topic.
        :param data_type: How the host hands over the payload.
        :param access_rights: :class:`~azfunc.AccessRights` of the connection.
        :param is_sessions_enabled: Listen to a session-aware subscription.
        :param cardinality: :class:`~azfunc.Cardinality`: ONE message or MANY per invocation.
        :param auto_complete_messages: Complete messages when the function succeeds.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum parameter is a string that names no member.

        Source: https://aka.ms/azure-function-binding-service-bus
        """
        return self._add_trigger(
            ServiceBusTopicTrigger(
                name=arg_name,
                connection=connection,
                topic_name=topic_name,
                subscription_name=subscription_name,
                data_type=data_type,
                access_rights=access_rights,
                is_sessions_enabled=is_sessions_enabled,
                cardinality=cardinality,
                auto_complete_messages=auto_complete_messages,
                **kwargs,
            )
        )


class _ServiceBusBindings(DecoratorApi):
    def service_bus_queue_output(
        self,
        arg_name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Send messages to a Service Bus queue from the function.

        Emits a ``serviceBus`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param queue_name: Queue to send to.
        :param data_type: How the worker hands the payload to the host.
        :param access_rights: :class:`~azfunc.AccessRights` of the connection.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum parameter is a string that names no member.

        Source: https://aka.ms/azure-function-binding-service-bus
        """
        return self._add_binding(
            ServiceBusQueueOutput(
                name=arg_name,
                connection=connection,
                queue_name=queue_name,
                data_type=data_type,
                access_rights=access_rights,
                **kwargs,
            )
        )

    def service_bus_topic_output(
        self,
        arg_name: str,
        connection: str,
        topic_name: str,
        subscription_name: str | None = None,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Send messages to a Service Bus topic from the function.

        Emits a ``serviceBus`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param connection: Name of the app setting (or prefix) that locates the namespace.
        :param topic_name: Topic to send to.
        :param subscription_name: Subscription name, emitted when given.
        :param data_type: How the worker hands the payload to the host.
        :param access_rights: :class:`~azfunc.AccessRights` of the connection.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum parameter is a string that names no member.

        Source: https://aka.ms/azure-function-binding-service-bus
        """
        return self._add_binding(
            ServiceBusTopicOutput(
                name=arg_name,
                connection=connection,
                topic_name=topic_name,
                subscription_name=subscription_name,
                data_type=data_type,
                access_rights=access_rights,
                **kwargs,
            )
        )
