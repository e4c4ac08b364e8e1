"""The ``function_name`` setting."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.core import Setting

FUNCTION_NAME = "function_name"


class FunctionName(Setting):
    """The name the host knows the function by, instead of the Python name."""

    def __init__(self, function_name: str, **kwargs: Any) -> None:
        self.function_name = function_name
        super().__init__(setting_name=FUNCTION_NAME)
