"""Dapr decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.dapr import (
    DaprBindingOutput,
    DaprBindingTrigger,
    DaprInvokeOutput,
    DaprPublishOutput,
    DaprSecretInput,
    DaprServiceInvocationTrigger,
    DaprStateInput,
    DaprStateOutput,
    DaprTopicTrigger,
)


class _DaprTriggers(DecoratorApi):
    def dapr_service_invocation_trigger(
        self,
        arg_name: str,
        method_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when another Dapr app invokes one of this app's methods.

        Emits a ``daprServiceInvocationTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the request body.
        :param method_name: Method name callers invoke.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-trigger
        """
        return self._add_trigger(
            DaprServiceInvocationTrigger(
                name=arg_name,
                method_name=method_name,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_binding_trigger(
        self,
        arg_name: str,
        binding_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for events of a Dapr input binding.

        Emits a ``daprBindingTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the event payload.
        :param binding_name: Name of the Dapr binding component.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-trigger
        """
        return self._add_trigger(
            DaprBindingTrigger(
                name=arg_name,
                binding_name=binding_name,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_topic_trigger(
        self,
        arg_name: str,
        pub_sub_name: str,
        topic: str,
        route: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for messages published to a Dapr pub/sub topic.

        Emits a ``daprTopicTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the message (a CloudEvent as JSON).
        :param pub_sub_name: Name of the Dapr pub/sub component.
        :param topic: Topic to subscribe to.
        :param route: Endpoint Dapr delivers the messages to; empty or ``None`` means ``topic``.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-topic-trigger
        """
        return self._add_trigger(
            DaprTopicTrigger(
                name=arg_name,
                pub_sub_name=pub_sub_name,
                topic=topic,
                route=route or topic,
                data_type=data_type,
                **kwargs,
            )
        )


class _DaprBindings(DecoratorApi):
    def dapr_state_input(
        self,
        arg_name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read a value from a Dapr state store into the function.

        Emits a ``daprState`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the value.
        :param state_store: Name of the state store component.
        :param key: Key of the value; may be a binding expression such as ``{key}``.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-state-input
        """
        return self._add_binding(
            DaprStateInput(
                name=arg_name,
                state_store=state_store,
                key=key,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_secret_input(
        self,
        arg_name: str,
        secret_store_name: str,
        key: str,
        metadata: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read a secret from a Dapr secret store into the function.

        Emits a ``daprSecret`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the secret(s) as a JSON object.
        :param secret_store_name: Name of the secret store component.
        :param key: Name of the secret.
        :param metadata: Metadata the secret store needs, e.g. ``"metadata.namespace=default"``.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-secret
        """
        return self._add_binding(
            DaprSecretInput(
                name=arg_name,
                secret_store_name=secret_store_name,
                key=key,
                metadata=metadata,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_state_output(
        self,
        arg_name: str,
        state_store: str,
        key: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Save a value to a Dapr state store from the function.

        Emits a ``daprState`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param state_store: Name of the state store component.
        :param key: Key to save under; may be a binding expression.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-state-output
        """
        return self._add_binding(
            DaprStateOutput(
                name=arg_name,
                state_store=state_store,
                key=key,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_invoke_output(
        self,
        arg_name: str,
        app_id: str,
        method_name: str,
        http_verb: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Invoke a method of another Dapr app from the function.

        Emits a ``daprInvoke`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``: the request body.
        :param app_id: Dapr app id of the app to call.
        :param method_name: Method to invoke.
        :param http_verb: HTTP verb of the call, e.g. ``"post"``.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-invoke-output
        """
        return self._add_binding(
            DaprInvokeOutput(
                name=arg_name,
                app_id=app_id,
                method_name=method_name,
                http_verb=http_verb,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_publish_output(
        self,
        arg_name: str,
        pub_sub_name: str,
        topic: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Publish a message to a Dapr pub/sub topic from the function.

        Emits a ``daprPublish`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param pub_sub_name: Name of the Dapr pub/sub component.
        :param topic: Topic to publish to.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-publish
        """
        return self._add_binding(
            DaprPublishOutput(
                name=arg_name,
                pub_sub_name=pub_sub_name,
                topic=topic,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )

    def dapr_binding_output(
        self,
        arg_name: str,
        binding_name: str,
        operation: str,
        dapr_address: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Send data to a Dapr output binding from the function.

        Emits a ``daprBinding`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param binding_name: Name of the Dapr binding component.
        :param operation: Operation of the binding, e.g. ``"create"``.
        :param dapr_address: Address of the Dapr sidecar; the local sidecar by default.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-dapr-binding-output
        """
        return self._add_binding(
            DaprBindingOutput(
                name=arg_name,
                binding_name=binding_name,
                operation=operation,
                dapr_address=dapr_address,
                data_type=data_type,
                **kwargs,
            )
        )
