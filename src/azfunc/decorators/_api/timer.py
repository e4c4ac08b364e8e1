"""Timer and warm-up decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.timer import TimerTrigger
from azfunc.decorators.warmup import WarmUpTrigger


class _TimerTriggers(DecoratorApi):
    def timer_trigger(
        self,
        arg_name: str,
        schedule: str,
        run_on_startup: bool | None = None,
        use_monitor: bool | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function on a schedule.

        Emits a ``timerTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.TimerRequest`.
        :param schedule: Six-field NCRONTAB expression with seconds
            (``"0 */5 * * * *"``), or a TimeSpan ``hh:mm:ss`` on dedicated plans.
        :param run_on_startup: Also run when the host starts (avoid in production).
        :param use_monitor: Persist schedule status so missed runs are detected.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/azure-function-binding-timer
        """
        return self._add_trigger(
            TimerTrigger(
                name=arg_name,
                schedule=schedule,
                run_on_startup=run_on_startup,
                use_monitor=use_monitor,
                data_type=data_type,
                **kwargs,
            )
        )

    schedule = timer_trigger

    def warm_up_trigger(
        self, arg_name: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> FunctionDecorator:
        """Run the function when a new instance is added to a scaled-out app, before traffic.

        Emits a ``warmupTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.WarmUpContext`.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-warmup
        """
        return self._add_trigger(WarmUpTrigger(name=arg_name, data_type=data_type, **kwargs))
