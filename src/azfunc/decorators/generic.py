"""Generic trigger and bindings: any binding type, fields given as keywords."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.core import DataType, InputBinding, OutputBinding, Trigger


class GenericTrigger(Trigger):
    """A trigger of any ``type``; its fields are the extra keywords."""

    @staticmethod
    def get_binding_name() -> None:
        return None

    def __init__(
        self, name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(name=name, data_type=data_type, type=type)


class GenericInputBinding(InputBinding):
    """An input binding of any ``type``; its fields are the extra keywords."""

    @staticmethod
    def get_binding_name() -> None:
        return None

    def __init__(
        self, name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(name=name, data_type=data_type, type=type)


class GenericOutputBinding(OutputBinding):
    """An output binding of any ``type``; its fields are the extra keywords."""

    @staticmethod
    def get_binding_name() -> None:
        return None

    def __init__(
        self, name: str, type: str, data_type: DataType | str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(name=name, data_type=data_type, type=type)
