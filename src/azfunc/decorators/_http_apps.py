"""Function apps that serve a whole web app through one catch-all HTTP function.

``AsgiFunctionApp(app=fastapi_app)`` and ``WsgiFunctionApp(app=flask_app)`` register a
function named ``http_app_func`` whose HTTP trigger accepts every method on the route
``/{*route}`` and hands each request to the web app through
:class:`~azfunc.AsgiMiddleware` or :class:`~azfunc.WsgiMiddleware`. They are full
function apps otherwise: more functions and blueprints can be added beside it.

Source: https://aka.ms/azure-functions-python-v2-programming-model
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from azfunc._abc import Context
from azfunc._asgi_lifespan import ASGIApp
from azfunc._http import HttpRequest, HttpResponse
from azfunc._http_asgi import AsgiMiddleware
from azfunc._http_wsgi import WsgiMiddleware
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.function_app import BindingApi, FunctionRegister, SettingsApi, TriggerApi
from azfunc.decorators.http import HttpMethod

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

__all__ = ["AsgiFunctionApp", "ExternalHttpFunctionApp", "WsgiFunctionApp"]

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
        if not isinstance(http_middleware, AsgiMiddleware):
            raise TypeError("Please pass AsgiMiddleware instance as parameter.")
        middleware = http_middleware

        async def http_app_func(req: HttpRequest, context: Context) -> HttpResponse:
            await _start(middleware)
            return await middleware.handle_async(req, context)

        self._register_catch_all(http_app_func, "asgi", function_name)


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
        if not isinstance(http_middleware, WsgiMiddleware):
            raise TypeError("Please pass WsgiMiddleware instance as parameter.")
        middleware = http_middleware

        def http_app_func(req: HttpRequest, context: Context) -> HttpResponse:
            return middleware.handle(req, context)

        self._register_catch_all(http_app_func, "wsgi", function_name)
