"""Middleware chains and worker extension hooks around a user function.

A middleware is ``mw(invocation, call_next)``, sync or async. It may read and change
``invocation.inputs``, call ``call_next(invocation)`` (awaiting it when async) to run
the rest of the chain, change the value it returns, catch its exceptions, or return a
value without calling it. The chain runs outermost first: app, blueprint, function.

Extension hooks (:mod:`azfunc.extension`) run innermost, around the user function,
in the worker's order: application pre-invocation hooks, then the function's, the
function, then application post-invocation hooks, then the function's. A hook that
raises is logged on the extension's logger and skipped, as the worker does.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import inspect
import logging
import os
import weakref
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

import attrs

from azfunc import _abc
from azfunc.extension._registry import registry

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = [
    "CallNext",
    "Invocation",
    "Middleware",
    "ensure_function_loaded",
    "function_executor",
    "is_async_callable",
    "load_functions",
    "run_chain_async",
    "run_chain_sync",
    "run_post_function_load_hooks",
    "run_post_invocation_hooks",
    "run_pre_invocation_hooks",
]

_THREAD_COUNT_SETTING = "PYTHON_THREADPOOL_THREAD_COUNT"


@attrs.define(kw_only=True)
class Invocation:
    """One call of a function as middleware sees it.

    Attributes:
        function: The indexed function being invoked.
        function_name: The function's name as the host knows it.
        context: The invocation context (``invocation.context.invocation_id``, …).
        inputs: The decoded value of every parameter except the context, by parameter
            name, ``Out`` parameters included. Change it to change what the function gets.
        trigger_metadata: The trigger metadata the host sent, by name.
        outputs: The values set on the function's ``Out`` parameters, by binding name;
            filled once the function has returned.

    .. versionadded:: 0.2.0
    """

    function: Function
    function_name: str
    context: _abc.Context
    inputs: dict[str, Any]
    trigger_metadata: Mapping[str, Any] = attrs.field(factory=dict)
    outputs: dict[str, Any] = attrs.field(factory=dict)


class CallNext(Protocol):
    """The ``call_next`` a middleware receives: runs the rest of the chain.

    For an async middleware the result is awaitable; for a sync one it is the value.
    """

    def __call__(self, invocation: Invocation, /) -> Any: ...


#: A middleware: ``(invocation, call_next) -> result``, a plain or ``async`` function.
Middleware: TypeAlias = Callable[[Invocation, CallNext], Any | Awaitable[Any]]


def is_async_callable(obj: object) -> bool:
    """Whether calling ``obj`` returns an awaitable (an ``async def`` function or an
    object whose ``__call__`` is one)."""
    return inspect.iscoroutinefunction(obj) or inspect.iscoroutinefunction(
        getattr(obj, "__call__", None)  # noqa: B004 - the method, not callability
    )


_EXECUTORS: dict[str, concurrent.futures.ThreadPoolExecutor] = {}


def _thread_count() -> int | None:
    raw = os.environ.get(_THREAD_COUNT_SETTING, "").strip()
    if not raw:
        return None
    try:
        count = int(raw)
    except ValueError:
        count = 0
    if count < 1:
        raise ValueError(
            f"{_THREAD_COUNT_SETTING}={raw!r} is not a positive whole number. Set it to "
            "the number of threads that run sync functions (e.g. 4), or unset it."
        )
    return count


def function_executor() -> concurrent.futures.ThreadPoolExecutor:
    """The thread pool sync functions run in, sized by ``PYTHON_THREADPOOL_THREAD_COUNT``
    (Python's default when unset). Created on first use.

    :raises ValueError: the setting is not a positive whole number.
    """
    executor = _EXECUTORS.get("function")
    if executor is None:
        executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=_thread_count(), thread_name_prefix="azfunc-function"
        )
        _EXECUTORS["function"] = executor
    return executor


def _middleware_executor() -> concurrent.futures.ThreadPoolExecutor:
    # Sync middleware in an async chain waits on the loop in its own thread; a pool of
    # its own keeps it from starving the functions' pool.
    executor = _EXECUTORS.get("middleware")
    if executor is None:
        executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=64, thread_name_prefix="azfunc-middleware"
        )
        _EXECUTORS["middleware"] = executor
    return executor


@attrs.frozen
class _Chain:
    """``middleware`` around ``final``: :meth:`call` runs the chain from layer
    ``index``. A class rather than a closure that calls itself, which would be a
    reference cycle (holding the whole invocation) only the garbage collector frees."""

    middleware: Sequence[Middleware]
    final: Callable[[Invocation], Any]

    def call(self, index: int, current: Invocation) -> Any:
        if index == len(self.middleware):
            return self.final(current)
        return self.middleware[index](current, lambda nxt: self.call(index + 1, nxt))

    async def call_async(self, index: int, current: Invocation) -> Any:
        if index == len(self.middleware):
            return await self.final(current)
        layer = self.middleware[index]
        if is_async_callable(layer):
            return await layer(current, lambda nxt: self.call_async(index + 1, nxt))
        loop = asyncio.get_running_loop()

        def call_next(nxt: Invocation) -> Any:
            return asyncio.run_coroutine_threadsafe(self.call_async(index + 1, nxt), loop).result()

        context = contextvars.copy_context()
        return await loop.run_in_executor(
            _middleware_executor(), context.run, layer, current, call_next
        )


def run_chain_sync(
    middleware: Sequence[Middleware],
    invocation: Invocation,
    final: Callable[[Invocation], Any],
) -> Any:
    """Run sync ``middleware`` around ``final`` in this thread and return the result."""
    if not middleware:
        return final(invocation)
    return _Chain(middleware, final).call(0, invocation)


async def run_chain_async(
    middleware: Sequence[Middleware],
    invocation: Invocation,
    final: Callable[[Invocation], Awaitable[Any]],
) -> Any:
    """Run ``middleware`` (sync or async) around ``final`` and return the result.

    A sync middleware runs in a worker thread; its ``call_next`` runs the rest of the
    chain on the event loop and waits for it.
    """
    if not middleware:
        return await final(invocation)
    return await _Chain(middleware, final).call_async(0, invocation)


def _run_hooks(
    stage: str, hooks: object, arguments: tuple[Any, ...], *, pass_logger: bool = True
) -> None:
    if hooks is None:
        return
    for hook in getattr(hooks, stage, ()):
        logger = logging.getLogger(hook.ext_name)
        try:
            hook.ext_impl(*((logger, *arguments) if pass_logger else arguments))
        except Exception as error:
            logger.error(
                "Extension %s failed in %s: %s", hook.ext_name, stage, error, exc_info=True
            )


def run_pre_invocation_hooks(
    function_name: str, context: _abc.Context, arguments: dict[str, Any]
) -> None:
    """Run the application, then the function's pre-invocation extension hooks."""
    _run_hooks("pre_invocation_app_level", registry.application_hooks(), (context, arguments))
    _run_hooks("pre_invocation", registry.function_hooks(function_name), (context, arguments))


def run_post_invocation_hooks(
    function_name: str, context: _abc.Context, arguments: dict[str, Any], result: Any
) -> None:
    """Run the application, then the function's post-invocation extension hooks."""
    args = (context, arguments, result)
    _run_hooks("post_invocation_app_level", registry.application_hooks(), args)
    _run_hooks("post_invocation", registry.function_hooks(function_name), args)


_LOADED: set[str] = set()
_LOADED_FUNCTIONS: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def run_post_function_load_hooks(function_name: str, function_directory: str) -> None:
    """Run the post-function-load extension hooks once per function name per process."""
    if function_name in _LOADED:
        return
    _LOADED.add(function_name)
    _run_post_function_load_hooks(function_name, function_directory)


def load_functions(functions: Iterable[Function], function_directory: str) -> None:
    """Run the post-function-load extension hooks of each of ``functions``, in order, as
    the worker does when it indexes an app (once per function per indexing), and mark
    them loaded so that :func:`ensure_function_loaded` does not run them again."""
    for function in functions:
        _mark_loaded(function)
        _run_post_function_load_hooks(function.get_function_name(), function_directory)


def ensure_function_loaded(function: Function, function_directory: str) -> None:
    """Run ``function``'s post-function-load hooks unless it was loaded already (by
    :func:`load_functions`, or by an earlier call): the load step of a function that is
    invoked without its app being indexed first (:func:`azfunc.invocation.invoke`)."""
    if _is_loaded(function):
        return
    _mark_loaded(function)
    _run_post_function_load_hooks(function.get_function_name(), function_directory)


def _mark_loaded(function: Function) -> None:
    try:
        _LOADED_FUNCTIONS.add(function.get_user_function())
    except TypeError:  # not weak-referenceable: remember its name instead
        _LOADED.add(function.get_function_name())


def _is_loaded(function: Function) -> bool:
    try:
        return function.get_user_function() in _LOADED_FUNCTIONS
    except TypeError:
        return function.get_function_name() in _LOADED


def _run_post_function_load_hooks(function_name: str, function_directory: str) -> None:
    arguments = (function_name, function_directory)
    _run_hooks(
        "post_function_load_app_level",
        registry.application_hooks(),
        arguments,
        pass_logger=False,
    )
    _run_hooks(
        "post_function_load",
        registry.function_hooks(function_name),
        arguments,
        pass_logger=False,
    )
