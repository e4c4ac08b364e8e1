"""The invocation context of the running call, carried in :mod:`contextvars`.

While the pipeline runs a function, :func:`current_context` returns its
:class:`~azfunc.Context` anywhere in the call: in middleware, in the function, in helpers
it calls, in asyncio tasks it starts and in threads started with :func:`run_in_thread`
or a :class:`ContextPropagatingExecutor`. :class:`InvocationLogFilter` stamps the
invocation id and function name on log records, and the pipeline collects every record
emitted during an invocation for its result. Threads started otherwise are attributed
the worker's way: set ``context.thread_local_storage.invocation_id`` in the thread.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from typing_extensions import ParamSpec

from azfunc import _abc

__all__ = [
    "ContextPropagatingExecutor",
    "InvocationLogFilter",
    "current_context",
    "current_invocation_id",
    "invocation_scope",
    "run_in_thread",
    "thread_local_storage",
]

P = ParamSpec("P")
T = TypeVar("T")

_CURRENT: contextvars.ContextVar[_abc.Context | None] = contextvars.ContextVar(
    "azfunc_invocation_context", default=None
)

#: The one thread-local storage of the process, as the worker has: every context the
#: pipeline creates hands it out as ``thread_local_storage``.
thread_local_storage = threading.local()


def current_context() -> _abc.Context | None:
    """Return the :class:`~azfunc.Context` of the invocation running in this call, or
    ``None`` outside an invocation.

    .. versionadded:: 0.2.0
    """
    return _CURRENT.get()


def current_invocation_id() -> str | None:
    """Return the running invocation's id: from the context variable, else from
    ``thread_local_storage.invocation_id`` set in this thread; ``None`` outside one."""
    context = _CURRENT.get()
    if context is not None:
        return context.invocation_id
    invocation_id = getattr(thread_local_storage, "invocation_id", None)
    return invocation_id if isinstance(invocation_id, str) else None


class _LogCollector(logging.Handler):
    """A root-logger handler that files records under the invocation they belong to."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self.records: dict[str, list[logging.LogRecord]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        invocation_id = current_invocation_id()
        if invocation_id is not None:
            sink = self.records.get(invocation_id)
            if sink is not None:
                sink.append(record)


_COLLECTOR = _LogCollector()
_COLLECTOR_LOCK = threading.Lock()
_ACTIVE_SCOPES = 0

#: The contexts of the running invocations, by invocation id: a record logged from a
#: thread that only set ``thread_local_storage.invocation_id`` finds its function here.
_ACTIVE: dict[str, _abc.Context] = {}


def _current_or_active_context() -> _abc.Context | None:
    context = _CURRENT.get()
    if context is not None:
        return context
    invocation_id = getattr(thread_local_storage, "invocation_id", None)
    return _ACTIVE.get(invocation_id) if isinstance(invocation_id, str) else None


class invocation_scope:  # used as a function: ``with invocation_scope(context):``
    """Make ``context`` the current invocation context and collect its log records.

    As a context manager, gives the list the records are appended to (records of loggers
    that propagate to the root logger and pass their logger's level). A class rather than
    a generator: it runs around every invocation.
    """

    __slots__ = ("_context", "_records", "_token")

    def __init__(self, context: _abc.Context) -> None:
        self._context = context
        self._records: list[logging.LogRecord] = []

    def __enter__(self) -> list[logging.LogRecord]:
        global _ACTIVE_SCOPES
        context = self._context
        with _COLLECTOR_LOCK:
            if _ACTIVE_SCOPES == 0:
                logging.getLogger().addHandler(_COLLECTOR)
            _ACTIVE_SCOPES += 1
            _COLLECTOR.records[context.invocation_id] = self._records
            _ACTIVE[context.invocation_id] = context
        self._token = _CURRENT.set(context)
        return self._records

    def __exit__(self, *exc_info: object) -> None:
        global _ACTIVE_SCOPES
        context = self._context
        _CURRENT.reset(self._token)
        with _COLLECTOR_LOCK:
            _COLLECTOR.records.pop(context.invocation_id, None)
            if _ACTIVE.get(context.invocation_id) is context:
                del _ACTIVE[context.invocation_id]
            _ACTIVE_SCOPES -= 1
            if _ACTIVE_SCOPES == 0:
                logging.getLogger().removeHandler(_COLLECTOR)


class InvocationLogFilter(logging.Filter):
    """A logging filter that sets ``invocation_id`` and ``function_name`` on every record
    (empty strings outside an invocation) and lets every record through. A record from
    a thread that set ``context.thread_local_storage.invocation_id`` gets the function
    name of that invocation while it runs.

    Add it to a handler, then use ``%(invocation_id)s`` in the handler's format::

        handler.addFilter(InvocationLogFilter())

    .. versionadded:: 0.2.0
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.invocation_id = current_invocation_id() or ""
        context = _current_or_active_context()
        record.function_name = context.function_name if context is not None else ""
        return True


def run_in_thread(
    target: Callable[P, object], /, *args: P.args, **kwargs: P.kwargs
) -> threading.Thread:
    """Start a daemon thread running ``target(*args, **kwargs)`` in a copy of the current
    context, so its logs and :func:`current_context` belong to the running invocation.

    :returns: The started thread; ``join()`` it before the function returns if the
        invocation should wait for it.

    .. versionadded:: 0.2.0
    """
    context = contextvars.copy_context()
    thread = threading.Thread(target=context.run, args=(target, *args), kwargs=kwargs, daemon=True)
    thread.start()
    return thread


class ContextPropagatingExecutor(ThreadPoolExecutor):
    """A :class:`~concurrent.futures.ThreadPoolExecutor` whose tasks run in a copy of
    the submitting call's context (the invocation context included).

    .. versionadded:: 0.2.0
    """

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Schedule ``fn(*args, **kwargs)`` in a copy of the caller's context variables.

        :returns: The :class:`~concurrent.futures.Future` of the call.
        """
        context = contextvars.copy_context()
        return super().submit(context.run, fn, *args, **kwargs)
