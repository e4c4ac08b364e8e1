"""Dapr trigger, input and output binding classes.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import (
    DAPR_BINDING,
    DAPR_BINDING_TRIGGER,
    DAPR_INVOKE,
    DAPR_PUBLISH,
    DAPR_SECRET,
    DAPR_SERVICE_INVOCATION_TRIGGER,
    DAPR_STATE,
    DAPR_TOPIC_TRIGGER,
)
from azfunc.decorators.core import DataType, InputBinding, OutputBinding, Trigger


class DaprServiceInvocationTrigger(Trigger):
    """``daprServiceInvocationTrigger``: run the function when a Dapr app invokes a method."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_SERVICE_INVOCATION_TRIGGER

    def __init__(
        self,
        name: str,
        method_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.method_name = method_name
        super().__init__(name=name, data_type=data_type)


class DaprBindingTrigger(Trigger):
    """``daprBindingTrigger``: run the function for events of a Dapr input binding."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_BINDING_TRIGGER

    def __init__(
        self,
        name: str,
        binding_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.binding_name = binding_name
        super().__init__(name=name, data_type=data_type)


class DaprTopicTrigger(Trigger):
    """``daprTopicTrigger``: run the function for messages published to a Dapr topic.

    :param route: Endpoint Dapr delivers the topic's messages to. Kept as given, as in
        the reference; ``dapr_topic_trigger`` fills in the topic when it is empty.
    """

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_TOPIC_TRIGGER

    def __init__(
        self,
        name: str,
        pub_sub_name: str,
        topic: str,
        route: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.pub_sub_name = pub_sub_name
        self.topic = topic
        self.route = route
        super().__init__(name=name, data_type=data_type)


class DaprStateInput(InputBinding):
    """``daprState`` (IN): a value read from a Dapr state store."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_STATE

    def __init__(
        self,
        name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.state_store = state_store
        self.key = key
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)


class DaprSecretInput(InputBinding):
    """``daprSecret``: a secret read from a Dapr secret store."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_SECRET

    def __init__(
        self,
        name: str,
        secret_store_name: str,
        key: str,
        metadata: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.secret_store_name = secret_store_name
        self.key = key
        self.metadata = metadata
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)


class DaprStateOutput(OutputBinding):
    """``daprState`` (OUT): a value the function saves to a Dapr state store."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_STATE

    def __init__(
        self,
        name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.state_store = state_store
        self.key = key
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)


class DaprInvokeOutput(OutputBinding):
    """``daprInvoke``: a request the function sends to a method of another Dapr app."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_INVOKE

    def __init__(
        self,
        name: str,
        app_id: str,
        method_name: str,
        http_verb: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.app_id = app_id
        self.method_name = method_name
        self.http_verb = http_verb
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)


class DaprPublishOutput(OutputBinding):
    """``daprPublish``: a message the function publishes to a Dapr topic."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_PUBLISH

    def __init__(
        self,
        name: str,
        pub_sub_name: str,
        topic: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.pub_sub_name = pub_sub_name
        self.topic = topic
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)


class DaprBindingOutput(OutputBinding):
    """``daprBinding``: data the function sends to a Dapr output binding."""

    @staticmethod
    def get_binding_name() -> str:
        return DAPR_BINDING

    def __init__(
        self,
        name: str,
        binding_name: str,
        operation: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.binding_name = binding_name
        self.operation = operation
        self.dapr_address = dapr_address
        super().__init__(name=name, data_type=data_type)
