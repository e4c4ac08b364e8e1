"""The thread hop of sync functions: what the awaiting task gets, and that results
finishing together wake the loop once."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import threading
from typing import Any

import pytest

from azfunc._runtime import thread_hop
from azfunc._runtime.thread_hop import run_in_thread

_VAR: contextvars.ContextVar[str] = contextvars.ContextVar("_VAR", default="unset")


@pytest.fixture
def pool() -> Any:
    with concurrent.futures.ThreadPoolExecutor(max_workers=3, thread_name_prefix="hop") as p:
        yield p


def test_the_call_runs_in_the_pool_in_a_copy_of_the_context(pool: Any) -> None:
    async def main() -> tuple[str, str]:
        _VAR.set("caller's")

        def call() -> tuple[str, str]:
            seen = _VAR.get()
            _VAR.set("changed in the thread")
            return seen, threading.current_thread().name

        seen, thread = await run_in_thread(pool, call)
        assert _VAR.get() == "caller's"  # a copy: the caller's context is unchanged
        return seen, thread.split("_")[0]

    assert asyncio.run(main()) == ("caller's", "hop")


def test_the_exception_reaches_the_awaiting_task(pool: Any) -> None:
    def call() -> None:
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        asyncio.run(run_in_thread(pool, call))


def test_stop_iteration_becomes_a_runtime_error_instead_of_a_hang(pool: Any) -> None:
    def call() -> None:
        raise StopIteration

    async def main() -> None:
        await asyncio.wait_for(run_in_thread(pool, call), 5)

    with pytest.raises(RuntimeError, match="StopIteration"):
        asyncio.run(main())


def test_many_calls_finishing_together_each_get_their_result(pool: Any) -> None:
    gate = threading.Barrier(3)

    def call(n: int) -> int:
        gate.wait(5)  # the 3 threads finish together
        return n * n

    async def main() -> list[int]:
        calls = [run_in_thread(pool, lambda n=n: call(n)) for n in range(9)]
        return list(await asyncio.gather(*calls))

    assert asyncio.run(main()) == [n * n for n in range(9)]


def test_results_queued_before_the_loop_runs_wake_it_once() -> None:
    async def main() -> tuple[list[int], int]:
        loop = asyncio.get_running_loop()
        wake_ups = []
        original = loop.call_soon_threadsafe

        def counting(*args: Any) -> Any:
            wake_ups.append(args)
            return original(*args)

        loop.call_soon_threadsafe = counting  # type: ignore[method-assign]
        finished = thread_hop._finished(loop)
        futures = [loop.create_future() for _ in range(3)]
        for n, future in enumerate(futures):
            finished.put(future, n, None)
        results = list(await asyncio.gather(*futures))
        finished.put(later := loop.create_future(), 3, None)  # after the hand-over: wakes again
        return [*results, await later], len(wake_ups)

    assert asyncio.run(main()) == ([0, 1, 2, 3], 2)


def test_cancelling_the_task_cancels_a_call_not_started(pool: Any) -> None:
    started = []
    release = threading.Event()

    def blocker() -> None:
        release.wait(5)

    async def main() -> None:
        blockers = [asyncio.ensure_future(run_in_thread(pool, blocker)) for _ in range(3)]
        await asyncio.sleep(0.05)
        waiting = asyncio.ensure_future(run_in_thread(pool, lambda: started.append(1)))
        await asyncio.sleep(0.05)
        waiting.cancel()
        await asyncio.wait([waiting])  # the task took its cancellation: the call is dropped
        release.set()
        await asyncio.gather(*blockers)
        assert waiting.cancelled()

    asyncio.run(main())
    pool.shutdown(wait=True)
    assert started == []
