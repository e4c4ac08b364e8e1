"""The ASGI app of the local host: the Functions host's HTTP behaviour over the pipeline.

For each request: CORS preflight (when CORS is configured), the admin API
(``POST /admin/functions/<name>``, ``GET /admin/host/status``), then routing below the
route prefix (404, or 405 with ``Allow``), the key check of the function's auth level
(401), the invocation through :mod:`azfunc.invocation`, and the response the worker
encoded (500 when the function raised, 204 when it set none), with its cookies as
``Set-Cookie`` headers and a ``Content-Length``.
Lifespan startup runs the app's ``on_startup`` hooks and starts the timers; shutdown
stops them, waits for running invocations and runs the ``on_shutdown`` hooks.

This is the only code that turns an HTTP request into an invocation and a response:
``azfunc start`` serves it with uvicorn, and the test client
(:class:`azfunc.testing.Client`) calls it in-process, passing its own inputs and
context through :class:`InProcessCall`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, unquote

import attrs

import azfunc
from azfunc._host import body as _body
from azfunc._host.admin import AdminInputError, admin_inputs
from azfunc._host.body import (
    MAX_BODY_SIZE,
    MAX_BUFFERED_BODIES,
    BodyBudget,
    Busy,
    Stalled,
    TooLarge,
    read_body,
)
from azfunc._host.invoker import Invoker, user_traceback
from azfunc._host.keys import KEYS_FILE
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.openapi import api_document_response
from azfunc._host.site import IN_PROCESS, HttpSite, InProcessCall, Response, in_process_call
from azfunc._host.timers import TimerRunner
from azfunc._host_auth import (
    KEY_HEADER,
    KEY_QUERY_PARAMETER,
    authorize_level,
    is_master_key,
    request_key,
)
from azfunc._http_build import flatten_pairs, http_output_datum, http_trigger_input, sent_response
from azfunc._routing.table import MethodNotAllowed
from azfunc._runtime.signature import bind_signature
from azfunc.decorators._function import Function
from azfunc.decorators.constants import HTTP_TRIGGER
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.function_app import FunctionRegister
from azfunc.invocation import (
    InvocationResult,
    ShutdownError,
    StartupError,
    run_shutdown,
    run_startup,
)
from azfunc.meta import Datum

if TYPE_CHECKING:
    from azfunc._host.prepare import PreparedApp
    from azfunc._host.recorder import OutputRecorder
    from azfunc._host.storage import StorageHost

__all__ = [
    "IN_PROCESS",
    "MAX_URL_LENGTH",
    "HttpSite",
    "InProcessCall",
    "LocalHost",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

#: The longest request target (path and query string) in bytes: 8 KiB, Kestrel's
#: ``MaxRequestLineSize``; a longer one is answered 414.
MAX_URL_LENGTH = 8 * 1024
#: Seconds shutdown waits for running invocations.
DRAIN_TIMEOUT = 10.0
#: Statuses whose responses carry no body and no ``Content-Length``.
_NO_BODY_STATUSES = frozenset({204, 304})
#: Framing headers the server sets from the body it sends, not the function.
_FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding"})

_logger = logging.getLogger(HOST_LOGGER)
_TEXT = [("Content-Type", "text/plain; charset=utf-8")]


def _text(status: int, message: str) -> Response:
    return status, list(_TEXT), message.encode("utf-8")


def _encode_header(value: str) -> bytes:
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


@attrs.frozen
class _Request:
    """One HTTP request as the dispatcher reads it."""

    scope: Scope
    method: str
    path: str
    query: str
    headers: dict[str, str]
    pairs: list[tuple[str, str]]
    body: bytes
    call: InProcessCall | None


class LocalHost:
    """The ASGI app ``azfunc start`` serves (HTTP and lifespan scopes).

    :param app: The function app (its startup and shutdown hooks run with the lifespan).
    :param site: What is served over HTTP and how.
    :param invoker: Runs the invocations (and logs and records them, unless quiet).
    :param timers: The timer functions to run while the app is up.
    :param storage: The storage trigger listeners to run while the app is up.
    :param log: Log the host's own lines (404s, 401s, start and stop); the test
        client turns this off.
    """

    def __init__(
        self,
        app: FunctionRegister,
        site: HttpSite,
        invoker: Invoker,
        *,
        timers: TimerRunner | None = None,
        storage: StorageHost | None = None,
        log: bool = True,
    ) -> None:
        self.app = app
        self.site = site
        self.invoker = invoker
        self.timers = timers or TimerRunner((), invoker)
        self.storage = storage
        self._log = log
        self._budget = BodyBudget(MAX_BUFFERED_BODIES)
        self._inputs: dict[str, tuple[str, tuple[str, ...]]] = {}
        #: ``(name, type)`` of each function's bindings, for its HTTP response
        self._bindings: dict[str, list[tuple[str, str]]] = {}
        for function in site.functions:
            self._bindings[function.get_function_name()] = [
                (b.name, str(b.type)) for b in function.get_bindings()
            ]
            trigger = function.get_trigger()
            parameters = bind_signature(function).parameters
            others = tuple(
                p.name
                for p in parameters
                if not p.is_out and (trigger is None or p.binding is not trigger)
            )
            self._inputs[function.get_function_name()] = (
                trigger.name if trigger is not None else "",
                others,
            )

    @classmethod
    def serving(cls, prepared: PreparedApp, recorder: OutputRecorder) -> LocalHost:
        """The app ``azfunc start`` serves for ``prepared``, recording outputs with
        ``recorder``.

        :raises QueueOptionsError: host.json ``extensions.queues`` is not usable.
        """
        from azfunc._host.storage import StorageHost

        site = HttpSite(
            functions=prepared.functions,
            routes=prepared.routes,
            keys=prepared.keys,
            check_keys=prepared.config.auth,
            keys_hint=f"azfunc start --auth prints them; they are kept in {KEYS_FILE}",
            custom_headers=prepared.host_json.custom_headers,
            cors=prepared.cors,
            cors_credentials=prepared.cors_credentials,
            port=prepared.port,
        )
        invoker = Invoker(prepared.app_dir, recorder)
        timers = TimerRunner(prepared.timers, invoker)
        storage = StorageHost.build(
            prepared.functions, prepared.host_json, invoker, prepared.app_dir
        )
        invoker.bindings = storage.bindings
        return cls(prepared.loaded.app, site, invoker, timers=timers, storage=storage)

    def _info(self, message: str, *args: object) -> None:
        if self._log:
            _logger.info(message, *args)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        else:  # websockets: functions do not serve them
            await receive()
            await send({"type": "websocket.close", "code": 1000})

    # -- lifespan ------------------------------------------------------------------------

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            try:
                message = await receive()
            except asyncio.CancelledError:  # a second Ctrl-C: uvicorn exits at once
                return
            if message["type"] == "lifespan.startup":
                try:
                    await self.startup()
                except StartupError as error:
                    cause = error.__cause__
                    detail = f"\n{user_traceback(cause)}" if cause is not None else ""
                    _logger.error("azfunc start: %s%s", error, detail)
                    await send({"type": "lifespan.startup.failed", "message": ""})  # logged above
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                try:
                    await self.shutdown()
                except ShutdownError as error:
                    _logger.error("%s", error)
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def startup(self) -> None:
        """Run the app's startup hooks, then start the timers.

        :raises StartupError: a startup hook failed.
        """
        await run_startup(self.app)
        self.timers.start()
        if self.storage is not None:
            self.storage.start()
        self._info("Host started. Press Ctrl+C to shut down.")

    async def shutdown(self) -> None:
        """Stop the timers, wait for running invocations, run the shutdown hooks.

        :raises ShutdownError: a shutdown hook failed (after the others ran).
        """
        self._info("Stopping the host...")
        await self.timers.stop()
        if self.storage is not None:
            await self.storage.stop()
        await self.invoker.drain(DRAIN_TIMEOUT)
        try:
            await run_shutdown(self.app)
        finally:
            self._info("Host stopped.")

    # -- HTTP ----------------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = str(scope["method"]).upper()
        raw_path = scope.get("raw_path") or quote(scope["path"]).encode("ascii")
        path = raw_path.decode("latin-1").split("?", 1)[0]
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        origin = next((v for k, v in pairs if k.lower() == "origin"), None)
        taken = [0]
        try:
            response = await self._answer(scope, receive, (method, path, query), pairs, taken)
        finally:
            self._budget.give_back(taken[0])
        status, response_headers, content = response
        response_headers = [
            *(h for h in response_headers if h[0].lower() not in _FRAMING_HEADERS),
            *self.site.cors_headers(origin),
        ]
        if status >= 200 and status not in _NO_BODY_STATUSES:
            response_headers.append(("Content-Length", str(len(content))))
        else:
            content = b""
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(_encode_header(k), _encode_header(v)) for k, v in response_headers],
            }
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else content})

    async def _answer(
        self,
        scope: Scope,
        receive: Receive,
        target: tuple[str, str, str],
        pairs: list[tuple[str, str]],
        taken: list[int],
    ) -> Response:
        """Read the body within the limits, then answer the request."""
        method, path, query = target
        headers = flatten_pairs(pairs, lower=True)
        if len(path) + len(query) > MAX_URL_LENGTH:
            self._info("%s %.80s... -> 414: the URL is over %d bytes", method, path, MAX_URL_LENGTH)
            return _text(414, f"The URL is longer than {MAX_URL_LENGTH} bytes.")
        declared = headers.get("content-length", "")
        try:
            digits = declared.isascii() and declared.isdigit()
            if digits and (len(declared) > 12 or int(declared) > MAX_BODY_SIZE):
                raise TooLarge
            announced = (digits and declared != "0") or "transfer-encoding" in headers
            body = await read_body(receive, self._budget, taken, timed=announced)
        except Stalled:
            waited = _body.BODY_TIMEOUT
            self._info("%s %s -> 408: the body stalled for %s s", method, path, waited)
            return _text(408, f"No part of the request body came for {waited} seconds.")
        except TooLarge:
            return _text(413, f"The request body is larger than {MAX_BODY_SIZE} bytes.")
        except Busy:
            self._info("%s %s -> 503: request bodies in memory are at the limit", method, path)
            message = (
                f"The host holds {MAX_BUFFERED_BODIES} bytes of request bodies already; "
                "retry in a moment."
            )
            status, text_headers, content = _text(503, message)
            return status, [*text_headers, ("Retry-After", "1")], content
        call = in_process_call(scope.get("extensions"))
        request = _Request(scope, method, path, query, headers, pairs, body, call)
        origin = headers.get("origin")
        if method == "OPTIONS" and origin and "access-control-request-method" in headers:
            preflight = self.site.preflight(origin, headers)
            if preflight is not None:
                return preflight
        return await self._dispatch(request)

    async def _dispatch(self, request: _Request) -> Response:
        method, path, headers = request.method, request.path, request.headers
        params = flatten_pairs(parse_qsl(request.query, keep_blank_values=True))
        if path.lower().startswith("/admin/"):
            admin = await self._admin(request, params)
            if admin is not None:
                return admin
        match = self.site.routes.match(method, path)
        if match is None:
            if path in ("", "/"):
                return _text(200, self._root_page())
            documents = api_document_response(self.site, method, path)
            if documents is not None:
                return documents
            self._info("%s %s -> 404: no function route matches", method, path)
            return 404, [], b""
        if isinstance(match, MethodNotAllowed):
            self._info("%s %s -> 405: the route allows %s", method, path, ", ".join(match.allowed))
            return 405, [("Allow", ", ".join(match.allowed))], b""
        route = match.route
        if self.site.check_keys and not authorize_level(
            route.auth_level, route.function_name, headers, params, self.site.keys
        ):
            sent = request_key(headers, params) is not None
            why = "the key sent does not open it" if sent else "no key was sent"
            self._info(
                "%s %s -> 401: function %r has auth level %s and %s (x-functions-key header "
                "or code parameter)",
                method,
                path,
                route.function_name,
                route.auth_level,
                why,
            )
            return _text(401, self._unauthorized(route.function_name, route.auth_level, why))
        datum, metadata = http_trigger_input(
            method,
            self._url(request, path, request.query),
            headers=request.pairs,
            body=request.body,
            route_params=match.route_params,
        )
        return await self._invoke_http(match.function, datum, metadata, request)

    def _url(self, request: _Request, path: str, query: str) -> str:
        scope = request.scope
        scheme = str(scope.get("scheme", "http"))
        host = request.headers.get("host")
        if host is None:
            name, port = scope.get("server") or ("127.0.0.1", self.site.port)
            name = f"[{name}]" if ":" in str(name) else str(name)
            default = {"http": 80, "https": 443}.get(scheme)
            host = name if port is None or port == default else f"{name}:{port}"
        suffix = f"?{query}" if query else ""
        return f"{scheme}://{host}{path}{suffix}"

    def _inputs_for(
        self, function: Function, trigger_value: object, call: InProcessCall | None
    ) -> dict[str, object]:
        trigger_name, others = self._inputs[function.get_function_name()]
        if call is not None:  # the caller's values, even for the trigger
            return {trigger_name: trigger_value, **call.inputs(function)}
        inputs: dict[str, object] = dict.fromkeys(others)
        inputs[trigger_name] = trigger_value
        return inputs

    def _http_response(
        self, result: InvocationResult, call: InProcessCall | None
    ) -> tuple[Response, str | None]:
        """The response to send, and why it is a 500 when the function's response
        cannot be sent (an invalid status or header)."""
        if result.error is not None:
            return (500, [], b""), None
        bindings = self._bindings.get(result.function_name) or [
            (b.name, str(b.type)) for b in result.function.get_bindings()
        ]
        datum = http_output_datum(bindings, result.encoded_outputs)
        if datum is None:
            return (204, [], b""), None
        try:
            return sent_response(datum, extra_headers=self.site.custom_headers), None
        except (TypeError, ValueError) as error:
            if call is not None:
                raise
            return (500, [], b""), str(error)

    async def _invoke_http(
        self, function: Function, datum: Datum, metadata: dict[str, Datum], request: _Request
    ) -> Response:
        call = request.call
        inputs = self._inputs_for(function, datum, call)
        result = await self.invoker.invoke(
            function,
            inputs,
            trigger_type=HTTP_TRIGGER,
            context=None if call is None else call.context(function),
            trigger_metadata=metadata,
            raise_refusal=call is not None,
        )
        if result is None:
            return 500, [], b""
        if call is not None:
            call.result = result
        response, failure = self._http_response(result, call)
        detail = f"{request.method} {request.path} -> {response[0]}"
        self.invoker.report(result, HTTP_TRIGGER, detail, failure=failure)
        return response

    # -- admin API -----------------------------------------------------------------------

    def _unauthorized(self, function_name: str, level: object, why: str) -> str:
        """The body of a 401: which key the function needs and where to send it."""
        needed = (
            "the master key"
            if level is AuthLevel.ADMIN
            else "the host key, the master key or a key of this function"
        )
        return (
            f"401 Unauthorized: function {function_name!r} has auth level {level} and {why}. "
            f"Send {needed} in the {KEY_HEADER} header or the {KEY_QUERY_PARAMETER} query "
            f"parameter ({self.site.keys_hint}).\n"
        )

    async def _admin(self, request: _Request, params: dict[str, str]) -> Response | None:
        method, path, headers = request.method, request.path, request.headers
        parts = [unquote(p) for p in path.strip("/").split("/")]
        lowered = [p.lower() for p in parts]
        is_invoke = len(parts) == 3 and lowered[1] == "functions"
        is_status = lowered == ["admin", "host", "status"]
        if not (is_invoke or is_status):
            return None
        if self.site.check_keys and not is_master_key(headers, params, self.site.keys):
            self._info("%s %s -> 401: the admin API needs the master key", method, path)
            sent = request_key(headers, params) is not None
            why = "the key sent is not the master key" if sent else "no key was sent"
            return _text(
                401,
                f"401 Unauthorized: the admin API needs the master key and {why}. Send it "
                f"in the {KEY_HEADER} header or the {KEY_QUERY_PARAMETER} query parameter "
                f"({self.site.keys_hint}).\n",
            )
        if is_status:
            if method not in ("GET", "HEAD"):
                return 405, [("Allow", "GET")], b""
            status = {"state": "Running", "version": azfunc.__version__, "host": "azfunc start"}
            return 200, [("Content-Type", "application/json")], json.dumps(status).encode()
        if method != "POST":
            return 405, [("Allow", "POST")], b""
        function = self.site.function(parts[2])
        if function is None:
            names = ", ".join(f.get_function_name() for f in self.site.functions)
            return _text(404, f"No function named {parts[2]!r}; the app serves {names}.")
        metadata: dict[str, Datum] = {}
        try:
            text = _admin_input(request.body)
            trigger = function.get_trigger()
            if trigger is not None and trigger.type == HTTP_TRIGGER:
                url = self._url(request, path, "")
                datum, metadata = http_trigger_input(
                    "POST", url, headers=request.pairs, body=(text or "").encode()
                )
                inputs = self._inputs_for(function, datum, None)
            else:
                inputs = admin_inputs(function, text)
        except AdminInputError as error:
            return _text(400, str(error))
        trigger_type = str(trigger.type) if trigger is not None else "?"
        context = self.invoker.new_context(function)
        self.invoker.start(
            self.invoker.run(
                function,
                inputs,
                trigger_type=trigger_type,
                detail="(admin)",
                context=context,
                trigger_metadata=metadata,
            )
        )
        return 202, [("x-azfunc-invocation-id", context.invocation_id)], b""

    def _root_page(self) -> str:
        names = ", ".join(f.get_function_name() for f in self.site.functions) or "none"
        return (
            "azfunc local host: the function app is running. This is azfunc start, not "
            f"the Azure Functions host.\nFunctions: {names}\n"
        )


def _admin_input(body: bytes) -> str | None:
    """The ``input`` of an admin request body ``{"input": ...}`` (``None`` if absent)."""
    if not body.strip():
        return None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise AdminInputError(
            f'The admin request body must be JSON such as {{"input": "..."}}: {error}'
        ) from error
    if not isinstance(document, dict):
        raise AdminInputError(
            f'The admin request body must be a JSON object such as {{"input": "..."}}, '
            f"not {document!r}."
        )
    value = document.get("input")
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)
