"""Timer trigger binding class."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import TIMER_TRIGGER
from azfunc.decorators.core import DataType, Trigger


class TimerTrigger(Trigger):
    """``timerTrigger``: run the function on a six-field NCRONTAB schedule (with seconds)."""

    @staticmethod
    def get_binding_name() -> str:
        return TIMER_TRIGGER

    def __init__(
        self,
        name: str,
        schedule: str,
        run_on_startup: bool | None = None,
        use_monitor: bool | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.schedule = schedule
        self.run_on_startup = run_on_startup
        self.use_monitor = use_monitor
        super().__init__(name=name, data_type=data_type)
