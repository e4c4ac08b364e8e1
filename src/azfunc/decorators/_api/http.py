"""HTTP decorator: ``route``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.http import HttpMethod, HttpOutput, HttpTrigger


class _HttpTriggers(DecoratorApi):
    def route(
        self,
        route: str | None = None,
        trigger_arg_name: str = "req",
        binding_arg_name: str = "$return",
        methods: Iterable[HttpMethod | str] | str | None = None,
        auth_level: AuthLevel | str | None = None,
        trigger_extra_fields: dict[str, Any] | None = None,
        binding_extra_fields: dict[str, Any] | None = None,
    ) -> FunctionDecorator:
        """Serve HTTP requests with the function; the function returns the response.

        Emits an ``httpTrigger`` binding (direction IN) and an ``http`` output binding
        (direction OUT) into function.json.

        :param route: Route template relative to the host's route prefix (``api`` by
            default), e.g. ``"users/{id:int}"``. ``None`` uses the function name.
        :param trigger_arg_name: Parameter that receives the :class:`~azfunc.HttpRequest`.
        :param binding_arg_name: Name of the output; ``$return`` means the return value
            (an :class:`~azfunc.HttpResponse` or ``str``) is the response.
        :param methods: Accepted methods, :class:`~azfunc.HttpMethod` members or names in
            any case (``["GET", "post"]``); a single name counts as one method. ``None``
            accepts all.
        :param auth_level: Key required by the host; ``None`` uses the app's ``http_auth_level``.
        :param trigger_extra_fields: Extra keys of the trigger, snake_case, emitted camelCase.
        :param binding_extra_fields: Extra keys of the output binding, emitted camelCase.
        :raises KeyError: a method or ``auth_level`` names no member.
        :raises TypeError: an extra field repeats an explicit parameter (``route``, ``methods``).

        Source: https://aka.ms/azure-function-binding-http
        """
        trigger = HttpTrigger(
            name=trigger_arg_name,
            methods=methods,
            auth_level=auth_level,
            route=route,
            **(trigger_extra_fields or {}),
        )
        output = HttpOutput(name=binding_arg_name, **(binding_extra_fields or {}))
        return self._configure_function_builder(
            lambda fb: fb.add_trigger(trigger).add_binding(output)
        )
