"""Durable Functions binding classes, and the call-time adapters to the Durable Functions SDK.

Decorating never imports the SDK: the four binding classes below build the metadata
natively. Orchestrator, entity and client functions need the SDK
(``azure-functions-durable``) when they run; their adapters import it on the first call
and then wrap the user's function as the SDK does (``Orchestrator.create``,
``Entity.create``, ``DurableOrchestrationClient``). Activity functions run unchanged.

Source: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-overview
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

from azfunc.decorators.constants import (
    ACTIVITY_TRIGGER,
    DURABLE_CLIENT,
    ENTITY_TRIGGER,
    ORCHESTRATION_TRIGGER,
)
from azfunc.decorators.core import DataType, InputBinding, Trigger

__all__ = [
    "ActivityTrigger",
    "DurableClient",
    "EntityTrigger",
    "OrchestrationTrigger",
    "client_function",
    "entity_function",
    "orchestrator_function",
]

DURABLE_SDK_MODULE = "azure.durable_functions"
DURABLE_SDK_PACKAGE = "azure-functions-durable"


class OrchestrationTrigger(Trigger):
    """``orchestrationTrigger``: run the function as a Durable Functions orchestrator."""

    @staticmethod
    def get_binding_name() -> str:
        return ORCHESTRATION_TRIGGER

    def __init__(
        self,
        name: str,
        orchestration: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.orchestration = orchestration
        super().__init__(name=name, data_type=data_type)


class ActivityTrigger(Trigger):
    """``activityTrigger``: run the function as an activity that orchestrators call."""

    @staticmethod
    def get_binding_name() -> str:
        return ACTIVITY_TRIGGER

    def __init__(
        self,
        name: str,
        activity: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.activity = activity
        super().__init__(name=name, data_type=data_type)


class EntityTrigger(Trigger):
    """``entityTrigger``: run the function as a durable entity."""

    @staticmethod
    def get_binding_name() -> str:
        return ENTITY_TRIGGER

    def __init__(
        self,
        name: str,
        entity_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.entity_name = entity_name
        super().__init__(name=name, data_type=data_type)


class DurableClient(InputBinding):
    """``durableClient``: a client that starts and manages orchestrations and entities."""

    @staticmethod
    def get_binding_name() -> str:
        return DURABLE_CLIENT

    def __init__(
        self,
        name: str,
        task_hub: str | None = None,
        connection_name: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.task_hub = task_hub
        self.connection_name = connection_name
        super().__init__(name=name, data_type=data_type)


# --- call-time adapters ------------------------------------------------------------------


def durable_sdk(function_name: str | None = None) -> ModuleType:
    """Import and return ``azure.durable_functions``.

    :param function_name: The function that needs the SDK, named in the error.
    :raises ImportError: the SDK is not installed; the message says what to install.
    """
    try:
        return importlib.import_module(DURABLE_SDK_MODULE)
    except ImportError as err:
        needs = (
            "Install it with"
            if function_name is None
            else (f"Function {function_name!r} needs it to run")
        )
        raise ImportError(
            "Attempted to use a Durable Functions decorator, but the "
            f"`{DURABLE_SDK_PACKAGE}` SDK package could not be found. Please install "
            f"`{DURABLE_SDK_PACKAGE}` to use Durable Functions. {needs}: "
            f"pip install {DURABLE_SDK_PACKAGE}",
            name=DURABLE_SDK_MODULE,
        ) from err


def _single_argument(
    function_name: str, parameter: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    if len(args) + len(kwargs) != 1 or (kwargs and parameter not in kwargs):
        raise TypeError(
            f"{function_name}() takes exactly one argument, {parameter!r}; got "
            f"{len(args)} positional and keywords {sorted(kwargs)}"
        )
    return args[0] if args else kwargs[parameter]


def _sdk_handle(func: Callable[..., Any], parameter: str, factory: str) -> Callable[..., Any]:
    """Return ``(parameter) -> str`` calling ``getattr(sdk, factory).create(func)``, made once."""
    handles: list[Callable[[Any], Any]] = []

    @functools.wraps(func)
    def handle(*args: Any, **kwargs: Any) -> Any:
        context = _single_argument(func.__name__, parameter, args, kwargs)
        if not handles:
            handles.append(getattr(durable_sdk(func.__name__), factory).create(func))
        return handles[0](context)

    handle.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(parameter, inspect.Parameter.POSITIONAL_OR_KEYWORD)],
        return_annotation=str,
    )
    return handle


def orchestrator_function(func: Callable[..., Any], context_name: str) -> Callable[..., Any]:
    """Return the function the worker calls for orchestrator ``func``.

    It takes the orchestration context (the binding ``context_name``) and returns the
    SDK's JSON state string; the SDK's ``Orchestrator.create(func)`` does the work.
    """
    return _sdk_handle(func, context_name, "Orchestrator")


def entity_function(func: Callable[..., Any], context_name: str) -> Callable[..., Any]:
    """Return the function the worker calls for entity ``func`` (SDK ``Entity.create``)."""
    return _sdk_handle(func, context_name, "Entity")


def _own_response(value: Any) -> Any:
    """Return ``value``, or azfunc's copy of an azure.functions ``HttpResponse``.

    The SDK builds its responses (``create_check_status_response``, ...) with the
    azure.functions it imports; azfunc's HTTP output takes its own ``HttpResponse``.
    """
    cls = type(value)
    if cls.__name__ != "HttpResponse" or not cls.__module__.startswith("azure.functions"):
        return value
    from azfunc._http import HttpResponse

    return HttpResponse(
        value.get_body(),
        status_code=value.status_code,
        headers=dict(value.headers),
        mimetype=value.mimetype,
        charset=value.charset,
    )


def client_function(func: Callable[..., Any], client_name: str) -> Callable[..., Any]:
    """Return ``func`` with its ``client_name`` argument made a ``DurableOrchestrationClient``.

    The worker passes the client binding as a JSON string (hence the parameter is
    annotated ``str`` in the returned signature); the SDK object is built from it on
    each call. An async ``func`` gives an async function, a sync one a sync function.
    An azure.functions ``HttpResponse`` it returns (the SDK's
    ``create_check_status_response`` builds one) becomes azfunc's ``HttpResponse``.
    """
    try:
        signature = inspect.signature(func, eval_str=True)
    except (NameError, SyntaxError, TypeError, AttributeError):
        signature = inspect.signature(func)
    names = list(signature.parameters)
    position = names.index(client_name) if client_name in names else None

    def with_client(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        client_type = durable_sdk(func.__name__).DurableOrchestrationClient
        if client_name in kwargs:
            kwargs[client_name] = client_type(kwargs[client_name])
        elif position is not None and position < len(args):
            args = (*args[:position], client_type(args[position]), *args[position + 1 :])
        return args

    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_client(*args: Any, **kwargs: Any) -> Any:
            return _own_response(await func(*with_client(args, kwargs), **kwargs))

        wrapper: Callable[..., Any] = async_client
    else:

        @functools.wraps(func)
        def sync_client(*args: Any, **kwargs: Any) -> Any:
            return _own_response(func(*with_client(args, kwargs), **kwargs))

        wrapper = sync_client
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[
            param.replace(annotation=str) if param.name == client_name else param
            for param in signature.parameters.values()
        ]
    )
    return wrapper
