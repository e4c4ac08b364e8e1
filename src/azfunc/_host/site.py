"""What the local host serves over HTTP and the rules it answers by (:class:`HttpSite`:
the functions, routes, keys, custom headers and CORS), and what an in-process caller
(the test client) passes along with a request (:class:`InProcessCall`).

The ASGI app (:mod:`azfunc._host.asgi`) answers requests with these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from azfunc import _abc
from azfunc._host.config import DEFAULT_PORT
from azfunc._host_auth import HostKeys
from azfunc._routing.table import RouteTable
from azfunc.decorators._function import Function
from azfunc.invocation import InvocationResult

__all__ = ["IN_PROCESS", "HttpSite", "InProcessCall", "in_process_call"]

#: The key of ``scope["extensions"]`` under which an in-process caller passes its
#: :class:`InProcessCall`.
IN_PROCESS = "azfunc.in_process"

#: ``(status, headers, body)`` of an answer.
Response = tuple[int, list[tuple[str, str]], bytes]


@attrs.frozen(kw_only=True)
class HttpSite:
    """What the local host serves over HTTP and the rules it answers by.

    Attributes:
        functions: The functions served.
        routes: The route table of the HTTP functions.
        keys: The keys requests must carry.
        check_keys: ``True`` (``--auth``): check keys; ``False``: every auth level is open.
        keys_hint: Where the keys are, for the body of a 401.
        custom_headers: host.json ``customHeaders``, added to every function response.
        cors: Allowed CORS origins; empty: no CORS.
        cors_credentials: Whether CORS responses allow credentials.
        port: The port in request URLs when a request has no ``Host`` header nor server.
    """

    functions: tuple[Function, ...]
    routes: RouteTable
    keys: HostKeys
    check_keys: bool = True
    keys_hint: str = "azfunc start prints them when it starts"
    custom_headers: Mapping[str, str] = attrs.field(factory=dict)
    cors: tuple[str, ...] = ()
    cors_credentials: bool = False
    port: int = DEFAULT_PORT

    def function(self, name: str) -> Function | None:
        """The served function called ``name`` (case-insensitive), or ``None``."""
        folded = name.casefold()
        return next((f for f in self.functions if f.get_function_name().casefold() == folded), None)

    def allowed_origin(self, origin: str | None) -> str | None:
        """The ``Access-Control-Allow-Origin`` for a request from ``origin``; ``None``:
        none (no CORS, no ``Origin``, or an origin not allowed)."""
        cors = self.cors
        if not cors or origin is None:
            return None
        if "*" in cors:
            return origin if self.cors_credentials else "*"
        return origin if origin.rstrip("/") in cors else None

    def cors_headers(self, origin: str | None) -> list[tuple[str, str]]:
        """The CORS headers of a response to a request from ``origin``."""
        allowed = self.allowed_origin(origin)
        if allowed is None:
            return []
        headers = [("Access-Control-Allow-Origin", allowed), ("Vary", "Origin")]
        if self.cors_credentials:
            headers.append(("Access-Control-Allow-Credentials", "true"))
        return headers

    def preflight(self, origin: str, headers: dict[str, str]) -> Response | None:
        if not self.cors:
            return None
        if self.allowed_origin(origin) is None:
            return 204, [], b""
        allow = [("Access-Control-Allow-Methods", headers["access-control-request-method"])]
        requested = headers.get("access-control-request-headers")
        if requested:
            allow.append(("Access-Control-Allow-Headers", requested))
        return 204, allow, b""


@attrs.define(kw_only=True, eq=False)
class InProcessCall:
    """What an in-process caller (the test client) adds to one HTTP request, passed as
    ``scope["extensions"][IN_PROCESS]``, and what it gets back besides the response.

    With it, the host's own refusals (inputs the pipeline cannot decode, a status code
    it cannot read) are raised from the ASGI call instead of answered with ``500``.

    Attributes:
        inputs: Returns the values of the matched function's other input bindings by
            binding name, in place of the host's (``None`` for each); a value for the
            trigger replaces the request.
        context: Returns the invocation context for the matched function.
        result: Set by the host: the invocation's result, ``None`` when no function ran.
    """

    inputs: Callable[[Function], Mapping[str, object]]
    context: Callable[[Function], _abc.Context]
    result: InvocationResult | None = None


def in_process_call(extensions: Mapping[str, Any] | None) -> InProcessCall | None:
    """The :class:`InProcessCall` an in-process caller put in an ASGI scope's
    ``extensions``, or ``None``."""
    call = (extensions or {}).get(IN_PROCESS)
    return call if isinstance(call, InProcessCall) else None
