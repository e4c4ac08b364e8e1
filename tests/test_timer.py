"""Timer trigger request type and converter."""

from __future__ import annotations

import pytest

from azfunc import _abc, timer
from azfunc.meta import Datum

# The timer info the host sends as the trigger's json datum.
TIMER_INFO = (
    '{"Schedule": {"AdjustForDST": true}, '
    '"ScheduleStatus": {"Last": "2020-01-01T00:00:00", "Next": "2020-01-01T00:05:00", '
    '"LastUpdated": "2020-01-01T00:00:00"}, "IsPastDue": true}'
)


def test_decode_timer_info() -> None:
    req = timer.TimerRequestConverter.decode(Datum(TIMER_INFO, "json"), trigger_metadata={})
    assert isinstance(req, _abc.TimerRequest)
    assert (req.past_due, req.schedule_status, req.schedule) == (
        True,
        {
            "Last": "2020-01-01T00:00:00",
            "Next": "2020-01-01T00:05:00",
            "LastUpdated": "2020-01-01T00:00:00",
        },
        {"AdjustForDST": True},
    )


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("{}", (False, {}, {})),
        ('{"IsPastDue": null, "Schedule": null}', (None, {}, {})),
    ],
)
def test_decode_sparse_timer_info(payload: str, expected: tuple[object, ...]) -> None:
    req = timer.TimerRequestConverter.decode(Datum(payload, "json"), trigger_metadata=None)
    assert (req.past_due, req.schedule_status, req.schedule) == expected


def test_decode_rejects_non_json() -> None:
    with pytest.raises(NotImplementedError) as info:
        timer.TimerRequestConverter.decode(Datum("x", "string"), trigger_metadata=None)
    assert str(info.value) == (
        "cannot decode a timer trigger payload of type 'string': "
        "the host sends timer info as 'json'"
    )


def test_defaults_and_annotations() -> None:
    req = timer.TimerRequest()
    assert (req.past_due, req.schedule_status, req.schedule) == (False, {}, {})
    conv = timer.TimerRequestConverter
    assert conv.check_input_type_annotation(_abc.TimerRequest) is True
    assert conv.check_input_type_annotation(timer.TimerRequest) is True
    assert conv.check_input_type_annotation(str) is False
    assert conv.has_trigger_support() is True
