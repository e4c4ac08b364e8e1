"""Startup and shutdown hooks of an app, run once per host process.

Whoever hosts the app (``azfunc start``, the test client, the worker bridge) calls
:func:`run_startup` before the first invocation and :func:`run_shutdown` when it
stops. Both are idempotent: startup runs its hooks once per app per process (a failed
startup may be retried), shutdown runs only after a successful startup, in reverse order.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import threading
import weakref
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from azfunc.decorators._builder import DecoratorApi

__all__ = ["ShutdownError", "StartupError", "is_started", "run_shutdown", "run_startup"]

_logger = logging.getLogger("azfunc.lifecycle")


class StartupError(RuntimeError):
    """A startup hook failed, so the app cannot serve invocations.

    .. versionadded:: 0.2.0
    """


class ShutdownError(RuntimeError):
    """One or more shutdown hooks failed; every hook was still run.

    .. versionadded:: 0.2.0
    """


@attrs.define
class _State:
    lock: threading.Lock = attrs.Factory(threading.Lock)
    started: bool = False


_STATES: weakref.WeakKeyDictionary[Any, _State] = weakref.WeakKeyDictionary()
_STATES_LOCK = threading.Lock()


def _state(app: DecoratorApi) -> _State:
    with _STATES_LOCK:
        state = _STATES.get(app)
        if state is None:
            state = _STATES[app] = _State()
        return state


def _describe(hook: Callable[..., Any]) -> str:
    name = getattr(hook, "__qualname__", repr(hook))
    try:
        source = inspect.getsourcefile(hook)
        line = inspect.getsourcelines(hook)[1]
    except (TypeError, OSError):
        return repr(name)
    return f"{name!r} ({source}:{line})"


async def _call(hook: Callable[[], Any]) -> None:
    result = hook()
    if inspect.isawaitable(result):
        await result


@contextlib.asynccontextmanager
async def _holding(lock: threading.Lock) -> AsyncIterator[None]:
    # Hooks may await, and other threads or tasks may start the same app meanwhile:
    # wait for the lock without blocking the event loop.
    while not lock.acquire(blocking=False):
        await asyncio.sleep(0.005)
    try:
        yield
    finally:
        lock.release()


def is_started(app: DecoratorApi) -> bool:
    """Whether ``app``'s startup hooks have run successfully in this process."""
    return _state(app).started


async def run_startup(app: DecoratorApi) -> None:
    """Run ``app``'s startup hooks (its own, then its registered blueprints') once.

    :raises StartupError: a hook raised; the message names the hook and its cause.

    .. versionadded:: 0.2.0
    """
    state = _state(app)
    if state.started:
        return
    async with _holding(state.lock):
        if state.started:
            return
        for hook in app.get_startup_hooks():
            try:
                await _call(hook)
            except Exception as error:
                raise StartupError(
                    f"Startup hook {_describe(hook)} failed with {type(error).__name__}: "
                    f"{error}. The app cannot serve invocations until its startup hooks "
                    "succeed; fix the hook or the settings it reads."
                ) from error
        state.started = True


async def run_shutdown(app: DecoratorApi) -> None:
    """Run ``app``'s shutdown hooks in reverse registration order, once, after a
    successful :func:`run_startup`. Every hook runs even when one fails.

    :raises ShutdownError: one or more hooks raised; each failure is also logged.

    .. versionadded:: 0.2.0
    """
    state = _state(app)
    async with _holding(state.lock):
        if not state.started:
            return
        state.started = False
        failures: list[str] = []
        for hook in reversed(app.get_shutdown_hooks()):
            try:
                await _call(hook)
            except Exception as error:
                _logger.exception("Shutdown hook %s failed", _describe(hook))
                failures.append(f"{_describe(hook)}: {type(error).__name__}: {error}")
    if failures:
        raise ShutdownError("Shutdown hooks failed: " + "; ".join(failures))
