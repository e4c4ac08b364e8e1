"""Route templates and the route table: the Functions host's ASP.NET Core routing rules."""

from __future__ import annotations

import string
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import azfunc as func
from azfunc._loader import index_app, load_app
from azfunc._routing.table import (
    HttpRoute,
    MethodNotAllowed,
    RouteMatch,
    RouteTable,
    RouteTemplateError,
    http_route_of,
    parse_route_template,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Indexing warns about bad routes (azfunc._validation); here they are on purpose.
pytestmark = pytest.mark.filterwarnings("ignore::azfunc._validation.problems.AppValidationWarning")


def _table(*routes: tuple[str, list[str] | None], prefix: str = "api") -> RouteTable:
    """A table of functions f0, f1, ... with the given (route, methods)."""
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    for index, (route, methods) in enumerate(routes):

        def handler(req: func.HttpRequest) -> str:
            return "ok"

        handler.__name__ = f"f{index}"
        app.route(route=route, methods=methods)(handler)
    return RouteTable.from_functions(app.get_functions(), prefix)


def _winner(table: RouteTable, method: str, path: str) -> tuple[str, dict[str, str]] | object:
    result = table.match(method, path)
    if isinstance(result, RouteMatch):
        return result.function.get_function_name(), result.route_params
    return result


def _values(template: str, *segments: str) -> dict[str, str] | None:
    return parse_route_template(template).match(list(segments))


# --- constraints ---------------------------------------------------------------------

CONSTRAINT_CASES = [
    # (constraint, accepted values, rejected values)
    ("int", ["0", "-5", "+7", "2147483647", "-2147483648"], ["2147483648", "1.5", "x", "1e3"]),
    ("long", ["9223372036854775807", "-3"], ["9223372036854775808", "1.0", "ten"]),
    ("bool", ["true", "False", "TRUE"], ["yes", "1", "t"]),
    ("alpha", ["abc", "ABCdef"], ["ab1", "a-b", "é"]),
    (
        "guid",
        [
            "0f8fad5b-d9cb-469f-a165-70867728950e",
            "0F8FAD5BD9CB469FA16570867728950E",
            "{0f8fad5b-d9cb-469f-a165-70867728950e}",
            "(0f8fad5b-d9cb-469f-a165-70867728950e)",
        ],
        ["0f8fad5b-d9cb-469f-a165", "not-a-guid", "0f8fad5bd9cb469fa16570867728950g"],
    ),
    (
        "datetime",
        ["2024-02-29", "2024-01-31T10:30", "2024-01-31T10:30:15.5Z", "12-31-2024", "10:30"],
        ["2023-02-29", "2024-13-01", "yesterday", "2024"],
    ),
    ("decimal", ["1.5", "-0.25", "1,000.5", "7", ".5", "5."], ["1e3", "abc", "1.2.3", "-"]),
    ("double", ["1.5", "1e3", "-2.5E-3", "NaN", "Infinity", "1,000"], ["abc", "1..2", "e5"]),
    ("float", ["3.25", "-1e10"], ["pi"]),
    ("min(10)", ["10", "99999"], ["9", "-1", "x"]),
    ("max(10)", ["10", "-5"], ["11", "x"]),
    ("range(1,5)", ["1", "5", "3"], ["0", "6", "two"]),
    ("minlength(3)", ["abc", "abcdef"], ["ab"]),
    ("maxlength(3)", ["a", "abc"], ["abcd"]),
    ("length(3)", ["abc"], ["ab", "abcd"]),
    ("length(2,4)", ["ab", "abcd"], ["a", "abcde"]),
    (r"regex(^\d{{3}}-[a-z]+$)", ["123-abc", "123-ABC"], ["12-abc", "123-"]),
    ("regex(b)", ["abc"], ["xyz"]),  # not anchored, like .NET's Regex.IsMatch
    ("int:min(1)", ["1", "42"], ["0", "x"]),
]


@pytest.mark.parametrize(("constraint", "accepted", "rejected"), CONSTRAINT_CASES)
def test_constraint_accepts_and_rejects(
    constraint: str, accepted: list[str], rejected: list[str]
) -> None:
    template = parse_route_template(f"v/{{value:{constraint}}}")
    assert {v: template.match(["v", v]) for v in accepted} == {v: {"value": v} for v in accepted}
    assert {v: template.match(["v", v]) for v in rejected} == dict.fromkeys(rejected)


def test_constraint_names_are_case_insensitive() -> None:
    assert _values("{id:INT}", "5") == {"id": "5"}
    assert _values("{id:Int}", "x") is None


def test_length_counts_utf16_code_units_like_dotnet() -> None:
    assert _values("{s:maxlength(1)}", "\U0001f600") is None  # one emoji = 2 UTF-16 units
    assert _values("{s:maxlength(2)}", "\U0001f600") == {"s": "\U0001f600"}


def test_regex_constraint_accepts_dotnet_named_groups() -> None:
    assert _values(r"{code:regex(^(?<area>\d{{2}})$)}", "42") == {"code": "42"}


# --- optional, default, catch-all, complex segments ----------------------------------


def test_optional_parameter_may_be_missing() -> None:
    assert _values("search/{term?}", "search") == {}
    assert _values("search/{term?}", "search", "cats") == {"term": "cats"}
    assert _values("search/{term:int?}", "search", "x") is None


def test_default_value_fills_a_missing_segment() -> None:
    assert _values("page/{n:int=1}", "page") == {"n": "1"}
    assert _values("page/{n:int=1}", "page", "7") == {"n": "7"}


def test_catch_all_takes_the_rest_of_the_path() -> None:
    assert _values("static/{*path}", "static", "css", "site.css") == {"path": "css/site.css"}
    assert _values("static/{*path}", "static") == {}
    assert _values("static/{**path}", "static", "a") == {"path": "a"}
    assert _values("static/{*path=index.html}", "static") == {"path": "index.html"}


def test_leading_slash_catch_all_like_asgi_apps() -> None:
    template = parse_route_template("/{*route}")
    assert (template.match([]), template.match(["docs", "x"])) == ({}, {"route": "docs/x"})


def test_complex_segment_matches_literals_from_the_right() -> None:
    assert _values("files/{name}.{ext}", "files", "a.tar.gz") == {"name": "a.tar", "ext": "gz"}
    assert _values("files/{name}.{ext?}", "files", "readme") == {"name": "readme"}
    assert _values("files/{name}.{ext?}", "files", "a.b") == {"name": "a", "ext": "b"}
    assert _values("v{major:int}-{minor:int}", "V1-2") == {"major": "1", "minor": "2"}
    assert _values("v{major:int}-{minor:int}", "v1-x") is None


def test_escaped_braces_are_literal() -> None:
    assert _values("a{{b}}/{x}", "a{b}", "1") == {"x": "1"}


def test_literals_match_case_insensitively_and_values_keep_case() -> None:
    assert _values("Hello/{Name}", "HELLO", "Ada") == {"Name": "Ada"}


def test_missing_required_segment_does_not_match() -> None:
    assert _values("a/{b}/{c?}", "a") is None
    assert _values("a/{b}", "a", "b", "c") is None


# --- template errors -----------------------------------------------------------------

DOCS = "See https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-templates"

TEMPLATE_ERRORS = [
    ("a//b", "'/' appears twice in a row, leaving an empty segment; remove one"),
    ("{id", "segment '{id' has a '{' that is never closed"),
    ("a}", "segment 'a}' has an unmatched '}'; escape a literal brace as '}}'"),
    (
        "{a}{b}",
        "segment '{a}{b}' has two parameters in a row; separate them with '/' or a literal "
        "such as '.' or '-'",
    ),
    (
        "{*rest}/more",
        "catch-all {*rest} must be in the last segment; it takes the rest of the path",
    ),
    (
        "{*rest?}",
        "catch-all parameter {*rest?} cannot be marked optional: it already matches an empty "
        "rest of the path; drop the '?'",
    ),
    ("{a=1?}", "parameter {a=1?} is both optional and has a default value; keep one of the two"),
    (
        "{id}/{ID}",
        "parameter names are case-insensitive and 'ID' is used twice (as {id}); rename one",
    ),
    (
        "{id:number}",
        "parameter {id:number}: unknown constraint 'number'; the host knows int, long, bool, "
        "alpha, guid, datetime, decimal, double, float, required, min, max, range, minlength, "
        "maxlength, length, regex",
    ),
    (
        "{id:min(x)}",
        "parameter {id:min(x)}: constraint 'min(x)' needs 1 integer argument(s), e.g. min(1)",
    ),
    (
        "{id:range(9,1)}",
        "parameter {id:range(9,1)}: constraint range(9,1) has its minimum 9 above its maximum "
        "1; swap the two values",
    ),
    ("{id:int(3)}", "parameter {id:int(3)}: constraint 'int' takes no argument, got (3)"),
    ("a?b", "literal 'a?b' contains '?'; the query string is not part of a route"),
    ("{a?}.{b}", "optional parameter 'a' must end the segment '{a?}.{b}'"),
    ("{a}-{b?}", "in segment '{a}-{b?}', optional parameter 'b' can only follow a period ('.')"),
    (
        "x{*rest}",
        "segment 'x{*rest}' mixes catch-all {*rest} with other text; a catch-all must be a "
        "segment of its own",
    ),
]


@pytest.mark.parametrize(("template", "problem"), TEMPLATE_ERRORS)
def test_invalid_templates_are_rejected_with_the_reason(template: str, problem: str) -> None:
    with pytest.raises(RouteTemplateError) as info:
        parse_route_template(template)
    assert str(info.value) == f"Route template {template!r} is invalid: {problem}. {DOCS}"


def test_bad_parameter_name_is_explained() -> None:
    with pytest.raises(RouteTemplateError, match=r"parameter \{\} has the name ''"):
        parse_route_template("{}")


def test_route_table_names_the_function_with_a_bad_template() -> None:
    with pytest.raises(RouteTemplateError) as info:
        _table(("ok", None), ("items/{id:nope}", None))
    assert str(info.value).startswith("Function 'f1': Route template 'items/{id:nope}' is invalid")


# --- the route table -----------------------------------------------------------------


def test_table_matches_below_the_route_prefix() -> None:
    table = _table(("hello/{name}", ["GET"]))
    assert _winner(table, "get", "/api/hello/ada") == ("f0", {"name": "ada"})
    assert _winner(table, "GET", "/API/hello/ada/") == ("f0", {"name": "ada"})
    assert table.match("GET", "/hello/ada") is None
    assert table.match("GET", "/apix/hello/ada") is None


def test_empty_route_prefix_serves_from_the_root() -> None:
    table = _table(("hello", None), prefix="")
    assert _winner(table, "GET", "/hello?x=1") == ("f0", {})
    assert table.routes[0].path == "/hello"


def test_route_values_are_percent_decoded_per_segment() -> None:
    table = _table(("files/{name}", None), ("all/{*rest}", None))
    assert _winner(table, "GET", "/api/files/a%20b%2Fc") == ("f0", {"name": "a b/c"})
    assert _winner(table, "GET", "/api/all/x%2Fy/z") == ("f1", {"rest": "x/y/z"})


def test_method_not_allowed_lists_the_methods_of_every_matching_route() -> None:
    table = _table(("items/{id:int}", ["PUT", "DELETE"]), ("items/{id}", ["PATCH"]))
    assert table.match("GET", "/api/items/5") == MethodNotAllowed(
        allowed=("DELETE", "PATCH", "PUT")
    )
    assert _winner(table, "PATCH", "/api/items/5") == ("f1", {"id": "5"})
    assert table.match("GET", "/api/other") is None


def test_routes_without_methods_accept_every_method() -> None:
    table = _table(("any", None))
    assert [_winner(table, m, "/api/any") for m in ("GET", "POST", "PURGE")] == [("f0", {})] * 3


PRECEDENCE_ROUTES = [
    ("items/{*rest}", None),
    ("items/{id}", None),
    ("items/{id:int}", None),
    ("items/new", None),
    ("items/{name}.{ext}", None),
]


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(len(PRECEDENCE_ROUTES))))
def test_precedence_does_not_depend_on_registration_order(order: list[int]) -> None:
    table = _table(*(PRECEDENCE_ROUTES[i] for i in order))
    name = {f"f{position}": PRECEDENCE_ROUTES[i][0] for position, i in enumerate(order)}

    def winner(path: str) -> str:
        result = table.match("GET", path)
        assert isinstance(result, RouteMatch)
        return name[result.function.get_function_name()]

    assert winner("/api/items/new") == "items/new"  # literal first
    assert winner("/api/items/5") == "items/{id:int}"  # then constrained
    assert winner("/api/items/a.txt") == "items/{name}.{ext}"  # complex with constrained
    assert winner("/api/items/abc") == "items/{id}"  # then plain
    assert winner("/api/items/a/b") == "items/{*rest}"  # catch-all last


def test_method_filter_comes_before_precedence() -> None:
    table = _table(("items/{id:int}", ["GET"]), ("items/{*rest}", ["POST"]))
    assert _winner(table, "POST", "/api/items/5") == ("f1", {"rest": "5"})


def test_conflicting_routes_keep_the_first_function_and_explain() -> None:
    table = _table(("same", ["GET"]), ("Same", ["GET", "POST"]), ("same", ["PUT"]))
    assert [r.function_name for r in table.routes] == ["f0", "f2"]
    assert table.conflicts == (
        "Function 'f1' was not registered: its route 'Same' conflicts with the route of "
        "function 'f0' for the same methods. Change one of the routes or split the methods.",
    )


def test_table_reads_route_methods_and_auth_of_the_example_app() -> None:
    functions = index_app(load_app(EXAMPLES / "http_hello"))
    table = RouteTable.from_functions(functions, "api")
    rows = sorted((r.function_name, r.path, r.methods, r.auth_level) for r in table.routes)
    assert rows == [
        ("Goodbye", "/api/Goodbye", ("GET",), func.AuthLevel.ANONYMOUS),
        ("HelloName", "/api/hello/{name}", ("GET", "POST"), func.AuthLevel.ANONYMOUS),
        ("admin_stats", "/api/stats", ("GET",), func.AuthLevel.ADMIN),
        ("echo", "/api/echo", ("POST",), func.AuthLevel.ANONYMOUS),
        ("http_trigger", "/api/http_trigger", (), func.AuthLevel.ANONYMOUS),
        ("item", "/api/items/{id:int}", ("PUT", "DELETE"), func.AuthLevel.FUNCTION),
    ]


def test_http_route_of_reads_the_trigger_entry_into_a_record() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ADMIN)

    @app.route(route="items/{id:int}", methods=["put", "GET"])
    def item(req: func.HttpRequest) -> str:
        return ""

    @app.generic_trigger(
        arg_name="req", type="httpTrigger", methods=["get", "Post", "GET"], auth_level="anonymous"
    )
    @app.generic_output_binding(arg_name="$return", type="http")
    def generic(req: func.HttpRequest) -> str:
        return ""

    @app.generic_trigger(arg_name="req", type="httpTrigger", auth_level="system")
    @app.generic_output_binding(arg_name="$return", type="http")
    def unknown(req: func.HttpRequest) -> str:
        return ""

    @app.timer_trigger(schedule="0 * * * * *", arg_name="t")
    def tick(t: func.TimerRequest) -> None:
        return None

    routes = {f.get_function_name(): http_route_of(f) for f in app.get_functions()}
    assert routes == {
        "item": HttpRoute(
            template="items/{id:int}", methods=("PUT", "GET"), auth_level=func.AuthLevel.ADMIN
        ),
        "generic": HttpRoute(
            template="generic", methods=("GET", "POST"), auth_level=func.AuthLevel.ANONYMOUS
        ),
        "unknown": HttpRoute(template="unknown", methods=(), auth_level=None),
        "tick": None,
    }


def test_non_http_functions_are_not_routed() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(schedule="0 * * * * *", arg_name="t")
    def tick(t: func.TimerRequest) -> None:
        return None

    assert RouteTable.from_functions(app.get_functions()).routes == ()


# --- properties ----------------------------------------------------------------------

_SAFE = string.ascii_letters + string.digits + "-_."
_segment = st.text(alphabet=_SAFE, min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_parser_raises_only_route_template_errors(template: str) -> None:
    try:
        parsed = parse_route_template(template)
    except RouteTemplateError:
        return
    assert all(p.name for p in parsed.parameters)


@settings(max_examples=200, deadline=None)
@given(st.lists(_segment, min_size=1, max_size=5), st.data())
def test_literal_templates_match_their_own_path_in_any_case(
    segments: list[str], data: st.DataObject
) -> None:
    template = parse_route_template("/".join(segments))
    path = [data.draw(st.sampled_from([s, s.upper(), s.lower()])) for s in segments]
    assert template.match(path) == {}
    assert template.match([*path, "extra"]) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(min_size=1, max_size=10).filter(lambda v: v not in (".", "..")),
        min_size=1,
        max_size=4,
    ),
)
def test_parameter_values_round_trip_through_percent_encoding(values: list[str]) -> None:
    template = "/".join(f"p{i}/{{v{i}}}" for i in range(len(values)))
    table = _table((template, None))
    path = "/api/" + "/".join(f"p{i}/{quote(v, safe='')}" for i, v in enumerate(values))
    assert _winner(table, "GET", path) == ("f0", {f"v{i}": v for i, v in enumerate(values)})


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(2**40), max_value=2**40))
def test_int_constraint_agrees_with_int32_range(number: int) -> None:
    accepted = _values("{n:int}", str(number)) is not None
    assert accepted == (-(2**31) <= number < 2**31)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.sampled_from(["GET", "POST", "weird"]))
def test_matching_arbitrary_paths_never_raises(path: str, method: str) -> None:
    table = _table(*PRECEDENCE_ROUTES[:4], ("x/{a:regex(^a+$)}/{b:datetime?}", None))
    result = table.match(method, path)
    assert result is None or isinstance(result, (RouteMatch, MethodNotAllowed))
