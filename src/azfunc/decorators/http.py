"""HTTP trigger and output binding classes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from azfunc.decorators.constants import HTTP_OUTPUT, HTTP_TRIGGER
from azfunc.decorators.core import AuthLevel, DataType, OutputBinding, Trigger
from azfunc.decorators.utils import (
    StringifyEnum,
    parse_iterable_param_to_enums,
    parse_singular_param_to_enum,
)


class HttpMethod(StringifyEnum):
    """HTTP methods an HTTP trigger accepts (value equals name)."""

    GET = "GET"
    POST = "POST"
    DELETE = "DELETE"
    HEAD = "HEAD"
    PATCH = "PATCH"
    PUT = "PUT"
    OPTIONS = "OPTIONS"


class HttpTrigger(Trigger):
    """``httpTrigger``: run the function for each matching HTTP request.

    :param methods: Methods as :class:`HttpMethod` members or names in any case; a single
        name such as ``"GET"`` counts as one method.
    :param auth_level: An :class:`AuthLevel` member or its name in any case.
    :param route: The route template relative to the host's route prefix (``"users/{id:int}"``).
    :raises KeyError: a method or the auth level names no member.
    """

    @staticmethod
    def get_binding_name() -> str:
        return HTTP_TRIGGER

    def __init__(
        self,
        name: str,
        methods: Iterable[HttpMethod | str] | str | None = None,
        data_type: DataType | str | None = None,
        auth_level: AuthLevel | str | None = None,
        route: str | None = None,
        **kwargs: Any,
    ) -> None:
        if isinstance(methods, str):
            methods = [methods]
        self.methods = parse_iterable_param_to_enums(methods, HttpMethod)
        self.auth_level = parse_singular_param_to_enum(auth_level, AuthLevel)
        self.route = route
        super().__init__(name=name, data_type=data_type)


class HttpOutput(OutputBinding):
    """``http``: the HTTP response returned to the caller."""

    @staticmethod
    def get_binding_name() -> str:
        return HTTP_OUTPUT

    def __init__(self, name: str, data_type: DataType | str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, data_type=data_type)
