"""WsgiMiddleware (azfunc._http_wsgi): the environ, the response, and real Flask and Django apps.

Side-by-side tests send the same request through the framework's own test client and
through the middleware and compare status, headers and body.
"""

from __future__ import annotations

import inspect
import io
import json
import logging
import os
import sys
import threading
import time
import urllib.parse
import wsgiref.util
from collections.abc import Iterator
from typing import Any

import pytest

from azfunc._context import SimpleContext
from azfunc._http import HttpRequest
from azfunc._http_wsgi import (
    ErrorStream,
    WsgiMiddleware,
    WsgiRequest,
    WsgiResponse,
    build_environ,
    wsgi_encoding_dance,
)

flask = pytest.importorskip("flask")


def request(
    method: str = "GET",
    path: str = "/",
    *,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    host: str = "http://localhost",
) -> HttpRequest:
    return HttpRequest(method, host + path, headers=headers, body=body)


# -- the environ ---------------------------------------------------------------------------


def test_build_environ_follows_pep_3333() -> None:
    req = request(
        "post",
        "/api/p%C3%A9th/x%2Fy?a=1&b=%20",
        body=b"hello",
        headers={"Content-Type": "text/plain", "X-Thing": "v", "Host": "ex.com"},
        host="https://ex.com:8443",
    )
    errors = io.StringIO()
    environ = build_environ(req, errors=errors)
    wsgi_input = environ.pop("wsgi.input")
    assert wsgi_input.read() == b"hello"
    assert environ == {
        "REQUEST_METHOD": "POST",
        "SCRIPT_NAME": "",
        "PATH_INFO": "/api/p\xc3\xa9th/x/y",
        "QUERY_STRING": "a=1&b=%20",
        "CONTENT_TYPE": "text/plain",
        "CONTENT_LENGTH": "5",
        "SERVER_NAME": "ex.com",
        "SERVER_PORT": "8443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_CONTENT_TYPE": "text/plain",  # as in the reference
        "HTTP_X_THING": "v",
        "HTTP_HOST": "ex.com",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https",
        "wsgi.errors": errors,
        "wsgi.multithread": False,  # as in the reference
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


def test_build_environ_is_pure_and_repeatable() -> None:
    req = request("GET", "/x?q=1", headers={"X-A": "1"})
    first, second = build_environ(req), build_environ(req)
    for environ in (first, second):
        environ.pop("wsgi.input"), environ.pop("wsgi.errors")
    assert first == second
    assert req.headers == {"x-a": "1"}


def test_non_ascii_path_is_decoded_once() -> None:
    # The reference encoded PATH_INFO twice ('/pÃ\x83Â©th'); PEP 3333 wants the UTF-8
    # bytes as Latin-1 characters, which is what WSGI apps decode back.
    environ = build_environ(request("GET", "/p%C3%A9th"))
    assert environ["PATH_INFO"] == "/p\xc3\xa9th"
    assert environ["PATH_INFO"].encode("latin-1").decode("utf-8") == "/péth"
    assert WsgiRequest(request("GET", "/p%C3%A9th")).path_info == "/p\xc3\xa9th"


@pytest.mark.parametrize(
    ("url", "headers", "port"),
    [
        ("http://h/", {}, "80"),
        ("https://h/", {}, "443"),
        ("https://h:7071/", {}, "7071"),
        ("https://h/", {"X-Forwarded-Port": "8080,443"}, "8080"),
        ("https://h:7071/", {"X-Forwarded-Port": "bogus"}, "80"),  # as in the reference
    ],
)
def test_server_port(url: str, headers: dict[str, str], port: str) -> None:
    environ = build_environ(HttpRequest("GET", url, headers=headers, body=b""))
    assert environ["SERVER_PORT"] == port


def test_relative_url_gets_server_name_from_host_header_or_localhost() -> None:
    with_host = HttpRequest("GET", "/x", headers={"Host": "site.net:81"}, body=b"")
    assert (build_environ(with_host)["SERVER_NAME"], build_environ(with_host)["SERVER_PORT"]) == (
        "site.net",
        "81",
    )
    assert build_environ(HttpRequest("GET", "/x", body=b""))["SERVER_NAME"] == "localhost"


def test_header_values_are_native_strings() -> None:
    environ = build_environ(request(headers={"X-Name": "José"}))
    assert environ["HTTP_X_NAME"] == wsgi_encoding_dance("José") == "Jos\xc3\xa9"


def test_context_attributes_are_in_the_environ() -> None:
    ctx = SimpleContext(invocation_id="inv-1", function_name="f", function_directory="/app")
    environ = build_environ(request(), ctx)
    assert environ["azure_functions.invocation_id"] == "inv-1"
    assert environ["azure_functions.function_name"] == "f"
    assert environ["azure_functions.function_directory"] == "/app"
    assert environ["azure_functions.trace_context"] is ctx.trace_context
    assert environ["azure_functions.retry_context"] is ctx.retry_context
    assert environ["azure_functions.thread_local_storage"] is ctx.thread_local_storage
    assert not any(key.startswith("azure_functions.") for key in build_environ(request()))


@pytest.mark.parametrize(
    ("path", "script_name", "path_info"),
    [
        ("/api/items", "/api", "/items"),
        ("/api", "/api", ""),
        ("/API/items", "/API", "/items"),
        ("/apix/items", "", "/apix/items"),
        ("/other", "", "/other"),
    ],
)
def test_script_name_splits_the_path(path: str, script_name: str, path_info: str) -> None:
    environ = build_environ(request("GET", path), script_name="/api")
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == (script_name, path_info)


def test_str_and_none_bodies() -> None:
    text = HttpRequest("POST", "http://h/", body="é")  # type: ignore[arg-type]
    assert build_environ(text)["wsgi.input"].read() == "é".encode()
    empty = HttpRequest("POST", "http://h/", body=None)  # type: ignore[arg-type]
    assert build_environ(empty)["CONTENT_LENGTH"] == "0"


# -- the response ------------------------------------------------------------------------


class ClosingBody:
    def __init__(self, chunks: list[bytes], fail: bool = False) -> None:
        self.chunks = chunks
        self.fail = fail
        self.closed = False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.fail:
            raise ValueError("broken body")

    def close(self) -> None:
        self.closed = True


def test_response_status_headers_cookies_and_close() -> None:
    body = ClosingBody([b"a", b"", b"b"])

    def app(environ: dict[str, Any], start_response: Any) -> ClosingBody:
        start_response(
            "201 Created",
            [
                ("Content-Type", "text/html; charset=latin-1"),
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
            ],
        )
        return body

    resp = WsgiMiddleware(app).handle(request())
    assert resp.status_code == 201
    assert resp.get_body() == b"ab"
    # As in the reference: the whole Content-Type, and the charset of Content-Encoding.
    assert (resp.mimetype, resp.charset) == ("text/html; charset=latin-1", "utf-8")
    assert resp.headers.get_all("Set-Cookie") == ["a=1", "b=2"]
    assert list(resp.headers) == [
        ("Content-Type", "text/html; charset=latin-1"),
        ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"),
    ]
    assert body.closed


def test_start_response_with_none_headers_gives_empty_headers() -> None:
    # The reference treats a None header list as no headers.
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", None)
        return [b"hi"]

    resp = WsgiMiddleware(app).handle(request())
    assert (resp.status_code, list(resp.headers), resp.get_body()) == (200, [], b"hi")
    assert (resp.mimetype, resp.charset) == ("text/plain", "utf-8")
    stream = WsgiMiddleware(app).handle_stream(request())
    assert (stream.status_code, list(stream.headers), stream.read()) == (200, [], b"hi")


def test_iterable_is_closed_when_iteration_fails() -> None:
    body = ClosingBody([b"a"], fail=True)

    def app(environ: dict[str, Any], start_response: Any) -> ClosingBody:
        start_response("200 OK", [])
        return body

    with pytest.raises(ValueError, match="broken body"):
        WsgiMiddleware(app).handle(request())
    assert body.closed


def test_write_callable_and_lazy_start_response() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written ")
        yield b"yielded"

    assert WsgiMiddleware(app).handle(request()).get_body() == b"written yielded"

    def generator_app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        start_response("202 Accepted", [])
        yield b"late"

    assert WsgiMiddleware(generator_app).handle(request()).status_code == 202


def test_start_response_with_exc_info_replaces_the_status() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("X-A", "1")])
        try:
            raise KeyError("oops")
        except KeyError:
            start_response("500 Internal Server Error", [("X-B", "2")], sys.exc_info())
        return [b"error"]

    resp = WsgiMiddleware(app).handle(request())
    assert (resp.status_code, list(resp.headers), resp.get_body()) == (
        500,
        [("X-B", "2")],
        b"error",
    )


@pytest.mark.parametrize(
    ("app", "error", "message"),
    [
        (lambda e, s: [b"x"], RuntimeError, "returned without calling start_response"),
        (lambda e, s: (s("200 OK", []), s("200 OK", []))[0], RuntimeError, "a second time"),
        (lambda e, s: (s("OK", []), [])[1], ValueError, "three-digit code"),
    ],
)
def test_protocol_errors(app: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        WsgiMiddleware(app).handle(request())


def test_wsgi_errors_go_to_logging_and_do_not_leak_into_later_requests(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        errors = environ["wsgi.errors"]
        if environ["PATH_INFO"] == "/bad":
            errors.write("first line\n")
            print("second", "line", file=errors)
            errors.write("unterminated")
        start_response("200 OK", [])
        return [b"ok"]

    middleware = WsgiMiddleware(app)
    with caplog.at_level(logging.ERROR, logger="azfunc._http_wsgi"):
        assert middleware.handle(request("GET", "/bad")).get_body() == b"ok"
        assert middleware.handle(request("GET", "/good")).get_body() == b"ok"
    assert [r.getMessage() for r in caplog.records] == ["first line", "second line", "unterminated"]


def test_error_stream_logs_a_multiline_record_once(caplog: pytest.LogCaptureFixture) -> None:
    stream = ErrorStream()
    with caplog.at_level(logging.ERROR, logger="azfunc._http_wsgi"):
        stream.writelines(["Traceback:\n  line 1\nValueError: x\n"])
    assert [r.getMessage() for r in caplog.records] == ["Traceback:\n  line 1\nValueError: x"]


def test_wsgi_response_from_app_and_main() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b"{}"]

    response = WsgiResponse.from_app(app, build_environ(request()))
    assert response.to_func_response().get_body() == b"{}"
    middleware = WsgiMiddleware(app)
    assert middleware.main(request(), None).mimetype == "application/json"

    assert list(inspect.signature(middleware.main).parameters) == ["req", "context"]


def test_handle_stream_passes_chunks_through_and_closes() -> None:
    produced: list[int] = []
    body_closed = threading.Event()

    def app(environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        start_response("200 OK", [("Content-Type", "text/plain")])
        try:
            for i in range(3):
                produced.append(i)
                yield f"chunk{i}".encode()
        finally:
            body_closed.set()

    stream = WsgiMiddleware(app).handle_stream(request())
    assert (stream.status_code, stream.headers.get("content-type")) == (200, "text/plain")
    assert next(stream.body) == b"chunk0"
    assert produced == [0]  # nothing read ahead
    stream.close()
    assert body_closed.is_set()
    assert WsgiMiddleware(app).handle_stream(request()).read() == b"chunk0chunk1chunk2"


def test_concurrent_requests_run_in_their_own_threads() -> None:
    def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        time.sleep(0.2)
        start_response("200 OK", [])
        return [threading.current_thread().name.encode()]

    middleware = WsgiMiddleware(app)
    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(middleware.handle(request()).get_body()))
        for _ in range(5)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.perf_counter() - start < 0.6
    assert len(set(results)) == 5


# -- Flask, side by side with its own test client ----------------------------------------


def make_flask_app() -> Any:
    from flask import Flask, jsonify, make_response, redirect, request, url_for

    app = Flask("azfunc_test_flask")

    @app.route("/api/hello/<name>")
    def hello(name: str) -> Any:
        return jsonify(name=name, q=request.args.getlist("q"), url=url_for("hello", name=name))

    @app.route("/api/json", methods=["POST"])
    def echo_json() -> Any:
        return jsonify(received=request.get_json())

    @app.route("/api/form", methods=["POST"])
    def form() -> Any:
        upload = request.files.get("upload")
        return jsonify(
            fields=request.form.to_dict(),
            file=None if upload is None else [upload.filename, upload.read().decode()],
        )

    @app.route("/api/cookies")
    def cookies() -> Any:
        response = make_response("cookies set")
        response.set_cookie("a", "1")
        response.set_cookie("b", "2", httponly=True)
        return response

    @app.route("/api/redirect")
    def go() -> Any:
        return redirect(url_for("hello", name="there"))

    @app.route("/api/echo", methods=["POST", "PUT"])
    def echo() -> Any:
        data = request.get_data()
        return app.response_class(data, mimetype="application/octet-stream")

    @app.route("/api/header")
    def header() -> Any:
        raw = request.headers.get("X-Name", "")
        return jsonify(text=raw.encode("latin-1").decode("utf-8"))

    @app.route("/api/boom")
    def boom() -> Any:
        raise ValueError("kaboom")

    @app.route("/api/stream")
    def stream() -> Any:
        return app.response_class((f"{i}," for i in range(5)), mimetype="text/plain")

    return app


FLASK_REQUESTS: list[tuple[str, str, dict[str, str], bytes]] = [
    ("GET", "/api/hello/world?q=1&q=2", {}, b""),
    ("GET", "/api/hello/w%C3%B6rld", {}, b""),
    ("GET", "/api/missing", {}, b""),
    ("POST", "/api/json", {"Content-Type": "application/json"}, b'{"a": [1, 2]}'),
    ("POST", "/api/json", {"Content-Type": "application/json"}, b"{not json"),
    (
        "POST",
        "/api/form",
        {"Content-Type": "application/x-www-form-urlencoded"},
        b"x=1&y=%C3%A9",
    ),
    (
        "POST",
        "/api/form",
        {"Content-Type": "multipart/form-data; boundary=XX"},
        b"--XX\r\n"
        b'Content-Disposition: form-data; name="upload"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhello\r\n"
        b'--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\ngreeting\r\n--XX--\r\n',
    ),
    ("GET", "/api/cookies", {}, b""),
    ("GET", "/api/redirect", {}, b""),
    ("POST", "/api/echo", {"Content-Type": "application/octet-stream"}, bytes(range(256)) * 4),
    ("PUT", "/api/echo", {}, b"\x00\xff\xfe binary \x80"),
    ("GET", "/api/hello/x", {"Accept": "text/html"}, b""),
    ("HEAD", "/api/hello/x", {}, b""),
    ("GET", "/api/stream", {}, b""),
    ("DELETE", "/api/echo", {}, b""),
]


@pytest.mark.parametrize(("method", "path", "headers", "body"), FLASK_REQUESTS)
def test_flask_side_by_side(method: str, path: str, headers: dict[str, str], body: bytes) -> None:
    app = make_flask_app()
    expected = app.test_client().open(path, method=method, headers=headers, data=body)
    actual = WsgiMiddleware(app).handle(request(method, path, headers=headers, body=body))
    assert actual.status_code == expected.status_code
    assert list(actual.headers) == list(expected.headers.to_wsgi_list())
    assert actual.get_body() == expected.get_data()


def test_flask_non_ascii_header_round_trip() -> None:
    resp = WsgiMiddleware(make_flask_app()).handle(
        request("GET", "/api/header", headers={"X-Name": "José 日本"})
    )
    assert json.loads(resp.get_body()) == {"text": "José 日本"}


def test_flask_error_is_a_500_with_the_traceback_logged(caplog: pytest.LogCaptureFixture) -> None:
    # Returned as the app's own 500 page, not raised (the reference raised Exception(body)).
    with caplog.at_level(logging.ERROR):
        resp = WsgiMiddleware(make_flask_app()).handle(request("GET", "/api/boom"))
    assert resp.status_code == 500
    assert b"Internal Server Error" in resp.get_body()
    assert "ValueError: kaboom" in caplog.text


def test_flask_ten_megabyte_round_trip() -> None:
    payload = os.urandom(10 * 1024 * 1024)
    resp = WsgiMiddleware(make_flask_app()).handle(request("POST", "/api/echo", body=payload))
    assert resp.get_body() == payload


def test_flask_route_prefix_sets_script_name() -> None:
    from flask import Flask, jsonify, url_for
    from flask import request as flask_request

    app = Flask("prefixed")

    @app.route("/items/<int:item>")
    def item(item: int) -> Any:
        return jsonify(
            item=item,
            script_name=flask_request.script_root,
            url=url_for("item", item=item),
        )

    middleware = WsgiMiddleware(app, route_prefix="api")
    assert middleware.script_name == "/api"
    resp = middleware.handle(request("GET", "/api/items/3"))

    assert json.loads(resp.get_body()) == {"item": 3, "script_name": "/api", "url": "/api/items/3"}
    # Off by default: the app sees the full path, as with azure-functions.
    assert WsgiMiddleware(app).handle(request("GET", "/api/items/3")).status_code == 404


def test_route_prefix_from_host_json(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "host.json").write_text('{"extensions": {"http": {"routePrefix": "v1/"}}}')
    monkeypatch.setenv("AzureWebJobsScriptRoot", str(tmp_path))
    assert WsgiMiddleware(make_flask_app(), route_prefix=True).script_name == "/v1"


# -- Django --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def django_wsgi() -> Any:
    pytest.importorskip("django")
    from tests._django_support import setup_django

    setup_django()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def _wsgi_set_cookies(
    app: Any, method: str, path: str, query: str, body: bytes
) -> list[tuple[str, str]]:
    """The Set-Cookie headers ``app`` gives to a plain WSGI server for this request."""
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": urllib.parse.unquote(path, encoding="latin-1"),
        "QUERY_STRING": query,
        "CONTENT_TYPE": "application/octet-stream",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "testserver",
        "wsgi.input": io.BytesIO(body),
    }
    wsgiref.util.setup_testing_defaults(environ)
    headers: list[tuple[str, str]] = []

    def start_response(status: str, response_headers: list[Any], exc_info: Any = None) -> Any:
        headers.extend(response_headers)

    b"".join(app(environ, start_response))
    return [(n.lower(), v) for n, v in headers if n.lower() == "set-cookie"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/view/one?q=a&q=b", b""),
        ("POST", "/api/view/two", b"payload \xc3\xa9"),
        ("GET", "/api/view/caf%C3%A9", b""),
        ("GET", "/api/nothing", b""),
    ],
)
def test_django_side_by_side(django_wsgi: Any, method: str, path: str, body: bytes) -> None:
    from django.test import Client

    headers = {"Host": "testserver", "Content-Type": "application/octet-stream"}
    client_path, _, query = path.partition("?")
    expected = Client().generic(
        method,
        client_path + ("?" + query if query else ""),
        data=body,
        content_type="application/octet-stream",
    )
    actual = WsgiMiddleware(django_wsgi).handle(
        request(method, path, headers=headers, body=body, host="http://testserver")
    )
    assert actual.status_code == expected.status_code
    # Set-Cookie values as Django's WSGI handler writes them (before Django 6 with a
    # leading space), kept as in the reference.
    cookies = _wsgi_set_cookies(django_wsgi, method, client_path, query, body)
    expected_headers = [(name.lower(), value) for name, value in expected.items()] + cookies
    assert sorted(actual.headers.items(lower=True)) == sorted(expected_headers)
    assert actual.get_body() == expected.content
