"""Route templates and the route table of HTTP functions, with the Functions host's rules.

The host routes HTTP requests with ASP.NET Core routing: a function's ``route`` is a
template below the ``routePrefix`` of host.json (``api`` by default), such as
``items/{id:int}``, ``files/{name}.{ext}``, ``search/{term?}``, ``page/{n=1}`` or
``static/{*path}``. Templates are parsed by :mod:`azfunc._routing.template` (whose names
this module re-exports); the :class:`RouteTable` here matches requests against them:

* literal text matches case-insensitively; route values are decoded path text, as
  strings;
* at each path segment a literal beats a complex segment or a constrained parameter,
  which beat a plain parameter, which beats a catch-all (the host's route precedence);
* a path that matches some route but none with the request's method gives
  :class:`MethodNotAllowed` listing the allowed methods.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#customize-the-http-endpoint
and https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-templates

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import unquote

import attrs

from azfunc._config.host_json import normalise_prefix
from azfunc._routing.template import (
    Literal,
    Parameter,
    RouteTemplate,
    RouteTemplateError,
    parse_route_template,
    split_segments,
)
from azfunc.decorators._function import Function
from azfunc.decorators.core import AuthLevel

# The template names are re-exported: callers use azfunc._routing.table as the one entry point.
__all__ = [
    "HttpRoute",
    "Literal",
    "MethodNotAllowed",
    "Parameter",
    "Route",
    "RouteMatch",
    "RouteTable",
    "RouteTemplate",
    "RouteTemplateError",
    "http_route_of",
    "parse_route_template",
]


@attrs.frozen(kw_only=True)
class HttpRoute:
    """What the host routes an HTTP function by, read from its trigger's function.json entry.

    Attributes:
        template: The route template text, below the route prefix (``items/{id:int}``).
        methods: Upper-case methods it accepts, without repeats; empty means every method.
        auth_level: The key a request must carry; ``None`` when the trigger names a level
            the host does not know (a generic trigger's ``authLevel="system"``).
    """

    template: str
    methods: tuple[str, ...]
    auth_level: AuthLevel | None


@attrs.frozen(kw_only=True)
class Route:
    """One HTTP function in the route table.

    Attributes:
        function: The indexed function.
        function_name: Its name (``function.get_function_name()``).
        template: The parsed route template.
        methods: Upper-case methods it accepts; empty means every method.
        auth_level: The function's auth level; ``None`` when it names no level the host
            knows (see :class:`HttpRoute`).
        path: The URL path with the route prefix, e.g. ``/api/items/{id:int}``.
    """

    function: Function
    function_name: str
    template: RouteTemplate
    methods: tuple[str, ...]
    auth_level: AuthLevel | None
    path: str

    def allows(self, method: str) -> bool:
        """Tell whether this route accepts ``method``."""
        return not self.methods or method.upper() in self.methods


@attrs.frozen(kw_only=True)
class RouteMatch:
    """The route a request matched.

    Attributes:
        function: The function to invoke.
        route_params: The route values by parameter name, as strings.
        route: The matched :class:`Route`.
    """

    function: Function
    route_params: dict[str, str]
    route: Route


@attrs.frozen(kw_only=True)
class MethodNotAllowed:
    """The path matches routes, but none accepts the method: answer 405 with ``Allow``.

    Attributes:
        allowed: The methods the matching routes accept, sorted.
    """

    allowed: tuple[str, ...]


def _text(value: object) -> str:
    """Return an enum member's name (``HttpMethod.GET`` -> ``"GET"``) or the string itself."""
    name = getattr(value, "name", None)
    return name if isinstance(name, str) else str(value)


def http_route_of(function: Function) -> HttpRoute | None:
    """Return the :class:`HttpRoute` of an HTTP function, else ``None``.

    Read from the trigger's function.json entry, so generic ``httpTrigger`` triggers work
    too. A missing route is the function name and a missing auth level ``FUNCTION``, as
    the host does; an auth level given as text is matched by name, in any case.
    """
    trigger = function.get_trigger()
    if trigger is None or not function.is_http_function():
        return None
    fields = trigger.get_dict_repr()
    route = fields.get("route")
    template = function.get_function_name() if route is None else str(route)
    methods = fields.get("methods") or ()
    if isinstance(methods, str):
        methods = [methods]
    auth = fields.get("authLevel")
    if auth is None or isinstance(auth, AuthLevel):
        auth_level: AuthLevel | None = AuthLevel.FUNCTION if auth is None else auth
    else:
        auth_level = AuthLevel.__members__.get(_text(auth).upper())
    return HttpRoute(
        template=template,
        methods=tuple(dict.fromkeys(_text(m).upper() for m in methods)),
        auth_level=auth_level,
    )


def _path_segments(path: str) -> list[str]:
    """Split a URL path (percent-encoded, as sent) into decoded segments, without dot
    segments.

    Like Kestrel, the segments are decoded first (``%2F`` stays inside its segment) and
    then ``.`` is dropped and ``..`` drops the segment before it (none above the root):
    ``/api/a/%2e%2e/b`` routes as ``/api/b``.
    """
    path = path.split("?", 1)[0].split("#", 1)[0]
    path = path[1:] if path.startswith("/") else path
    path = path[:-1] if path.endswith("/") else path
    segments: list[str] = []
    for segment in (unquote(s) for s in path.split("/")) if path else ():
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(segment)
    return segments


@attrs.frozen(kw_only=True)
class RouteTable:
    """The HTTP functions of an app, matched by method and path like the host does.

    Attributes:
        routes: The routes, in precedence order.
        route_prefix: The prefix as a path (``"/api"``, or ``""`` for none).
        conflicts: One message per function left out because another function already
            has the same template and an overlapping method (the host logs these and
            does not register the second function).
    """

    routes: tuple[Route, ...]
    route_prefix: str
    conflicts: tuple[str, ...] = ()
    #: The prefix's segments, case-folded: what a path must start with (per request).
    _folded_prefix: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    @_folded_prefix.default
    def _fold_prefix(self) -> tuple[str, ...]:
        return tuple(s.casefold() for s in self.route_prefix.split("/") if s)

    @classmethod
    def from_functions(cls, functions: Iterable[Function], route_prefix: str = "api") -> RouteTable:
        """Build the table of the HTTP functions among ``functions``.

        :param functions: Indexed functions (``app.get_functions()``); non-HTTP ones are
            skipped.
        :param route_prefix: ``routePrefix`` of host.json: ``"api"``, ``"/api"`` or ``""``.
        :raises RouteTemplateError: a function's route is not a valid template; the
            message names the function.
        """
        prefix = normalise_prefix(route_prefix)
        routes: list[Route] = []
        conflicts: list[str] = []
        for function in functions:
            http_route = http_route_of(function)
            if http_route is None:
                continue
            template_text, methods = http_route.template, http_route.methods
            name = function.get_function_name()
            try:
                template = parse_route_template(template_text)
            except RouteTemplateError as err:
                raise RouteTemplateError(f"Function {name!r}: {err}") from err
            clash = _clash(routes, template, methods)
            if clash is not None:
                conflicts.append(
                    f"Function {name!r} was not registered: its route {template_text!r} "
                    f"conflicts with the route of function {clash.function_name!r} for the "
                    "same methods. Change one of the routes or split the methods."
                )
                continue
            segments = "/".join(split_segments(template_text))
            routes.append(
                Route(
                    function=function,
                    function_name=name,
                    template=template,
                    methods=methods,
                    auth_level=http_route.auth_level,
                    path=f"{prefix}/{segments}" if segments else prefix or "/",
                )
            )
        ordered = sorted(routes, key=lambda r: r.template.precedence)  # stable: ties by order
        return cls(routes=tuple(ordered), route_prefix=prefix, conflicts=tuple(conflicts))

    def _below_prefix(self, path: str) -> list[str] | None:
        segments = _path_segments(path)
        prefix = self._folded_prefix
        if tuple(s.casefold() for s in segments[: len(prefix)]) != prefix:
            return None
        return segments[len(prefix) :]

    def match(self, method: str, path: str) -> RouteMatch | MethodNotAllowed | None:
        """Find the function for ``method`` and ``path``.

        :param method: The HTTP method, in any case.
        :param path: The URL path as sent (percent-encoded), with the route prefix,
            e.g. ``/api/items/5``. A query string is ignored.
        :returns: The best :class:`RouteMatch`; :class:`MethodNotAllowed` when the path
            matches only routes that do not accept ``method``; ``None`` when no route
            matches the path.
        """
        segments = self._below_prefix(path)
        if segments is None:
            return None
        allowed: set[str] = set()
        for route in self.routes:
            values = route.template.match(segments)
            if values is None:
                continue
            if route.allows(method):
                return RouteMatch(function=route.function, route_params=values, route=route)
            allowed.update(route.methods)
        return MethodNotAllowed(allowed=tuple(sorted(allowed))) if allowed else None


def _clash(
    routes: Iterable[Route], template: RouteTemplate, methods: tuple[str, ...]
) -> Route | None:
    """Return an earlier route with the same template text and an overlapping method."""
    text = template.template.strip("/").casefold()
    for route in routes:
        if route.template.template.strip("/").casefold() != text:
            continue
        if not route.methods or not methods or set(route.methods) & set(methods):
            return route
    return None
