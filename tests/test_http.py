"""HttpRequest, HttpResponse and their headers (azfunc._http), and the worker's azfunc.http."""

from __future__ import annotations

import copy
import http
import json
import subprocess
import sys

import pytest

from azfunc import _abc
from azfunc import http as worker_http
from azfunc._http import (
    DEFAULT_MAX_FORM_SIZE,
    BaseHeaders,
    HttpRequest,
    HttpRequestHeaders,
    HttpResponse,
    HttpResponseHeaders,
)
from azfunc.meta import Datum

MULTIPART_BODY = (
    b"--XX\r\n"
    b'Content-Disposition: form-data; name="upload"; filename="a.txt"\r\n'
    b"Content-Type: text/plain\r\n"
    b"\r\n"
    b"hello\r\n"
    b"--XX\r\n"
    b'Content-Disposition: form-data; name="title"\r\n'
    b"\r\n"
    b"greeting\r\n"
    b"--XX--\r\n"
)


def make_request(
    body: bytes = b"", content_type: str | None = None, **kwargs: object
) -> HttpRequest:
    headers = {} if content_type is None else {"Content-Type": content_type}
    return HttpRequest("post", "http://localhost/api/x", headers=headers, body=body, **kwargs)  # type: ignore[arg-type]


# -- werkzeug stays unimported ------------------------------------------------------------


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout


def test_importing_azfunc_http_modules_does_not_import_werkzeug() -> None:
    code = "import azfunc._http, azfunc.http, sys; print('werkzeug' in sys.modules)"

    assert run_python(code) == "False\n"


def test_building_requests_and_responses_does_not_import_werkzeug() -> None:
    code = (
        "import sys\n"
        "from azfunc._http import HttpRequest, HttpResponse\n"
        "req = HttpRequest('GET', '/', headers={'A': '1'}, body=b'{}')\n"
        "req.get_json(); req.headers['a']\n"
        "resp = HttpResponse('x', status_code=201, headers={'X': '1'})\n"
        "resp.headers.add('Set-Cookie', 'a=1'); resp.headers.get_all('set-cookie')\n"
        "print('werkzeug' in sys.modules)"
    )

    assert run_python(code) == "False\n"


def test_reading_form_imports_werkzeug() -> None:
    code = (
        "import sys\n"
        "from azfunc._http import HttpRequest\n"
        "HttpRequest('GET', '/', body=b'').form\n"
        "print('werkzeug' in sys.modules)"
    )

    assert run_python(code) == "True\n"


# -- HttpRequest ------------------------------------------------------------------------


def test_request_is_an_abc_http_request() -> None:
    assert isinstance(make_request(), _abc.HttpRequest)


def test_request_method_is_upper_cased_and_url_kept() -> None:
    req = HttpRequest("get", "http://h/p?q=1", body=b"")

    assert (req.method, req.url) == ("GET", "http://h/p?q=1")


def test_request_body_is_keyword_only_and_required() -> None:
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'body'"):
        HttpRequest("GET", "/")  # type: ignore[call-arg]


def test_request_headers_are_case_insensitive_with_lower_cased_names() -> None:
    req = HttpRequest("GET", "/", headers={"Content-Type": "text/plain", "X-Foo": "Bar"}, body=b"")

    assert isinstance(req.headers, HttpRequestHeaders)
    assert isinstance(req.headers, BaseHeaders)
    assert (req.headers["X-FOO"], req.headers.get("x-FoO"), "CONTENT-type" in req.headers) == (
        "Bar",
        "Bar",
        True,
    )
    assert list(req.headers) == ["content-type", "x-foo"]
    assert dict(req.headers) == {"content-type": "text/plain", "x-foo": "Bar"}
    assert len(req.headers) == 2


def test_request_headers_names_differing_in_case_keep_the_last_value() -> None:
    req = HttpRequest("GET", "/", headers={"A": "1", "a": "2"}, body=b"")

    assert dict(req.headers) == {"a": "2"}


def test_request_headers_missing_name() -> None:
    headers = HttpRequestHeaders({"a": "1"})

    assert (headers.get("b"), headers.get("b", "d"), "b" in headers) == (None, "d", False)
    with pytest.raises(KeyError, match="'b'"):
        headers["b"]


def test_request_headers_non_str_lookups_find_nothing() -> None:
    headers = HttpRequestHeaders({"a": "1"})

    name: object = 1

    assert (name in headers, headers.get(name)) == (False, None)  # type: ignore[call-overload]


def test_request_headers_reject_non_str_names() -> None:
    with pytest.raises(TypeError) as excinfo:
        HttpRequestHeaders({1: "a"})  # type: ignore[dict-item]

    assert str(excinfo.value) == (
        "Header name 1 has type int; header names must be str. "
        "Pass the name as a string, e.g. 'Content-Type'."
    )


def test_request_headers_are_read_only() -> None:
    req = HttpRequest("GET", "/", headers={"a": "1"}, body=b"")

    with pytest.raises(TypeError, match="does not support item assignment"):
        req.headers["a"] = "2"  # type: ignore[index]


def test_request_headers_repr_shows_the_headers() -> None:
    assert repr(HttpRequestHeaders({"A": "1"})) == "HttpRequestHeaders({'a': '1'})"


def test_request_params_and_route_params_are_read_only_views() -> None:
    params = {"q": "1"}
    req = HttpRequest("GET", "/", params=params, route_params={"id": "7"}, body=b"")
    params["z"] = "2"

    assert dict(req.params) == {"q": "1", "z": "2"}
    assert dict(req.route_params) == {"id": "7"}
    with pytest.raises(TypeError, match="'mappingproxy' object does not support item assignment"):
        req.params["a"] = "b"  # type: ignore[index]


def test_request_params_default_to_empty() -> None:
    req = HttpRequest("GET", "/", body=b"")

    assert (dict(req.params), dict(req.route_params), dict(req.headers)) == ({}, {}, {})


def test_request_params_keep_values_as_given() -> None:
    # The host joins repeated query parameters; the request keeps whatever it is given.
    req = HttpRequest("GET", "/?a=1&a=2", params={"a": "1,2"}, body=b"")

    assert dict(req.params) == {"a": "1,2"}


@pytest.mark.parametrize("body", [b"", b"\xff\xfe", "text", None])
def test_request_get_body_returns_the_body_as_given(body: object) -> None:
    req = HttpRequest("GET", "/", body=body)  # type: ignore[arg-type]

    assert req.get_body() == body


def test_request_get_json_decodes_utf8_json() -> None:
    assert make_request('{"a": [1, "é"]}'.encode()).get_json() == {"a": [1, "é"]}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "Expecting value: line 1 column 1 (char 0)"),
        (b"{x", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_request_get_json_on_invalid_json_raises_json_decode_error(
    body: bytes, message: str
) -> None:
    with pytest.raises(json.JSONDecodeError) as excinfo:
        make_request(body).get_json()

    assert str(excinfo.value) == message


def test_request_get_json_on_non_utf8_body_raises_unicode_decode_error() -> None:
    with pytest.raises(UnicodeDecodeError):
        make_request(b"\xff").get_json()


def test_request_get_json_accepts_a_str_body() -> None:
    assert HttpRequest("GET", "/", body='{"a": 1}').get_json() == {"a": 1}  # type: ignore[arg-type]


def test_request_get_json_without_body_raises_value_error() -> None:
    with pytest.raises(ValueError) as excinfo:
        HttpRequest("GET", "/", body=None).get_json()  # type: ignore[arg-type]

    assert str(excinfo.value) == (
        "The HTTP request has no body (body=None), so it holds no JSON. "
        "Build the request with body=b'<json>'."
    )


def test_urlencoded_form_keeps_repeated_fields() -> None:
    req = make_request(b"a=1&a=2&b=%20x+y", "application/x-www-form-urlencoded")

    assert list(req.form.items(multi=True)) == [("a", "1"), ("a", "2"), ("b", " x y")]
    assert req.form.getlist("a") == ["1", "2"]
    assert list(req.files.items(multi=True)) == []


def test_form_content_type_may_carry_parameters() -> None:
    req = make_request(b"a=1", "application/x-www-form-urlencoded; charset=utf-8")

    assert req.form.to_dict() == {"a": "1"}


def test_multipart_form_and_files() -> None:
    req = make_request(MULTIPART_BODY, "multipart/form-data; boundary=XX")

    assert req.form.to_dict() == {"title": "greeting"}
    upload = req.files["upload"]
    assert (upload.filename, upload.content_type, upload.read()) == (
        "a.txt",
        "text/plain",
        b"hello",
    )


def test_form_and_files_are_parsed_once() -> None:
    req = make_request(MULTIPART_BODY, "multipart/form-data; boundary=XX")

    assert req.form is req.form
    assert req.files is req.files


@pytest.mark.parametrize("content_type", [None, "application/json", "text/plain"])
def test_form_of_other_content_types_is_empty(content_type: str | None) -> None:
    req = make_request(b'{"a": 1}', content_type)

    assert (list(req.form.items()), list(req.files.items())) == ([], [])


def test_form_is_immutable() -> None:
    req = make_request(b"a=1", "application/x-www-form-urlencoded")

    with pytest.raises(TypeError, match="immutable"):
        req.form["b"] = "2"


def test_form_accepts_str_and_missing_bodies() -> None:
    text = HttpRequest(
        "POST",
        "/",
        headers={"content-type": "application/x-www-form-urlencoded"},
        body="a=1",  # type: ignore[arg-type]
    )
    empty = HttpRequest(
        "POST",
        "/",
        headers={"content-type": "application/x-www-form-urlencoded"},
        body=None,  # type: ignore[arg-type]
    )

    assert (text.form.to_dict(), empty.form.to_dict()) == ({"a": "1"}, {})


# As in the reference: a malformed multipart body gives empty forms.
def test_multipart_without_closing_boundary_gives_empty_forms() -> None:
    req = make_request(
        b'--XX\r\nContent-Disposition: form-data; name="f"\r\n\r\nhello',
        "multipart/form-data; boundary=XX",
    )

    assert (req.form.to_dict(), req.files.to_dict()) == ({}, {})


def test_multipart_without_boundary_gives_empty_forms() -> None:
    req = make_request(b"abc", "multipart/form-data")

    assert (req.files.to_dict(), req.form.to_dict()) == ({}, {})


def test_default_max_form_size_is_no_limit() -> None:
    assert (DEFAULT_MAX_FORM_SIZE, HttpRequest.max_form_size) == (None, None)


def test_form_larger_than_max_form_size_raises_value_error() -> None:
    req = make_request(b"a=12345", "application/x-www-form-urlencoded")
    req.max_form_size = 6

    with pytest.raises(ValueError) as excinfo:
        _ = req.form

    assert str(excinfo.value) == (
        "The application/x-www-form-urlencoded request body is 7 bytes, more than "
        "max_form_size=6 bytes; it was not parsed. Send a smaller form, or raise "
        "HttpRequest.max_form_size (None removes the limit)."
    )


def test_form_at_max_form_size_is_parsed() -> None:
    req = make_request(b"a=12345", "application/x-www-form-urlencoded")
    req.max_form_size = 7

    assert req.form.to_dict() == {"a": "12345"}


def test_max_form_size_none_removes_the_limit() -> None:
    class Unlimited(HttpRequest):
        max_form_size = None

    req = Unlimited(
        "POST",
        "/",
        headers={"content-type": "application/x-www-form-urlencoded"},
        body=b"a=" + b"x" * 100,
    )

    assert req.form["a"] == "x" * 100


def test_max_form_size_ignores_bodies_that_are_not_forms() -> None:
    req = make_request(b"x" * 10, "application/json")
    req.max_form_size = 1

    assert req.form.to_dict() == {}


# -- HttpResponse -----------------------------------------------------------------------


def test_response_defaults() -> None:
    resp = HttpResponse()

    assert isinstance(resp, _abc.HttpResponse)
    assert (resp.status_code, resp.mimetype, resp.charset, resp.get_body()) == (
        200,
        "text/plain",
        "utf-8",
        b"",
    )
    assert list(resp.headers) == []


def test_response_str_body_is_encoded_with_the_charset() -> None:
    assert HttpResponse("é").get_body() == b"\xc3\xa9"
    assert HttpResponse("é", charset="latin-1").get_body() == b"\xe9"


def test_response_bytearray_body_becomes_bytes() -> None:
    body = HttpResponse(bytearray(b"x")).get_body()

    assert (body, type(body)) == (b"x", bytes)


def test_response_rejects_other_body_types_with_the_reference_message() -> None:
    with pytest.raises(TypeError) as excinfo:
        HttpResponse(1)  # type: ignore[arg-type]

    assert str(excinfo.value) == (
        "response is expected to be either of str, bytes, or bytearray, got int"
    )


def test_response_unknown_charset_fails_only_for_str_bodies() -> None:
    with pytest.raises(LookupError, match="unknown encoding: nope"):
        HttpResponse("x", charset="nope")

    assert HttpResponse(b"x", charset="nope").charset == "nope"


def test_response_unencodable_body_raises_unicode_encode_error() -> None:
    with pytest.raises(UnicodeEncodeError):
        HttpResponse("é", charset="ascii")


def test_response_only_body_is_positional() -> None:
    with pytest.raises(TypeError, match="positional argument"):
        HttpResponse("x", 404)  # type: ignore[call-arg]


def test_response_mimetype_and_charset_are_independent_of_headers() -> None:
    resp = HttpResponse(
        headers={"Content-Type": "application/json"}, mimetype="text/html", charset="latin-1"
    )

    assert (resp.mimetype, resp.charset, resp.headers["content-type"]) == (
        "text/html",
        "latin-1",
        "application/json",
    )
    assert HttpResponse(mimetype="").mimetype == ""


def test_response_mimetype_is_not_added_to_headers() -> None:
    assert list(HttpResponse(mimetype="application/json").headers) == []


def test_response_http_status_becomes_a_plain_int() -> None:
    code = HttpResponse(status_code=http.HTTPStatus.NOT_FOUND).status_code

    assert (code, type(code)) == (404, int)


@pytest.mark.parametrize("code", [100, 204, 599])
def test_response_accepts_status_codes_from_100_to_599(code: int) -> None:
    assert HttpResponse(status_code=code).status_code == code


# As in the reference: any other value is stored unchanged, and the worker sends
# str(status_code) to the host (which reads "201" as 201).
@pytest.mark.parametrize("code", [0, 99, 600, -200, "201", True, 200.0])
def test_response_stores_other_status_codes_unchanged(code: object) -> None:
    response = HttpResponse(status_code=code)  # type: ignore[arg-type]
    datum = worker_http.HttpResponseConverter.encode(response, expected_type=None)

    assert (response.status_code, type(response.status_code)) == (code, type(code))
    assert datum.value["status_code"] == Datum(str(code), "string")


@pytest.mark.parametrize("name", ["status_code", "mimetype", "charset", "headers"])
def test_response_properties_are_read_only(name: str) -> None:
    with pytest.raises(AttributeError):
        setattr(HttpResponse(), name, None)


def test_response_headers_from_a_mapping_or_pairs() -> None:
    from_mapping = HttpResponse(headers={"X-A": "1", "x-a": "2"})
    from_pairs = HttpResponse(headers=[("a", "1"), ("a", "2")])

    assert list(from_mapping.headers) == [("X-A", "1"), ("x-a", "2")]
    assert list(from_pairs.headers) == [("a", "1"), ("a", "2")]


def test_response_header_values_are_converted_to_str() -> None:
    resp = HttpResponse(headers={"a": 1, "b": None})  # type: ignore[arg-type]

    assert list(resp.headers) == [("a", "1"), ("b", "None")]


def test_response_repeated_set_cookie_headers_are_kept() -> None:
    resp = HttpResponse(headers={"Set-Cookie": "a=1"})
    resp.headers.add("Set-Cookie", "b=2; Path=/")

    assert resp.headers.get_all("set-cookie") == ["a=1", "b=2; Path=/"]


# -- HttpResponseHeaders ----------------------------------------------------------------


def make_headers() -> HttpResponseHeaders:
    return HttpResponseHeaders([("X-A", "1"), ("x-a", "2"), ("Set-Cookie", "c=1")])


def test_headers_lookup_is_case_insensitive_and_returns_the_first_value() -> None:
    headers = make_headers()

    assert (headers["X-a"], headers.get("x-A"), "X-A" in headers) == ("1", "1", True)


def test_headers_missing_name() -> None:
    headers = make_headers()

    assert (headers.get("zz"), headers.get("zz", "d"), "zz" in headers, 1 in headers) == (
        None,
        "d",
        False,
        False,
    )
    with pytest.raises(KeyError, match="'zz'"):
        headers["zz"]


def test_headers_get_with_type() -> None:
    headers = HttpResponseHeaders({"n": "5", "s": "x"})

    assert (headers.get("n", type=int), headers.get("s", type=int), headers.get("s", 0, int)) == (
        5,
        None,
        0,
    )


def test_headers_getlist_and_get_all() -> None:
    headers = HttpResponseHeaders([("n", "1"), ("N", "x"), ("n", "3")])

    assert headers.getlist("n") == ["1", "x", "3"]
    assert headers.getlist("n", type=int) == [1, 3]
    assert headers.get_all("N") == ["1", "x", "3"]
    assert headers.get_all("missing") == []


def test_headers_index_and_slice() -> None:
    headers = make_headers()

    assert (headers[0], headers[-1]) == (("X-A", "1"), ("Set-Cookie", "c=1"))
    assert headers[0:2] == HttpResponseHeaders([("X-A", "1"), ("x-a", "2")])
    assert type(headers[0:2]) is HttpResponseHeaders


def test_headers_iteration_keys_values_items() -> None:
    headers = make_headers()

    assert list(headers) == [("X-A", "1"), ("x-a", "2"), ("Set-Cookie", "c=1")]
    assert list(headers.keys()) == ["X-A", "x-a", "Set-Cookie"]
    assert list(headers.keys(lower=True)) == ["x-a", "x-a", "set-cookie"]
    assert list(headers.values()) == ["1", "2", "c=1"]
    assert list(headers.items(lower=True)) == [("x-a", "1"), ("x-a", "2"), ("set-cookie", "c=1")]
    assert headers.to_wsgi_list() == [("X-A", "1"), ("x-a", "2"), ("Set-Cookie", "c=1")]
    assert (len(headers), bool(headers), bool(HttpResponseHeaders())) == (3, True, False)


def test_headers_dict_takes_the_first_value_of_each_name() -> None:
    assert dict(HttpResponseHeaders({"a": "1"})) == {"a": "1"}


def test_headers_set_replaces_all_values_at_the_first_position() -> None:
    headers = HttpResponseHeaders([("a", "1"), ("b", "x"), ("A", "2")])
    headers.set("A", "3")
    headers["c"] = "4"

    assert list(headers) == [("A", "3"), ("b", "x"), ("c", "4")]


def test_headers_add_with_options_quotes_parameters() -> None:
    headers = HttpResponseHeaders()
    headers.add("Content-Disposition", "attachment", filename="a b.png")
    headers.add_header("Content-Type", "text/plain", charset="utf-8")
    headers.set("X-Opt", "v", some_flag="1")

    assert list(headers) == [
        ("Content-Disposition", 'attachment; filename="a b.png"'),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("X-Opt", "v; some-flag=1"),
    ]


def test_headers_reject_newlines_in_values() -> None:
    headers = HttpResponseHeaders()

    with pytest.raises(ValueError) as excinfo:
        headers.add("a", "b\r\nX-Injected: 1")
    with pytest.raises(ValueError, match="contains a newline"):
        headers["a"] = "b\nc"

    assert str(excinfo.value) == (
        "Header 'a' has the value 'b\\r\\nX-Injected: 1', which contains a newline; a header "
        "value must be a single line. Remove the CR and LF characters from the value."
    )
    assert list(headers) == []


def test_headers_reject_non_str_names() -> None:
    headers = HttpResponseHeaders()

    with pytest.raises(TypeError, match=r"^Header name b'a' has type bytes; header names"):
        headers.add(b"a", "1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^Header name 1 has type int; header names"):
        headers.remove(1)  # type: ignore[arg-type]


def test_headers_add_converts_values_to_str() -> None:
    headers = HttpResponseHeaders()
    headers.add("n", 5)

    assert headers["n"] == "5"


def test_headers_setdefault() -> None:
    headers = HttpResponseHeaders({"a": "1"})

    assert (headers.setdefault("A", "2"), headers.setdefault("b", "3")) == ("1", "3")
    assert list(headers) == [("a", "1"), ("b", "3")]


def test_headers_setlist_and_setlistdefault() -> None:
    headers = HttpResponseHeaders([("a", "0"), ("b", "x")])
    headers.setlist("A", ["1", "2"])
    assert list(headers) == [("A", "1"), ("b", "x"), ("A", "2")]

    assert headers.setlistdefault("a", ["9"]) == ["1", "2"]
    assert headers.setlistdefault("c", ["9", "8"]) == ["9", "8"]

    headers.setlist("b", [])
    assert list(headers) == [("A", "1"), ("A", "2"), ("c", "9"), ("c", "8")]


def test_headers_extend_adds_and_update_replaces() -> None:
    headers = HttpResponseHeaders({"a": "1"})
    headers.extend({"a": ["2", "3"]}, b="4")
    headers.extend([("b", "5")])
    assert list(headers) == [("a", "1"), ("a", "2"), ("a", "3"), ("b", "4"), ("b", "5")]

    headers.update({"a": "x"}, b=["y", "z"])
    assert list(headers) == [("a", "x"), ("b", "y"), ("b", "z")]

    headers.update([("c", "1"), ("c", "2")])
    assert list(headers) == [("a", "x"), ("b", "y"), ("b", "z"), ("c", "2")]


def test_headers_remove_and_delitem_drop_every_value_and_ignore_missing() -> None:
    headers = make_headers()
    headers.remove("X-A")
    del headers["missing"]
    headers.remove("missing")

    assert list(headers) == [("Set-Cookie", "c=1")]
    del headers["set-COOKIE"]
    assert list(headers) == []


def test_headers_index_assignment_and_deletion() -> None:
    headers = make_headers()
    headers[0] = ("Y", 1)
    del headers[1]
    headers[1:] = [("Z", "2")]

    assert list(headers) == [("Y", "1"), ("Z", "2")]


def test_headers_pop() -> None:
    headers = HttpResponseHeaders([("a", "1"), ("A", "2"), ("b", "3"), ("c", "4")])

    assert headers.pop("A") == "1"
    assert headers.pop("missing", None) is None
    assert headers.pop() == ("c", "4")
    assert headers.pop(0) == ("b", "3")
    assert list(headers) == []
    with pytest.raises(KeyError, match="'missing'"):
        headers.pop("missing")


def test_headers_popitem_clear_copy() -> None:
    headers = make_headers()
    duplicate = headers.copy()
    shallow = copy.copy(headers)

    assert headers.popitem() == ("Set-Cookie", "c=1")
    headers.clear()
    assert (list(headers), len(duplicate), len(shallow)) == ([], 3, 3)
    assert type(duplicate) is HttpResponseHeaders


def test_headers_equality_ignores_name_case_and_order() -> None:
    assert HttpResponseHeaders([("A", "1"), ("b", "2")]) == HttpResponseHeaders(
        [("B", "2"), ("a", "1")]
    )
    assert HttpResponseHeaders({"a": "1"}) != HttpResponseHeaders({"a": "2"})
    assert HttpResponseHeaders({"a": "1"}) != [("a", "1")]


def test_headers_are_unhashable() -> None:
    with pytest.raises(TypeError, match="unhashable"):
        hash(HttpResponseHeaders())


def test_headers_repr_and_str() -> None:
    headers = HttpResponseHeaders([("A", "1"), ("Set-Cookie", "c=1")])

    assert repr(headers) == "HttpResponseHeaders([('A', '1'), ('Set-Cookie', 'c=1')])"
    assert str(headers) == "A: 1\r\nSet-Cookie: c=1\r\n\r\n"


# -- azfunc.http.HttpRequest (worker side) ----------------------------------------------


def make_worker_request(body: object, body_type: str) -> worker_http.HttpRequest:
    return worker_http.HttpRequest(
        "post",
        "http://localhost/api/x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        params={"q": "1"},
        route_params={},
        body_type=body_type,
        body=body,  # type: ignore[arg-type]
    )


def test_worker_request_subclasses_the_user_request() -> None:
    req = make_worker_request(b"", "bytes")

    assert isinstance(req, HttpRequest)
    assert (req.method, dict(req.params)) == ("POST", {"q": "1"})


def test_worker_request_arguments_are_keyword_only_and_required() -> None:
    with pytest.raises(TypeError) as excinfo:
        worker_http.HttpRequest("GET", "/", body=b"")  # type: ignore[call-arg]

    assert str(excinfo.value).endswith(
        "missing 4 required keyword-only arguments: "
        "'headers', 'params', 'route_params', and 'body_type'"
    )


@pytest.mark.parametrize(("body", "expected"), [("é", b"\xc3\xa9"), (b"\xff", b"\xff")])
def test_worker_request_body_becomes_bytes(body: object, expected: bytes) -> None:
    assert make_worker_request(body, "string").get_body() == expected


def test_worker_request_str_body_feeds_the_form() -> None:
    assert make_worker_request("a=1", "string").form.to_dict() == {"a": "1"}


@pytest.mark.parametrize("body", [None, 1, bytearray(b"x")])
def test_worker_request_rejects_other_body_types(body: object) -> None:
    with pytest.raises(TypeError) as excinfo:
        make_worker_request(body, "bytes")

    assert str(excinfo.value) == f"unexpected HTTP request body type: {type(body).__name__}"


@pytest.mark.parametrize("body_type", ["json", "string", "bytes", "other"])
@pytest.mark.parametrize("body", ['{"a": 1}', b'{"a": 1}'])
def test_worker_request_get_json(body: object, body_type: str) -> None:
    assert make_worker_request(body, body_type).get_json() == {"a": 1}


@pytest.mark.parametrize("body_type", ["json", "string"])
def test_worker_request_text_body_errors_are_json_decode_errors(body_type: str) -> None:
    with pytest.raises(json.JSONDecodeError) as excinfo:
        make_worker_request("x", body_type).get_json()

    assert str(excinfo.value) == "Expecting value: line 1 column 1 (char 0)"


@pytest.mark.parametrize(
    ("body", "body_type"),
    [
        ("x", "bytes"),
        (b"", "bytes"),
        (b"\xff", "bytes"),
        (b"x", "json"),
        (b"", "string"),
        ("", "other"),
    ],
)
def test_worker_request_bytes_body_errors_have_the_reference_message(
    body: object, body_type: str
) -> None:
    with pytest.raises(ValueError) as excinfo:
        make_worker_request(body, body_type).get_json()

    assert str(excinfo.value) == "HTTP request does not contain valid JSON data"
    assert isinstance(excinfo.value.__cause__, ValueError)


def test_host_response_reads_the_status_code_as_the_host_does() -> None:
    from azfunc._http_build import sent_response

    def sent(status_code: object) -> int:
        datum = worker_http.HttpResponseConverter.encode(HttpResponse(status_code=status_code))  # type: ignore[arg-type]
        return sent_response(datum)[0]

    assert sent("201") == 201
    with pytest.raises(TypeError) as excinfo:
        sent(200.0)
    assert str(excinfo.value) == (
        "HttpResponse status_code '200.0' is not a status the host can read; it needs an "
        "int such as 200. Pass status_code=int(...)."
    )


def test_response_headers_or_operators_behave_as_werkzeugs() -> None:
    headers = HttpResponseHeaders({"A": "1"})
    headers.add("C", "1")
    headers.add("C", "2")

    merged = headers | {"A": "9", "B": "2"}
    assert (type(merged), list(merged), list(headers)) == (
        HttpResponseHeaders,
        [("A", "9"), ("C", "1"), ("C", "2"), ("B", "2")],
        [("A", "1"), ("C", "1"), ("C", "2")],
    )
    headers |= [("C", "3")]
    assert list(headers) == [("A", "1"), ("C", "3")]
    with pytest.raises(TypeError):
        _ = headers | HttpResponseHeaders({"Z": "1"})
