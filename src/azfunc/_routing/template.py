"""Route templates as the Functions host parses and matches them (ASP.NET Core routing).

A template such as ``items/{id:int}``, ``files/{name}.{ext?}``, ``page/{n=1}`` or
``static/{*path}`` is split into segments of literal text and parameters, each
parameter with its constraints (:mod:`azfunc._routing.constraints`). Parsing rejects the
templates the host rejects, with a message that says why; :meth:`RouteTemplate.match`
matches the decoded segments of a path below the route prefix. The route table built on
top is in :mod:`azfunc._routing.table`.

Source: https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-templates

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from azfunc._routing.constraints import Constraint, ConstraintError, make_constraint

__all__ = [
    "Literal",
    "Parameter",
    "Part",
    "RouteTemplate",
    "RouteTemplateError",
    "parse_route_template",
    "split_segments",
]

#: Characters a route parameter name cannot contain.
_NAME_FORBIDDEN = frozenset("{}/?*=:")

#: Precedence digits per segment kind, as ASP.NET Core computes inbound precedence.
_LITERAL, _COMPLEX, _CONSTRAINED, _PLAIN, _CONSTRAINED_CATCH_ALL, _CATCH_ALL = 1, 2, 2, 3, 4, 5


class RouteTemplateError(ValueError):
    """A route template the host would reject; the message names the problem and the fix."""


@attrs.frozen(kw_only=True)
class Literal:
    """Literal text of a template segment (``{{``/``}}`` already unescaped).

    Attributes:
        text: The text, matched case-insensitively.
    """

    text: str


@attrs.frozen(kw_only=True)
class Parameter:
    """A route parameter such as ``{id:int}``, ``{x?}``, ``{page=1}`` or ``{*rest}``.

    Attributes:
        name: The parameter name, as written; it is the key in ``route_params``.
        constraints: The inline constraints, all of which a value must pass.
        optional: Written ``{x?}``: the segment may be missing.
        default: Written ``{x=v}``: the value used when the segment is missing.
        catch_all: Written ``{*x}`` or ``{**x}``: takes the rest of the path.
    """

    name: str
    constraints: tuple[Constraint, ...] = ()
    optional: bool = False
    default: str | None = None
    catch_all: bool = False

    def accepts(self, value: str) -> bool:
        """Tell whether ``value`` passes every constraint of this parameter."""
        return all(constraint.accepts(value) for constraint in self.constraints)


Part = Literal | Parameter


@attrs.frozen(kw_only=True)
class RouteTemplate:
    """A parsed route template; build it with :func:`parse_route_template`.

    Attributes:
        template: The template as written.
        segments: The ``/``-separated segments, each a tuple of literal and parameter parts.
        parameters: Every parameter, in order.
        precedence: One digit per segment; a lower tuple wins when several routes match.
    """

    template: str
    segments: tuple[tuple[Part, ...], ...]
    parameters: tuple[Parameter, ...]
    precedence: tuple[int, ...]
    _forms: tuple[tuple[tuple[Part, ...], ...], ...] = attrs.field(alias="forms", repr=False)

    def match(self, segments: Sequence[str]) -> dict[str, str] | None:
        """Return the route values for the decoded path ``segments``, or ``None``.

        ``segments`` are the path below the route prefix, split at ``/`` and decoded.
        """
        values: dict[str, str] = {}
        for index, parts in enumerate(self.segments):
            first = parts[0]
            if isinstance(first, Parameter) and first.catch_all:
                return self._fill(first, "/".join(segments[index:]), values)
            if index >= len(segments):
                return self._fill_missing(self.segments[index:], values)
            segment = segments[index]
            if not segment:
                return None
            if len(parts) == 1:
                if isinstance(first, Literal):
                    if segment.casefold() != first.text.casefold():
                        return None
                elif self._fill(first, segment, values) is None:
                    return None
            elif not self._match_complex(index, parts, segment, values):
                return None
        return values if len(segments) == len(self.segments) else None

    @staticmethod
    def _fill(parameter: Parameter, value: str, values: dict[str, str]) -> dict[str, str] | None:
        if not value:
            if parameter.default is not None:
                values[parameter.name] = parameter.default
            return values
        if not parameter.accepts(value):
            return None
        values[parameter.name] = value
        return values

    @staticmethod
    def _fill_missing(
        rest: Sequence[tuple[Part, ...]], values: dict[str, str]
    ) -> dict[str, str] | None:
        """Fill the values of missing trailing segments, or ``None`` if one is required."""
        for parts in rest:
            parameter = parts[0]
            if len(parts) != 1 or not isinstance(parameter, Parameter):
                return None
            if not (parameter.optional or parameter.catch_all or parameter.default is not None):
                return None
            if parameter.default is not None:
                values[parameter.name] = parameter.default
        return values

    def _match_complex(
        self, index: int, parts: tuple[Part, ...], segment: str, values: dict[str, str]
    ) -> bool:
        for form in self._forms[index]:
            found = _split_complex(form, segment)
            if found is None:
                continue
            if all(p.accepts(found[p.name]) for p in form if isinstance(p, Parameter)):
                values.update(found)
                return True
        return False


def _fold(text: str) -> str:
    """``text`` lower-cased character by character, so that indexes still line up."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _split_complex(parts: Sequence[Part], segment: str) -> dict[str, str] | None:
    """Split ``segment`` at the literals of a complex segment, or ``None`` if it does not fit.

    Literals are matched case-insensitively from the right, each at its last occurrence
    that leaves the parameter after it at least one character, as ASP.NET Core matches
    complex segments. A first literal must start the segment and a last one end it. Each
    literal is searched once, so the time is linear in the segment's length (a
    backtracking regex takes exponential time on ``{a}-{b}-{c}.{d}`` and many dashes).
    """
    folded = _fold(segment)
    values: dict[str, str] = {}
    end = len(segment)
    pending: Parameter | None = None  # the parameter that ends at ``end``
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        if isinstance(part, Parameter):
            pending = part
            continue
        literal = _fold(part.text)
        if pending is None:  # a last literal ends the segment
            if not folded.endswith(literal, 0, end):
                return None
            end -= len(literal)
            continue
        if end < 1:  # no room left for the parameter
            return None
        if index == 0:  # a first literal starts it
            start = 0 if folded.startswith(literal) and len(literal) < end else -1
        else:
            start = folded.rfind(literal, 0, end - 1)
        if start < 0:
            return None
        values[pending.name] = segment[start + len(literal) : end]
        pending, end = None, start
    if pending is not None:
        if end == 0:
            return None
        values[pending.name] = segment[:end]
    elif end != 0:
        return None
    return values


def _error(template: str, problem: str) -> RouteTemplateError:
    return RouteTemplateError(
        f"Route template {template!r} is invalid: {problem}. "
        "See https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-templates"
    )


def split_segments(template: str) -> list[str]:
    """Split at ``/`` outside parameters; a leading ``/`` or ``~/`` and a trailing ``/`` go."""
    body = template
    if body.startswith("~/"):
        body = body[2:]
    elif body.startswith("/"):
        body = body[1:]
    if body.endswith("/"):
        body = body[:-1]
    if not body:
        return []
    segments, current, depth, i = [], [], 0, 0
    while i < len(body):
        char = body[i]
        if char in "{}" and body[i : i + 2] == char * 2:
            current.append(char * 2)
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        if char == "/" and depth == 0:
            segments.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    segments.append("".join(current))
    if any(not segment for segment in segments):
        raise _error(template, "'/' appears twice in a row, leaving an empty segment; remove one")
    return segments


#: A segment's tokens: an escaped brace, a lone brace, or text without braces.
_BRACE_TOKENS = re.compile(r"\{\{|\}\}|[{}]|[^{}]+")


def _tokenise(template: str, segment: str) -> list[Literal | str]:
    """Split a segment into literals and raw parameter bodies (the text inside braces).

    ``{{`` and ``}}`` stand for one brace, in a literal and inside a parameter alike (as
    in ``regex(\\d{{3}})``).
    """
    parts: list[Literal | str] = []
    literal: list[str] = []
    body: list[str] | None = None  # the parameter being read, None outside one
    for token in _BRACE_TOKENS.findall(segment):
        if token in ("{{", "}}"):
            (literal if body is None else body).append(token[0])
        elif token == "{":
            if body is not None:
                raise _error(template, f"segment {segment!r} has a '{{' that is never closed")
            body = []
        elif token == "}":
            if body is None:
                raise _error(
                    template,
                    f"segment {segment!r} has an unmatched '}}'; escape a literal brace as '}}}}'",
                )
            if literal:
                parts.append(Literal(text="".join(literal)))
                literal = []
            parts.append("".join(body))
            body = None
        else:
            (literal if body is None else body).append(token)
    if body is not None:
        raise _error(template, f"segment {segment!r} has a '{{' that is never closed")
    if literal:
        parts.append(Literal(text="".join(literal)))
    return parts


def _constraint_end(text: str, start: int) -> int:
    """Return the index of the ``)`` closing the argument list opened before ``start``.

    It is the first ``)`` followed by the end, ``:``, ``=`` or a final ``?``, so that a
    regular expression may contain parentheses.
    """
    for i in range(start, len(text)):
        if text[i] == ")" and (text[i + 1 : i + 2] in ("", ":", "=") or text[i + 1 :] == "?"):
            return i
    return -1


def _parse_parameter(template: str, body: str) -> Parameter:
    """Parse the text inside ``{...}``: ``[*|**]name[:constraint[(args)]]...[?|=default]``."""
    text = body
    catch_all = False
    if text.startswith("**"):
        catch_all, text = True, text[2:]
    elif text.startswith("*"):
        catch_all, text = True, text[1:]
    name_end = len(text)
    for i, char in enumerate(text):
        if char in ":=" or (char == "?" and i == len(text) - 1):
            name_end = i
            break
    name, rest = text[:name_end], text[name_end:]
    if not name or any(char in _NAME_FORBIDDEN for char in name) or name != name.strip():
        raise _error(
            template,
            f"parameter {{{body}}} has the name {name!r}; a name must be non-empty without "
            "spaces at its ends and cannot contain '{', '}', '/', '?', '*', '=' or ':' "
            "('*' may only start a catch-all, '?' only end an optional parameter)",
        )
    constraints: list[Constraint] = []
    while rest.startswith(":"):
        i = 1
        while i < len(rest) and rest[i] not in ":=(" and rest[i:] != "?":
            i += 1
        constraint_name, argument = rest[1:i], None
        if rest[i : i + 1] == "(":
            end = _constraint_end(rest, i + 1)
            if end < 0:
                raise _error(
                    template, f"parameter {{{body}}} has a constraint with an unclosed '('"
                )
            argument, i = rest[i + 1 : end], end + 1
        if not constraint_name:
            raise _error(template, f"parameter {{{body}}} has an empty constraint after ':'")
        try:
            constraints.append(make_constraint(constraint_name, argument))
        except ConstraintError as err:
            raise _error(template, f"parameter {{{body}}}: {err}") from err
        rest = rest[i:]
    optional = rest == "?"
    default = rest[1:] if rest.startswith("=") else None
    if default is not None and default.endswith("?"):
        raise _error(
            template,
            f"parameter {{{body}}} is both optional and has a default value; keep one of the two",
        )
    if rest and not optional and default is None:
        raise _error(template, f"parameter {{{body}}} has unexpected text {rest!r} after its name")
    if catch_all and optional:
        raise _error(
            template,
            f"catch-all parameter {{{body}}} cannot be marked optional: it already matches "
            "an empty rest of the path; drop the '?'",
        )
    return Parameter(
        name=name,
        constraints=tuple(constraints),
        optional=optional,
        default=default,
        catch_all=catch_all,
    )


def _segment_parts(template: str, segment: str) -> tuple[Part, ...]:
    raw = _tokenise(template, segment)
    parts: list[Part] = []
    for item in raw:
        if isinstance(item, Literal):
            if "?" in item.text:
                raise _error(
                    template,
                    f"literal {item.text!r} contains '?'; the query string is not part of a route",
                )
            parts.append(item)
        else:
            if parts and isinstance(parts[-1], Parameter):
                raise _error(
                    template,
                    f"segment {segment!r} has two parameters in a row; separate them with "
                    "'/' or a literal such as '.' or '-'",
                )
            parts.append(_parse_parameter(template, item))
    if len(parts) > 1:
        _check_complex(template, segment, parts)
    return tuple(parts)


def _check_complex(template: str, segment: str, parts: Sequence[Part]) -> None:
    """Apply the rules for segments mixing literals and parameters, like ``{name}.{ext}``."""
    for index, part in enumerate(parts):
        if not isinstance(part, Parameter):
            continue
        if part.catch_all:
            raise _error(
                template,
                f"segment {segment!r} mixes catch-all {{*{part.name}}} with other text; a "
                "catch-all must be a segment of its own",
            )
        if part.optional and index != len(parts) - 1:
            raise _error(
                template,
                f"optional parameter {part.name!r} must end the segment {segment!r}",
            )
        if part.optional:
            before = parts[index - 1]
            if not (isinstance(before, Literal) and before.text.endswith(".")):
                raise _error(
                    template,
                    f"in segment {segment!r}, optional parameter {part.name!r} can only "
                    "follow a period ('.')",
                )


def _complex_forms(parts: Sequence[Part]) -> tuple[tuple[Part, ...], ...]:
    """The forms of a complex segment, tried in order.

    With an optional last parameter (``{name}.{ext?}``) the form with it is tried first,
    then the form without it and its period.
    """
    last = parts[-1]
    if isinstance(last, Parameter) and last.optional:
        before = parts[-2]
        assert isinstance(before, Literal)
        shorter = [*parts[:-2]]
        if before.text[:-1]:
            shorter.append(Literal(text=before.text[:-1]))
        return tuple(parts), tuple(shorter)
    return (tuple(parts),)


def _precedence_digit(parts: tuple[Part, ...]) -> int:
    if len(parts) > 1:
        return _COMPLEX
    part = parts[0]
    if isinstance(part, Literal):
        return _LITERAL
    if part.catch_all:
        return _CONSTRAINED_CATCH_ALL if part.constraints else _CATCH_ALL
    return _CONSTRAINED if part.constraints else _PLAIN


def parse_route_template(template: str) -> RouteTemplate:
    """Parse a route template the way the Functions host does.

    :param template: The template below the route prefix, such as ``"items/{id:int}"``.
        A leading ``/`` or ``~/`` and a trailing ``/`` are ignored.
    :raises RouteTemplateError: the template breaks a rule of ASP.NET Core routing: an
        unclosed brace, an empty segment, a duplicate parameter name, an unknown
        constraint, a catch-all not in the last segment, ... The message says which.
    """
    if not isinstance(template, str):
        raise TypeError(f"route template {template!r} must be a str, not {type(template).__name__}")
    segments = tuple(_segment_parts(template, s) for s in split_segments(template))
    parameters = tuple(p for parts in segments for p in parts if isinstance(p, Parameter))
    seen: dict[str, str] = {}
    for parameter in parameters:
        key = parameter.name.casefold()
        if key in seen:
            raise _error(
                template,
                f"parameter names are case-insensitive and {parameter.name!r} is used twice "
                "(as {" + seen[key] + "}); rename one",
            )
        seen[key] = parameter.name
    for parts in segments[:-1]:
        for part in parts:
            if isinstance(part, Parameter) and part.catch_all:
                raise _error(
                    template,
                    f"catch-all {{*{part.name}}} must be in the last segment; it takes the "
                    "rest of the path",
                )
    return RouteTemplate(
        template=template,
        segments=segments,
        parameters=parameters,
        precedence=tuple(_precedence_digit(parts) for parts in segments),
        forms=tuple(_complex_forms(p) if len(p) > 1 else () for p in segments),
    )
