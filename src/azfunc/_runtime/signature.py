"""The load-time checks of a function's signature against its bindings.

The Python worker refuses to load a function whose parameters and bindings do not
line up; these are the same rules, applied by azfunc before the worker sees the app:

- every parameter has a binding of the same name, except ``context`` (the invocation
  :class:`~azfunc.Context`) and a parameter annotated with the settlement client of the
  ``azurefunctions-extensions-bindings-*`` packages, which the worker fills in itself
  (``ServiceBusMessageActions``), and every binding except ``$return`` has a parameter;
- a parameter of an output binding is annotated ``Out[T]``, and only those are;
- an annotation is one the binding's converter accepts (``T`` for ``Out[T]``; the
  return annotation for ``$return``); SDK types of the
  ``azurefunctions-extensions-bindings-*`` packages, and iterables of one of them
  (``list[ServiceBusReceivedMessage]``), are accepted as the worker accepts them;
- a ``context`` parameter without a binding is annotated ``Context`` or not at all.

:func:`analyse_signature` returns the binding of each parameter plus every problem
found; :func:`bind_signature` raises :class:`FunctionSignatureError` listing them all.
The invocation pipeline, the test kit and ``azfunc check`` use it.
"""

from __future__ import annotations

import collections.abc
import inspect
import typing
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

from azfunc import _abc, meta
from azfunc._typed.view import typed_view
from azfunc.decorators.core import BindingDirection

if TYPE_CHECKING:
    from azfunc.decorators._function import Function
    from azfunc.decorators.core import Binding

__all__ = [
    "CONTEXT_PARAMETER",
    "RETURN_BINDING",
    "FunctionSignature",
    "FunctionSignatureError",
    "ParameterBinding",
    "SignatureProblem",
    "analyse_signature",
    "bind_signature",
    "converter_for",
    "has_implicit_output",
    "is_sdk_type",
    "is_worker_filled",
    "signature_problems",
    "takes_generic_value",
    "type_name",
]

#: The name of the binding that receives the function's return value.
RETURN_BINDING = "$return"
#: The parameter name the worker fills with the invocation context.
CONTEXT_PARAMETER = "context"
_SDK_TYPE_MODULE_PREFIX = "azurefunctions.extensions.bindings"
#: SDK types the worker passes without a binding (the Service Bus settlement client).
_WORKER_FILLED = frozenset({"ServiceBusMessageActions"})


class FunctionSignatureError(TypeError):
    """A function's parameters and its bindings do not line up; the message lists every
    problem, one per line.

    Attributes:
        problems: The problems found, in parameter order.
    """

    def __init__(self, problems: list[SignatureProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(problem.message for problem in problems))


@attrs.frozen(kw_only=True)
class SignatureProblem:
    """One reason the worker would refuse to load a function.

    Attributes:
        function_name: The function's name as the host knows it.
        code: A stable identifier of the rule: ``parameter-without-binding``,
            ``binding-without-parameter``, ``out-on-input-binding``,
            ``output-without-out``, ``annotation-rejected``, ``return-annotation-rejected``,
            ``return-is-out``, ``context-annotation``, ``unresolved-annotation``,
            ``return-binding-direction``.
        parameter: The parameter or binding concerned (``$return`` for the return value).
        message: The full message, naming the function, the value, the rule and the fix.
    """

    function_name: str
    code: str
    parameter: str
    message: str


@attrs.frozen(kw_only=True)
class ParameterBinding:
    """A function parameter and the binding that feeds it (or that it feeds).

    Attributes:
        name: The parameter name, which is the binding's ``name`` (its ``arg_name``).
        binding: The binding.
        annotation: The parameter's resolved annotation, ``None`` when it has none.
        is_out: Whether the parameter is an ``Out[T]`` output parameter.
        value_type: The annotation without ``Out[...]``: the type the converter sees.
    """

    name: str
    binding: Binding
    annotation: object
    is_out: bool
    value_type: object


@attrs.frozen(kw_only=True)
class FunctionSignature:
    """How a function's parameters and return value map onto its bindings.

    Attributes:
        function_name: The function's name as the host knows it.
        parameters: The bound parameters, in signature order.
        context_parameter: The name of the parameter that receives the
            :class:`~azfunc.Context`, or ``None``.
        return_binding: The ``$return`` binding, or ``None``.
        return_annotation: The resolved return annotation, ``None`` when absent.
    """

    function_name: str
    parameters: tuple[ParameterBinding, ...]
    context_parameter: str | None
    return_binding: Binding | None
    return_annotation: object

    def parameter(self, name: str) -> ParameterBinding | None:
        """Return the bound parameter called ``name``, or ``None``."""
        return next((p for p in self.parameters if p.name == name), None)


def converter_for(binding_type: str) -> type[Any] | None:
    """Return the converter class registered for ``binding_type``, or ``None`` (the
    worker then treats the binding as generic: ``str`` or ``bytes`` values)."""
    return meta.get_binding_registry().get(binding_type)


def has_implicit_output(binding_type: str) -> bool:
    """Tell whether a trigger of ``binding_type`` sends the function's return value back
    without a ``$return`` binding (durable, MCP and connector triggers), so the worker
    never treats its parameters as generic."""
    converter = converter_for(binding_type)
    return converter is not None and bool(getattr(converter, "has_implicit_output", bool)())


def takes_generic_value(binding_type: str, annotation: object) -> bool:
    """Tell whether the worker hands a parameter annotated ``annotation`` the binding's
    raw ``str`` or ``bytes`` value instead of decoding it with the binding's converter:
    it does for ``str`` and ``bytes`` parameters, except on triggers with an implicit
    output (the worker's ``generic`` binding)."""
    return annotation in (str, bytes) and not has_implicit_output(binding_type)


def is_sdk_type(annotation: object) -> bool:
    """Tell whether ``annotation`` is a client type of an
    ``azurefunctions-extensions-bindings-*`` package (``BlobClient``, …)."""
    module = getattr(annotation, "__module__", "") or ""
    return isinstance(annotation, type) and module.startswith(_SDK_TYPE_MODULE_PREFIX)


def _is_sdk_type_collection(annotation: object) -> bool:
    """Tell whether ``annotation`` is an iterable of one SDK type (``list[BlobClient]``),
    which the worker accepts like the SDK type, for a ``cardinality="many"`` trigger."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    return (
        isinstance(origin, type)
        and issubclass(origin, collections.abc.Iterable)
        and len(args) == 1
        and is_sdk_type(args[0])
    )


def is_worker_filled(annotation: object) -> bool:
    """Tell whether the worker fills a parameter annotated ``annotation`` itself, without
    a binding: the settlement clients of the ``azurefunctions-extensions-bindings-*``
    packages (``ServiceBusMessageActions``). Other SDK types need a binding."""
    return is_sdk_type(annotation) and getattr(annotation, "__name__", "") in _WORKER_FILLED


def _is_out(annotation: object) -> bool:
    origin = typing.get_origin(annotation) or annotation
    return isinstance(origin, type) and (issubclass(origin, _abc.Out) or origin.__name__ == "Out")


def _out_value_type(annotation: object) -> object:
    args = typing.get_args(annotation)
    return args[0] if args else None


def type_name(annotation: object) -> str:
    """``Out[str]`` for ``azfunc.Out[str]``, ``list[QueueMessage]``, ``None``, …"""
    if annotation is None or annotation is type(None):
        return "None"
    origin = typing.get_origin(annotation)
    if origin is not None:
        args = ", ".join(type_name(arg) for arg in typing.get_args(annotation))
        name = getattr(origin, "__name__", None) or repr(origin).replace("typing.", "")
        return f"{name}[{args}]"
    if isinstance(annotation, type):
        return annotation.__name__
    return repr(annotation).replace("typing.", "")


def _accepts(binding_type: str, annotation: object, *, output: bool) -> bool:
    """Whether a value annotated ``annotation`` suits a binding of ``binding_type``."""
    if is_sdk_type(annotation) or _is_sdk_type_collection(annotation):
        return True
    converter = converter_for(binding_type)
    if converter is None:
        return isinstance(annotation, type) and issubclass(annotation, (str, bytes))
    if not output and takes_generic_value(binding_type, annotation):
        return True
    check: Callable[[Any], bool] | None = getattr(
        converter,
        "check_output_type_annotation" if output else "check_input_type_annotation",
        None,
    )
    if check is None:
        return False
    try:
        return bool(check(annotation))
    except TypeError:  # issubclass() on a non-class annotation such as Optional[X]
        return False


def _accepted_types_hint(binding_type: str, *, output: bool) -> str:
    if converter_for(binding_type) is None:
        return "str or bytes (the binding has no converter, so the worker treats it as generic)"
    import azfunc  # the public types, to name the ones the converter accepts

    candidates = [str, bytes, int, float, dict, list]
    candidates += [
        value
        for name in azfunc.__all__
        if isinstance(value := getattr(azfunc, name, None), type)
        and value.__module__.startswith("azfunc._")
        and not name.endswith(("Converter", "Api", "App", "Middleware", "Register"))
    ]
    accepted = sorted({c.__name__ for c in candidates if _accepts(binding_type, c, output=output)})
    if not accepted:
        return "the type its converter expects"
    return "one of " + ", ".join(accepted) if len(accepted) > 1 else accepted[0]


#: Stands for an annotation that could not be resolved (already reported once).
_UNRESOLVED = object()


def _resolve_annotations(func: Callable[..., Any]) -> tuple[dict[str, Any], str | None]:
    """Return the function's resolved annotations; on failure, those that resolve one
    by one (the others as :data:`_UNRESOLVED`) plus the error text."""
    try:
        return typing.get_type_hints(func), None
    except Exception as error:  # NameError, TypeError, … from a bad annotation
        raw = dict(getattr(func, "__annotations__", {}) or {})
        namespace = getattr(func, "__globals__", {})
        hints: dict[str, Any] = {}
        for name, annotation in raw.items():
            try:
                hints[name] = (
                    eval(annotation, namespace)  # what get_type_hints does
                    if isinstance(annotation, str)
                    else annotation
                )
            except Exception:
                hints[name] = _UNRESOLVED
            if isinstance(hints[name], str):  # a quoted name inside a string annotation
                hints[name] = _UNRESOLVED
        return hints, f"{type(error).__name__}: {error}"


def _declared(func: Callable[..., Any], shown: dict[str, inspect.Parameter]) -> list[str]:
    """The parameter names the user wrote (a typed function's worker view shows fewer)."""
    try:
        return list(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return list(shown)


def analyse_signature(function: Function) -> tuple[FunctionSignature, list[SignatureProblem]]:
    """Map ``function``'s parameters onto its bindings and collect every problem.

    The signature is the one the worker sees: for a typed HTTP function, the bindings
    only (:func:`azfunc._typed.view.typed_view`).

    :param function: An indexed function (from ``app.get_functions()`` or ``build()``).
    :returns: The mapping (problematic parameters are left out of it) and the problems
        found, in signature order; no problems means the worker loads the function.
    """
    declared = function.get_user_function()
    function = typed_view(function)  # a typed HTTP function: its bindings only
    name = function.get_function_name()
    func = function.get_user_function()
    problems: list[SignatureProblem] = []

    def problem(code: str, parameter: str, message: str) -> None:
        problems.append(
            SignatureProblem(function_name=name, code=code, parameter=parameter, message=message)
        )

    try:
        params = dict(inspect.signature(func).parameters)
    except (TypeError, ValueError) as error:
        problem(
            "unresolved-annotation",
            "",
            f"Function {name!r}: cannot read the signature "
            f"of {func!r}: {error}. Decorate a plain def or async def function.",
        )
        empty = FunctionSignature(
            function_name=name,
            parameters=(),
            context_parameter=None,
            return_binding=None,
            return_annotation=None,
        )
        return empty, problems
    hints, hint_error = _resolve_annotations(func)
    if hint_error is not None:
        problem(
            "unresolved-annotation",
            "",
            f"Function {name!r}: its annotations cannot be resolved ({hint_error}). Import "
            "every name an annotation uses at module level, or quote nothing that cannot "
            "be imported.",
        )
    bindings = {b.name: b for b in function.get_bindings() if b.name != RETURN_BINDING}
    return_binding = next((b for b in function.get_bindings() if b.name == RETURN_BINDING), None)
    binding_names = ", ".join(repr(n) for n in bindings) or "none"

    context_parameter: str | None = None
    if CONTEXT_PARAMETER in params and CONTEXT_PARAMETER not in bindings:
        context_parameter = CONTEXT_PARAMETER
        annotation = hints.get(CONTEXT_PARAMETER)
        if annotation not in (None, _UNRESOLVED) and not (
            isinstance(annotation, type)
            and (issubclass(annotation, _abc.Context) or annotation.__name__ == "Context")
        ):
            problem(
                "context-annotation",
                CONTEXT_PARAMETER,
                f"Function {name!r} declares parameter 'context' annotated "
                f"{type_name(annotation)!r}, but no binding is named 'context', so it "
                "receives the invocation context. Annotate it func.Context, or add a "
                "binding with arg_name='context'.",
            )

    bound: list[ParameterBinding] = []
    for param_name, parameter in params.items():
        if param_name == context_parameter:
            continue
        if parameter.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD):
            continue
        binding = bindings.get(param_name)
        if binding is None and is_worker_filled(hints.get(param_name)):
            continue  # the worker passes its own client, e.g. ServiceBusMessageActions
        if binding is None:
            problem(
                "parameter-without-binding",
                param_name,
                f"Function {name!r} declares parameter {param_name!r} but no binding named "
                f"{param_name!r}; bindings are {binding_names}. Add a binding with "
                f"arg_name={param_name!r} or remove the parameter.",
            )
            continue
        bound_parameter = _bind_parameter(name, param_name, binding, hints, problem)
        if bound_parameter is not None:
            bound.append(bound_parameter)

    for binding_name, binding in bindings.items():
        if binding_name not in params:
            parameters = ", ".join(repr(p) for p in _declared(declared, params)) or "none"
            problem(
                "binding-without-parameter",
                binding_name,
                f"Function {name!r} has a {binding.type!r} binding named {binding_name!r} "
                f"but no parameter of that name; parameters are {parameters}. Add a "
                f"parameter {binding_name!r} or change the binding's arg_name.",
            )

    return_annotation = hints.get("return")
    if return_annotation is _UNRESOLVED:
        return_annotation = None
    if return_binding is not None:
        _check_return(name, return_binding, return_annotation, problem)

    signature = FunctionSignature(
        function_name=name,
        parameters=tuple(bound),
        context_parameter=context_parameter,
        return_binding=return_binding,
        return_annotation=return_annotation,
    )
    return signature, problems


def _bind_parameter(
    name: str,
    param_name: str,
    binding: Binding,
    hints: dict[str, Any],
    problem: Callable[[str, str, str], None],
) -> ParameterBinding | None:
    annotation = hints.get(param_name)
    binding_is_output = binding._direction in (BindingDirection.OUT, BindingDirection.INOUT)
    if annotation is _UNRESOLVED:  # reported once already; check nothing more
        return ParameterBinding(
            name=param_name,
            binding=binding,
            annotation=None,
            is_out=binding_is_output,
            value_type=None,
        )
    is_out = annotation is not None and _is_out(annotation)
    if binding._direction == BindingDirection.OUT and not is_out:
        problem(
            "output-without-out",
            param_name,
            f"Function {name!r}: parameter {param_name!r} feeds the output binding "
            f"{param_name!r} ({binding.type!r}) but is annotated "
            f"{type_name(annotation) if annotation is not None else 'nothing'}. Annotate "
            f"it func.Out[T] and call {param_name}.set(value).",
        )
        return None
    if is_out and not binding_is_output:
        problem(
            "out-on-input-binding",
            param_name,
            f"Function {name!r}: parameter {param_name!r} is annotated "
            f"{type_name(annotation)}, but binding {param_name!r} ({binding.type!r}) is "
            "an input (direction IN). Drop the Out[...] annotation, or bind the parameter "
            "to an output binding.",
        )
        return None
    value_type = _out_value_type(annotation) if is_out else annotation
    if value_type is not None and not _accepts(str(binding.type), value_type, output=is_out):
        problem(
            "annotation-rejected",
            param_name,
            f"Function {name!r}: parameter {param_name!r} is annotated "
            f"{type_name(annotation)}, which the {binding.type!r} binding cannot "
            f"{'take' if is_out else 'produce'}. Annotate it with "
            f"{_accepted_types_hint(str(binding.type), output=is_out)}.",
        )
        return None
    return ParameterBinding(
        name=param_name,
        binding=binding,
        annotation=annotation,
        is_out=is_out,
        value_type=value_type,
    )


def _check_return(
    name: str,
    binding: Binding,
    annotation: object,
    problem: Callable[[str, str, str], None],
) -> None:
    if binding._direction != BindingDirection.OUT:
        problem(
            "return-binding-direction",
            RETURN_BINDING,
            f"Function {name!r}: the '$return' binding ({binding.type!r}) must have "
            "direction OUT. Use an output binding with arg_name='$return'.",
        )
        return
    if annotation is None or annotation is type(None):
        return
    if _is_out(annotation):
        problem(
            "return-is-out",
            RETURN_BINDING,
            f"Function {name!r}: the return annotation is {type_name(annotation)}; a "
            "return value is sent to '$return' directly. Annotate the return with the "
            "value's type, without Out[...].",
        )
    elif not _accepts(str(binding.type), annotation, output=True):
        problem(
            "return-annotation-rejected",
            RETURN_BINDING,
            f"Function {name!r}: the return annotation {type_name(annotation)} does not "
            f"suit its '$return' binding ({binding.type!r}). Annotate the return with "
            f"{_accepted_types_hint(str(binding.type), output=True)}.",
        )


def signature_problems(function: Function) -> list[SignatureProblem]:
    """Return every reason the worker would refuse to load ``function`` (``[]`` if none)."""
    return analyse_signature(function)[1]


#: Signatures bound without problems, with what they were bound from (the user function
#: and the bindings): a function is bound once per invocation, and analysing it again
#: each time would cost the local host a good part of its throughput.
_BOUND: weakref.WeakKeyDictionary[Function, tuple[tuple[object, ...], FunctionSignature]] = (
    weakref.WeakKeyDictionary()
)


def bind_signature(function: Function) -> FunctionSignature:
    """Map ``function``'s parameters onto its bindings.

    :raises FunctionSignatureError: the parameters and bindings do not line up; the
        message lists every problem.
    """
    key = (function.get_user_function(), *function.get_bindings())
    cached = _BOUND.get(function)
    if cached is not None and len(cached[0]) == len(key) and all(
        a is b for a, b in zip(cached[0], key, strict=True)
    ):
        return cached[1]
    signature, problems = analyse_signature(function)
    if problems:
        raise FunctionSignatureError(problems)
    _BOUND[function] = (key, signature)
    return signature
