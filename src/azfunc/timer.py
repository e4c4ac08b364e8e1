"""Timer trigger converter and the request a timer-triggered function receives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _abc, _jsonutils, meta
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import TIMER_TRIGGER
from azfunc.meta import Datum

__all__ = ["TimerRequest", "TimerRequestConverter"]


class TimerRequest(_abc.TimerRequest):
    """The invocation of a timer-triggered function.

    :param past_due: Whether the invocation runs later than scheduled.
    :param schedule_status: ``Last``, ``Next`` and ``LastUpdated`` run times as the host
        reports them.
    :param schedule: The schedule settings, such as ``AdjustForDST``.
    """

    def __init__(
        self,
        *,
        past_due: bool = False,
        schedule_status: dict[str, Any] | None = None,
        schedule: dict[str, Any] | None = None,
    ) -> None:
        self.__past_due = past_due
        self.__schedule_status = schedule_status or {}
        self.__schedule = schedule or {}

    @property
    def past_due(self) -> bool:
        """Whether this invocation runs later than its schedule said."""
        return self.__past_due

    @property
    def schedule_status(self) -> dict[str, Any]:
        """The ``Last``, ``Next`` and ``LastUpdated`` run times (``{}`` if unknown)."""
        return self.__schedule_status

    @property
    def schedule(self) -> dict[str, Any]:
        """The schedule settings (``{}`` if unknown)."""
        return self.__schedule


class TimerRequestConverter(meta.InConverter, binding=TIMER_TRIGGER, trigger=True):
    """Decodes the host's JSON timer info into a :class:`TimerRequest`."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, _abc.TimerRequest)

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> TimerRequest:
        if data.type != "json":
            raise NotImplementedError(
                f"cannot decode a timer trigger payload of type {data.type!r}: "
                f"the host sends timer info as 'json'"
            )
        info = _jsonutils.loads(data.value)
        return TimerRequest(
            past_due=info.get("IsPastDue", False),
            schedule_status=info.get("ScheduleStatus", {}),
            schedule=info.get("Schedule", {}),
        )
