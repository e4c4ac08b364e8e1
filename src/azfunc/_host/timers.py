"""Timer triggers on their schedules, with ``run_on_startup`` and an honest ``past_due``.

Each timer function runs in its own loop: it sleeps until the next occurrence, then
invokes the function and waits for it, so one timer's invocations never overlap (as the
host's singleton lock ensures). When an invocation starts more than
:data:`PAST_DUE_TOLERANCE` after its scheduled time (the previous one ran long, or the
machine slept), ``TimerRequest.past_due`` is ``True`` and the missed occurrences are
skipped: one catch-up invocation, then the schedule resumes from the current time.

Schedules run in the machine's local time zone, or in ``WEBSITE_TIME_ZONE`` /
``TZ`` when it names an IANA zone (``Europe/Paris``), as the host does on Linux.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
from collections.abc import Sequence

from azfunc._host.admin import timer_payload
from azfunc._host.invoker import Invoker
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.prepare import TimerFunction
from azfunc._runtime.signature import bind_signature
from azfunc.decorators.constants import TIMER_TRIGGER

__all__ = ["PAST_DUE_TOLERANCE", "TimerRunner", "schedule_zone"]

#: How late an invocation may start and still not be past due.
PAST_DUE_TOLERANCE = datetime.timedelta(seconds=1)

_logger = logging.getLogger(HOST_LOGGER)


def schedule_zone() -> datetime.tzinfo | None:
    """The zone of ``WEBSITE_TIME_ZONE`` (else ``TZ``) if it is an IANA name, else local."""
    name = os.environ.get("WEBSITE_TIME_ZONE") or os.environ.get("TZ")
    if not name:
        return None
    try:
        import zoneinfo

        return zoneinfo.ZoneInfo(name)
    except (ImportError, ValueError, KeyError):
        _logger.warning("Time zone %r is not an IANA name; timers use local time.", name)
        return None


class TimerRunner:
    """Runs the timer functions of an app until :meth:`stop`.

    :param timers: The timer functions.
    :param invoker: Runs the invocations.
    """

    def __init__(self, timers: Sequence[TimerFunction], invoker: Invoker) -> None:
        self.timers = tuple(timers)
        self.invoker = invoker
        self.zone = schedule_zone()
        self._tasks: list[asyncio.Task[None]] = []

    def _now(self) -> datetime.datetime:
        if self.zone is None:
            return datetime.datetime.now()
        return datetime.datetime.now(self.zone).replace(tzinfo=None)

    def start(self) -> None:
        """Start one loop per timer function."""
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(self._run(timer)) for timer in self.timers]

    async def stop(self) -> None:
        """Stop the loops; a running invocation is cancelled only if it is async."""
        for task in self._tasks:
            task.cancel()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)
        self._tasks = []

    async def _fire(
        self,
        timer: TimerFunction,
        *,
        past_due: bool,
        last: datetime.datetime | None,
        due: datetime.datetime | None,
    ) -> None:
        function = timer.function
        trigger = function.get_trigger()
        assert trigger is not None  # timers are functions with a timer trigger
        next_due = timer.schedule.next_after(due or self._now())
        inputs: dict[str, object] = {
            p.name: None for p in bind_signature(function).parameters if not p.is_out
        }
        inputs[trigger.name] = timer_payload(past_due=past_due, last=last, next_=next_due)
        detail = "(past due)" if past_due else ""
        await self.invoker.run(function, inputs, trigger_type=TIMER_TRIGGER, detail=detail)

    async def _run(self, timer: TimerFunction) -> None:
        last: datetime.datetime | None = None
        try:
            if timer.run_on_startup:
                await self._fire(timer, past_due=False, last=None, due=None)
            due = timer.schedule.next_after(self._now())
            while True:
                delay = (due - self._now()).total_seconds()
                while delay > 0:
                    await asyncio.sleep(delay)
                    delay = (due - self._now()).total_seconds()
                past_due = -delay > PAST_DUE_TOLERANCE.total_seconds()
                await self._fire(timer, past_due=past_due, last=last, due=due)
                last = due
                # After a late run, skip what was missed meanwhile (one catch-up run is
                # enough); otherwise take the next occurrence, which is late (and so
                # past due) when this run took longer than the interval.
                due = timer.schedule.next_after(self._now() if past_due else due)
        except asyncio.CancelledError:
            raise
        except Exception:
            _logger.exception(
                "The timer of function %r stopped", timer.function.get_function_name()
            )
