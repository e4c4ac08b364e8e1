"""What makes an HTTP function typed, read from its signature: :func:`plan_of`.

Parameters are inferred as FastAPI infers them. A parameter that is neither a binding
(its name is a binding's ``arg_name``) nor the invocation ``context`` is typed:

- a name of the route template is a **route** parameter (``items/{item_id:int}``);
- a model annotation (dataclass, ``TypedDict``, attrs class, pydantic model, ``dict``,
  or a list of models) is the **body**;
- any other simple annotation, or none, is a **query** parameter.

A parameter annotated with a binding type (``Out[...]``, ``InputStream``,
``DocumentList``, an SDK client, …) is never typed: it is a binding whose ``arg_name``
does not match, and the signature rules report it. A return annotation that the HTTP
output does not take (a model, ``dict``, ``list`` or
:class:`~azfunc.typed.ModelResponse`, or a union with one of them) is a **response model**.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import TYPE_CHECKING, Any, Literal

import attrs

from azfunc import _abc
from azfunc._routing.table import RouteTemplateError, http_route_of, parse_route_template
from azfunc._typed.dump import compile_dumper
from azfunc._typed.models import Converter, compile_converter, is_class, is_model_like
from azfunc._typed.response import ModelResponse
from azfunc.decorators.constants import HTTP_OUTPUT

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = [
    "TypedParameter",
    "TypedPlan",
    "is_binding_type",
    "is_response_class",
    "plan_of",
    "response_body_type",
]

_RETURN = "$return"
_CONTEXT = "context"
_BINDING_MODULES = ("azfunc.", "azure.", "azurefunctions.")
_OWN_MODULES = ("azfunc.typed", "azfunc._typed")
Source = Literal["path", "query", "body"]


@attrs.frozen(kw_only=True)
class TypedParameter:
    """One typed parameter of a function.

    Attributes:
        name: The parameter's name.
        source: Where its value comes from: ``path`` (the route), ``query`` or ``body``.
        key: The route parameter or query key it reads (the name as the template
            spells it, for a route parameter).
        annotation: Its resolved annotation (``str`` when it has none).
        required: Whether a request must carry it.
        default: The value used when it is absent and not required.
        many: A query parameter given repeatedly (``list[int]``).
        convert: The compiled converter.
    """

    name: str
    source: Source
    key: str
    annotation: object
    required: bool
    default: Any = None
    many: bool = False
    convert: Converter = attrs.field(eq=False, repr=False)


@attrs.frozen(kw_only=True)
class TypedPlan:
    """How the typed function ``function_name`` takes a request and answers it.

    Attributes:
        function_name: The function's name as the host knows it.
        request: The HTTP trigger's ``arg_name``.
        passes_request: Whether the user function declares the request parameter.
        parameters: The typed parameters, in signature order.
        response: The response model annotation, ``None`` when the return is not typed.
        http_output: ``$return`` or the ``arg_name`` of the named HTTP output
            (``None`` when the function has no HTTP output).
        signature: What the worker is shown: the binding parameters only.
        annotations: The annotations of ``signature``, resolved.
        problems: Why the function cannot be served as written (an annotation that is
            neither a model nor a simple type, two bodies, …); empty when it can.
    """

    function_name: str
    request: str
    passes_request: bool
    parameters: tuple[TypedParameter, ...]
    response: object
    http_output: str | None
    signature: inspect.Signature = attrs.field(eq=False)
    annotations: dict[str, Any] = attrs.field(eq=False)
    problems: tuple[str, ...] = ()

    @property
    def body(self) -> TypedParameter | None:
        """The body parameter, if any."""
        return next((p for p in self.parameters if p.source == "body"), None)


def is_binding_type(annotation: object) -> bool:
    """Tell whether ``annotation`` names a binding's type (``Out[...]``, an azfunc or
    azure.functions data type, an SDK client, or a list of one), which a typed
    parameter never has."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return is_binding_type(args[0])
    if origin is not None:
        if is_class(origin) and (issubclass(origin, _abc.Out) or origin.__name__ == "Out"):
            return True
        return any(is_binding_type(a) for a in args)
    if not is_class(annotation):
        return False
    module = annotation.__module__ or ""
    return module.startswith(_BINDING_MODULES) and not module.startswith(_OWN_MODULES)


def is_response_class(annotation: object) -> bool:
    """Tell whether ``annotation`` is an ``HttpResponse`` class."""
    return is_class(annotation) and issubclass(annotation, _abc.HttpResponse)


def response_body_type(annotation: object) -> object:
    """What a response model annotation says the JSON body holds: ``T`` of
    ``ModelResponse[T]``, a union without its ``HttpResponse`` and ``None`` members."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return response_body_type(args[0])
    if origin is ModelResponse:
        return args[0] if args else Any
    if origin in (typing.Union, types.UnionType):
        kept = [a for a in args if a is not type(None) and not is_response_class(a)]
        return response_body_type(kept[0]) if len(kept) == 1 else Any
    return annotation


def _accepted_http_return(annotation: object) -> bool:
    """Whether the HTTP output takes ``annotation`` as it is (the untyped return)."""
    if annotation in (None, type(None), inspect.Parameter.empty, str):
        return True
    return is_class(annotation) and issubclass(annotation, _abc.HttpResponse)


def _is_response_model(annotation: object) -> bool:
    if _accepted_http_return(annotation):
        return False
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_response_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_response_model(a) for a in typing.get_args(annotation))
    if annotation is ModelResponse or origin is ModelResponse or is_model_like(annotation):
        return True
    return annotation is list or origin is list


def _http_output(function: Function) -> str | None:
    for binding in function.get_bindings():
        if binding.type == HTTP_OUTPUT:
            return binding.name
    return None


def _route_names(function: Function) -> dict[str, str] | None:
    http_route = http_route_of(function)
    if http_route is None:
        return None
    try:
        template = parse_route_template(http_route.template)
    except RouteTemplateError:
        return {}
    return {p.name.casefold(): p.name for p in template.parameters}


def _typed_parameter(
    parameter: inspect.Parameter, annotation: object, route: dict[str, str]
) -> TypedParameter:
    name = parameter.name
    has_default = parameter.default is not inspect.Parameter.empty
    annotation = str if annotation is inspect.Parameter.empty else annotation
    default = parameter.default if has_default else None
    if name.casefold() in route:
        source: Source = "path"
        key = route[name.casefold()]
        if is_model_like(annotation):
            raise TypeError(
                f"it is a parameter of the route, which holds text, but it is annotated "
                f"{getattr(annotation, '__name__', annotation)}, a model"
            )
    elif is_model_like(annotation):
        source, key = "body", name
    else:
        source, key = "query", name
    unwrapped = _without_optional(annotation)
    many = source == "query" and typing.get_origin(unwrapped) in (list, tuple, set, frozenset)
    return TypedParameter(
        name=name,
        source=source,
        key=key,
        annotation=annotation,
        required=not has_default and source != "path",
        default=default,
        many=many,
        convert=compile_converter(
            typing.get_args(unwrapped)[0] if many and typing.get_args(unwrapped) else annotation,
            text=source != "body",
        ),
    )


def _without_optional(annotation: object) -> object:
    args = typing.get_args(annotation)
    if type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def plan_of(function: Function) -> TypedPlan | None:
    """Return how ``function`` is served typed, or ``None`` when it is not typed: it has
    no HTTP trigger, no typed parameter and no response model, or its signature or
    annotations cannot be read (the signature rules report that)."""
    trigger = function.get_trigger()
    route = _route_names(function)
    if trigger is None or route is None:
        return None
    func = function.get_user_function()
    if getattr(func, "__azfunc_typed_plan__", None) is not None:
        return None  # already the worker's view
    try:
        signature = inspect.signature(func)
        hints = typing.get_type_hints(func, include_extras=True)
    except Exception:
        return None
    bindings = {b.name for b in function.get_bindings() if b.name != _RETURN}
    http_output = _http_output(function)
    kept: list[inspect.Parameter] = []
    typed: list[TypedParameter] = []
    problems: list[str] = []
    name = function.get_function_name()
    for parameter in signature.parameters.values():
        annotation = hints.get(parameter.name, parameter.annotation)
        if (
            parameter.name in bindings
            or parameter.name == _CONTEXT
            or parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
            or is_binding_type(annotation)
        ):
            kept.append(parameter.replace(annotation=annotation))
            continue
        try:
            typed.append(_typed_parameter(parameter, annotation, route))
        except Exception as error:  # TypeError, or a model whose annotations do not resolve
            problems.append(
                f"Function {name!r}: parameter {parameter.name!r} cannot be typed: {error}. "
                "Annotate it with a model or a simple type, or make it a binding."
            )
    return_annotation = hints.get("return", signature.return_annotation)
    response = return_annotation if _is_response_model(return_annotation) else None
    if response is not None:
        try:
            compile_dumper(response_body_type(response))
        except Exception as error:  # a model whose annotations do not resolve
            problems.append(
                f"Function {name!r}: its response model cannot be sent: {error}. Import "
                "every name the model's annotations use at module level."
            )
    if not typed and response is None and not problems:
        return None
    bodies = [p.name for p in typed if p.source == "body"]
    if len(bodies) > 1:
        problems.append(
            f"Function {name!r} has {len(bodies)} body parameters ({', '.join(map(repr, bodies))});"
            " a request has one body. Put the fields in one model."
        )
    passes_request = trigger.name in signature.parameters
    if not passes_request:
        request = inspect.Parameter(
            trigger.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=_request_type()
        )
        kept.insert(0, request)
    shown_return = _response_type() if response is not None else return_annotation
    worker_signature = _signature(kept, shown_return)
    annotations = {
        p.name: p.annotation for p in kept if p.annotation is not inspect.Parameter.empty
    }
    if shown_return is not inspect.Parameter.empty:
        annotations["return"] = shown_return
    return TypedPlan(
        function_name=name,
        request=trigger.name,
        passes_request=passes_request,
        parameters=tuple(typed),
        response=response,
        http_output=http_output,
        signature=worker_signature,
        annotations=annotations,
        problems=tuple(problems),
    )


def _signature(parameters: list[inspect.Parameter], return_annotation: object) -> inspect.Signature:
    try:
        return inspect.Signature(parameters, return_annotation=return_annotation)
    except ValueError:  # a default before a required one, once typed ones are gone
        keyword_only = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in parameters]
        return inspect.Signature(keyword_only, return_annotation=return_annotation)


def _request_type() -> type:
    from azfunc._http import HttpRequest

    return HttpRequest


def _response_type() -> type:
    from azfunc._http import HttpResponse

    return HttpResponse

