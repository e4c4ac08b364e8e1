"""Generic decorators: any binding type, fields given as keywords."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.generic import GenericInputBinding, GenericOutputBinding, GenericTrigger


class _GenericTriggers(DecoratorApi):
    def generic_trigger(
        self, arg_name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Run the function from a trigger azfunc has no decorator for.

        Emits a binding of type ``type`` (direction IN) with ``kwargs`` as its fields. A
        ``type`` of ``"httpTrigger"`` is treated as HTTP: route and auth level defaults
        are appended.

        :param arg_name: Parameter that receives the trigger payload.
        :param type: The binding type string, e.g. ``"queueTrigger"``.
        :param data_type: How the host hands over the payload.
        :param kwargs: The binding's fields, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings
        """
        return self._add_trigger(
            GenericTrigger(name=arg_name, type=type, data_type=data_type, **kwargs)
        )


class _GenericBindings(DecoratorApi):
    def generic_input_binding(
        self, arg_name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Read data through a binding azfunc has no decorator for.

        Emits a binding of type ``type`` (direction IN) with ``kwargs`` as its fields.

        :param arg_name: Parameter that receives the data.
        :param type: The binding type string.
        :param data_type: How the host hands over the payload.
        :param kwargs: The binding's fields, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings
        """
        return self._add_binding(
            GenericInputBinding(name=arg_name, type=type, data_type=data_type, **kwargs)
        )

    def generic_output_binding(
        self, arg_name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Write data through a binding azfunc has no decorator for.

        Emits a binding of type ``type`` (direction OUT) with ``kwargs`` as its fields.

        :param arg_name: ``Out`` parameter or ``$return``.
        :param type: The binding type string.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: The binding's fields, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-triggers-bindings
        """
        return self._add_binding(
            GenericOutputBinding(name=arg_name, type=type, data_type=data_type, **kwargs)
        )
