"""The one invocation runner: for every caller (``azfunc.invoke``, the local host, the
testing kit, the worker bridge), start the app once, set the invocation context, run the
middleware chain (app, blueprint, function) around the extension hooks around the call,
and collect and encode the outputs where the caller wants them encoded.

It has two edges: :func:`run_async` (a sync function runs in the thread pool) and
:func:`run_sync` (all in the calling thread, for the worker's sync functions). The
callers' own steps (decoding inputs, reporting a result) stay in :mod:`azfunc._runtime.pipeline`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from azfunc import _abc
from azfunc._context import SimpleContext, SimpleOut
from azfunc._runtime.binding_values import encode_output
from azfunc._runtime.invocation_context import invocation_scope, thread_local_storage
from azfunc._runtime.lifecycle import is_started, run_startup
from azfunc._runtime.middleware import (
    Invocation,
    ensure_function_loaded,
    function_executor,
    is_async_callable,
    run_chain_async,
    run_chain_sync,
    run_post_invocation_hooks,
    run_pre_invocation_hooks,
)
from azfunc._runtime.signature import RETURN_BINDING, FunctionSignature, has_implicit_output
from azfunc._runtime.thread_hop import run_in_thread

if TYPE_CHECKING:
    from azfunc.decorators._builder import DecoratorApi
    from azfunc.decorators._function import Function
    from azfunc.meta import Datum

__all__ = ["Run", "build_arguments", "new_context", "prepare", "run_async", "run_sync"]


def _function_directory(function: Function) -> str:
    code = getattr(function.get_user_function(), "__code__", None)
    return os.path.dirname(code.co_filename) if code is not None else os.getcwd()


def new_context(function: Function, function_directory: str | None = None) -> SimpleContext:
    """A fresh invocation context for ``function`` (new invocation id), sharing the
    process's thread-local storage; ``function_directory`` defaults to the folder of the
    user function's file."""
    return SimpleContext(
        function_name=function.get_function_name(),
        function_directory=(
            function_directory if function_directory is not None else _function_directory(function)
        ),
        thread_local_storage=thread_local_storage,
    )


def _encode(
    function_name: str, binding_name: str, binding_type: str, value: Any, expected_type: object
) -> Datum | None:
    try:
        return encode_output(
            binding_type,
            value,
            expected_type=expected_type,
            is_return=binding_name == RETURN_BINDING,
        )
    except NotImplementedError as error:
        raise TypeError(
            f"Function {function_name!r}: cannot send {type(value).__name__} to its "
            f"{binding_type!r} output binding {binding_name!r}: {error}"
        ) from error


def _encode_outputs(
    function: Function, signature: FunctionSignature, outputs: Mapping[str, Any], returned: Any
) -> dict[str, Datum]:
    name = signature.function_name
    encoded: dict[str, Datum] = {}
    for parameter in signature.parameters:
        value = outputs.get(parameter.name)
        if parameter.is_out and value is not None:
            datum = _encode(
                name, parameter.name, str(parameter.binding.type), value, parameter.value_type
            )
            if datum is not None:
                encoded[parameter.name] = datum
    trigger = function.get_trigger()
    implicit = trigger is not None and has_implicit_output(str(trigger.type))
    if returned is None:
        return encoded
    if signature.return_binding is not None:
        binding_type, expected = str(signature.return_binding.type), signature.return_annotation
    elif implicit and trigger is not None:
        binding_type, expected = str(trigger.type), None
    else:
        raise RuntimeError(  # the worker's type for this failure
            f"Function {name!r} returned {type(returned).__name__} but has no '$return' "
            "binding, so the worker fails the invocation. Return None, or add an output "
            "binding with arg_name='$return'."
        )
    datum = _encode(name, RETURN_BINDING, binding_type, returned, expected)
    if datum is not None:
        encoded[RETURN_BINDING] = datum
    return encoded


@attrs.define(kw_only=True)
class Run:
    """One invocation as the runner carries it, from its edge to the user function.

    An edge (:func:`azfunc._runtime.pipeline.invoke_async` in-process,
    :func:`azfunc._runtime.pipeline.wrap_user_function` for the worker) fills the first half;
    the runner fills ``returned``, ``encoded``, ``logs``, ``error`` and ``duration``.
    """

    invocation: Invocation
    #: The parameter that receives the context, or ``None`` when the function has none.
    context_parameter: str | None
    run_hooks: bool = True
    #: Run the function's post-function-load hooks first, unless it was loaded already.
    load: bool = False
    #: The ``Out`` objects the runner made (in-process); ``None``: the host made them.
    outs: dict[str, SimpleOut[Any]] | None = None
    #: Encode the outputs with the signature's converters; ``None``: the host encodes.
    signature: FunctionSignature | None = None
    #: Keep the function's exception in ``error``, else raise it to the caller.
    keep_error: bool = False
    returned: Any = None
    encoded: dict[str, Datum] = attrs.field(factory=dict)
    logs: list[logging.LogRecord] = attrs.field(factory=list)
    error: BaseException | None = None
    duration: float = 0.0

    @property
    def function(self) -> Function:
        return self.invocation.function


def prepare(
    function: Function,
    inputs: dict[str, Any],
    context: _abc.Context | None,
    context_parameter: str | None,
    *,
    trigger_metadata: Mapping[str, Any] | None = None,
    **options: Any,
) -> Run:
    """The invocation of ``function`` with ``inputs``, in ``context`` (a fresh one when
    ``None``), as the runner takes it; ``options`` are the other :class:`Run` fields."""
    invocation = Invocation(
        function=function,
        function_name=function.get_function_name(),
        context=context if context is not None else new_context(function),
        inputs=inputs,
        trigger_metadata=trigger_metadata if trigger_metadata is not None else {},
    )
    return Run(invocation=invocation, context_parameter=context_parameter, **options)


def build_arguments(invocation: Invocation, context_parameter: str | None) -> dict[str, Any]:
    """The user function's keyword arguments: the invocation's inputs (``Out`` objects
    included), plus its context under ``context_parameter`` when the function takes one."""
    arguments = dict(invocation.inputs)
    if context_parameter is not None:
        arguments[context_parameter] = invocation.context
    return arguments


def _before_call(run: Run, current: Invocation) -> dict[str, Any]:
    arguments = build_arguments(current, run.context_parameter)
    if run.run_hooks:
        run_pre_invocation_hooks(current.function_name, current.context, arguments)
    return arguments


def _after_call(run: Run, current: Invocation, arguments: dict[str, Any], result: Any) -> Any:
    if run.run_hooks:
        run_post_invocation_hooks(current.function_name, current.context, arguments, result)
    return result


def _collect_outputs(run: Run, current: Invocation) -> None:
    if run.outs is not None:
        current.outputs = {name: out.get() for name, out in run.outs.items()}


def _call_function(run: Run, current: Invocation) -> Any:
    """Call a sync user function with the extension hooks around it, in this thread."""
    thread_local_storage.invocation_id = current.context.invocation_id
    try:
        arguments = _before_call(run, current)
        return _after_call(run, current, arguments, run.function.get_user_function()(**arguments))
    finally:
        thread_local_storage.invocation_id = None
        _collect_outputs(run, current)


async def _call_coroutine(run: Run, current: Invocation) -> Any:
    """Await an async user function with the extension hooks around it."""
    try:
        arguments = _before_call(run, current)
        result = await run.function.get_user_function()(**arguments)
        return _after_call(run, current, arguments, result)
    finally:
        _collect_outputs(run, current)


async def _call_async(run: Run, current: Invocation, *, thread_pool: bool) -> Any:
    """The innermost step of an async chain: a sync function runs in the thread pool
    (``thread_pool``) or on the loop's thread."""
    if is_async_callable(run.function.get_user_function()):
        return await _call_coroutine(run, current)
    if not thread_pool:
        return _call_function(run, current)
    return await run_in_thread(function_executor(), functools.partial(_call_function, run, current))


def _app_to_start(run: Run) -> DecoratorApi | None:
    app = run.function.get_app()
    return app if app is not None and not is_started(app) else None


def _load(run: Run) -> None:
    if run.load:
        ensure_function_loaded(run.function, run.invocation.context.function_directory)


class _Scope:
    """Set the invocation context and collect its logs; keep the error if asked to;
    time the invocation. A class rather than a generator: it runs around every
    invocation."""

    __slots__ = ("_invocation_scope", "_run", "_started")

    def __init__(self, run: Run) -> None:
        self._run = run
        self._invocation_scope = invocation_scope(run.invocation.context)

    def __enter__(self) -> None:
        self._started = time.perf_counter()
        self._run.logs = self._invocation_scope.__enter__()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: object
    ) -> bool:
        run = self._run
        try:
            if not isinstance(error, Exception) or not run.keep_error:
                return False
            run.error = error
            logging.getLogger("azfunc.invocation").debug(
                "Function %r failed", run.invocation.function_name, exc_info=error
            )
            return True
        finally:
            run.duration = time.perf_counter() - self._started
            self._invocation_scope.__exit__(kind, error, tb)


def _finish(run: Run, returned: Any) -> Any:
    run.returned = returned
    if run.signature is not None:
        run.encoded = _encode_outputs(run.function, run.signature, run.invocation.outputs, returned)
    return returned


async def run_async(run: Run, *, thread_pool: bool = True) -> Any:
    """The runner's async edge: start the app (once), load the function, then, in the
    invocation's scope, the middleware chain (app, blueprint, function) around the
    extension hooks around the call; a sync function runs in the thread pool."""
    app = _app_to_start(run)
    if app is not None:
        await run_startup(app)
    _load(run)
    with _Scope(run):
        final = functools.partial(_call_async, run, thread_pool=thread_pool)
        _finish(run, await run_chain_async(run.function.get_middleware(), run.invocation, final))
    return run.returned


def run_sync(run: Run) -> Any:
    """The runner's sync edge, for a sync function called from a thread with no running
    loop (the worker's): the same steps as :func:`run_async`, all in this thread; an
    async middleware makes the chain run on an event loop of its own."""
    middleware = run.function.get_middleware()
    if any(is_async_callable(layer) for layer in middleware):
        return asyncio.run(run_async(run, thread_pool=False))
    app = _app_to_start(run)
    if app is not None:
        asyncio.run(run_startup(app))
    _load(run)
    with _Scope(run):
        call = functools.partial(_call_function, run)
        _finish(run, run_chain_sync(middleware, run.invocation, call))
    return run.returned
