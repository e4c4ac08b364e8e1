"""Timer schedules: six-field NCRONTAB (seconds first) and TimeSpan, next occurrences."""

from __future__ import annotations

import contextlib
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azfunc._ncrontab import CronSchedule, ScheduleError, TimeSpanSchedule, parse_schedule

START = datetime.datetime(2024, 1, 1, 0, 0, 0)  # a Monday


def _next(expression: str, count: int = 3, start: datetime.datetime = START) -> list[str]:
    schedule = parse_schedule(expression)
    return [moment.isoformat() for moment in schedule.occurrences(start, count)]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("*/1 * * * * *", ["2024-01-01T00:00:01", "2024-01-01T00:00:02", "2024-01-01T00:00:03"]),
        ("0 */5 * * * *", ["2024-01-01T00:05:00", "2024-01-01T00:10:00", "2024-01-01T00:15:00"]),
        ("30 15 9 * * *", ["2024-01-01T09:15:30", "2024-01-02T09:15:30", "2024-01-03T09:15:30"]),
        (
            "0 30 9 * * Mon-Fri",
            ["2024-01-01T09:30:00", "2024-01-02T09:30:00", "2024-01-03T09:30:00"],
        ),
        ("0 0 12 * * 0", ["2024-01-07T12:00:00", "2024-01-14T12:00:00", "2024-01-21T12:00:00"]),
        (
            "0 0 0 1 Jan,jul *",
            ["2024-07-01T00:00:00", "2025-01-01T00:00:00", "2025-07-01T00:00:00"],
        ),
        ("5/20 * * * * *", ["2024-01-01T00:00:05", "2024-01-01T00:00:25", "2024-01-01T00:00:45"]),
        ("0 0 9-17/4 * * *", ["2024-01-01T09:00:00", "2024-01-01T13:00:00", "2024-01-01T17:00:00"]),
        # NCrontab swaps a reversed range: 5-3 is Wednesday to Friday
        ("0 0 0 * * 5-3", ["2024-01-03T00:00:00", "2024-01-04T00:00:00", "2024-01-05T00:00:00"]),
        ("00:00:30", ["2024-01-01T00:00:30", "2024-01-01T00:01:00", "2024-01-01T00:01:30"]),
        ("1.00:00:00", ["2024-01-02T00:00:00", "2024-01-03T00:00:00", "2024-01-04T00:00:00"]),
    ],
)
def test_next_occurrences(expression: str, expected: list[str]) -> None:
    assert _next(expression) == expected


def test_day_and_day_of_week_must_both_match_like_ncrontab() -> None:
    # Friday the 13th, not "the 13th or any Friday" as in Vixie cron.
    assert _next("0 0 0 13 * Fri") == [
        "2024-09-13T00:00:00",
        "2024-12-13T00:00:00",
        "2025-06-13T00:00:00",
    ]


def test_next_after_keeps_the_time_zone() -> None:
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    assert parse_schedule("0 0 * * * *").next_after(start) == datetime.datetime(
        2024, 1, 1, 1, tzinfo=datetime.timezone.utc
    )


def test_croniter_gets_the_seconds_field_last() -> None:
    schedule = parse_schedule("15 */30 9 * * Mon")
    assert isinstance(schedule, CronSchedule)
    assert schedule.croniter_expression == "0,30 9 * * 1 15"


def test_timespan_schedule() -> None:
    assert parse_schedule("01:30:00") == TimeSpanSchedule(
        expression="01:30:00", interval=datetime.timedelta(hours=1, minutes=30)
    )


DOCS = "See https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions"


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        (
            "0 */5 * * *",
            "it has 5 field(s), not 6 (second minute hour day month day-of-week); Azure "
            "Functions needs the seconds field first, e.g. '0 0 */5 * * *'",
        ),
        ("60 * * * * *", "the second field has 60, outside 0-59"),
        ("0 60 * * * *", "the minute field has 60, outside 0-59"),
        ("0 0 24 * * *", "the hour field has 24, outside 0-23"),
        ("0 0 0 0 * *", "the day field has 0, outside 1-31"),
        ("0 0 0 * 13 *", "the month field has 13, outside 1-12"),
        ("0 0 0 * * 7", "the day-of-week field has 7, outside 0-6; use 0 for Sunday"),
        (
            "0 0 0 * Foo *",
            "the month field has 'Foo', which is not a number or a name (Jan-Dec); month "
            "values run from 1 to 12",
        ),
        (
            "0 x * * * *",
            "the minute field has 'x', which is not a number; minute values run from 0 to 59",
        ),
        (
            "0 */x * * * *",
            "the minute field '*/x' has the step 'x'; a step is a whole number, e.g. */5",
        ),
        (
            "0 0 0 ? * *",
            "the day field '?' uses '?', which NCRONTAB does not support; use *, values, "
            "ranges (a-b), steps (*/n) and lists (a,b), e.g. '1,15'",
        ),
        ("0 0 0 30 2 *", "it never fires: no month among [2] has a day among [30]"),
        ("0 1,,2 * * * *", "the minute field '1,,2' has an empty list item"),
        (
            "5 minutes",
            "it has 2 field(s), not 6 (second minute hour day month day-of-week)",
        ),
        (
            "25:00:00",
            "a TimeSpan has hours 0-23, minutes and seconds 0-59; write longer intervals "
            "with days, e.g. '1.12:00:00'",
        ),
        ("00:00:00", "the interval is zero; it must be longer than that"),
        ("", "it is empty; write six fields, e.g. '0 */5 * * * *'"),
        (
            "%Schedule%",
            "it is a reference to an app setting; resolve it (the setting's value) before parsing",
        ),
    ],
)
def test_invalid_schedules_name_the_field(expression: str, problem: str) -> None:
    with pytest.raises(ScheduleError) as info:
        parse_schedule(expression)
    assert str(info.value) == f"Schedule {expression!r} is invalid: {problem}. {DOCS}"


def _field(low: int, high: int) -> st.SearchStrategy[str]:
    value = st.integers(min_value=low, max_value=high).map(str)
    step = st.integers(min_value=1, max_value=10).map(str)
    item = st.one_of(
        st.just("*"),
        value,
        st.tuples(value, value).map(lambda p: f"{p[0]}-{p[1]}"),
        st.tuples(st.just("*"), step).map("/".join),
        st.tuples(value, step).map("/".join),
    )
    return st.lists(item, min_size=1, max_size=3).map(",".join)


@settings(max_examples=150, deadline=None)
@given(
    st.tuples(
        _field(0, 59), _field(0, 59), _field(0, 23), _field(1, 28), _field(1, 12), _field(0, 6)
    ),
    st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2090, 1, 1)),
)
def test_next_occurrence_is_later_and_matches_every_field(
    fields: tuple[str, ...], start: datetime.datetime
) -> None:
    schedule = parse_schedule(" ".join(fields))
    assert isinstance(schedule, CronSchedule)
    moment = schedule.next_after(start)
    weekday = (moment.weekday() + 1) % 7  # NCRONTAB: Sunday is 0
    parts = (moment.second, moment.minute, moment.hour, moment.day, moment.month, weekday)
    assert moment > start
    assert all(v in f for v, f in zip(parts, schedule.fields, strict=True))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parser_raises_only_schedule_errors(expression: str) -> None:
    with contextlib.suppress(ScheduleError):
        parse_schedule(expression)
