"""Date/time and duration parsing of trigger metadata (azfunc._utils)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _utils
from azfunc._utils import (
    parse_datetime,
    parse_timedelta,
    try_parse_datetime_with_formats,
    try_parse_timedelta_with_formats,
)

UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-01-02T03:04:05Z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2020-01-02T03:04:05z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2020-01-02T03:04:05.123Z", datetime.datetime(2020, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
        (
            "2020-01-02T03:04:05.1234567Z",
            datetime.datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        ),
        (
            "2020-01-02T03:04:05.123456789+00:00",
            datetime.datetime(2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        ),
        ("2020-01-02T03:04:05-00:00", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2020-01-02T03:04:05", datetime.datetime(2020, 1, 2, 3, 4, 5)),
        ("2020-01-02T03:04:05.5", datetime.datetime(2020, 1, 2, 3, 4, 5, 500000)),
        ("01/02/2020 03:04:05Z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        (
            "01/02/2020 03:04:05.12+00:00",
            datetime.datetime(2020, 1, 2, 3, 4, 5, 120000, tzinfo=UTC),
        ),
        ("01/02/2020T03:04:05", datetime.datetime(2020, 1, 2, 3, 4, 5)),
        ("01/02/2020T03:04:05.1", datetime.datetime(2020, 1, 2, 3, 4, 5, 100000)),
        ("1/2/2020 3:4:5Z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("01/02/2020\t03:04:05Z", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("0018-01-02T03:04:05Z", datetime.datetime(18, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime_accepts_host_forms(
    text: str | None, expected: datetime.datetime | None
) -> None:
    result = parse_datetime(text)
    assert result == expected
    if result is not None and expected is not None:
        assert result.tzinfo == expected.tzinfo


def test_parse_datetime_utc_uses_stdlib_timezone() -> None:
    result = parse_datetime("2020-01-02T03:04:05Z")
    assert result is not None
    assert result.tzinfo is UTC


# Each of these the reference rejects with a ValueError too (checked against 1.26.0).
@pytest.mark.parametrize(
    "text",
    [
        "garbage",
        "5",
        "2020-01-02T03:04:05.Z",
        "13/01/2020 00:00:00Z",
        "2018-12-12X03:16:34.219289Z",
        "2020-01-02 03:04:05Z",
        "2020-01-02T03:04:05+01:00",
        "2020-01-02T03:04:05+0000",
        "2020-01-02",
        "01/02/2020 03:04:05",
        "01/02/2020T03:04:05Z",
        "01/02/2020 03:04:05 Z",
        "2020-01-02T03:04:05 +00:00",
        " 2020-01-02T03:04:05Z",
        "2020-01-02T03:04:05Z ",
        "2020-01-02T24:00:00Z",
        "2020-01-02T03:04:60Z",
        "2020-02-30T03:04:05Z",
        "2020-01-02T03:04Z",
        "2020-01-02T03:04:05.1234567+01:00",
    ],
)
def test_parse_datetime_rejects_other_text(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_datetime(text)
    assert str(info.value) == (
        f"cannot parse {text!r} as a date and time: expected 'yyyy-mm-ddThh:mm:ss[.ffffff]' "
        "followed by 'Z', '+00:00', '-00:00' or nothing, 'MM/DD/YYYY hh:mm:ss[.ffffff]' "
        "followed by 'Z', '+00:00' or '-00:00', or 'MM/DD/YYYYThh:mm:ss[.ffffff]'"
    )


# Deviation: after a fraction of more than six digits the reference drops what follows
# unless it is 'Z', '+00:00' or '-00:00', so its 'z' gives a naive time (the zone is lost)
# and trailing text is ignored. azfunc reads the suffix as it does after shorter fractions.
def test_parse_datetime_reads_the_zone_after_a_long_fraction() -> None:
    assert parse_datetime("2020-01-02T03:04:05.12345678z") == datetime.datetime(
        2020, 1, 2, 3, 4, 5, 123456, tzinfo=UTC
    )
    with pytest.raises(ValueError):
        parse_datetime("2020-01-02T03:04:05.1234567garbage")


naive_datetimes = st.datetimes(
    min_value=datetime.datetime(1000, 1, 1), max_value=datetime.datetime(9999, 12, 31)
)


@given(naive_datetimes, st.sampled_from(["Z", "+00:00", "-00:00"]), st.integers(0, 9))
def test_parse_datetime_iso_utc_round_trip(dt: datetime.datetime, suffix: str, digits: int) -> None:
    fraction = f".{dt.microsecond:06d}{'7' * max(0, digits - 6)}"[: digits + 1] if digits else ""
    text = dt.strftime("%Y-%m-%dT%H:%M:%S") + fraction + suffix
    micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
    assert parse_datetime(text) == dt.replace(microsecond=micro, tzinfo=UTC)


@given(naive_datetimes, st.sampled_from(["Z", "+00:00", "-00:00"]))
def test_parse_datetime_us_utc_round_trip(dt: datetime.datetime, suffix: str) -> None:
    text = dt.strftime("%m/%d/%Y %H:%M:%S.%f") + suffix
    assert parse_datetime(text) == dt.replace(tzinfo=UTC)


@given(naive_datetimes, st.sampled_from(["%Y-%m-%dT%H:%M:%S.%f", "%m/%d/%YT%H:%M:%S.%f"]))
def test_parse_datetime_local_forms_stay_naive(dt: datetime.datetime, fmt: str) -> None:
    assert parse_datetime(dt.strftime(fmt)) == dt


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01:02:03", datetime.timedelta(hours=1, minutes=2, seconds=3)),
        ("1:2:3", datetime.timedelta(hours=1, minutes=2, seconds=3)),
        ("02:03", datetime.timedelta(minutes=2, seconds=3)),
        ("12", datetime.timedelta(seconds=12)),
        ("-5", datetime.timedelta(seconds=-5)),
        ("+5", datetime.timedelta(seconds=5)),
        (" 5 ", datetime.timedelta(seconds=5)),
        ("23:59:59", datetime.timedelta(hours=23, minutes=59, seconds=59)),
        ("", None),
        (None, None),
    ],
)
def test_parse_timedelta_accepts_host_forms(
    text: str | None, expected: datetime.timedelta | None
) -> None:
    assert parse_timedelta(text) == expected


# Each of these the reference rejects with a ValueError too (checked against 1.26.0),
# the .NET form 'd.hh:mm:ss' (Service Bus 'TimeToLive' of a day or more) among them.
@pytest.mark.parametrize(
    "text",
    [
        "00:60:00",
        "00:00:60",
        "1.02:03",
        "x",
        "1:2:3:4",
        "14.00:00:00",
        "1.02:03:04.5",
        "24:00:00",
        "-01:00:00",
        "03:16:34.5",
        "90:00",
        "1.5",
        "5.0",
        "1e3",
    ],
)
def test_parse_timedelta_rejects_other_text(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_timedelta(text)
    assert str(info.value) == (
        f"cannot parse {text!r} as a duration: expected 'hh:mm:ss' with hours below 24, "
        "'mm:ss', or whole seconds such as '90'"
    )


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59))
def test_parse_timedelta_hms_round_trip(hours: int, minutes: int, seconds: int) -> None:
    expected = datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    assert parse_timedelta(f"{hours:02d}:{minutes:02d}:{seconds:02d}") == expected
    assert parse_timedelta(f"{minutes}:{seconds}") == datetime.timedelta(
        minutes=minutes, seconds=seconds
    )


@given(st.integers(-(10**9), 10**9))
def test_parse_timedelta_integer_seconds(seconds: int) -> None:
    assert parse_timedelta(str(seconds)) == datetime.timedelta(seconds=seconds)


def test_try_parse_datetime_with_formats_reports_the_format() -> None:
    assert try_parse_datetime_with_formats("2020-01-02", ["%H", "%Y-%m-%d"]) == (
        datetime.datetime(2020, 1, 2),
        "%Y-%m-%d",
        None,
    )
    result, fmt, error = try_parse_datetime_with_formats("x", ["%H", "%Y"])
    assert (result, fmt, repr(error)) == (
        None,
        None,
        repr(ValueError("time data 'x' does not match format '%Y'")),
    )


def test_try_parse_timedelta_with_formats_reports_the_format() -> None:
    assert try_parse_timedelta_with_formats("01:02", ["%H:%M:%S", "%M:%S"]) == (
        datetime.timedelta(minutes=1, seconds=2),
        "%M:%S",
        None,
    )
    assert try_parse_timedelta_with_formats("x", ["%M:%S"])[:2] == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("00:05:00", datetime.timedelta(minutes=5)),
        ("1.12:00:00", datetime.timedelta(days=1, hours=12)),
        ("23:59", datetime.timedelta(hours=23, minutes=59)),
        (" 00:00:01.5 ", datetime.timedelta(seconds=1.5)),
    ],
)
def test_parse_timespan_reads_the_hosts_timespans(text: str, expected: datetime.timedelta) -> None:
    assert _utils.parse_timespan(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5m", "'5m' is not a TimeSpan 'hh:mm:ss' or 'd.hh:mm:ss'"),
        (
            "24:00:00",
            "'24:00:00': a TimeSpan has hours 0-23, minutes and seconds 0-59; write longer "
            "intervals with days, e.g. '1.12:00:00'",
        ),
    ],
)
def test_parse_timespan_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        _utils.parse_timespan(text)
    assert str(caught.value) == message
