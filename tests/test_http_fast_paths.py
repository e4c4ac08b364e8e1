"""The per-request fast paths of the HTTP types give what the general code gives."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from azfunc._http import HttpRequest, HttpResponse
from azfunc._http_headers import HttpRequestHeaders, HttpResponseHeaders
from azfunc._http_target import _host_and_port

_NETLOC_CHARS = st.sampled_from(
    [*"aZ09.-_:@[]%/?# ", "::1", "80", "65536", "host", "\u00c9", "0x1", "+1", "\u0663"]
)


def _reference(url: str) -> tuple[object, ...]:
    try:
        parts = urlsplit(url)
        return (parts.hostname, parts.port)
    except ValueError as error:
        return ("ValueError", str(error))


def _fast(url: str) -> tuple[object, ...]:
    try:
        return _host_and_port(urlsplit(url))
    except ValueError as error:
        return ("ValueError", str(error))


@settings(max_examples=300)
@given(st.lists(_NETLOC_CHARS, max_size=8).map("".join))
def test_host_and_port_match_urlsplit(netloc: str) -> None:
    url = f"http://{netloc}/path?q=1"
    assert _fast(url) == _reference(url)


def test_request_headers_views_are_the_lower_cased_pairs() -> None:
    headers = HttpRequestHeaders({"Content-Type": "text/plain", "X-Id": "7"})
    assert (list(headers.items()), list(headers.keys()), list(headers.values())) == (
        [("content-type", "text/plain"), ("x-id", "7")], ["content-type", "x-id"],
        ["text/plain", "7"])
    assert (headers.get("X-ID"), headers.get("missing", "d"), headers.get(1, "d")) == (  # type: ignore[call-overload]
        "7", "d", "d")


def test_request_headers_reject_a_name_that_is_not_str() -> None:
    with pytest.raises(TypeError, match="Header name 1 has type int"):
        HttpRequest("GET", "/", headers={1: "x"}, body=b"")  # type: ignore[dict-item]


@pytest.mark.parametrize(
    "source",
    [{"A": "1", "b": 2}, [("A", "1"), ("b", 2)], (("A", "1"), ("b", 2)),
     iter([("A", "1"), ("b", 2)])],
    ids=["dict", "list", "tuple", "iterator"],
)  # fmt: skip
def test_response_headers_from_each_source_kind(source: object) -> None:
    headers = HttpResponseHeaders(source)  # type: ignore[arg-type]
    assert (list(headers), headers.get("a"), headers.get("B", type=int)) == (
        [("A", "1"), ("b", "2")], "1", 2)


def test_response_headers_refuse_newlines_and_non_str_names() -> None:
    with pytest.raises(ValueError, match="contains a newline"):
        HttpResponseHeaders({"X": "a\nb"})
    with pytest.raises(TypeError, match="header names must be str"):
        HttpResponseHeaders([(b"X", "1")])  # type: ignore[list-item]


def test_response_body_and_status_fast_paths_keep_the_values() -> None:
    body = b"payload"
    response = HttpResponse(body, status_code=201)
    assert (response.get_body() is body, response.status_code) == (True, 201)
    assert HttpResponse(bytearray(b"x")).get_body() == b"x"


@given(st.text(alphabet=st.sampled_from([*'{}[]":,. 0123456789aetrunlfs\ufeff\\']), max_size=12))
def test_json_fast_loads_matches_json_loads(text: str) -> None:
    import json

    from azfunc._jsonutils import _std_loads

    def outcome(loads: object) -> object:
        try:
            return ("ok", loads(text))  # type: ignore[operator]
        except json.JSONDecodeError as error:
            return ("error", str(error))

    assert outcome(_std_loads) == outcome(json.loads)
