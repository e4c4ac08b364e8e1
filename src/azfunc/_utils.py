"""Parsing of the date, time and duration strings found in trigger metadata.

The host writes timestamps as ISO 8601 (``2020-01-02T03:04:05.1234567Z``) or,
for some services, in the US form ``01/02/2020 03:04:05``; durations come as
.NET ``TimeSpan`` text (``[-][d.]hh:mm:ss[.fffffff]``) or plain seconds.
:func:`parse_datetime` and :func:`parse_timedelta` accept all of these.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

__all__ = [
    "parse_datetime",
    "parse_timedelta",
    "try_parse_datetime_with_formats",
    "try_parse_timedelta_with_formats",
]

# A date (ISO ``yyyy-mm-dd`` or US ``mm/dd/yyyy``), ``T`` or a space, a time
# ``h:m:s[.f]`` with one- or two-digit fields (as ``strptime`` accepts them),
# then ``Z``, an offset or nothing. Matches are rewritten to strict ISO 8601.
_DATETIME_RE = re.compile(
    r"""
    (?:
        (?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})
      | (?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<us_y>\d{4})
    )
    [T\ ]
    (?P<hour>\d{1,2}):(?P<minute>\d{1,2}):(?P<second>\d{1,2})
    (?P<fraction>\.\d+)?
    (?P<zone>Z|[+-]\d{2}:?\d{2})?
    """,
    re.VERBOSE | re.IGNORECASE,
)

_TIMESPAN_RE = re.compile(
    r"""
    (?P<sign>[+-])?
    (?:(?P<days>\d+)\.)?
    (?P<first>\d+):(?P<second>\d{1,2})
    (?::(?P<third>\d{1,2}))?
    (?P<fraction>\.\d+)?
    """,
    re.VERBOSE,
)

_SECONDS_RE = re.compile(r"[+-]?\d+(?:\.\d+)?")

_DATETIME_FORMS = (
    "ISO 8601 such as '2020-01-02T03:04:05.1234567Z' or '2020-01-02T03:04:05+01:00', "
    "or 'MM/DD/YYYY hh:mm:ss' with an optional fraction and 'Z' or offset"
)


def _normalise_datetime(text: str) -> str:
    """Rewrite the forms ``strptime`` would accept into strict ISO 8601 text."""
    match = _DATETIME_RE.fullmatch(text)
    if match is None:
        return text
    parts = match.groupdict()
    year = parts["iso_y"] or parts["us_y"]
    month = parts["iso_m"] or parts["us_m"]
    day = parts["iso_d"] or parts["us_d"]
    zone = (parts["zone"] or "").upper()
    return (
        f"{year}-{int(month):02d}-{int(day):02d}"
        f"T{int(parts['hour']):02d}:{int(parts['minute']):02d}:{int(parts['second']):02d}"
        f"{parts['fraction'] or ''}{zone}"
    )


def parse_datetime(text: str | None) -> datetime.datetime | None:
    """Parse a timestamp from trigger metadata.

    A ``Z`` or zero offset gives ``tzinfo=datetime.timezone.utc``, another offset a
    fixed :class:`datetime.timezone`, no zone a naive datetime. Fractions longer
    than six digits (.NET writes seven) are truncated to microseconds.

    :param text: The timestamp; ``None`` or ``""`` give ``None``.
    :raises ValueError: ``text`` is not in one of the accepted forms.
    """
    if not text:
        return None
    try:
        from dateutil.parser import isoparse  # imported on first use: cold start

        parsed = isoparse(_normalise_datetime(text))
    except (ValueError, OverflowError) as err:
        raise ValueError(
            f"cannot parse {text!r} as a date and time: expected {_DATETIME_FORMS}"
        ) from err
    offset = parsed.utcoffset()
    if offset is None:
        return parsed
    if offset == datetime.timedelta(0):
        return parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.replace(tzinfo=datetime.timezone(offset))


def parse_timedelta(text: str | None) -> datetime.timedelta | None:
    """Parse a duration from trigger metadata.

    Accepted forms: ``hh:mm:ss``, ``mm:ss``, seconds (``"90"``, ``"1.5"``) and the
    .NET ``TimeSpan`` form ``[-][d.]hh:mm:ss[.fffffff]``.

    :param text: The duration; ``None`` or ``""`` give ``None``.
    :raises ValueError: ``text`` is not in one of the accepted forms, or its
        minutes or seconds are 60 or more.
    """
    if not text:
        return None
    if _SECONDS_RE.fullmatch(text):
        return datetime.timedelta(seconds=float(text) if "." in text else int(text))
    value = _parse_timespan(text)
    if value is None:
        raise ValueError(
            f"cannot parse {text!r} as a duration: expected 'hh:mm:ss', 'mm:ss', "
            f"seconds such as '90', or the .NET form '[-][d.]hh:mm:ss[.fffffff]' "
            f"with minutes and seconds below 60"
        )
    return value


def _parse_timespan(text: str) -> datetime.timedelta | None:
    """Parse the colon forms of :func:`parse_timedelta`; ``None`` if ``text`` is none of them."""
    match = _TIMESPAN_RE.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    if parts["third"] is None:
        if parts["days"] is not None:
            return None  # 'd.mm:ss' is no TimeSpan form
        hours, minutes, seconds = 0, int(parts["first"]), int(parts["second"])
    else:
        hours = int(parts["first"])
        minutes, seconds = int(parts["second"]), int(parts["third"])
    if minutes >= 60 or seconds >= 60:
        return None
    value = datetime.timedelta(
        days=int(parts["days"] or 0),
        hours=hours,
        minutes=minutes,
        seconds=seconds,
        microseconds=int(((parts["fraction"] or ".")[1:] + "000000")[:6]),
    )
    return -value if parts["sign"] == "-" else value


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
    "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M:%S", "%m/%d/%YT%H:%M:%S.%f", "%m/%d/%YT%H:%M:%S",
)
#: The reference's ``strptime`` formats of durations.
TIMEDELTA_FORMATS = ("%H:%M:%S", "%M:%S")


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
