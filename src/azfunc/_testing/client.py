"""The test client: route requests like the Functions host and invoke any function.

:class:`Client` sends each request in-process to the ASGI app of the local host
(:class:`azfunc._host.asgi.LocalHost`, what ``azfunc start`` serves), built with the
app's route table (``routePrefix`` and ``customHeaders`` from host.json) and the test
keys: the host routes it (``404``/``405``), checks its key (``401``), invokes the
function through the pipeline (middleware, extension hooks, converters) and sends the
response, which the client returns as a :class:`ClientResponse` with every output
binding's value. :meth:`Client.invoke` runs any function with a payload from the builders.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import urllib.parse
import weakref
from collections.abc import Coroutine, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import attrs

from azfunc import _abc
from azfunc._config.host_json import HostJsonError, load_host_json, read_route_prefix
from azfunc._host.asgi import IN_PROCESS, HttpSite, InProcessCall, LocalHost
from azfunc._host.invoker import Invoker
from azfunc._host_auth import KEY_HEADER, HostKeys, request_key
from azfunc._http_build import flatten_pairs
from azfunc._http_headers import HttpResponseHeaders
from azfunc._loader import LoadedApp, resolve_script
from azfunc._routing.table import RouteMatch, RouteTable
from azfunc._runtime.middleware import load_functions
from azfunc._runtime.pipeline import InvocationResult, invoke_async
from azfunc._testing.context import context as make_context
from azfunc._testing.inputs import DEFAULT_INPUTS, binding_value, binding_values
from azfunc._testing.loading import ScriptRoot, load_app
from azfunc._testing.payload import Payload
from azfunc._testing.response import ClientResponse
from azfunc._testing.storage import _MISSING, BASE_URL, json_body
from azfunc._testing.transport import call_app, http_scope
from azfunc._validation.indexing import index
from azfunc.decorators._function import Function
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.function_app import FunctionRegister

__all__ = ["TEST_KEYS", "Client", "ClientResponse"]

T = TypeVar("T")

#: The keys a :class:`Client` accepts and sends unless given others.
TEST_KEYS = HostKeys(master="test-master-key", host="test-host-key")


def _app_folder(functions: list[Function]) -> Path | None:
    """The folder of the module that defines the app's functions (where host.json is)."""
    for function in functions:
        code = getattr(function.get_user_function(), "__code__", None)
        if code is not None:
            return Path(code.co_filename).resolve().parent
    return None


class Client:
    """Call an app's functions the way the Functions host would.

    Startup hooks run when the client is created; use it as a context manager (or
    call :meth:`close`) to run the shutdown hooks::

        with Client(app) as client:
            response = client.get("/api/hello/ada")
            assert response.status_code == 200

    :param app: The app (``FunctionApp`` or any ``FunctionRegister``), or the path of
        its folder or ``.py`` file, imported as the worker does.
    :param route_prefix: The HTTP route prefix (``"api"``, ``""``). By default
        ``extensions.http.routePrefix`` of the host.json in the app's folder, else ``"api"``.
    :param auth: Check function keys as Azure does (``401`` without the right key), as
        ``azfunc start --auth`` does. By default keys are not checked, as with
        ``azfunc start`` and Core Tools' ``func start``.
    :param keys: The keys the client accepts with ``auth=True``; :data:`TEST_KEYS` by default.
    :param raise_server_exceptions: Re-raise an exception the function raised instead of
        answering ``500`` (HTTP) or returning it in ``result.error`` (:meth:`invoke`).
    :raises azfunc.invocation.StartupError: A startup hook failed.
    :raises azfunc._validation.problems.AppValidationError: A function would make the
        Python worker refuse the app: no trigger, a name used twice, a signature that
        does not match the bindings (the checks of ``azfunc check``). The other problems
        ``azfunc check`` finds in the functions are warned about.
    :raises azfunc._routing.table.RouteTemplateError: An HTTP function's route is invalid.
    :raises azfunc._loader.AppLoadError: ``app`` is a path and importing it failed
        (the message holds your traceback) or it defines no app or several.

    Attributes:
        app: The app under test.
        functions: Its indexed functions (``app.get_functions()``), checked as the
            worker would: what the worker refuses raises ``AppValidationError``, other
            problems are ``AppValidationWarning`` warnings.
        folder: The app's folder (``None`` when unknown): host.json is read from it and
            it is the context's ``function_directory``.
        routes: The route table the requests are matched against.
        keys: The keys the client accepts.
        auth: Whether keys are checked (see the parameter).
        raise_server_exceptions: See the parameter of the same name.
    """

    __test__ = False  # not a test class, for pytest

    def __init__(
        self,
        app: FunctionRegister | str | os.PathLike[str],
        *,
        route_prefix: str | None = None,
        auth: bool = False,
        keys: HostKeys = TEST_KEYS,
        raise_server_exceptions: bool = True,
    ) -> None:
        folder: Path | None = None
        module: ModuleType | None = None
        self._script_root = ScriptRoot()
        try:
            if isinstance(app, FunctionRegister):
                self.app = app
            else:
                # The host sets the script root before the worker imports the app: a
                # FuncExtensionBase created at import time needs it.
                self._script_root.set(resolve_script(app).parent)
                loaded: LoadedApp = load_app(app)
                self.app, folder, module = loaded.app, loaded.script.parent, loaded.module
            self.functions = index(self.app, module=module).enforce()
            self.folder = folder = folder or _app_folder(self.functions)
            if folder is not None:
                self._script_root.set(folder)
            custom_headers: Mapping[str, str] = {}
            if folder is not None:
                try:
                    host_json = load_host_json(folder)
                except HostJsonError:  # a host.json the host refuses: only its prefix is read
                    if route_prefix is None:
                        route_prefix = read_route_prefix(folder)
                else:
                    custom_headers = host_json.custom_headers
                    if route_prefix is None:
                        route_prefix = host_json.route_prefix
            site = HttpSite(
                functions=tuple(self.functions),
                routes=RouteTable.from_functions(
                    self.functions, "api" if route_prefix is None else route_prefix
                ),
                keys=keys,
                check_keys=auth,
                keys_hint="the Client's keys: azfunc.testing.TEST_KEYS unless keys= is given",
                custom_headers=custom_headers,
            )
        except BaseException:
            self._script_root.restore()
            raise
        self._host = LocalHost(self.app, site, Invoker(folder or Path(), None), log=False)
        self.raise_server_exceptions = raise_server_exceptions
        self._loop = asyncio.new_event_loop()
        self._finalizer = weakref.finalize(self, self._loop.close)
        self._closed = False
        # The worker runs the post-function-load hooks when it indexes the app.
        load_functions(self.functions, str(folder or ""))
        try:
            self._run(self._host.startup())
        except BaseException:
            self._script_root.restore()
            raise

    @property
    def routes(self) -> RouteTable:
        """The route table the requests are matched against."""
        return self._host.site.routes

    @property
    def keys(self) -> HostKeys:
        """The keys the client accepts."""
        return self._host.site.keys

    @keys.setter
    def keys(self, keys: HostKeys) -> None:
        self._host.site = attrs.evolve(self._host.site, keys=keys)

    @property
    def auth(self) -> bool:
        """Whether keys are checked (``401`` without the right key)."""
        return self._host.site.check_keys

    @auth.setter
    def auth(self, auth: bool) -> None:
        self._host.site = attrs.evolve(self._host.site, check_keys=auth)

    # -- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Run the app's shutdown hooks and release the client's event loop. Idempotent.

        :raises azfunc.invocation.ShutdownError: A shutdown hook failed.
        """
        if self._closed:
            return
        self._closed = True
        try:
            self._run(self._host.shutdown(), closing=True)
        finally:
            try:
                self._run(_cancel_leftover_tasks(), closing=True)
                self._finalizer()
            finally:
                self._script_root.restore()

    def _run(self, coroutine: Coroutine[Any, Any, T], *, closing: bool = False) -> T:
        """Run ``coroutine`` on the client's loop, from a helper thread when this thread
        already runs a loop (an async test)."""
        if self._closed and not closing:
            coroutine.close()
            raise RuntimeError(
                "This Client is closed (its app was shut down); create a new Client."
            )
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._loop.run_until_complete(coroutine)
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            return pool.submit(self._loop.run_until_complete, coroutine).result()

    # -- finding functions -----------------------------------------------------------------

    def function(self, name: str) -> Function:
        """Return the indexed function called ``name`` (its function name, else its
        Python name).

        :raises LookupError: The app has no such function; the message lists its functions.
        """
        for function in self.functions:
            if function.get_function_name() == name:
                return function
        for function in self.functions:
            if getattr(function.get_user_function(), "__name__", None) == name:
                return function
        names = ", ".join(repr(f.get_function_name()) for f in self.functions) or "none"
        raise LookupError(f"The app has no function {name!r}; its functions are {names}.")

    # -- invoking --------------------------------------------------------------------------

    def invoke(
        self,
        name: str,
        input: Any = _MISSING,
        *,
        inputs: Mapping[str, Any] | None = None,
        context: _abc.Context | None = None,
        trigger_metadata: Mapping[str, Any] | None = None,
        **bindings: Any,
    ) -> InvocationResult:
        """Invoke the function ``name`` with ``input`` for its trigger, through the
        pipeline (middleware and extension hooks included).

        :param name: The function name (or the Python function's name).
        :param input: The trigger's value: a :class:`Payload` from a builder (its trigger
            metadata is sent too), a :class:`~azfunc.meta.Datum`, a plain value or the
            annotated type itself. Timer and warm-up triggers default to
            :func:`timer_request_payload` / :func:`warmup_context_payload`.
        :param inputs: Values of other input bindings by binding name, for names that are
            not valid keywords here.
        :param context: The invocation context; by default one with a fresh invocation id,
            the function's name and the app's folder.
        :param trigger_metadata: Trigger metadata to add to (or replace in) the payload's.
        :param bindings: Values of other input bindings by binding name, as for ``input``.
        :returns: The :class:`~azfunc.invocation.InvocationResult`: ``return_value``,
            ``outputs`` by binding name, ``encoded_outputs``, ``logs``.
        :raises LookupError: The app has no function ``name``.
        :raises ValueError: An input is missing, unknown, built for another binding type,
            or cannot be decoded.
        :raises Exception: The function's own exception, when ``raise_server_exceptions``.
        """
        function = self.function(name)
        trigger = function.get_trigger()
        values: dict[str, Any] = {}
        metadata: dict[str, Any] = {}
        if trigger is not None:
            trigger_type = str(trigger.type)
            if input is _MISSING and trigger_type in DEFAULT_INPUTS:
                input = DEFAULT_INPUTS[trigger_type]()
            if input is not _MISSING:
                values[trigger.name] = binding_value(function, trigger.name, trigger_type, input)
                if isinstance(input, Payload):
                    metadata.update(input.trigger_metadata)
        elif input is not _MISSING:
            raise ValueError(f"Function {name!r} has no trigger to pass input= to.")
        values.update(binding_values(function, {**(inputs or {}), **bindings}))
        metadata.update(trigger_metadata or {})
        return self._invoke(function, values, metadata, context)

    def _invoke(
        self,
        function: Function,
        values: Mapping[str, Any],
        metadata: Mapping[str, Any],
        context: _abc.Context | None,
    ) -> InvocationResult:
        if context is None:
            context = self._new_context(function)
        result = self._run(
            invoke_async(function, values, context=context, trigger_metadata=metadata)
        )
        if result.error is not None and self.raise_server_exceptions:
            raise result.error
        return result

    def _new_context(self, function: Function) -> _abc.Context:
        """A fresh context: new invocation id, the function's name, the app's folder."""
        return make_context(
            function_name=function.get_function_name(),
            function_directory=str(self.folder or ""),
        )

    # -- HTTP ------------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        body: str | bytes | None = None,
        json: Any = _MISSING,
        auth: bool | str = True,
        inputs: Mapping[str, Any] | None = None,
        context: _abc.Context | None = None,
    ) -> ClientResponse:
        """Send a request to the app as the host would receive it.

        The request goes in-process through the local host's ASGI app, the one
        ``azfunc start`` serves; the response is the one it sends (``HEAD``: no body).

        :param method: The HTTP method.
        :param url: The path with the route prefix (``/api/users/42?x=1``) or a full URL
            (its scheme, host and port make the request's URL; no ``Host`` header is sent).
        :param headers: Request headers.
        :param params: Query parameters appended to the URL's query string.
        :param body: The body, ``str`` or ``bytes``.
        :param json: A value to send as a JSON body (sets ``Content-Type``).
        :param auth: ``True``: send the key the function's auth level needs (none for
            ``ANONYMOUS``, the host key for ``FUNCTION``, the master key for ``ADMIN``)
            unless the request already carries one (``x-functions-key`` header or
            ``code`` parameter); ``False``: send none; a string: send that key.
        :param inputs: Values of the function's other input bindings (blob, Cosmos DB,
            …) by binding name: payloads, datums or plain values.
        :param context: The invocation context; see :meth:`invoke`.
        :returns: ``404`` when no route matches, ``405`` (with ``Allow``) when none
            accepts the method, ``401`` when the client checks keys (``auth=True``) and
            the key is missing or wrong; else the
            function's response, ``204`` when it set none, ``500`` when it raised and
            ``raise_server_exceptions`` is false.
        :raises ValueError: An input of ``inputs`` is missing or cannot be decoded, or
            the function's response has a status outside 200 to 599.
        :raises TypeError: ``body`` and ``json`` are both given, or the function's
            response has a status code the host cannot read.
        :raises Exception: The function's own exception, when ``raise_server_exceptions``.
        """
        if "://" not in url:
            url = f"{BASE_URL}/{url.lstrip('/')}"
        parts = urllib.parse.urlsplit(url)
        body, header_map = json_body("Client.request()", body, json, headers)
        content = body.encode("utf-8") if isinstance(body, str) else bytes(body or b"")
        query = parts.query
        if params:
            added = urllib.parse.urlencode(params)
            query = f"{query}&{added}" if query else added
        match = self.routes.match(method, parts.path)
        level = match.route.auth_level if isinstance(match, RouteMatch) else None
        query_map = flatten_pairs(urllib.parse.parse_qsl(query, keep_blank_values=True))
        key = self._key_for(level, auth, header_map, query_map)
        if key is not None:
            header_map[KEY_HEADER] = key

        def context_for(function: Function) -> _abc.Context:
            return context if context is not None else self._new_context(function)

        call = InProcessCall(
            inputs=lambda function: binding_values(function, inputs or {}),
            context=context_for,
        )
        scope = http_scope(
            method,
            urllib.parse.urlunsplit(parts._replace(query=query, fragment="")),
            headers=header_map.items(),
            extensions={IN_PROCESS: call},
        )
        sent = self._run(call_app(self._host, scope, content))
        result = call.result
        if result is not None and result.error is not None and self.raise_server_exceptions:
            raise result.error
        return ClientResponse(
            status_code=sent.status,
            headers=HttpResponseHeaders(sent.headers),
            body=sent.body,
            # the host writes no output of a failed invocation; result.outputs keeps them
            outputs=dict(result.outputs) if result is not None and result.ok else {},
            result=result,
        )

    def _key_for(
        self,
        auth_level: AuthLevel | None,
        auth: bool | str,
        headers: Mapping[str, str],
        query: Mapping[str, str],
    ) -> str | None:
        if isinstance(auth, str):
            return auth
        if not auth or auth_level is None or request_key(headers, query) is not None:
            return None
        if auth_level is AuthLevel.ADMIN:
            return self.keys.master
        if auth_level is AuthLevel.FUNCTION:
            return self.keys.host
        return None

    def get(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``GET`` request; keywords as for :meth:`request`."""
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``POST`` request; keywords as for :meth:`request`."""
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``PUT`` request; keywords as for :meth:`request`."""
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``PATCH`` request; keywords as for :meth:`request`."""
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``DELETE`` request; keywords as for :meth:`request`."""
        return self.request("DELETE", url, **kwargs)

    def head(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send a ``HEAD`` request; keywords as for :meth:`request`."""
        return self.request("HEAD", url, **kwargs)

    def options(self, url: str, **kwargs: Any) -> ClientResponse:
        """Send an ``OPTIONS`` request; keywords as for :meth:`request`."""
        return self.request("OPTIONS", url, **kwargs)


async def _cancel_leftover_tasks() -> None:
    """Cancel the tasks invocations left running (an ASGI app's lifespan task, …) and
    finish async generators, as :func:`asyncio.run` does before closing its loop."""
    current = asyncio.current_task()
    leftover = [task for task in asyncio.all_tasks() if task is not current]
    for task in leftover:
        task.cancel()
    await asyncio.gather(*leftover, return_exceptions=True)
    await asyncio.get_running_loop().shutdown_asyncgens()
