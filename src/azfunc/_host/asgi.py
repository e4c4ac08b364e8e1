"""The ASGI app of the local host: the Functions host's HTTP behaviour over the pipeline.

For each request: CORS preflight (when CORS is configured), the admin API
(``POST /admin/functions/<name>``, ``GET /admin/host/status``), then routing below the
route prefix (404, or 405 with ``Allow``), the key check of the function's auth level
(401), the invocation through :mod:`azfunc.invocation`, and the function's
:class:`~azfunc.HttpResponse` (500 when it raised, 204 when it returned nothing).
Lifespan startup runs the app's ``on_startup`` hooks and starts the timers; shutdown
stops them, waits for running invocations and runs the ``on_shutdown`` hooks.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, quote, unquote

import azfunc
from azfunc._host.admin import AdminInputError, admin_inputs
from azfunc._host.invoker import Invoker, user_traceback
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.prepare import PreparedApp
from azfunc._host.recorder import OutputRecorder
from azfunc._host.timers import TimerRunner
from azfunc._host_auth import authorize_level, is_master_key, request_key
from azfunc._http_build import build_http_request, flatten_pairs, response_parts
from azfunc._routing import MethodNotAllowed
from azfunc._signature import bind_signature
from azfunc.decorators._builder import Function
from azfunc.decorators.constants import HTTP_TRIGGER
from azfunc.invocation import (
    InvocationResult,
    ShutdownError,
    StartupError,
    run_shutdown,
    run_startup,
)

__all__ = ["MAX_BODY_SIZE", "LocalHost"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Response = tuple[int, list[tuple[str, str]], bytes]

#: The largest request body the host accepts: 100 MiB.
MAX_BODY_SIZE = 100 * 1024 * 1024
#: Seconds shutdown waits for running invocations.
DRAIN_TIMEOUT = 10.0

_logger = logging.getLogger(HOST_LOGGER)
_TEXT = [("Content-Type", "text/plain; charset=utf-8")]


def _text(status: int, message: str) -> Response:
    return status, list(_TEXT), message.encode("utf-8")


def _encode_header(value: str) -> bytes:
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


class _TooLarge(Exception):
    pass


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_SIZE:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class LocalHost:
    """The ASGI app ``azfunc start`` serves (HTTP and lifespan scopes).

    :param prepared: The loaded and checked app.
    :param recorder: Where non-HTTP outputs are recorded.
    """

    def __init__(self, prepared: PreparedApp, recorder: OutputRecorder) -> None:
        self.prepared = prepared
        self.invoker = Invoker(prepared.app_dir, recorder)
        self.timers = TimerRunner(prepared.timers, self.invoker)
        self._inputs: dict[str, tuple[str, tuple[str, ...]]] = {}
        for function in prepared.functions:
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
                await self.shutdown()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def startup(self) -> None:
        """Run the app's startup hooks, then start the timers.

        :raises StartupError: a startup hook failed.
        """
        await run_startup(self.prepared.loaded.app)
        self.timers.start()
        _logger.info("Host started. Press Ctrl+C to shut down.")

    async def shutdown(self) -> None:
        """Stop the timers, wait for running invocations, run the shutdown hooks."""
        _logger.info("Stopping the host...")
        await self.timers.stop()
        await self.invoker.drain(DRAIN_TIMEOUT)
        try:
            await run_shutdown(self.prepared.loaded.app)
        except ShutdownError as error:
            _logger.error("%s", error)
        _logger.info("Host stopped.")

    # -- HTTP ----------------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = str(scope["method"]).upper()
        raw_path = scope.get("raw_path") or quote(scope["path"]).encode("ascii")
        path = raw_path.decode("latin-1").split("?", 1)[0]
        query = scope.get("query_string", b"").decode("latin-1")
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        headers = flatten_pairs(pairs, lower=True)
        origin = headers.get("origin")
        declared = headers.get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > MAX_BODY_SIZE:
                raise _TooLarge
            body = await _read_body(receive)
        except _TooLarge:
            response = _text(413, f"The request body is larger than {MAX_BODY_SIZE} bytes.")
        else:
            if method == "OPTIONS" and origin and "access-control-request-method" in headers:
                response = self._preflight(origin, headers) or await self._dispatch(
                    scope, method, path, query, headers, pairs, body
                )
            else:
                response = await self._dispatch(scope, method, path, query, headers, pairs, body)
        status, response_headers, content = response
        response_headers = [*response_headers, *self._cors_headers(origin)]
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(_encode_header(k), _encode_header(v)) for k, v in response_headers],
            }
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else content})

    def _allowed_origin(self, origin: str | None) -> str | None:
        cors = self.prepared.cors
        if not cors or origin is None:
            return None
        if "*" in cors:
            return origin if self.prepared.cors_credentials else "*"
        return origin if origin.rstrip("/") in cors else None

    def _cors_headers(self, origin: str | None) -> list[tuple[str, str]]:
        allowed = self._allowed_origin(origin)
        if allowed is None:
            return []
        headers = [("Access-Control-Allow-Origin", allowed), ("Vary", "Origin")]
        if self.prepared.cors_credentials:
            headers.append(("Access-Control-Allow-Credentials", "true"))
        return headers

    def _preflight(self, origin: str, headers: dict[str, str]) -> Response | None:
        if not self.prepared.cors:
            return None
        if self._allowed_origin(origin) is None:
            return 204, [], b""
        allow = [("Access-Control-Allow-Methods", headers["access-control-request-method"])]
        requested = headers.get("access-control-request-headers")
        if requested:
            allow.append(("Access-Control-Allow-Headers", requested))
        return 204, allow, b""

    async def _dispatch(
        self,
        scope: Scope,
        method: str,
        path: str,
        query: str,
        headers: dict[str, str],
        pairs: list[tuple[str, str]],
        body: bytes,
    ) -> Response:
        params = flatten_pairs(parse_qsl(query, keep_blank_values=True))
        if path.lower().startswith("/admin/"):
            admin = await self._admin(method, path, headers, params, body, scope, pairs)
            if admin is not None:
                return admin
        match = self.prepared.routes.match(method, path)
        if match is None:
            if path in ("", "/"):
                return _text(200, self._root_page())
            _logger.info("%s %s -> 404: no function route matches", method, path)
            return 404, [], b""
        if isinstance(match, MethodNotAllowed):
            _logger.info(
                "%s %s -> 405: the route allows %s", method, path, ", ".join(match.allowed)
            )
            return 405, [("Allow", ", ".join(match.allowed))], b""
        route = match.route
        if not self.prepared.config.no_auth and not authorize_level(
            route.auth_level, route.function_name, headers, params, self.prepared.keys
        ):
            sent = request_key(headers, params) is not None
            why = "the key sent does not open it" if sent else "no key was sent"
            _logger.info(
                "%s %s -> 401: function %r has auth level %s and %s (x-functions-key header "
                "or code parameter)",
                method,
                path,
                route.function_name,
                route.auth_level,
                why,
            )
            return 401, [], b""
        request = build_http_request(
            method,
            self._url(scope, path, query, headers),
            headers=pairs,
            body=body,
            route_params=match.route_params,
        )
        return await self._invoke_http(match.function, request, f"{method} {path}")

    def _url(self, scope: Scope, path: str, query: str, headers: dict[str, str]) -> str:
        host = headers.get("host")
        if host is None:
            server = scope.get("server") or ("127.0.0.1", self.prepared.port)
            host = f"{server[0]}:{server[1]}"
        suffix = f"?{query}" if query else ""
        return f"{scope.get('scheme', 'http')}://{host}{path}{suffix}"

    def _inputs_for(self, function: Function, trigger_value: object) -> dict[str, object]:
        trigger_name, others = self._inputs[function.get_function_name()]
        inputs: dict[str, object] = dict.fromkeys(others)
        inputs[trigger_name] = trigger_value
        return inputs

    def _http_response(self, result: InvocationResult | None) -> Response:
        if result is None or result.error is not None:
            return 500, [], b""
        response = result.http_response()
        if response is None:
            return 204, [], b""
        try:
            return response_parts(response, extra_headers=self.prepared.host_json.custom_headers)
        except TypeError as error:
            _logger.error("Function %r: %s", result.function_name, error)
            return 500, [], b""

    async def _invoke_http(self, function: Function, request: object, detail: str) -> Response:
        inputs = self._inputs_for(function, request)
        result = await self.invoker.invoke(function, inputs, trigger_type=HTTP_TRIGGER)
        response = self._http_response(result)
        if result is not None:
            self.invoker.report(result, HTTP_TRIGGER, f"{detail} -> {response[0]}")
        return response

    # -- admin API -----------------------------------------------------------------------

    async def _admin(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        params: dict[str, str],
        body: bytes,
        scope: Scope,
        pairs: list[tuple[str, str]],
    ) -> Response | None:
        parts = [unquote(p) for p in path.strip("/").split("/")]
        lowered = [p.lower() for p in parts]
        is_invoke = len(parts) == 3 and lowered[1] == "functions"
        is_status = lowered == ["admin", "host", "status"]
        if not (is_invoke or is_status):
            return None
        if not self.prepared.config.no_auth and not is_master_key(
            headers, params, self.prepared.keys
        ):
            _logger.info("%s %s -> 401: the admin API needs the master key", method, path)
            return 401, [], b""
        if is_status:
            if method not in ("GET", "HEAD"):
                return 405, [("Allow", "GET")], b""
            status = {"state": "Running", "version": azfunc.__version__, "host": "azfunc start"}
            return 200, [("Content-Type", "application/json")], json.dumps(status).encode()
        if method != "POST":
            return 405, [("Allow", "POST")], b""
        function = self.prepared.function(parts[2])
        if function is None:
            names = ", ".join(f.get_function_name() for f in self.prepared.functions)
            return _text(404, f"No function named {parts[2]!r}; the app serves {names}.")
        try:
            text = _admin_input(body)
            trigger = function.get_trigger()
            if trigger is not None and trigger.type == HTTP_TRIGGER:
                url = self._url(scope, path, "", headers)
                request = build_http_request("POST", url, headers=pairs, body=(text or "").encode())
                inputs = self._inputs_for(function, request)
            else:
                inputs = admin_inputs(function, text)
        except AdminInputError as error:
            return _text(400, str(error))
        trigger_type = str(trigger.type) if trigger is not None else "?"
        context = self.invoker.new_context(function)
        self.invoker.start(
            self.invoker.run(
                function, inputs, trigger_type=trigger_type, detail="(admin)", context=context
            )
        )
        return 202, [("x-azfunc-invocation-id", context.invocation_id)], b""

    def _root_page(self) -> str:
        names = ", ".join(f.get_function_name() for f in self.prepared.functions) or "none"
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
    except ValueError as error:
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
