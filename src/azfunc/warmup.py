"""Warm-up trigger converter and its (empty) context type."""

from __future__ import annotations

from collections.abc import Mapping

from azfunc import meta
from azfunc.decorators.constants import WARMUP_TRIGGER
from azfunc.meta import Datum

__all__ = ["WarmUpContext", "WarmUpTriggerConverter"]


class WarmUpContext:
    """What a ``warmupTrigger`` function receives: a marker with no members."""


class WarmUpTriggerConverter(meta.InConverter, binding=WARMUP_TRIGGER, trigger=True):
    """Gives a warm-up function a :class:`WarmUpContext`, whatever the host sent."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, WarmUpContext)

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> WarmUpContext:
        return WarmUpContext()
