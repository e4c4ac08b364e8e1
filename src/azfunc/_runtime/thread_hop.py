"""Run a sync call in a thread pool and await its result, with one loop wake-up for
all the calls that finish together.

``loop.run_in_executor`` wakes the event loop once per finished call (a write to its
self-pipe, plus a concurrent future chained to an asyncio one). Under load, several sync
functions finish while the loop is busy; here a finished call only queues its result,
and the first one queued wakes the loop, which then hands all queued results to their
awaiting tasks. The thread pool, the context the call runs in, and what the awaiting
task gets (the result, or the exception) are the same as with ``run_in_executor``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import threading
import weakref
from collections.abc import Callable
from typing import Any

__all__ = ["run_in_thread"]

_Outcome = tuple["asyncio.Future[Any]", Any, "BaseException | None"]


class _Finished:
    """The results of the calls finished in threads, waiting for one event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._queued: list[_Outcome] = []
        self._woken = False

    def put(self, future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
        """Queue one outcome (from any thread); wake the loop if it is not woken yet."""
        with self._lock:
            self._queued.append((future, result, error))
            if self._woken:
                return
            self._woken = True
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody awaits the result
            self._loop.call_soon_threadsafe(self._hand_over)

    def _hand_over(self) -> None:
        with self._lock:
            queued, self._queued = self._queued, []
            self._woken = False
        for future, result, error in queued:
            if future.done():  # the awaiting task was cancelled
                continue
            if error is None:
                future.set_result(result)
            elif isinstance(error, StopIteration):  # a future cannot hold one
                future.set_exception(RuntimeError(f"the call raised {error!r}"))
            else:
                future.set_exception(error)


_FINISHED: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Finished] = (
    weakref.WeakKeyDictionary()
)
_FINISHED_LOCK = threading.Lock()


def _finished(loop: asyncio.AbstractEventLoop) -> _Finished:
    finished = _FINISHED.get(loop)
    if finished is None:
        with _FINISHED_LOCK:
            finished = _FINISHED.setdefault(loop, _Finished(loop))
    return finished


async def run_in_thread(executor: concurrent.futures.Executor, call: Callable[[], Any]) -> Any:
    """Run ``call()`` in ``executor`` in a copy of the current context, and return its
    result (or raise its exception). Cancelling the awaiting task cancels the call if it
    has not started."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()
    finished = _finished(loop)
    context = contextvars.copy_context()

    def work() -> None:
        try:
            result = context.run(call)
        except BaseException as error:  # handed to the awaiting task, as run_in_executor does
            finished.put(future, None, error)
        else:
            finished.put(future, result, None)

    submitted = executor.submit(work)
    try:
        return await future
    except asyncio.CancelledError:
        submitted.cancel()
        raise
