"""Warm-up trigger binding class."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import WARMUP_TRIGGER
from azfunc.decorators.core import DataType, Trigger


class WarmUpTrigger(Trigger):
    """``warmupTrigger``: run the function when an instance is added to a scaled-out app."""

    @staticmethod
    def get_binding_name() -> str:
        return WARMUP_TRIGGER

    def __init__(self, name: str, data_type: DataType | str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, data_type=data_type)
