"""Fuzz NCRONTAB and TimeSpan parsing: only ScheduleError / ValueError, with a message."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc._ncrontab import ScheduleError, parse_schedule
from azfunc._utils import parse_timespan
from tests.fuzz._settings import FUZZ, bounded

pytestmark = pytest.mark.fuzz

_START = datetime.datetime(2026, 1, 1, 12, 0, 0)

_FIELD_ATOMS = st.sampled_from(
    ["*", "0", "5", "59", "60", "7", "31", "12", "Jan", "mon", "fri", "L", "W", "#", "?", "-",
     "/", ",", "0001", "99999999999999999999", "1" * 4400]
)
_FIELD = st.lists(_FIELD_ATOMS, min_size=1, max_size=5).map("".join)
_CRON = st.lists(_FIELD, min_size=4, max_size=7).map(" ".join)
_TIMESPAN = st.builds(
    "{}{}:{}:{}{}".format,
    st.sampled_from(["", "1.", "0.", "10675199.", "10675200.", "3000000.", "1000000000.",
                     "9" * 5000 + "."]),
    st.integers(0, 99).map(str),
    st.integers(0, 99).map(str),
    st.integers(0, 99).map(str),
    st.sampled_from(["", ".5", ".1234567", ".12345678"]),
)
_TEXT = st.text(alphabet="0123456789*/-,:. \tJanMonFri%?#LW", max_size=40)


def _check(expression: str) -> None:
    with bounded():
        try:
            schedule = parse_schedule(expression)
        except ScheduleError as error:
            assert str(error).startswith("Schedule "), error
            return
        first = schedule.next_after(_START)
        assert first > _START


@FUZZ
@given(st.one_of(_CRON, _TIMESPAN, _TEXT))
def test_parse_schedule_raises_only_schedule_errors(expression: str) -> None:
    _check(expression)


@FUZZ
@given(st.one_of(_TIMESPAN, _TEXT))
def test_parse_timespan_raises_only_value_errors(text: str) -> None:
    with bounded():
        try:
            interval = parse_timespan(text)
        except ValueError as error:
            assert str(error), "a message"
            return
        assert interval >= datetime.timedelta(0)
