"""Storage queue trigger and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import QUEUE, QUEUE_TRIGGER
from azfunc.decorators.core import DataType, OutputBinding, Trigger


class QueueTrigger(Trigger):
    """``queueTrigger``: run the function for each message on a Storage queue."""

    @staticmethod
    def get_binding_name() -> str:
        return QUEUE_TRIGGER

    def __init__(
        self,
        name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.queue_name = queue_name
        self.connection = connection
        super().__init__(name=name, data_type=data_type)


class QueueOutput(OutputBinding):
    """``queue``: messages the function puts on a Storage queue."""

    @staticmethod
    def get_binding_name() -> str:
        return QUEUE

    def __init__(
        self,
        name: str,
        queue_name: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.queue_name = queue_name
        self.connection = connection
        super().__init__(name=name, data_type=data_type)
