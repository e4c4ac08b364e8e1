"""The edges of the invocation runner (:mod:`azfunc._runtime.runner`): what each caller adds.

- In-process (:func:`invoke_async`, :func:`invoke`; ``azfunc start`` and the test client
  call it too): decode the inputs, make the ``Out`` objects, run the function through
  the runner, and return an :class:`InvocationResult` with the encoded outputs.
- The real worker (:func:`wrap_user_function`, given by the worker bridge): the worker
  decodes and encodes itself; the stand-in takes its keyword arguments and context and
  runs the function through the same runner.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from azfunc import _abc
from azfunc._context import SimpleOut
from azfunc._runtime.binding_values import decode_input, to_trigger_metadata
from azfunc._runtime.middleware import is_async_callable
from azfunc._runtime.runner import Run, prepare, run_async, run_sync
from azfunc._runtime.signature import (
    CONTEXT_PARAMETER,
    RETURN_BINDING,
    FunctionSignature,
    bind_signature,
)
from azfunc._typed.view import typed_view
from azfunc.decorators._builder import FunctionBuilder
from azfunc.decorators._function import Function
from azfunc.decorators.constants import HTTP_OUTPUT

if TYPE_CHECKING:
    from azfunc._http import HttpResponse
    from azfunc.decorators.core import Binding
    from azfunc.meta import Datum

__all__ = ["InvocationResult", "invoke", "invoke_async", "wrap_user_function"]


@attrs.frozen(kw_only=True)
class InvocationResult:
    """What one invocation produced.

    Attributes:
        function_name: The function's name as the host knows it.
        invocation_id: The invocation's id.
        return_value: What the function (or a middleware) returned.
        outputs: The value set on each ``Out`` parameter, by binding name (``None``
            when the function set nothing).
        encoded_outputs: What the host would receive: each output binding's value
            encoded by its converter, ``"$return"`` included; unset outputs are absent.
        logs: The log records emitted during the invocation (by any logger that
            propagates to the root logger, in the function's threads too).
        duration: Wall time of the invocation, in seconds.
        error: The exception the function (or a middleware, or an encoder) raised,
            else ``None``.

    .. versionadded:: 0.2.0
    """

    function: Function = attrs.field(repr=False)
    function_name: str
    invocation_id: str
    return_value: Any = None
    outputs: dict[str, Any] = attrs.field(factory=dict)
    encoded_outputs: dict[str, Datum] = attrs.field(factory=dict)
    logs: list[logging.LogRecord] = attrs.field(factory=list, repr=False)
    duration: float = 0.0
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """Whether the invocation succeeded."""
        return self.error is None

    def raise_for_error(self) -> None:
        """Re-raise the invocation's exception, if any."""
        if self.error is not None:
            raise self.error

    def http_response(self) -> HttpResponse | None:
        """The HTTP response the host would send: the value of the function's HTTP
        output binding (``$return`` or a named ``http_output``). A ``str`` or ``bytes``
        value becomes a ``200`` response, as the host does; ``None`` when the function
        has no HTTP output or did not set it."""
        from azfunc._http import HttpResponse

        for binding in self.function.get_bindings():
            if binding.type != HTTP_OUTPUT:
                continue
            value = (
                self.return_value
                if binding.name == RETURN_BINDING
                else self.outputs.get(binding.name)
            )
            if isinstance(value, HttpResponse):
                return value
            if isinstance(value, (str, bytes)):
                return HttpResponse(value, status_code=200)
        return None


def _as_function(function: Function | FunctionBuilder[Any, Any]) -> Function:
    if isinstance(function, Function):
        return function
    if isinstance(function, FunctionBuilder):
        user_function = function.function.get_user_function()
        for built in _owner_functions(function.owner):
            if built.get_user_function() is user_function:
                return built
        return function.build()
    raise TypeError(
        f"invoke() takes an indexed function (an item of app.get_functions()) or a "
        f"decorated function, got {function!r} of type {type(function).__name__}."
    )


def _owner_functions(owner: object) -> list[Function]:
    get_functions = getattr(owner, "get_functions", None)
    return list(get_functions()) if callable(get_functions) else []


def _decode_inputs(
    signature: FunctionSignature,
    trigger: Binding | None,
    inputs: Mapping[str, object],
    trigger_metadata: Mapping[str, Datum],
) -> tuple[dict[str, Any], dict[str, SimpleOut[Any]]]:
    name = signature.function_name
    unknown = sorted(set(inputs) - {p.name for p in signature.parameters if not p.is_out})
    if unknown:
        accepted = ", ".join(repr(p.name) for p in signature.parameters if not p.is_out)
        raise ValueError(
            f"Function {name!r} has no input binding named {', '.join(map(repr, unknown))}; "
            f"its inputs are {accepted or 'none'}. Pass inputs by binding name (arg_name)."
        )
    values: dict[str, Any] = {}
    outs: dict[str, SimpleOut[Any]] = {}
    for parameter in signature.parameters:
        if parameter.is_out:
            outs[parameter.name] = values[parameter.name] = SimpleOut()
            continue
        if parameter.name not in inputs:
            raise ValueError(
                f"Function {name!r} needs a value for its {parameter.binding.type!r} binding "
                f"{parameter.name!r}. Pass inputs={{{parameter.name!r}: ...}} (a Datum, or a "
                "plain value such as str, bytes or dict, or the annotated type itself)."
            )
        is_trigger = parameter.binding is trigger
        try:
            values[parameter.name] = decode_input(
                str(parameter.binding.type),
                inputs[parameter.name],
                annotation=parameter.value_type,
                trigger_metadata=trigger_metadata if is_trigger else None,
            )
        except (TypeError, ValueError, NotImplementedError) as error:
            raise ValueError(
                f"Function {name!r}: cannot decode {inputs[parameter.name]!r} for its "
                f"{parameter.binding.type!r} binding {parameter.name!r}: {error}"
            ) from error
    return values, outs


# -- The edges -----------------------------------------------------------------------------


async def invoke_async(
    function: Function | FunctionBuilder[Any, Any],
    inputs: Mapping[str, object] | None = None,
    *,
    context: _abc.Context | None = None,
    trigger_metadata: Mapping[str, object] | None = None,
) -> InvocationResult:
    """Invoke ``function`` in-process as the worker does, and return what it produced.

    Inputs are decoded through the converters for the annotated types, a sync function
    runs in the thread pool (``PYTHON_THREADPOOL_THREAD_COUNT`` threads), an async one on
    the running loop, inside the function's middleware (app, blueprint, function) and
    extension hooks; ``Out`` values and the return value are collected and encoded.

    :param function: An indexed function (an item of ``app.get_functions()``, which
        carries the app's and blueprint's middleware) or a decorated function.
    :param inputs: The value of each input binding, by binding name: a
        :class:`~azfunc.meta.Datum` as the host sends it, a plain value (``str``,
        ``bytes``, ``int``, ``float``, ``dict``, ``list``) or already the annotated type.
    :param context: The invocation context; a fresh one (new invocation id) by default.
    :param trigger_metadata: The trigger's metadata, by name, as datums or plain values.
    :raises FunctionSignatureError: the function's parameters and bindings do not line up.
    :raises ValueError: an input is missing, unknown, or cannot be decoded.
    :returns: The :class:`InvocationResult`; an exception raised by the function is in
        its ``error``, not raised.

    .. versionadded:: 0.2.0
    """
    function = typed_view(_as_function(function))
    signature = bind_signature(function)
    metadata = to_trigger_metadata(trigger_metadata)
    values, outs = _decode_inputs(signature, function.get_trigger(), inputs or {}, metadata)
    run = prepare(
        function,
        values,
        context,
        signature.context_parameter,
        trigger_metadata=metadata,
        load=True,
        outs=outs,
        signature=signature,
        keep_error=True,
    )
    await run_async(run)
    invocation = run.invocation
    return InvocationResult(
        function=function,
        function_name=invocation.function_name,
        invocation_id=invocation.context.invocation_id,
        return_value=run.returned,
        outputs=dict(invocation.outputs or {name: out.get() for name, out in outs.items()}),
        encoded_outputs=run.encoded,
        logs=list(run.logs),
        duration=run.duration,
        error=run.error,
    )


def invoke(
    function: Function | FunctionBuilder[Any, Any],
    inputs: Mapping[str, object] | None = None,
    *,
    context: _abc.Context | None = None,
    trigger_metadata: Mapping[str, object] | None = None,
) -> InvocationResult:
    """Invoke ``function`` in-process; the sync form of :func:`invoke_async` (same
    parameters, errors and result). It runs its own event loop.

    :raises RuntimeError: called from a running event loop; ``await invoke_async(...)``
        there instead.

    .. versionadded:: 0.2.0
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError(
            "invoke() was called from a running event loop; use 'await invoke_async(...)' there."
        )
    return asyncio.run(
        invoke_async(function, inputs, context=context, trigger_metadata=trigger_metadata)
    )


def wrap_user_function(
    function: Function, *, run_extension_hooks: bool = True
) -> Callable[..., Any]:
    """Return a stand-in for ``function``'s user function that a foreign host (the
    real worker) can call with keyword arguments: the worker edge of the runner. The
    host decodes the inputs and encodes the outputs; the stand-in runs the app's startup
    hooks once, sets the invocation context and runs the middleware chain (and, when
    ``run_extension_hooks``, the extension hooks) around the user function, and lets
    its exception through to the host.

    The stand-in keeps the user function's type hints, ``__wrapped__``, source file and
    coroutine-ness, and its signature plus, when the user function has none, a
    keyword-only ``context`` parameter: the worker passes its invocation context only
    to functions that declare one, and the stand-in needs it for every invocation (its
    id, trace context and retry context). The host's own ``Out`` objects pass through.
    """
    user_function = function.get_user_function()
    asks_for_context, signature = _signature_with_context(function)

    def from_worker(kwargs: dict[str, Any]) -> Run:
        given = kwargs.get(CONTEXT_PARAMETER)
        has_context = given is not None and (
            isinstance(given, _abc.Context) or type(given).__name__ == "Context"
        )
        if has_context:
            kwargs = {k: v for k, v in kwargs.items() if k != CONTEXT_PARAMETER}
        return prepare(
            function,
            kwargs,
            given if has_context else None,
            CONTEXT_PARAMETER if has_context and asks_for_context else None,
            run_hooks=run_extension_hooks,
        )

    if is_async_callable(user_function):

        @functools.wraps(user_function)
        async def async_stand_in(**kwargs: Any) -> Any:
            return await run_async(from_worker(kwargs))

        stand_in: Callable[..., Any] = async_stand_in
    else:

        @functools.wraps(user_function)
        def sync_stand_in(**kwargs: Any) -> Any:
            return run_sync(from_worker(kwargs))

        stand_in = sync_stand_in
    if signature is not None:
        stand_in.__signature__ = signature  # type: ignore[attr-defined]
    return stand_in


def _signature_with_context(function: Function) -> tuple[bool, inspect.Signature | None]:
    """Tell whether ``function``'s user function takes the invocation context, and
    return, when it does not, its signature plus a keyword-only ``context`` parameter
    (``None`` when it does, when a binding is named ``context``, or when the signature
    cannot be read)."""
    if any(b.name == CONTEXT_PARAMETER for b in function.get_bindings()):
        return False, None
    try:
        signature = inspect.signature(function.get_user_function())
    except (TypeError, ValueError):
        return False, None
    if CONTEXT_PARAMETER in signature.parameters:
        return True, None
    parameters = list(signature.parameters.values())
    extra = inspect.Parameter(CONTEXT_PARAMETER, inspect.Parameter.KEYWORD_ONLY)
    at = next(
        (i for i, p in enumerate(parameters) if p.kind is inspect.Parameter.VAR_KEYWORD),
        len(parameters),
    )
    return False, signature.replace(parameters=[*parameters[:at], extra, *parameters[at:]])
