"""Fuzz the HTTP path: requests through the test client (the host's own dispatcher) and
the request object's parsers. Only documented answers and errors come out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azfunc as func
from azfunc import testing
from tests.fuzz._settings import FUZZ, bounded

pytestmark = pytest.mark.fuzz


def _app() -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    def describe(req: func.HttpRequest) -> func.HttpResponse:
        params = sorted(req.route_params.items())
        return func.HttpResponse(repr((req.method, params, dict(req.params))))

    @app.route(route="echo/{*rest}")
    def echo(req: func.HttpRequest) -> func.HttpResponse:
        return describe(req)

    @app.route(route="rep/{year:int}-{month}-{day}.{fmt?}", methods=["GET"])
    def rep(req: func.HttpRequest) -> func.HttpResponse:
        return describe(req)

    @app.route(route="n/{v:long}/{w:range(1,9)?}", methods=["GET", "PUT"])
    def numbers(req: func.HttpRequest) -> func.HttpResponse:
        return describe(req)

    @app.route(route="json", methods=["POST"])
    def json_body(req: func.HttpRequest) -> func.HttpResponse:
        try:
            return func.HttpResponse(repr(req.get_json())[:100])
        except ValueError as error:  # the documented error of get_json
            return func.HttpResponse(str(error)[:100], status_code=400)

    @app.route(route="form", methods=["POST"])
    def form(req: func.HttpRequest) -> func.HttpResponse:
        try:
            fields, files = req.form, req.files
        except ValueError as error:  # the documented error: a body over max_form_size
            return func.HttpResponse(str(error)[:100], status_code=400)
        return func.HttpResponse(repr((sorted(fields.items()), sorted(files.keys()))))

    return app


@pytest.fixture(scope="module")
def client() -> Iterator[testing.Client]:
    with testing.Client(_app()) as client:
        yield client


_SEGMENT = st.text(alphabet="aZ09-._~%2e2F!$&'()*+,;=:@ é{}", max_size=10) | st.sampled_from(
    ["-" * 2000, "1" * 4400, "%2e%2e", "..", ".", "2024-01-02.json", "%", "%zz", "%ff"]
)
_PATH = st.lists(_SEGMENT, max_size=5).map("/".join)
_TOKEN = st.text(alphabet="abcXYZ-_", min_size=1, max_size=8)
_HEADER_VALUE = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20
)
_BODY = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"[" * 50_000, b'{"a": [1, 2, {"b": null}]}', b"\xff\xfe", b"",
                     b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n",
                     b"a=1&b=%zz&c"]),
)
_CONTENT_TYPE = st.sampled_from([
    None, "application/json", "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "multipart/form-data", "application/octet-stream; charset=nope",
])


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]),
    prefix=st.sampled_from(["/api/", "/api/echo/", "/api/rep/", "/api/n/", "/api/json",
                            "/api/form", "/", "/admin/", "/API/"]),
    path=_PATH,
    query=st.text(alphabet="a=&%2Fé+ ", max_size=20),
    headers=st.dictionaries(_TOKEN, _HEADER_VALUE, max_size=4),
    content_type=_CONTENT_TYPE,
    body=_BODY,
)
def test_any_request_gets_a_documented_answer(
    client: testing.Client,
    method: str,
    prefix: str,
    path: str,
    query: str,
    headers: dict[str, str],
    content_type: str | None,
    body: bytes,
) -> None:
    if content_type is not None:
        headers = {**headers, "Content-Type": content_type}
    url = prefix + path + (f"?{query}" if query else "")
    with bounded():
        response = client.request(method, url, headers=headers, body=body)
    assert response.status_code in {200, 204, 400, 404, 405, 414}, (url, response.status_code)


@FUZZ
@given(body=_BODY, content_type=_CONTENT_TYPE, url=st.sampled_from(
    ["http://localhost/api/x", "http://localhost/api/x?a=1&a=2&b", "http://h/%zz?%ff=1"]
))
def test_the_request_parsers_raise_only_value_errors(
    body: bytes, content_type: str | None, url: str
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    request = func.HttpRequest("POST", url, headers=headers, body=body)
    with bounded():
        try:
            request.get_json()
        except ValueError as error:
            assert str(error)
        request.form  # noqa: B018 - parsing is the point
        request.files  # noqa: B018
        assert request.get_body() == body
        assert isinstance(dict(request.params), dict)
