"""Timer schedules as the Functions host reads them: six-field NCRONTAB or a TimeSpan.

A timer trigger's ``schedule`` is either

* an NCRONTAB expression with six fields, **seconds first**:
  ``{second} {minute} {hour} {day} {month} {day-of-week}``, e.g. ``0 */5 * * * *``
  (every five minutes). Each field is ``*``, a value, a range ``a-b``, a step ``*/n``,
  ``a-b/n`` or ``a/n``, or a comma-separated list of those. Months and days of the week
  also take English names or their prefixes (``Jan``, ``mon-fri``). Days of the week
  run 0-6, Sunday being 0. As in NCrontab, a day and a day of the week that are both
  restricted must both match; or
* a TimeSpan ``hh:mm:ss`` (or ``d.hh:mm:ss``): the time between two invocations
  (App Service plans only, in Azure).

:func:`parse_schedule` checks the expression with NCrontab's rules and says which field
is wrong; :meth:`Schedule.next_after` computes occurrences with croniter (imported
lazily; it is in the ``start`` extra), which puts the seconds field last.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator

import attrs

from azfunc import _utils

__all__ = [
    "FIELD_NAMES",
    "CronSchedule",
    "Schedule",
    "ScheduleError",
    "TimeSpanSchedule",
    "parse_schedule",
]

#: The six fields, in the order NCRONTAB writes them.
FIELD_NAMES = ("second", "minute", "hour", "day", "month", "day-of-week")

_BOUNDS = ((0, 59), (0, 59), (0, 23), (1, 31), (1, 12), (0, 6))
_MONTHS = tuple(calendar.month_name[1:])
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_NAMES: tuple[tuple[str, ...] | None, ...] = (None, None, None, None, _MONTHS, _DAYS)
_EXAMPLES = ("0", "*/5", "9-17", "1,15", "Jan-Mar", "Mon-Fri")
_DOCS = "https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions"


class ScheduleError(ValueError):
    """A schedule the host would reject; the message names the field and the rule."""


@attrs.frozen(kw_only=True)
class Schedule:
    """A parsed timer schedule.

    Attributes:
        expression: The schedule as written.
    """

    expression: str

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """Return the first occurrence strictly after ``moment`` (same time zone kind)."""
        raise NotImplementedError

    def occurrences(self, start: datetime.datetime, count: int) -> Iterator[datetime.datetime]:
        """Yield the next ``count`` occurrences after ``start``."""
        moment = start
        for _ in range(count):
            moment = self.next_after(moment)
            yield moment


@attrs.frozen(kw_only=True)
class CronSchedule(Schedule):
    """A six-field NCRONTAB schedule.

    Attributes:
        fields: The values of each field (second, minute, hour, day, month, day of
            week), expanded.
    """

    fields: tuple[frozenset[int], ...]

    @property
    def croniter_expression(self) -> str:
        """The same schedule for croniter: minute hour day month day-of-week second."""
        parts = [
            "*" if values == frozenset(range(low, high + 1)) else ",".join(map(str, sorted(values)))
            for values, (low, high) in zip(self.fields, _BOUNDS, strict=True)
        ]
        return " ".join([*parts[1:], parts[0]])

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        from croniter import croniter  # type: ignore[import-untyped,unused-ignore]

        # day_or=False: NCrontab requires both the day and the day of the week to match.
        result: datetime.datetime = croniter(
            self.croniter_expression, moment, day_or=False
        ).get_next(datetime.datetime)
        return result


@attrs.frozen(kw_only=True)
class TimeSpanSchedule(Schedule):
    """A fixed interval between invocations.

    Attributes:
        interval: The time between two invocations.
    """

    interval: datetime.timedelta

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """``moment + interval``; ``datetime.max`` (in ``moment``'s zone) past the year
        9999, which Python's datetime cannot hold: such a timer does not fire."""
        try:
            return moment + self.interval
        except OverflowError:
            return datetime.datetime.max.replace(tzinfo=moment.tzinfo)


def _fail(expression: str, problem: str) -> ScheduleError:
    return ScheduleError(
        f"Schedule {_utils.shorten(expression)} is invalid: {problem}. See {_DOCS}"
    )


def _field_value(expression: str, index: int, text: str) -> int:
    """Parse one value: a number, or a (prefix of a) month or day name."""
    name = FIELD_NAMES[index]
    low, high = _BOUNDS[index]
    if not text:
        raise _fail(expression, f"the {name} field has a range with an empty end")
    if text.isdigit() and text.isascii():
        # more than two significant digits is out of range in every field (and int()
        # refuses strings of over 4,300 digits)
        value = int(text) if len(text.lstrip("0")) <= 2 else high + 1
    else:
        names = _NAMES[index]
        matches = (
            []
            if names is None
            else [i for i, n in enumerate(names) if n.lower().startswith(text.lower())]
        )
        if not matches:
            hint = "" if names is None else f" or a name ({names[0][:3]}-{names[-1][:3]})"
            raise _fail(
                expression,
                f"the {name} field has {text!r}, which is not a number{hint}; "
                f"{name} values run from {low} to {high}",
            )
        value = matches[0] + low
    if not low <= value <= high:
        extra = "; use 0 for Sunday" if index == 5 and value == 7 else ""
        shown = value if len(text.lstrip("0")) <= 2 else _utils.shorten(text)
        raise _fail(
            expression,
            f"the {name} field has {shown}, outside {low}-{high}{extra}",
        )
    return value


def _field(expression: str, index: int, text: str) -> frozenset[int]:
    """Expand one field (``*/5``, ``1-3,7``, ``Mon-Fri``) to its set of values."""
    name = FIELD_NAMES[index]
    low, high = _BOUNDS[index]
    # Quartz-style characters; L and W also occur in month and day names (Jul, Wed).
    letters = ("?", "#", "L", "W") if index < 4 else ("?", "#")
    for unsupported in (*letters, *(("L",) if re.search(r"[0-9]L", text.upper()) else ())):
        if unsupported in text.upper():
            raise _fail(
                expression,
                f"the {name} field {text!r} uses {unsupported!r}, which NCRONTAB does not "
                f"support; use *, values, ranges (a-b), steps (*/n) and lists (a,b), "
                f"e.g. {_EXAMPLES[index]!r}",
            )
    values: set[int] = set()
    for item in text.split(","):
        if not item:
            raise _fail(expression, f"the {name} field {text!r} has an empty list item")
        base, slash, step_text = item.partition("/")
        step = 1
        if slash:
            if not (step_text.isdigit() and step_text.isascii()):
                raise _fail(
                    expression,
                    f"the {name} field {text!r} has the step {step_text!r}; a step is a whole "
                    f"number, e.g. */5",
                )
            # a step longer than any field has the effect of a step of 100
            step = max(int(step_text), 1) if len(step_text.lstrip("0")) <= 2 else 100
        if base == "*":
            first, last = low, high
        elif "-" in base[1:]:
            start_text, end_text = base.split("-", 1)
            first = _field_value(expression, index, start_text)
            last = _field_value(expression, index, end_text)
            first, last = min(first, last), max(first, last)  # NCrontab swaps a reversed range
        elif base:
            first = _field_value(expression, index, base)
            last = high if slash else first
        else:
            raise _fail(expression, f"the {name} field {text!r} has nothing before '/'")
        values.update(range(first, last + 1, step))
    return frozenset(values)


def _parse_timespan(expression: str) -> TimeSpanSchedule:
    if _utils.TIMESPAN_SHAPE.fullmatch(expression.strip()) is None:
        raise _fail(
            expression,
            "a schedule without spaces is read as a TimeSpan, which must be 'hh:mm:ss' or "
            "'d.hh:mm:ss' (e.g. '00:05:00'); for a cron schedule write six fields, seconds "
            "first, e.g. '0 */5 * * * *'",
        )
    try:
        interval = _utils.parse_timespan(expression)
    except ValueError as err:
        # parse_timespan's messages are "<text>: <problem>"
        raise _fail(expression, str(err).rpartition(": ")[2]) from None
    if interval <= datetime.timedelta(0):
        raise _fail(expression, "the interval is zero; it must be longer than that")
    return TimeSpanSchedule(expression=expression, interval=interval)


def _check_fires(expression: str, days: frozenset[int], months: frozenset[int]) -> None:
    """Reject day/month combinations that never happen (``0 0 0 30 2 *``)."""
    if any(day <= calendar.monthrange(2000, month)[1] for month in months for day in days):
        return
    raise _fail(
        expression,
        f"it never fires: no month among {sorted(months)} has a day among {sorted(days)}",
    )


def parse_schedule(expression: str) -> Schedule:
    """Parse a timer trigger schedule: six-field NCRONTAB (seconds first) or a TimeSpan.

    :param expression: The ``schedule`` of the timer trigger, after ``%setting%``
        references are resolved.
    :returns: A :class:`CronSchedule` or a :class:`TimeSpanSchedule`.
    :raises ScheduleError: the expression is neither; the message names the field and
        the rule it breaks (five fields get "add the seconds field first").
    """
    if not isinstance(expression, str):
        raise TypeError(f"schedule {expression!r} must be a str, not {type(expression).__name__}")
    text = expression.strip()
    if not text:
        raise _fail(expression, "it is empty; write six fields, e.g. '0 */5 * * * *'")
    if re.fullmatch(r"%[^%\s]+%", text):
        raise _fail(
            expression,
            "it is a reference to an app setting; resolve it (the setting's value) before parsing",
        )
    if re.search(r"\s", text) is None and ":" in text:
        return _parse_timespan(expression)
    if re.search(r"[^\S ]", text):
        raise _fail(expression, "separate the fields with spaces only (no tabs or newlines)")
    tokens = text.split()
    if len(tokens) != 6:
        hint = (
            f"; Azure Functions needs the seconds field first, e.g. {'0 ' + text!r}"
            if len(tokens) == 5
            else ""
        )
        raise _fail(
            expression,
            f"it has {len(tokens)} field(s), not 6 (second minute hour day month "
            f"day-of-week){hint}",
        )
    fields = tuple(_field(expression, i, token) for i, token in enumerate(tokens))
    _check_fires(expression, fields[3], fields[4])
    return CronSchedule(expression=expression, fields=fields)
