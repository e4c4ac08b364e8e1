"""Service Bus trigger and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import SERVICE_BUS, SERVICE_BUS_TRIGGER
from azfunc.decorators.core import AccessRights, Cardinality, DataType, OutputBinding, Trigger
from azfunc.decorators.utils import parse_singular_param_to_enum


class ServiceBusQueueTrigger(Trigger):
    """``serviceBusTrigger`` on a queue."""

    @staticmethod
    def get_binding_name() -> str:
        return SERVICE_BUS_TRIGGER

    def __init__(
        self,
        name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.queue_name = queue_name
        self.access_rights = parse_singular_param_to_enum(access_rights, AccessRights)
        self.is_sessions_enabled = is_sessions_enabled
        self.cardinality = parse_singular_param_to_enum(cardinality, Cardinality)
        super().__init__(name=name, data_type=data_type)


class ServiceBusQueueOutput(OutputBinding):
    """``serviceBus`` output to a queue."""

    @staticmethod
    def get_binding_name() -> str:
        return SERVICE_BUS

    def __init__(
        self,
        name: str,
        connection: str,
        queue_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.queue_name = queue_name
        self.access_rights = parse_singular_param_to_enum(access_rights, AccessRights)
        super().__init__(name=name, data_type=data_type)


class ServiceBusTopicTrigger(Trigger):
    """``serviceBusTrigger`` on a topic subscription."""

    @staticmethod
    def get_binding_name() -> str:
        return SERVICE_BUS_TRIGGER

    def __init__(
        self,
        name: str,
        connection: str,
        topic_name: str,
        subscription_name: str,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        is_sessions_enabled: bool | None = None,
        cardinality: Cardinality | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.topic_name = topic_name
        self.subscription_name = subscription_name
        self.access_rights = parse_singular_param_to_enum(access_rights, AccessRights)
        self.is_sessions_enabled = is_sessions_enabled
        self.cardinality = parse_singular_param_to_enum(cardinality, Cardinality)
        super().__init__(name=name, data_type=data_type)


class ServiceBusTopicOutput(OutputBinding):
    """``serviceBus`` output to a topic."""

    @staticmethod
    def get_binding_name() -> str:
        return SERVICE_BUS

    def __init__(
        self,
        name: str,
        connection: str,
        topic_name: str,
        subscription_name: str | None = None,
        data_type: DataType | str | None = None,
        access_rights: AccessRights | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.topic_name = topic_name
        self.subscription_name = subscription_name
        self.access_rights = parse_singular_param_to_enum(access_rights, AccessRights)
        super().__init__(name=name, data_type=data_type)
