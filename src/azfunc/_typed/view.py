"""The view of a typed HTTP function that the worker, the runner and the checks see:
:func:`typed_view`.

It is a copy of the function whose user function is an *adapter*: a real function
whose signature lists only the bindings (the HTTP request first, added when the user
function leaves it out) and whose return annotation is ``HttpResponse`` when the
function returns a model. The adapter reads the typed parameters from the request,
answers ``404`` when a route value does not convert (as the host answers a route
constraint that fails) and ``422`` with an RFC 9457 problem document listing every
field error when the query or body does not, calls the user function, and turns a
returned model into a JSON response. The function metadata is not touched.
"""

from __future__ import annotations

import functools
import inspect
import json
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from azfunc import _abc
from azfunc._typed.models import INVALID, FieldError, to_jsonable
from azfunc._typed.plan import TypedParameter, TypedPlan, plan_of
from azfunc._typed.response import ModelResponse, json_response, problem_response

if TYPE_CHECKING:
    from azfunc._http import HttpResponse
    from azfunc.decorators._function import Function

__all__ = ["PLAN_ATTRIBUTE", "adapter_plan", "typed_view"]

#: The attribute of an adapter that holds its :class:`TypedPlan`.
PLAN_ATTRIBUTE = "__azfunc_typed_plan__"
_RETURN = "$return"

# user function -> (the bindings list it was planned for, the adapter or None)
_VIEWS: weakref.WeakKeyDictionary[Callable[..., Any], tuple[object, Callable[..., Any] | None]]
_VIEWS = weakref.WeakKeyDictionary()


def adapter_plan(func: object) -> TypedPlan | None:
    """The plan of an adapter made by :func:`typed_view`, else ``None``."""
    plan = getattr(func, PLAN_ATTRIBUTE, None)
    return plan if isinstance(plan, TypedPlan) else None


def typed_view(function: Function) -> Function:
    """Return the worker's view of ``function``: ``function`` itself when it is not a
    typed HTTP function, else a copy whose user function is the adapter. The adapter is
    made once per user function and bindings, so the view of a function is stable."""
    func = function.get_user_function()
    if getattr(func, PLAN_ATTRIBUTE, None) is not None:
        return function
    bindings = function.get_bindings()
    try:
        cached = _VIEWS.get(func)
    except TypeError:  # not weak-referenceable
        cached = None
    if cached is not None and cached[0] is bindings:
        adapter = cached[1]
    else:
        plan = plan_of(function)
        adapter = None if plan is None else _adapter(plan, func)
        try:
            _VIEWS[func] = (bindings, adapter)
        except TypeError:
            pass
    return function if adapter is None else function.with_user_function(adapter)


# -- reading the request -----------------------------------------------------------------------


def _query_lists(request: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in parse_qsl(urlsplit(request.url).query, keep_blank_values=True):
        found.setdefault(key, []).append(value)
    return found


def _read(plan: TypedPlan, request: Any, arguments: dict[str, Any]) -> HttpResponse | None:
    """Put the typed values in ``arguments``; return the 404 or 422 answer instead
    when the request does not fit."""
    errors: list[FieldError] = []
    route: Mapping[str, str] | None = None
    query: Mapping[str, str] | None = None
    lists: dict[str, list[str]] | None = None
    for parameter in plan.parameters:
        source = parameter.source
        if source == "path":
            if route is None:
                route = request.route_params
            raw: Any = route.get(parameter.key)
            if raw is None or raw == "":  # an optional route parameter left out
                arguments[parameter.name] = parameter.default
                continue
            value = parameter.convert(raw, ("path", parameter.key), errors)
            if value is INVALID:
                return _not_found()
        elif source == "query":
            if parameter.many:
                if lists is None:
                    lists = _query_lists(request)
                raw = lists.get(parameter.key)
            else:
                if query is None:
                    query = request.params
                raw = query.get(parameter.key)
            if raw is None:
                if parameter.required:
                    errors.append(FieldError(("query", parameter.key), "Field required", "missing"))
                else:
                    arguments[parameter.name] = parameter.default
                continue
            loc = ("query", parameter.key)
            value = (
                [parameter.convert(item, (*loc, i), errors) for i, item in enumerate(raw)]
                if parameter.many
                else parameter.convert(raw, loc, errors)
            )
        else:
            value = _read_body(parameter, request, errors)
        arguments[parameter.name] = value
    if errors:
        return problem_response(errors, urlsplit(request.url).path or None)
    return None


def _read_body(parameter: TypedParameter, request: Any, errors: list[FieldError]) -> Any:
    body = request.get_body()
    if not body:
        if parameter.required:
            errors.append(FieldError(("body",), "Field required", "missing"))
            return INVALID
        return parameter.default
    try:
        data = json.loads(body)
    except ValueError as error:
        errors.append(FieldError(("body",), f"Invalid JSON: {error}", "json_invalid"))
        return INVALID
    return parameter.convert(data, ("body",), errors)


def _not_found() -> HttpResponse:
    from azfunc._http import HttpResponse

    return HttpResponse(status_code=404)


# -- answering ---------------------------------------------------------------------------------


def _response(plan: TypedPlan, value: Any) -> Any:
    if isinstance(value, _abc.HttpResponse) or plan.response is None:
        return value
    if isinstance(value, ModelResponse):
        return json_response(to_jsonable(value.body), value.status_code, value.headers)
    if value is None:
        return None
    return json_response(to_jsonable(value))


def _answer(plan: TypedPlan, response: Any, kwargs: dict[str, Any]) -> Any:
    """Send ``response`` where the function's HTTP output goes: the return value, or
    the named HTTP output."""
    if plan.http_output is None or plan.http_output == _RETURN:
        return response
    out = kwargs.get(plan.http_output)
    if out is not None and response is not None:
        out.set(response)
    return None


def _adapter(plan: TypedPlan, func: Callable[..., Any]) -> Callable[..., Any]:
    problems = plan.problems
    request_name = plan.request
    drop_request = not plan.passes_request

    def before(kwargs: dict[str, Any]) -> tuple[dict[str, Any], HttpResponse | None]:
        if problems:
            raise TypeError("\n".join(problems))
        arguments = dict(kwargs)
        request = arguments.pop(request_name) if drop_request else arguments[request_name]
        return arguments, _read(plan, request, arguments)

    adapter: Callable[..., Any]
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_adapter(**kwargs: Any) -> Any:
            arguments, rejected = before(kwargs)
            if rejected is not None:
                return _answer(plan, rejected, kwargs)
            return _answer(plan, _response(plan, await func(**arguments)), kwargs)

        adapter = async_adapter
    else:

        @functools.wraps(func)
        def sync_adapter(**kwargs: Any) -> Any:
            arguments, rejected = before(kwargs)
            if rejected is not None:
                return _answer(plan, rejected, kwargs)
            return _answer(plan, _response(plan, func(**arguments)), kwargs)

        adapter = sync_adapter
    adapter.__signature__ = plan.signature  # type: ignore[attr-defined]
    adapter.__annotations__ = dict(plan.annotations)
    setattr(adapter, PLAN_ATTRIBUTE, plan)
    _name_source_file(adapter, func)
    return adapter


def _name_source_file(adapter: Callable[..., Any], func: Callable[..., Any]) -> None:
    """Make the adapter's code name the user's file, which the runner and the worker
    read to set the function directory."""
    code = getattr(adapter, "__code__", None)
    user_code = getattr(inspect.unwrap(func), "__code__", None)
    if code is not None and user_code is not None:
        adapter.__code__ = code.replace(co_filename=user_code.co_filename)
