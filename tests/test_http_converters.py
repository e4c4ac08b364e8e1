"""HTTP request and response converters (azfunc.http)."""

from __future__ import annotations

import http
from http.cookies import SimpleCookie
from typing import Any

import pytest

from azfunc import _abc, _http
from azfunc import http as azhttp
from azfunc.meta import Datum

Request = azhttp.HttpRequestConverter
Response = azhttp.HttpResponseConverter


def _host_request(body: Datum | None) -> Datum:
    """An ``http`` datum shaped like the host's invocation request."""
    value: dict[str, Any] = {
        "method": Datum("post", "string"),
        "url": Datum("http://localhost:7071/api/items/7?a=1", "string"),
        "headers": {
            "Content-Type": Datum("application/json", "string"),
            "X-A": Datum("v", "string"),
        },
        "query": {"a": Datum("1", "string")},
        "params": {"id": Datum("7", "string")},
    }
    if body is not None:
        value["body"] = body
    return Datum(value, "http")


@pytest.mark.parametrize(
    ("body", "raw", "parsed"),
    [
        (Datum('{"k":1}', "json"), b'{"k":1}', {"k": 1}),
        (Datum(b'{"k":2}', "bytes"), b'{"k":2}', {"k": 2}),
        (Datum('{"k":3}', "string"), b'{"k":3}', {"k": 3}),
    ],
)
def test_decode_request(body: Datum, raw: bytes, parsed: object) -> None:
    req = Request.decode(_host_request(body), trigger_metadata={})
    assert type(req) is azhttp.HttpRequest
    assert (req.method, req.url) == ("POST", "http://localhost:7071/api/items/7?a=1")
    assert dict(req.headers) == {"content-type": "application/json", "x-a": "v"}
    assert (dict(req.params), dict(req.route_params)) == ({"a": "1"}, {"id": "7"})
    assert (req.get_body(), req.get_json()) == (raw, parsed)


@pytest.mark.parametrize("body", [None, Datum(None, None)])
def test_decode_request_without_body(body: Datum | None) -> None:
    # Deviation: the reference raises KeyError / TypeError here.
    req = Request.decode(_host_request(body), trigger_metadata=None)
    assert req.get_body() == b""


def test_decode_request_errors() -> None:
    with pytest.raises(NotImplementedError) as info:
        Request.decode(Datum("x", "string"), trigger_metadata=None)
    assert str(info.value) == (
        "cannot decode an HTTP trigger payload of type 'string': "
        "the host sends requests as 'http' datums"
    )
    with pytest.raises(TypeError) as err:
        Request.decode(_host_request(Datum(5, "int")), trigger_metadata=None)
    assert str(err.value) == "unexpected HTTP request body type: int"


def _plain(datum: Datum) -> dict[str, Any]:
    """The response datum with the inner datums and cookies made comparable."""
    value = datum.value
    return {
        "type": datum.type,
        "status_code": value["status_code"],
        "headers": value["headers"],
        "cookies": None if value["cookies"] is None else [c.output() for c in value["cookies"]],
        "body": value["body"],
    }


def test_encode_str() -> None:
    assert Response.encode("hi", expected_type=None) == Datum("hi", "string")


@pytest.mark.parametrize(
    ("kwargs", "content_type"),
    [
        ({}, "text/plain; charset=utf-8"),
        ({"mimetype": "application/json"}, "application/json"),
        ({"mimetype": "text/csv", "charset": "latin-1"}, "text/csv; charset=latin-1"),
        ({"mimetype": "image/png"}, "image/png"),
        ({"mimetype": "text"}, "text"),
    ],
)
def test_encode_adds_content_type(kwargs: dict[str, Any], content_type: str) -> None:
    resp = _http.HttpResponse("x", **kwargs)
    assert _plain(Response.encode(resp, expected_type=None)) == {
        "type": "http",
        "status_code": Datum("200", "string"),
        "headers": {"content-type": Datum(content_type, "string")},
        "cookies": None,
        "body": Datum(b"x", "bytes"),
    }
    assert list(resp.headers.items()) == [("content-type", content_type)]


def test_encode_response_keeps_headers_and_moves_cookies() -> None:
    resp = _http.HttpResponse(
        "body", status_code=http.HTTPStatus.CREATED, headers={"Content-Type": "text/html"}
    )
    resp.headers.add("Set-Cookie", "b=2; HttpOnly; Max-Age=10; Path=/p; Secure; SameSite=Lax")
    resp.headers.add("set-cookie", "c=3")
    resp.headers.add("X-D", "1")
    resp.headers.add("X-D", "2")
    assert _plain(Response.encode(resp, expected_type=None)) == {
        "type": "http",
        "status_code": Datum("201", "string"),
        "headers": {"Content-Type": Datum("text/html", "string"), "X-D": Datum("2", "string")},
        "cookies": [
            "Set-Cookie: b=2; HttpOnly; Max-Age=10; Path=/p; SameSite=Lax; Secure",
            "Set-Cookie: c=3",
        ],
        "body": Datum(b"body", "bytes"),
    }
    assert list(resp.headers.items()) == [
        ("Content-Type", "text/html"),
        ("X-D", "1"),
        ("X-D", "2"),
    ]
    cookies = Response.encode(resp, expected_type=None).value["cookies"]
    assert cookies is None  # already moved by the first encode


def test_encode_cookie_objects() -> None:
    resp = _http.HttpResponse(b"\x00")
    resp.headers.add("Set-Cookie", "a=1; Path=/")
    cookies = Response.encode(resp, expected_type=None).value["cookies"]
    assert [type(c) for c in cookies] == [SimpleCookie]
    assert cookies[0]["a"].value == "1"


@pytest.mark.parametrize("value", [b"x", None, 5])
def test_encode_errors(value: object) -> None:
    with pytest.raises(NotImplementedError) as info:
        Response.encode(value, expected_type=None)
    assert str(info.value) == (
        f"cannot return {type(value).__name__} from an HTTP-triggered function: "
        "return a str or an azfunc.HttpResponse"
    )


def test_annotations_and_flags() -> None:
    ins = [_http.HttpRequest, azhttp.HttpRequest, _abc.HttpRequest, str, _http.HttpResponse]
    assert [Request.check_input_type_annotation(t) for t in ins] == [True] * 3 + [False] * 2
    outs = [_http.HttpResponse, _abc.HttpResponse, str, bytes, _http.HttpRequest]
    assert [Response.check_output_type_annotation(t) for t in outs] == [True] * 3 + [False] * 2
    assert (Request.has_trigger_support(), Response.has_trigger_support()) == (True, False)
    assert Request.has_implicit_output() is False


def test_request_round_trip_through_host_shape() -> None:
    req = Request.decode(_host_request(Datum(b"payload", "bytes")), trigger_metadata=None)
    rebuilt = Request.decode(
        Datum(
            {
                "method": Datum(req.method, "string"),
                "url": Datum(req.url, "string"),
                "headers": {k: Datum(v, "string") for k, v in req.headers.items()},
                "query": {k: Datum(v, "string") for k, v in req.params.items()},
                "params": {k: Datum(v, "string") for k, v in req.route_params.items()},
                "body": Datum(req.get_body(), "bytes"),
            },
            "http",
        ),
        trigger_metadata=None,
    )
    assert (rebuilt.method, rebuilt.url, dict(rebuilt.headers), rebuilt.get_body()) == (
        req.method,
        req.url,
        dict(req.headers),
        req.get_body(),
    )
