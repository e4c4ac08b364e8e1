"""The programming model: :class:`FunctionApp`, :class:`Blueprint` and their building blocks.

This module only composes: the decorator methods live in ``decorators/_api/<service>.py``
as trigger and binding mixins, and the registration mechanism in ``decorators/_builder.py``.

Source: https://aka.ms/azure-functions-python-v2-programming-model
"""

from __future__ import annotations

import abc
from abc import ABC
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import azfunc._lazy as _lazy
from azfunc.decorators._api.blob import _BlobBindings, _BlobTriggers
from azfunc.decorators._api.connectors import _ConnectorTriggers
from azfunc.decorators._api.cosmosdb import _CosmosDBBindings, _CosmosDBTriggers
from azfunc.decorators._api.dapr import _DaprBindings, _DaprTriggers
from azfunc.decorators._api.durable import _DurableBindings, _DurableTriggers
from azfunc.decorators._api.eventgrid import _EventGridBindings, _EventGridTriggers
from azfunc.decorators._api.eventhub import _EventHubBindings, _EventHubTriggers
from azfunc.decorators._api.generic import _GenericBindings, _GenericTriggers
from azfunc.decorators._api.http import _HttpTriggers
from azfunc.decorators._api.kafka import _KafkaBindings, _KafkaTriggers
from azfunc.decorators._api.mcp import _McpTriggers
from azfunc.decorators._api.mysql import _MySqlBindings, _MySqlTriggers
from azfunc.decorators._api.openai import _OpenAIBindings, _OpenAITriggers
from azfunc.decorators._api.queue import _QueueBindings, _QueueTriggers
from azfunc.decorators._api.servicebus import _ServiceBusBindings, _ServiceBusTriggers
from azfunc.decorators._api.settings import _RetrySettings
from azfunc.decorators._api.sql import _SqlBindings, _SqlTriggers
from azfunc.decorators._api.table import _TableBindings
from azfunc.decorators._api.timer import _TimerTriggers
from azfunc.decorators._builder import DecoratorApi, Function, FunctionBuilder
from azfunc.decorators._function_app_names import *  # noqa: F403 - the reference's namespace
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.http import HttpMethod
from azfunc.decorators.utils import parse_singular_param_to_enum

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

    from azfunc import _http
    from azfunc._abc import Context
    from azfunc._asgi_lifespan import ASGIApp
    from azfunc._http_asgi import AsgiMiddleware
    from azfunc._http_wsgi import WsgiMiddleware
    from azfunc.decorators.mcp import MCPPromptTrigger as MCPPromptTrigger
    from azfunc.decorators.mcp import MCPResourceTrigger as MCPResourceTrigger
    from azfunc.decorators.mcp import PromptArgument as PromptArgument
    from azfunc.decorators.mcp import _MCPToolTrigger as _MCPToolTrigger
    from azfunc.decorators.mcp import build_property_metadata as build_property_metadata
    from azfunc.decorators.mcp import has_mcp_content_marker as has_mcp_content_marker
    from azfunc.http import HttpRequest as HttpRequest
    from azfunc.mcp import MCPToolContext as MCPToolContext
    from azfunc.mcp import _is_mcp_call_tool_result as _is_mcp_call_tool_result
    from azfunc.mcp import _is_mcp_sdk_type as _is_mcp_sdk_type

__all__ = [
    "AsgiFunctionApp",
    "BindingApi",
    "Blueprint",
    "DecoratorApi",
    "ExternalHttpFunctionApp",
    "Function",
    "FunctionApp",
    "FunctionBuilder",
    "FunctionRegister",
    "HttpFunctionsAuthLevelMixin",
    "SettingsApi",
    "TriggerApi",
    "WsgiFunctionApp",
]

#: The reference's names that this module has but does not use to declare functions: each is
#: imported on first access (PEP 562), so ``import azfunc`` loads no data type, converter or
#: middleware. ``from azfunc.decorators.function_app import HttpRequest`` works as before.
_LAZY: dict[str, str] = {
    "AsgiMiddleware": "azfunc._http_asgi",
    "Context": "azfunc._abc",
    "HttpRequest": "azfunc.http",
    "MCPToolContext": "azfunc.mcp",
    "WsgiMiddleware": "azfunc._http_wsgi",
    "_is_mcp_call_tool_result": "azfunc.mcp",
    "_is_mcp_sdk_type": "azfunc.mcp",
    "MCPPromptTrigger": "azfunc.decorators.mcp",
    "MCPResourceTrigger": "azfunc.decorators.mcp",
    "PromptArgument": "azfunc.decorators.mcp",
    "_MCPToolTrigger": "azfunc.decorators.mcp",
    "build_property_metadata": "azfunc.decorators.mcp",
    "has_mcp_content_marker": "azfunc.decorators.mcp",
}


# Module __getattr__ and __dir__ (PEP 562), which type checkers do not see.
_lazy.install(globals(), _LAZY, submodules=False)


def _get_user_function(target_func: Any) -> Any:
    """Return the user's function behind a :class:`FunctionBuilder`, else ``target_func``."""
    if isinstance(target_func, FunctionBuilder):
        return target_func._function._func
    return target_func


class TriggerApi(
    _HttpTriggers,
    _TimerTriggers,
    _QueueTriggers,
    _BlobTriggers,
    _ServiceBusTriggers,
    _EventHubTriggers,
    _EventGridTriggers,
    _CosmosDBTriggers,
    _GenericTriggers,
    _KafkaTriggers,
    _SqlTriggers,
    _MySqlTriggers,
    _ConnectorTriggers,
    _McpTriggers,
    _DaprTriggers,
    _OpenAITriggers,
    _DurableTriggers,
    ABC,
):
    """All trigger decorators (``route``, ``queue_trigger``, ``timer_trigger``, ...)."""


class BindingApi(
    _QueueBindings,
    _BlobBindings,
    _TableBindings,
    _ServiceBusBindings,
    _EventHubBindings,
    _EventGridBindings,
    _CosmosDBBindings,
    _GenericBindings,
    _KafkaBindings,
    _SqlBindings,
    _MySqlBindings,
    _DaprBindings,
    _OpenAIBindings,
    _DurableBindings,
    ABC,
):
    """All input and output binding decorators (``queue_output``, ``blob_input``, ...)."""


class SettingsApi(_RetrySettings, ABC):
    """Setting decorators (``retry``)."""


class HttpFunctionsAuthLevelMixin(ABC):  # noqa: B024 - a mixin, abstract as in the reference
    """Holds the app-wide auth level applied to HTTP functions that set none.

    :param auth_level: An :class:`AuthLevel` member or its name in any case.
    :raises KeyError: ``auth_level`` is a string that names no :class:`AuthLevel` member.
    """

    def __init__(self, auth_level: AuthLevel | str, *args: Any, **kwargs: Any) -> None:
        self._auth_level = parse_singular_param_to_enum(auth_level, AuthLevel)

    @property
    def auth_level(self) -> AuthLevel | None:
        """The app-wide :class:`AuthLevel` of HTTP functions."""
        return self._auth_level


class FunctionRegister(DecoratorApi, HttpFunctionsAuthLevelMixin, ABC):
    """An app the host indexes: it owns functions and returns them from :meth:`get_functions`.

    The worker looks for exactly one module-level instance of this class in
    ``function_app.py``.

    :param auth_level: Auth level of HTTP functions that set none.
    """

    def __init__(self, auth_level: AuthLevel | str, *args: Any, **kwargs: Any) -> None:
        DecoratorApi.__init__(self, *args, **kwargs)
        HttpFunctionsAuthLevelMixin.__init__(self, auth_level, *args, **kwargs)
        self._require_auth_level: bool | None = None
        self.functions_bindings: dict[str, Any] | None = None
        self._blueprints: list[DecoratorApi] = []

    def get_functions(self) -> list[Function]:
        """Build and return every function of the app, in registration order.

        It checks what azure-functions checks and nothing more: it reads no source file
        and warns about nothing. Run ``azfunc check`` (or use the testing kit) for the
        checks of what the worker and the host would refuse. Unlike the reference's, it
        is pure: it can be called any number of times and returns equal results.

        :raises ValueError: a function has no trigger, or two functions share a name.
        """
        scopes: dict[int, tuple[Callable[..., Any], ...]] = {}
        functions = [self._build(builder, scopes) for builder in self._function_builders]
        self._require_auth_level = any(f._is_http_function for f in functions)
        if functions and not self._require_auth_level:
            import logging  # not loaded by ``import azfunc``: only this line logs

            logging.getLogger(__name__).debug(
                "No HTTP function in the app: the app's auth level applies to none."
            )
        self.validate_function_names(functions)
        return functions

    def _build(
        self,
        builder: FunctionBuilder[Any, Any],
        scopes: dict[int, tuple[Callable[..., Any], ...]] | None = None,
    ) -> Function:
        """Build one function for this app and give it the app and the middleware of the
        app and of the blueprint it comes from (``scopes`` caches them by owner). A
        blueprint's builder may be registered in several apps, so its function is always
        a copy; the app's own builder gives its own function when nothing is filled in."""
        owner = builder._owner
        if owner is None or owner is self:
            function = builder._indexed(self._auth_level)
        else:
            function = builder.build(self._auth_level)
        key = id(owner)
        scope = None if scopes is None else scopes.get(key)
        if scope is None:
            scope = tuple(self._middleware)
            if owner is not None and owner is not self:
                scope += tuple(owner._middleware)
            if scopes is not None:
                scopes[key] = scope
        if scope or function._scope_middleware:
            function._scope_middleware = scope
        function._app = self
        return function

    def build_function(self, builder: FunctionBuilder[Any, Any]) -> Function:
        """Build one function as :meth:`get_functions` does, with this app's auth level,
        middleware and the app itself; for checks that report each function apart.

        :raises ValueError: the function has no trigger.

        .. versionadded:: 0.2.0
        """
        return self._build(builder)

    def _lifecycle_hooks(self, stage: str) -> list[Callable[[], Any]]:
        hooks = super()._lifecycle_hooks(stage)
        for blueprint in self._blueprints:
            hooks.extend(h for h in blueprint._lifecycle_hooks(stage) if h not in hooks)
        return hooks

    def validate_function_names(self, functions: list[Function]) -> None:
        """Check that no two functions share a name.

        :raises ValueError: two functions have the same name (Python name or ``function_name``).
        """
        seen: dict[str, Function] = {}
        for function in functions:
            name = function.get_function_name()
            if name in seen:
                raise ValueError(
                    f"Function {name} does not have a unique function name. Please change "
                    "@app.function_name() or the function method name to be unique."
                )
            seen[name] = function
        self.functions_bindings = {name: f.get_bindings() for name, f in seen.items()}

    def register_functions(self, function_container: DecoratorApi) -> None:
        """Add the functions of a :class:`Blueprint` to this app.

        The blueprint's functions at the time of the call are added; functions decorated
        on it later are not.

        :raises TypeError: ``function_container`` is an app (a :class:`FunctionRegister`)
            or not a blueprint at all.
        """
        if isinstance(function_container, FunctionRegister):
            raise TypeError("functions can not be type of FunctionRegister!")
        if not isinstance(function_container, DecoratorApi):
            raise TypeError(
                f"register_functions() takes a Blueprint, got {function_container!r} of type "
                f"{type(function_container).__name__}. Pass the blueprint whose decorators "
                "the functions use: app.register_functions(bp)."
            )
        self._function_builders.extend(function_container._function_builders)
        if function_container not in self._blueprints:
            self._blueprints.append(function_container)

    register_blueprint = register_functions


class FunctionApp(FunctionRegister, TriggerApi, BindingApi, SettingsApi):
    """The function app: decorate functions with its methods; the host indexes it.

    :param http_auth_level: Auth level of HTTP functions that set none: an
        :class:`AuthLevel` member or its name in any case.
    :raises KeyError: ``http_auth_level`` names no :class:`AuthLevel` member.

    Source: https://aka.ms/azure-functions-python-v2-programming-model
    """

    def __init__(self, http_auth_level: AuthLevel | str = AuthLevel.FUNCTION) -> None:
        super().__init__(auth_level=http_auth_level)


class Blueprint(TriggerApi, BindingApi, SettingsApi):
    """A group of functions defined apart from the app (in another module) and added to it
    with :meth:`FunctionApp.register_functions`.

    Source: https://aka.ms/azure-functions-python-blueprints
    """


# --- function apps that serve a whole web app through one catch-all HTTP function ------
# ``AsgiFunctionApp(app=fastapi_app)`` and ``WsgiFunctionApp(app=flask_app)`` register a
# function named ``http_app_func`` whose HTTP trigger accepts every method on ``/{*route}``
# and hands each request to the web app through AsgiMiddleware or WsgiMiddleware.

#: The route of the catch-all function: every path under the host's route prefix.
CATCH_ALL_ROUTE = "/{*route}"
#: The name of the catch-all function unless one is given.
DEFAULT_FUNCTION_NAME = "http_app_func"


class ExternalHttpFunctionApp(FunctionRegister, TriggerApi, SettingsApi, BindingApi, abc.ABC):
    """Base of the function apps that serve a web app (ASGI or WSGI) through one function.

    Subclasses implement :meth:`_add_http_app`, which registers the catch-all function.

    :param auth_level: Auth level of HTTP functions that set none.
    """

    @abc.abstractmethod
    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = DEFAULT_FUNCTION_NAME,
    ) -> None:
        """Register the function that passes every request to ``http_middleware``.

        :raises NotImplementedError: Always, on this abstract base.
        """
        raise NotImplementedError

    def _register_catch_all(
        self, func: Callable[..., Any], http_type: str, function_name: str
    ) -> None:
        """Register ``func`` as the catch-all function, as if decorated (outermost first) with
        ``function_name``, ``http_type`` and ``route`` taking every method on ``/{*route}``.
        """
        route = self.route(
            methods=list(HttpMethod), auth_level=self.auth_level, route=CATCH_ALL_ROUTE
        )
        builder = self.http_type(http_type=http_type)(route(func))
        self.function_name(name=function_name)(builder)


class AsgiFunctionApp(ExternalHttpFunctionApp):
    """A function app that serves an ASGI app (FastAPI, Starlette, ...).

    The first request runs the app's lifespan startup, once, even when requests
    arrive together. If the startup fails, that request and every later one raise
    ``RuntimeError('ASGI middleware startup failed.')`` chained to the app's reason,
    without running the startup again. Call :meth:`startup` to start earlier. When the
    host stops the app (after its other shutdown hooks), :meth:`shutdown` runs the
    lifespan shutdown, also after a failed startup if the app still listens for it.

    :param app: The ASGI 3 application.
    :param http_auth_level: Auth level of the catch-all function and of HTTP functions
        that set none: an :class:`AuthLevel` member or its name.
    :param function_name: Name of the catch-all function.
    :param route_prefix: ``False`` (default): the app routes full paths such as
        ``/api/items``, as with azure-functions. ``True``: the host's route prefix (from
        host.json, ``api`` by default) becomes the ASGI ``root_path``, so the app routes
        ``/items`` and FastAPI's ``/docs`` work. A string gives the prefix, e.g. ``"api"``.
    :raises KeyError: ``http_auth_level`` names no :class:`AuthLevel` member.
    :raises ValueError: ``route_prefix=True`` and host.json cannot be read.

    .. versionadded:: azfunc 0.1 ``route_prefix``, :meth:`startup`, :meth:`shutdown`.
    """

    def __init__(
        self,
        app: ASGIApp,
        http_auth_level: AuthLevel | str = AuthLevel.FUNCTION,
        function_name: str = DEFAULT_FUNCTION_NAME,
        *,
        route_prefix: bool | str = False,
    ) -> None:
        from azfunc._http_asgi import AsgiMiddleware

        super().__init__(auth_level=http_auth_level)
        #: The middleware the catch-all function runs the app through. As in the
        #: reference it hides the ``middleware`` decorator; use :meth:`add_middleware`.
        self.middleware: AsgiMiddleware = AsgiMiddleware(  # type: ignore[assignment]
            app, route_prefix=route_prefix
        )
        self._add_http_app(self.middleware, function_name)

    @property
    def startup_task_done(self) -> bool:
        """Whether the app's lifespan startup has completed successfully."""
        return self.middleware.lifespan.succeeded

    async def startup(self) -> None:
        """Run the app's lifespan startup now, if it has not run yet.

        :raises RuntimeError: The app reported that its startup failed.
        """
        await _start(self.middleware)

    async def shutdown(self) -> None:
        """Run the app's lifespan shutdown, if its startup ran (even if it failed); later
        calls do nothing. The host calls it when it stops, as a shutdown hook.

        Call it from the event loop the requests ran on.
        """
        if self.middleware.lifespan.requested:
            await self.middleware.notify_shutdown()

    def _lifecycle_hooks(self, stage: str) -> list[Callable[[], Any]]:
        hooks = super()._lifecycle_hooks(stage)
        if stage == "shutdown":
            hooks.insert(0, self.shutdown)  # hooks run in reverse order: this one last
        return hooks

    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = DEFAULT_FUNCTION_NAME,
    ) -> None:
        """Register the async catch-all function that runs ``http_middleware``.

        :raises TypeError: ``http_middleware`` is not an :class:`~azfunc.AsgiMiddleware`.
        """
        from azfunc._http_asgi import AsgiMiddleware

        if not isinstance(http_middleware, AsgiMiddleware):
            raise TypeError("Please pass AsgiMiddleware instance as parameter.")
        middleware = http_middleware

        async def http_app_func(req: _http.HttpRequest, context: Context) -> _http.HttpResponse:
            await _start(middleware)
            return await middleware.handle_async(req, context)

        _annotate_catch_all(http_app_func)
        self._register_catch_all(http_app_func, "asgi", function_name)


def _annotate_catch_all(func: Callable[..., Any]) -> None:
    """Give the catch-all function its annotations as classes: ``typing.get_type_hints``
    resolves string annotations in this module's globals, where the classes are not bound
    until first used (they load with the middleware)."""
    from azfunc._abc import Context
    from azfunc._http import HttpRequest, HttpResponse

    func.__annotations__ = {"req": HttpRequest, "context": Context, "return": HttpResponse}


async def _start(middleware: AsgiMiddleware) -> None:
    """Run the lifespan startup once; raise the same error on every call after a failure."""
    if not await middleware.notify_startup():
        raise RuntimeError("ASGI middleware startup failed.") from middleware.startup_error


class WsgiFunctionApp(ExternalHttpFunctionApp):
    """A function app that serves a WSGI app (Flask, Django, ...).

    The app runs in the worker's thread pool, one request per thread.

    :param app: The WSGI application.
    :param http_auth_level: Auth level of the catch-all function and of HTTP functions
        that set none: an :class:`AuthLevel` member or its name.
    :param function_name: Name of the catch-all function.
    :param route_prefix: ``False`` (default): the app routes full paths such as
        ``/api/items``, as with azure-functions. ``True``: the host's route prefix (from
        host.json, ``api`` by default) becomes ``SCRIPT_NAME``, so the app routes
        ``/items``. A string gives the prefix, e.g. ``"api"``.
    :raises KeyError: ``http_auth_level`` names no :class:`AuthLevel` member.
    :raises ValueError: ``route_prefix=True`` and host.json cannot be read.

    .. versionadded:: azfunc 0.1 ``route_prefix``.
    """

    def __init__(
        self,
        app: WSGIApplication,
        http_auth_level: AuthLevel | str = AuthLevel.FUNCTION,
        function_name: str = DEFAULT_FUNCTION_NAME,
        *,
        route_prefix: bool | str = False,
    ) -> None:
        from azfunc._http_wsgi import WsgiMiddleware

        super().__init__(auth_level=http_auth_level)
        #: The middleware the catch-all function runs the app through.
        self.middleware: WsgiMiddleware = WsgiMiddleware(  # type: ignore[assignment]
            app, route_prefix=route_prefix
        )
        self._add_http_app(self.middleware, function_name)

    def _add_http_app(
        self,
        http_middleware: AsgiMiddleware | WsgiMiddleware,
        function_name: str = DEFAULT_FUNCTION_NAME,
    ) -> None:
        """Register the catch-all function that runs ``http_middleware``.

        :raises TypeError: ``http_middleware`` is not a :class:`~azfunc.WsgiMiddleware`.
        """
        from azfunc._http_wsgi import WsgiMiddleware

        if not isinstance(http_middleware, WsgiMiddleware):
            raise TypeError("Please pass WsgiMiddleware instance as parameter.")
        middleware = http_middleware

        def http_app_func(req: _http.HttpRequest, context: Context) -> _http.HttpResponse:
            return middleware.handle(req, context)

        _annotate_catch_all(http_app_func)
        self._register_catch_all(http_app_func, "wsgi", function_name)
