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

import contextlib
import functools
import inspect
import json
import typing
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from azfunc import _abc
from azfunc._http import HttpResponse
from azfunc._typed.dump import compile_dumper, to_jsonable
from azfunc._typed.models import INVALID, Converter, FieldError, is_class
from azfunc._typed.plan import TypedPlan, is_response_class, plan_of, response_body_type
from azfunc._typed.response import ModelResponse, json_response, problem_response

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = ["PLAN_ATTRIBUTE", "adapter_plan", "typed_view"]

#: The attribute of an adapter that holds its :class:`TypedPlan`.
PLAN_ATTRIBUTE = "__azfunc_typed_plan__"
_RETURN = "$return"
_BODY = ("body",)

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
        with contextlib.suppress(TypeError):  # not weak-referenceable
            _VIEWS[func] = (bindings, adapter)
    return function if adapter is None else function.with_user_function(adapter)


# -- reading the request -----------------------------------------------------------------------


def _query_lists(request: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in parse_qsl(urlsplit(request.url).query, keep_blank_values=True):
        found.setdefault(key, []).append(value)
    return found


def _reader(plan: TypedPlan) -> Callable[[Any, dict[str, Any]], HttpResponse | None]:
    """Compile what puts the typed values of a request in the call's arguments, or
    returns the 404 or 422 answer instead when the request does not fit."""
    specs = [
        (p.name, p.source, p.key, (p.source, p.key), p.convert, p.required, p.default, p.many)
        for p in plan.parameters
    ]

    def read(request: Any, arguments: dict[str, Any]) -> HttpResponse | None:
        errors: list[FieldError] = []
        route: Mapping[str, str] | None = None
        query: Mapping[str, str] | None = None
        lists: dict[str, list[str]] | None = None
        for name, source, key, loc, convert, required, default, many in specs:
            if source == "path":
                if route is None:
                    route = request.route_params
                raw: Any = route.get(key)
                if raw is None or raw == "":  # an optional route parameter left out
                    arguments[name] = default
                    continue
                value = convert(raw, loc, errors)
                if value is INVALID:
                    return _not_found()
            elif source == "query":
                if many:
                    if lists is None:
                        lists = _query_lists(request)
                    raw = lists.get(key)
                else:
                    if query is None:
                        query = request.params
                    raw = query.get(key)
                if raw is None:
                    if required:
                        errors.append(FieldError(loc, "Field required", "missing"))
                    else:
                        arguments[name] = default
                    continue
                if many:
                    value = [convert(item, (*loc, i), errors) for i, item in enumerate(raw)]
                else:
                    value = convert(raw, loc, errors)
            else:
                value = _read_body(convert, required, default, request, errors)
            arguments[name] = value
        if errors:
            return problem_response(errors, urlsplit(request.url).path or None)
        return None

    return read


def _read_body(
    convert: Converter, required: bool, default: Any, request: Any, errors: list[FieldError]
) -> Any:
    body = request.get_body()
    if not body:
        if required:
            errors.append(FieldError(_BODY, "Field required", "missing"))
            return INVALID
        return default
    try:
        data = json.loads(body)
    except ValueError as error:
        errors.append(FieldError(_BODY, f"Invalid JSON: {error}", "json_invalid"))
        return INVALID
    return convert(data, _BODY, errors)


def _not_found() -> HttpResponse:
    return HttpResponse(status_code=404)


# -- answering ---------------------------------------------------------------------------------


def _responder(plan: TypedPlan) -> Callable[[Any], Any] | None:
    """Compile what turns the function's return value into its answer (``None``: the
    value is the answer, the function returns no model)."""
    if plan.response is None:
        return None
    model = response_body_type(plan.response)
    dump = compile_dumper(model)
    fast = typing.get_origin(model) or model
    fast_types = (fast,) if is_class(fast) and not is_response_class(fast) else ()

    def send(body: Any, status_code: int = 200, headers: Any = None) -> HttpResponse:
        try:
            return json_response(dump(body), status_code, headers)
        except (TypeError, ValueError):  # a value that is not what its annotation says
            return json_response(to_jsonable(body), status_code, headers)

    def respond(value: Any) -> Any:
        kind = type(value)
        if kind in fast_types:
            return send(value)
        if kind is ModelResponse:
            return send(value.body, value.status_code, value.headers)
        if value is None or isinstance(value, _abc.HttpResponse):
            return value
        return send(value)

    return respond


def _adapter(plan: TypedPlan, func: Callable[..., Any]) -> Callable[..., Any]:
    problems = plan.problems
    request_name = plan.request
    drop_request = not plan.passes_request
    # A plan with problems (azfunc check reports them) fails each call, in before().
    read = _reader(plan)
    respond = None if problems else _responder(plan)
    output = plan.http_output if plan.http_output != _RETURN else None

    def before(kwargs: dict[str, Any]) -> tuple[dict[str, Any], HttpResponse | None]:
        if problems:
            raise TypeError("\n".join(problems))
        arguments = dict(kwargs)
        request = arguments.pop(request_name) if drop_request else kwargs[request_name]
        return arguments, read(request, arguments)

    def answer(response: Any, kwargs: dict[str, Any]) -> Any:
        """Send ``response`` where the HTTP output goes: returned, or set on the named
        HTTP output (``Out[HttpResponse]``)."""
        if output is None:
            return response
        out = kwargs.get(output)
        if out is not None and response is not None:
            out.set(response)
        return None

    adapter: Callable[..., Any]
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_adapter(**kwargs: Any) -> Any:
            arguments, rejected = before(kwargs)
            if rejected is not None:
                return answer(rejected, kwargs)
            value = await func(**arguments)
            return answer(value if respond is None else respond(value), kwargs)

        adapter = async_adapter
    else:

        @functools.wraps(func)
        def sync_adapter(**kwargs: Any) -> Any:
            arguments, rejected = before(kwargs)
            if rejected is not None:
                return answer(rejected, kwargs)
            value = func(**arguments)
            return answer(value if respond is None else respond(value), kwargs)

        adapter = sync_adapter
    shown: Any = adapter  # a function: it takes the attributes the worker reads
    shown.__signature__ = plan.signature
    shown.__annotations__ = dict(plan.annotations)
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
