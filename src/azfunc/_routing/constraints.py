"""The inline route constraints of the Functions host (ASP.NET Core routing).

Each constraint is a predicate on the route value, which is the decoded text of a
URL path segment (or the rest of the path for a catch-all). The checks follow .NET's
invariant-culture parsers: ``int`` is ``int.TryParse`` with ``NumberStyles.Integer``,
``double`` is ``double.TryParse`` with ``NumberStyles.Float | AllowThousands``, and so
on. ``datetime`` accepts ISO 8601 dates and times and a few other invariant forms; .NET's
``DateTime.TryParse`` accepts more.

Source: https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-constraints
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import attrs

__all__ = ["CONSTRAINT_NAMES", "Constraint", "ConstraintError", "make_constraint"]

# The whitespace .NET number parsers skip at both ends (NumberStyles.AllowLeading/TrailingWhite).
_WHITE = " \t\n\v\f\r"

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_DECIMAL_MAX = 79228162514264337593543950335

_INTEGER_RE = re.compile(r"[+-]?[0-9]+")
_DECIMAL_RE = re.compile(
    r"(?P<lead>[+-]?)(?P<int>[0-9][0-9,]*)?(?:\.(?P<frac>[0-9]*))?(?P<trail>[+-]?)"
)
_FLOAT_RE = re.compile(r"[+-]?(?:[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_FLOAT_WORDS = frozenset({"infinity", "+infinity", "-infinity", "nan", "∞", "-∞", "+∞"})
_ALPHA_RE = re.compile(r"[A-Za-z]*")
_HEX = "[0-9A-Fa-f]"
_GUID_D = rf"{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}"
_GUID_RE = re.compile(
    rf"{_HEX}{{32}}|{_GUID_D}|\{{{_GUID_D}\}}|\({_GUID_D}\)"
    rf"|\{{0[xX]{_HEX}{{8}},0[xX]{_HEX}{{4}},0[xX]{_HEX}{{4}},"
    rf"\{{0[xX]{_HEX}{{2}}(?:,0[xX]{_HEX}{{2}}){{7}}\}}\}}"
)
_ISO_DATETIME_RE = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:[T ](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.[0-9]{1,7})?)?"
    r"(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
)
_US_DATE_RE = re.compile(r"(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})-(?P<y>[0-9]{4})")
_TIME_RE = re.compile(r"(?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.[0-9]{1,7})?)?")


class ConstraintError(ValueError):
    """A constraint's name or argument is invalid; the message names the problem."""


@attrs.frozen(kw_only=True)
class Constraint:
    """One inline constraint of a route parameter, such as ``int`` or ``range(1,10)``.

    Attributes:
        name: The constraint name, lower-cased (``"int"``).
        argument: The text between the parentheses, or ``None`` when there are none.
        text: The constraint as written in the template (``"range(1,10)"``).
        accepts: The predicate on a route value.
    """

    name: str
    argument: str | None
    text: str
    accepts: Callable[[str], bool] = attrs.field(eq=False, repr=False)


def _to_int(text: str) -> int:
    """``int(text)`` for ``[+-]digits`` without its leading zeros, which count towards
    the 4,300 digits ``int()`` accepts."""
    sign = "-" if text[:1] == "-" else ""
    return int(sign + (text.lstrip("+-").lstrip("0") or "0"))


def _parse_integer(value: str, bounds: tuple[int, int]) -> int | None:
    text = value.strip(_WHITE)
    if not _INTEGER_RE.fullmatch(text):
        return None
    # longer than any 64-bit value: out of range (and int() refuses 4,301 digits or more)
    if len(text.lstrip("+-").lstrip("0")) > 19:
        return None
    number = _to_int(text)
    return number if bounds[0] <= number <= bounds[1] else None


def _is_int(value: str) -> bool:
    return _parse_integer(value, _INT32) is not None


def _is_long(value: str) -> bool:
    return _parse_integer(value, _INT64) is not None


def _is_bool(value: str) -> bool:
    return value.strip(_WHITE).lower() in ("true", "false")


def _is_alpha(value: str) -> bool:
    return _ALPHA_RE.fullmatch(value) is not None


def _is_guid(value: str) -> bool:
    return _GUID_RE.fullmatch(value.strip(_WHITE)) is not None


def _valid_datetime(parts: dict[str, str | None]) -> bool:
    try:
        datetime.datetime(
            int(parts.get("y") or 2000),
            int(parts.get("m") or 1),
            int(parts.get("d") or 1),
            int(parts.get("H") or 0),
            int(parts.get("M") or 0),
            int(parts.get("S") or 0),
        )
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    text = value.strip(_WHITE)
    for pattern in (_ISO_DATETIME_RE, _US_DATE_RE, _TIME_RE):
        match = pattern.fullmatch(text)
        if match is not None:
            return _valid_datetime(match.groupdict())
    return False


def _is_decimal(value: str) -> bool:
    match = _DECIMAL_RE.fullmatch(value.strip(_WHITE))
    if match is None or (match["lead"] and match["trail"]):
        return False
    digits = (match["int"] or "").replace(",", "")
    if not digits and not match["frac"]:
        return False
    digits = digits.lstrip("0")
    if len(digits) > len(str(_DECIMAL_MAX)):
        return False
    return int(digits or "0") <= _DECIMAL_MAX


def _is_double(value: str) -> bool:
    text = value.strip(_WHITE)
    return text.lower() in _FLOAT_WORDS or _FLOAT_RE.fullmatch(text) is not None


def _utf16_length(value: str) -> int:
    """Return the length .NET reports for ``value``: UTF-16 code units."""
    return len(value.encode("utf-16-le", "surrogatepass")) // 2


_USAGE = {
    "min": "min(1)",
    "max": "max(100)",
    "range": "range(1,100)",
    "minlength": "minlength(2)",
    "maxlength": "maxlength(20)",
    "length": "length(8) or length(2,20)",
}


def _integers(name: str, argument: str | None, count: tuple[int, ...]) -> list[int]:
    """Parse the comma-separated integer arguments of constraint ``name``."""
    parts = [] if argument is None else [p.strip() for p in argument.split(",")]
    if len(parts) not in count or not all(_INTEGER_RE.fullmatch(p) for p in parts):
        written = name if argument is None else f"{name}({argument})"
        raise ConstraintError(
            f"constraint {written!r} needs {' or '.join(str(n) for n in count)} integer "
            f"argument(s), e.g. {_USAGE[name]}"
        )
    too_long = [p for p in parts if len(p.lstrip("+-").lstrip("0")) > 19]
    if too_long:
        raise ConstraintError(
            f"constraint {name}(...) has an argument of {len(too_long[0])} digits, outside "
            "the 64-bit range the host reads it in; use a smaller number"
        )
    return [_to_int(p) for p in parts]


def _length_bound(name: str, argument: str | None, count: tuple[int, ...]) -> list[int]:
    values = _integers(name, argument, count)
    if any(v < 0 for v in values):
        raise ConstraintError(f"constraint {name}({argument}) needs lengths of 0 or more")
    return values


def _ordered(name: str, argument: str | None, low: int, high: int) -> None:
    if low > high:
        raise ConstraintError(
            f"constraint {name}({argument}) has its minimum {low} above its maximum {high}; "
            "swap the two values"
        )


def _in_range(low: int | None, high: int | None) -> Callable[[str], bool]:
    def accepts(value: str) -> bool:
        number = _parse_integer(value, _INT64)
        if number is None:
            return False
        return (low is None or number >= low) and (high is None or number <= high)

    return accepts


def _length_between(low: int, high: int | None) -> Callable[[str], bool]:
    def accepts(value: str) -> bool:
        length = _utf16_length(value)
        return length >= low and (high is None or length <= high)

    return accepts


def _dotnet_regex(argument: str) -> re.Pattern[str]:
    """Compile a .NET regular expression the way the regex constraint uses it."""
    # .NET names groups with (?<name>...); Python wants (?P<name>...). Lookbehinds
    # (?<= and (?<! keep their meaning.
    pattern = re.sub(r"\(\?<(?![=!])", "(?P<", argument)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as err:  # nested or sized too deep
        raise ConstraintError(
            f"regex({argument}) is not a valid regular expression: {err}"
        ) from err


_SIMPLE: dict[str, Callable[[str], bool]] = {
    "int": _is_int,
    "long": _is_long,
    "bool": _is_bool,
    "alpha": _is_alpha,
    "guid": _is_guid,
    "datetime": _is_datetime,
    "decimal": _is_decimal,
    "double": _is_double,
    "float": _is_double,
    "required": bool,
}

#: Every constraint name the host knows, in the order the error messages list them.
CONSTRAINT_NAMES = (
    *_SIMPLE,
    "min",
    "max",
    "range",
    "minlength",
    "maxlength",
    "length",
    "regex",
)


def _accepts(name: str, argument: str | None) -> Callable[[str], bool]:
    """Return the predicate of constraint ``name`` with ``argument``."""
    if name in _SIMPLE:
        if argument is not None:
            raise ConstraintError(f"constraint {name!r} takes no argument, got ({argument})")
        return _SIMPLE[name]
    if name in ("min", "max"):
        (bound,) = _integers(name, argument, (1,))
        return _in_range(bound, None) if name == "min" else _in_range(None, bound)
    if name == "range":
        low, high = _integers(name, argument, (2,))
        _ordered(name, argument, low, high)
        return _in_range(low, high)
    if name in ("minlength", "maxlength"):
        (bound,) = _length_bound(name, argument, (1,))
        return _length_between(bound, None) if name == "minlength" else _length_between(0, bound)
    if name == "length":
        bounds = _length_bound(name, argument, (1, 2))
        low, high = (bounds[0], bounds[0]) if len(bounds) == 1 else (bounds[0], bounds[1])
        _ordered(name, argument, low, high)
        return _length_between(low, high)
    if name == "regex":
        if not argument:
            raise ConstraintError("constraint 'regex' needs a pattern: regex(^[a-z]+$)")
        compiled = _dotnet_regex(argument)
        return lambda value: compiled.search(value) is not None
    raise ConstraintError(
        f"unknown constraint {name!r}; the host knows {', '.join(CONSTRAINT_NAMES)}"
    )


def make_constraint(name: str, argument: str | None) -> Constraint:
    """Return the :class:`Constraint` ``name(argument)``; names are case-insensitive.

    :raises ConstraintError: the name is unknown, or the argument is missing, extra
        or not of the right form.
    """
    lowered = name.lower()
    text = name if argument is None else f"{name}({argument})"
    return Constraint(
        name=lowered, argument=argument, text=text, accepts=_accepts(lowered, argument)
    )
