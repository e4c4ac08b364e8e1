"""Fuzz the route template parser and matcher: only RouteTemplateError at parse time; a
dict or None when matching, in linear time, whatever the path."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azfunc as func
from azfunc._routing.table import RouteTable, RouteTemplateError, parse_route_template
from azfunc._routing.template import Literal, Parameter, _split_complex
from tests.fuzz._settings import FUZZ, bounded

pytestmark = pytest.mark.fuzz

_CONSTRAINTS = ["", ":int", ":long", ":bool", ":alpha", ":guid", ":datetime", ":decimal",
                ":double", ":min(3)", ":max(9)", ":range(1,5)", ":length(2)", ":minlength(1)",
                ":maxlength(4)", ":regex(^a+$)", ":required", ":int:min(0)"]
_PARAMETER = st.builds(
    "{{{}{}{}{}}}".format,
    st.sampled_from(["", "*", "**"]),
    st.sampled_from(["a", "b", "c", "id", "x"]),
    st.sampled_from(_CONSTRAINTS),
    st.sampled_from(["", "?", "=1"]),
)
_LITERAL = st.sampled_from(["a", "b", "-", ".", "x.y", "{{", "}}", "v1", "rep"])
_SEGMENT = st.lists(st.one_of(_PARAMETER, _LITERAL), min_size=1, max_size=4).map("".join)
_TEMPLATE = st.lists(_SEGMENT, min_size=0, max_size=4).map("/".join)
_RAW_TEMPLATE = st.text(alphabet="{}/?*=:()ab.-1,int~", max_size=30)
_PATH_SEGMENT = st.text(alphabet="ab-.1A0%2e/{}", max_size=12) | st.sampled_from(
    ["-" * 3000, "1" * 4400, "a." * 2000, "%2e%2e", ".."]
)


@FUZZ
@given(st.one_of(_TEMPLATE, _RAW_TEMPLATE))
def test_the_template_parser_raises_only_route_template_errors(template: str) -> None:
    with bounded():
        try:
            parse_route_template(template)
        except RouteTemplateError as error:
            assert str(error).startswith(f"Route template {template!r} is invalid: ")


@FUZZ
@given(_TEMPLATE, st.lists(_PATH_SEGMENT, max_size=5))
def test_matching_gives_values_or_none(template: str, segments: list[str]) -> None:
    try:
        parsed = parse_route_template(template)
    except RouteTemplateError:
        return
    with bounded():
        values = parsed.match(segments)
    if values is not None:
        assert set(values) <= {p.name for p in parsed.parameters}
        assert all(isinstance(v, str) for v in values.values())


def _table(template: str) -> RouteTable | None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route=template)
    def handler(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("")

    try:
        return RouteTable.from_functions(app.get_functions())
    except RouteTemplateError:
        return None


@FUZZ
@given(_TEMPLATE, st.lists(_PATH_SEGMENT, max_size=5), st.sampled_from(["GET", "POST", "HEAD"]))
def test_the_route_table_matches_raw_paths(
    template: str, segments: list[str], method: str
) -> None:
    table = _table(template)
    if table is None:
        return
    with bounded():
        table.match(method, "/api/" + "/".join(segments))


_PIECE = st.text(alphabet="-.aA", min_size=1, max_size=3)


@FUZZ
@given(
    st.lists(_PIECE, min_size=2, max_size=5),
    st.booleans(),
    st.text(alphabet="-.abA", max_size=16),
)
def test_the_linear_splitter_agrees_with_a_backtracking_regex(
    texts: list[str], literal_first: bool, segment: str
) -> None:
    # The old matcher: greedy groups, case-insensitive literals. On short segments it is
    # the oracle of the new one.
    parts: list[Literal | Parameter] = []
    for index, text in enumerate(texts):
        is_literal = (index % 2 == 0) == literal_first
        parts.append(Literal(text=text) if is_literal else Parameter(name=f"p{index}"))
    pattern = "".join(re.escape(p.text) if isinstance(p, Literal) else "(.+)" for p in parts)
    found = re.fullmatch(pattern, segment, re.IGNORECASE | re.DOTALL)
    names = [p.name for p in parts if isinstance(p, Parameter)]
    expected = None if found is None else dict(zip(names, found.groups(), strict=True))
    assert _split_complex(parts, segment) == expected
