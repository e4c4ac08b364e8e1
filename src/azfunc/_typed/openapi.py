"""The OpenAPI 3.1 document of an app's HTTP functions: :func:`openapi_document`.

Paths come from the route templates below the host's ``routePrefix``; route
constraints become schemas (``{id:int}`` is an integer), typed parameters and models
give the parameters, request bodies and responses, auth levels an ``apiKey`` security
scheme (the ``x-functions-key`` header or the ``code`` query parameter), and docstrings
the summaries and descriptions. Untyped functions are listed too, with what their
route says.
"""

from __future__ import annotations

import inspect
import typing
from typing import TYPE_CHECKING, Any

from azfunc._routing.table import (
    Literal,
    Parameter,
    RouteTemplateError,
    http_route_of,
    parse_route_template,
)
from azfunc._typed.dump import to_jsonable
from azfunc._typed.models import is_class
from azfunc._typed.plan import TypedParameter, TypedPlan, plan_of
from azfunc._typed.response import PROBLEM_JSON, ModelResponse
from azfunc._typed.schema import json_schema
from azfunc.decorators.core import AuthLevel

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = ["OPENAPI_VERSION", "openapi_document"]

OPENAPI_VERSION = "3.1.0"
#: The methods an HTTP function that names none answers, as the document lists them.
_EVERY_METHOD = ("get", "post", "put", "patch", "delete", "head", "options")
_KEY_SCHEMES = {
    "functionKey": {
        "type": "apiKey",
        "in": "header",
        "name": "x-functions-key",
        "description": "A function key (or the host's master key) in a header.",
    },
    "functionKeyQuery": {
        "type": "apiKey",
        "in": "query",
        "name": "code",
        "description": "A function key (or the host's master key) in the query string.",
    },
}
_PROBLEM_SCHEMA = {
    "type": "object",
    "title": "ProblemDetails",
    "description": "An RFC 9457 problem document listing every field error.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                    "msg": {"type": "string"},
                    "type": {"type": "string"},
                },
                "required": ["loc", "msg", "type"],
            },
        },
    },
    "required": ["type", "title", "status", "errors"],
}


#: The JSON Schema keywords of the route constraints that bound a value or its length;
#: ``length(n)`` is both bounds.
_BOUNDS = {
    "min": ("minimum",),
    "max": ("maximum",),
    "range": ("minimum", "maximum"),
    "minlength": ("minLength",),
    "maxlength": ("maxLength",),
    "length": ("minLength", "maxLength"),
}


def _constraint_schema(parameter: Parameter) -> dict[str, Any]:
    """The schema a route parameter's constraints describe (``{}``: any text)."""
    schema: dict[str, Any] = {"type": "string"}
    for constraint in parameter.constraints:
        name, argument = constraint.name, constraint.argument
        if name in ("int", "long"):
            schema = {"type": "integer", "format": "int32" if name == "int" else "int64"}
        elif name in ("double", "float", "decimal"):
            schema = {"type": "number"}
        elif name == "bool":
            schema = {"type": "boolean"}
        elif name == "guid":
            schema = {"type": "string", "format": "uuid"}
        elif name == "datetime":
            schema = {"type": "string", "format": "date-time"}
        elif name == "alpha":
            schema["pattern"] = "^[A-Za-z]*$"
        elif name == "regex" and argument:
            schema["pattern"] = argument
        elif name in _BOUNDS and argument:
            bounds = [int(b) for b in argument.split(",")]
            keys = _BOUNDS[name]
            values = bounds * len(keys) if len(bounds) == 1 else bounds
            schema.update(zip(keys, values, strict=True))
    return schema


def _path(prefix: str, segments: tuple[tuple[Literal | Parameter, ...], ...]) -> str:
    parts = [prefix] if prefix else []
    for segment in segments:
        parts.append(
            "".join(p.text if isinstance(p, Literal) else "{" + p.name + "}" for p in segment)
        )
    return "/" + "/".join(parts)


def _docs(function: Function) -> tuple[str | None, str | None]:
    doc = inspect.getdoc(function.get_user_function())
    if not doc:
        return None, None
    summary, _, rest = doc.partition("\n")
    return summary.strip(), rest.strip() or None


def _with_default(schema: dict[str, Any], parameter: TypedParameter) -> dict[str, Any]:
    if parameter.required or parameter.default is None:
        return schema
    try:
        return {**schema, "default": to_jsonable(parameter.default)}
    except TypeError:
        return schema


def _parameters(
    template_parameters: tuple[Parameter, ...], plan: TypedPlan | None, schemas: dict[str, Any]
) -> list[dict[str, Any]]:
    typed = {p.key: p for p in plan.parameters} if plan is not None else {}
    found: list[dict[str, Any]] = []
    for parameter in template_parameters:
        typed_parameter = typed.get(parameter.name)
        schema = _constraint_schema(parameter)
        if typed_parameter is not None and typed_parameter.source == "path":
            schema = {**json_schema(typed_parameter.annotation, schemas), **(
                {k: v for k, v in schema.items() if k not in ("type", "format")}
            )}  # fmt: skip
        found.append({"name": parameter.name, "in": "path", "required": True, "schema": schema})
    for typed_parameter in typed.values():
        if typed_parameter.source != "query":
            continue
        schema = _with_default(json_schema(typed_parameter.annotation, schemas), typed_parameter)
        entry: dict[str, Any] = {
            "name": typed_parameter.key,
            "in": "query",
            "required": typed_parameter.required,
            "schema": schema,
        }
        if typed_parameter.many:
            entry.update(style="form", explode=True)
        found.append(entry)
    return found


def _response_schema(annotation: object, schemas: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The status and the schema of a response model annotation."""
    from azfunc import _abc

    origin = typing.get_origin(annotation)
    if annotation is ModelResponse or origin is ModelResponse:
        args = typing.get_args(annotation)
        return "2XX", json_schema(args[0], schemas) if args else {}
    members = typing.get_args(annotation) if origin in (typing.Union, _union_type()) else ()
    if members:
        kept = [
            m for m in members
            if not (is_class(m) and issubclass(m, _abc.HttpResponse))
        ]  # fmt: skip
        if len(kept) == 1:
            return _response_schema(kept[0], schemas)
        return "200", {"anyOf": [json_schema(m, schemas) for m in kept]}
    return "200", json_schema(annotation, schemas)


def _union_type() -> object:
    import types

    return types.UnionType


def _responses(plan: TypedPlan | None, schemas: dict[str, Any]) -> dict[str, Any]:
    if plan is None or plan.response is None:
        responses: dict[str, Any] = {"200": {"description": "What the function returns."}}
    else:
        status, schema = _response_schema(plan.response, schemas)
        responses = {
            status: {
                "description": "The response model, as JSON.",
                "content": {"application/json": {"schema": schema}},
            }
        }
    if plan is not None and any(p.source == "path" for p in plan.parameters):
        responses["404"] = {"description": "A route value does not convert to its type."}
    if plan is not None and any(p.source != "path" for p in plan.parameters):
        schemas.setdefault("ProblemDetails", _PROBLEM_SCHEMA)
        responses["422"] = {
            "description": "The query or body is invalid; every field error is listed.",
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
        }
    return responses


def _operation(
    function: Function,
    template_parameters: tuple[Parameter, ...],
    auth_level: AuthLevel | None,
    schemas: dict[str, Any],
) -> dict[str, Any]:
    plan = plan_of(function)
    if plan is not None and plan.problems:  # azfunc check reports them; its route is known
        plan = None
    operation: dict[str, Any] = {"operationId": function.get_function_name()}
    summary, description = _docs(function)
    if summary:
        operation["summary"] = summary
    if description:
        operation["description"] = description
    parameters = _parameters(template_parameters, plan, schemas)
    if parameters:
        operation["parameters"] = parameters
    body = plan.body if plan is not None else None
    if body is not None:
        operation["requestBody"] = {
            "required": body.required,
            "content": {"application/json": {"schema": json_schema(body.annotation, schemas)}},
        }
    operation["responses"] = _responses(plan, schemas)
    if auth_level is AuthLevel.ANONYMOUS:
        operation["security"] = []
    else:
        operation["security"] = [{"functionKey": []}, {"functionKeyQuery": []}]
        if auth_level is AuthLevel.ADMIN:
            operation["description"] = (
                (operation.get("description", "") + "\n\n").lstrip()
                + "Needs the host's master key (auth level ADMIN)."
            )
    return operation


def openapi_document(
    functions: list[Function],
    *,
    route_prefix: str = "api",
    title: str = "Azure Functions app",
    version: str = "1.0.0",
) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of the HTTP functions among ``functions``.

    :param functions: The app's functions (``app.get_functions()``); others than HTTP
        functions, and functions whose route the host cannot use, are left out.
    :param route_prefix: host.json's ``extensions.http.routePrefix`` (``""``: none).
    :param title: ``info.title``.
    :param version: ``info.version``, the version of the app's API.
    :returns: The document, plain JSON values.
    """
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    prefix = route_prefix.strip("/")
    for function in functions:
        http_route = http_route_of(function)
        if http_route is None or function.http_type in ("asgi", "wsgi"):
            continue
        try:
            template = parse_route_template(http_route.template)
        except RouteTemplateError:
            continue
        methods = [m.lower() for m in http_route.methods] or list(_EVERY_METHOD)
        item = paths.setdefault(_path(prefix, template.segments), {})
        for method in methods:
            if method in item or method not in _EVERY_METHOD:
                continue
            operation = _operation(function, template.parameters, http_route.auth_level, schemas)
            if len(methods) > 1:  # operation ids are unique in a document
                operation["operationId"] += f"_{method}"
            item[method] = operation
    document: dict[str, Any] = {
        "openapi": OPENAPI_VERSION,
        "info": {"title": title, "version": version},
        "paths": paths,
        "components": {"securitySchemes": dict(_KEY_SCHEMES)},
    }
    if schemas:
        document["components"]["schemas"] = dict(sorted(schemas.items()))
    return document
