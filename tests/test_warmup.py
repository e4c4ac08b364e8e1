"""Warm-up trigger converter."""

from __future__ import annotations

from azfunc import warmup
from azfunc.meta import Datum


def test_decode_always_gives_a_context() -> None:
    conv = warmup.WarmUpTriggerConverter
    assert type(conv.decode(Datum("x", "string"), trigger_metadata=None)) is warmup.WarmUpContext
    assert type(conv.decode(Datum(None, None), trigger_metadata={})) is warmup.WarmUpContext


def test_annotations() -> None:
    conv = warmup.WarmUpTriggerConverter
    assert [conv.check_input_type_annotation(t) for t in (warmup.WarmUpContext, str, object)] == [
        True,
        False,
        False,
    ]
    assert conv.has_trigger_support() is True
    assert conv.has_implicit_output() is False
