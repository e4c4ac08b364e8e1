"""Parsing of the date, time and duration strings found in trigger metadata.

The host writes timestamps as ISO 8601 (``2020-01-02T03:04:05.1234567Z``) or,
for some services, in the US form ``01/02/2020 03:04:05Z``; durations as
``hh:mm:ss``, ``mm:ss`` or whole seconds. :func:`parse_datetime` and
:func:`parse_timedelta` accept exactly the forms azure-functions 1.26.0 accepts
and reject the others with a ``ValueError`` naming the text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

__all__ = [
    "TIMESPAN_MAX",
    "TIMESPAN_SHAPE",
    "parse_datetime",
    "parse_timedelta",
    "parse_timespan",
    "shorten",
    "try_parse_datetime_with_formats",
    "try_parse_timedelta_with_formats",
]

# ``strptime`` formats, tried in order: a UTC format gives an aware datetime, a local one
# a naive one. ``strptime`` ignores case, so ``t`` and ``z`` are accepted too, and a
# space in a format matches any run of whitespace.
_DATE_FORMS = ("%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %H:%M:%S")

#: The reference's ``strptime`` formats of UTC timestamps, in the order it tries them.
UTC_FORMATS = tuple(
    f"{date}{fraction}{zone}"
    for date in _DATE_FORMS
    for zone in ("Z", "+00:00", "-00:00")
    for fraction in ("", ".%f")
)
#: The reference's ``strptime`` formats of zone-less timestamps, in the order it tries them.
LOCAL_FORMATS = (
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%YT%H:%M:%S.%f",
    "%m/%d/%YT%H:%M:%S",
)
#: The reference's ``strptime`` formats of durations.
TIMEDELTA_FORMATS = ("%H:%M:%S", "%M:%S")

# .NET writes seven fractional digits; ``%f`` takes at most six.
_LONG_FRACTION_RE = re.compile(r"(\.\d{6})\d+")

_DATETIME_FORMS = (
    "'yyyy-mm-ddThh:mm:ss[.ffffff]' followed by 'Z', '+00:00', '-00:00' or nothing, "
    "'MM/DD/YYYY hh:mm:ss[.ffffff]' followed by 'Z', '+00:00' or '-00:00', "
    "or 'MM/DD/YYYYThh:mm:ss[.ffffff]'"
)


def parse_datetime(text: str | None) -> datetime.datetime | None:
    """Parse a timestamp from trigger metadata.

    A ``Z``, ``+00:00`` or ``-00:00`` suffix gives ``tzinfo=datetime.timezone.utc``,
    no suffix a naive datetime. Fractions longer than six digits (.NET writes seven)
    are truncated to microseconds.

    :param text: The timestamp; ``None`` or ``""`` give ``None``.
    :raises ValueError: ``text`` is not in one of the accepted forms (other offsets,
        a date without a time, a space between an ISO date and its time among them).
    """
    if not text:
        return None
    trimmed = _LONG_FRACTION_RE.sub(r"\1", text, count=1)
    parsed, _, _ = try_parse_datetime_with_formats(trimmed, UTC_FORMATS)
    if parsed is not None:
        return parsed.replace(tzinfo=datetime.timezone.utc)
    parsed, _, _ = try_parse_datetime_with_formats(trimmed, LOCAL_FORMATS)
    if parsed is not None:
        return parsed
    raise ValueError(f"cannot parse {text!r} as a date and time: expected {_DATETIME_FORMS}")


def parse_timedelta(text: str | None) -> datetime.timedelta | None:
    """Parse a duration from trigger metadata.

    Accepted forms: ``hh:mm:ss`` (hours below 24), ``mm:ss`` and whole seconds
    (``"90"``, ``"-5"``).

    :param text: The duration; ``None`` or ``""`` give ``None``.
    :raises ValueError: ``text`` is none of these forms (the .NET form
        ``d.hh:mm:ss`` and fractions of a second among them).
    """
    if not text:
        return None
    parsed, _, _ = try_parse_timedelta_with_formats(text, TIMEDELTA_FORMATS)
    if parsed is not None:
        return parsed
    try:
        return datetime.timedelta(seconds=int(text))
    except ValueError:
        raise ValueError(
            f"cannot parse {text!r} as a duration: expected 'hh:mm:ss' with hours below 24, "
            "'mm:ss', or whole seconds such as '90'"
        ) from None


def try_parse_datetime_with_formats(
    datetime_str: str, datetime_formats: Iterable[str]
) -> tuple[datetime.datetime | None, str | None, Exception | None]:
    """Parse ``datetime_str`` with the first :func:`~datetime.datetime.strptime` format that fits.

    :returns: ``(datetime, format, None)`` on success, else ``(None, None, error)``
        with the error of the last format tried.
    """
    error: Exception | None = None
    for fmt in datetime_formats:
        try:
            return datetime.datetime.strptime(datetime_str, fmt), fmt, None
        except ValueError as err:
            error = err
    return None, None, error


def try_parse_timedelta_with_formats(
    timedelta_str: str, timedelta_formats: Iterable[str]
) -> tuple[datetime.timedelta | None, str | None, Exception | None]:
    """Parse ``timedelta_str`` with the first ``strptime`` time format that fits.

    :returns: ``(timedelta, format, None)`` on success, else ``(None, None, error)``
        with the error of the last format tried.
    """
    error: Exception | None = None
    for fmt in timedelta_formats:
        try:
            parsed = datetime.datetime.strptime(timedelta_str, fmt)
        except ValueError as err:
            error = err
            continue
        delta = datetime.timedelta(hours=parsed.hour, minutes=parsed.minute, seconds=parsed.second)
        return delta, fmt, None
    return None, None, error


def shorten(text: str, limit: int = 60) -> str:
    """``repr(text)``, cut to about ``limit`` characters for an error message when longer."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[: limit // 2]!r}... ({len(text)} characters)"


#: The longest .NET TimeSpan, ``TimeSpan.MaxValue``: 10675199.02:48:05.4775807.
TIMESPAN_MAX = datetime.timedelta(
    days=10_675_199, hours=2, minutes=48, seconds=5, microseconds=477_581
)

#: The shape of a .NET TimeSpan, ``[d.]hh:mm[:ss[.fffffff]]``.
TIMESPAN_SHAPE = re.compile(
    r"(?:(?P<d>[0-9]+)\.)?(?P<h>[0-9]{1,2}):(?P<m>[0-9]{1,2})"
    r"(?::(?P<s>[0-9]{1,2})(?P<f>\.[0-9]{1,7})?)?"
)


def parse_timespan(text: str) -> datetime.timedelta:
    """Parse a .NET TimeSpan as the Functions host reads one in host.json and timer
    schedules: ``[d.]hh:mm[:ss[.fffffff]]``, hours 0-23, minutes and seconds 0-59.

    (Durations in trigger metadata follow the reference's rules instead: see
    :func:`parse_timedelta`.)

    :raises ValueError: ``text`` is not of that form, a field is out of range, or it is
        longer than :data:`TIMESPAN_MAX`; the message says which.
    """
    match = TIMESPAN_SHAPE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{shorten(text)} is not a TimeSpan 'hh:mm:ss' or 'd.hh:mm:ss'")
    hours, minutes, seconds = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(
            f"{shorten(text)}: a TimeSpan has hours 0-23, minutes and seconds 0-59; write longer "
            "intervals with days, e.g. '1.12:00:00'"
        )
    days_text = (match["d"] or "0").lstrip("0") or "0"
    interval = None
    if len(days_text) <= 8:  # TIMESPAN_MAX has 8 digits of days; more cannot fit
        interval = datetime.timedelta(
            days=int(days_text),
            hours=hours,
            minutes=minutes,
            seconds=seconds + float(match["f"] or 0),
        )
    if interval is None or interval > TIMESPAN_MAX:
        raise ValueError(
            f"{shorten(text)}: a TimeSpan is at most 10675199.02:48:05.4775807 (.NET's "
            "TimeSpan.MaxValue); write a shorter interval"
        )
    return interval
