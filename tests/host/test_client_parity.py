"""The test client and ``azfunc start`` send the same response: one corpus of requests goes
through ``testing.Client`` (in-process) and through a socket to ``azfunc start``; status,
headers (all but the server's own ``date`` and ``server``, in order, names as sent) and
body must be identical."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from azfunc import testing
from tests.host.conftest import HOST_KEY, HostProcess, shared_host, write_app

pytestmark = pytest.mark.server

APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="cookies", methods=["GET"])
def cookies(req: func.HttpRequest) -> func.HttpResponse:
    response = func.HttpResponse("two cookies", headers={"Set-Cookie": "a=1; Path=/"})
    response.headers.add("Set-Cookie", "b=2; Max-Age=60; HttpOnly; Secure; SameSite=Lax")
    response.headers.add("X-Multi", "first")
    response.headers.add("X-Multi", "second")
    response.headers["Cache-Control"] = "no-store"
    return response


@app.route(route="items/{id:int}", methods=["PUT", "DELETE"])
def item(req: func.HttpRequest) -> str:
    return f"{req.method} {req.route_params['id']}"


@app.route(route="keyed", methods=["GET"], auth_level=func.AuthLevel.FUNCTION)
def keyed(req: func.HttpRequest) -> str:
    return "opened"


@app.route(route="page", methods=["GET", "HEAD"])
def page(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("<p>hello</p>", mimetype="text/html", headers={"ETag": '"v1"'})


@app.route(route="old", methods=["GET"])
def old(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(status_code=302, headers={"Location": "/api/page"})


@app.route(route="echo", methods=["POST"])
def echo(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(
        req.get_body(),
        status_code=201,
        mimetype=req.headers.get("content-type", "application/octet-stream"),
        headers={"X-Query": ",".join(f"{k}={v}" for k, v in sorted(req.params.items()))},
    )


@app.route(route="json", methods=["POST"])
def echo_json(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(
        func._jsonutils.dumps({"got": req.get_json()}), mimetype="application/json"
    )


@app.route(route="nothing")
def nothing(req: func.HttpRequest) -> None:
    return None


@app.route(route="boom")
def boom(req: func.HttpRequest) -> str:
    raise ValueError("kaboom")
"""

HOST_JSON = json.dumps(
    {"version": "2.0", "extensions": {"http": {"customHeaders": {"X-Frame-Options": "DENY"}}}}
)

#: (method, path with query, keyword arguments both sides take: headers, content).
CORPUS: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/api/cookies", {}),
    ("GET", "/api/nope", {}),
    ("GET", "/api/items/5", {}),
    ("PUT", "/api/items/5", {}),
    ("PUT", "/api/items/five", {}),
    ("GET", "/api/keyed", {}),
    ("GET", "/api/keyed", {"headers": {"x-functions-key": "wrong"}}),
    ("GET", "/api/keyed", {"headers": {"x-functions-key": HOST_KEY}}),
    ("GET", f"/api/keyed?code={HOST_KEY}", {}),
    ("GET", "/api/page", {}),
    ("HEAD", "/api/page", {}),
    ("GET", "/api/old", {}),
    (
        "POST",
        "/api/echo?tag=a&tag=b&q=",
        {"headers": {"Content-Type": "application/x-thing"}, "content": b"\x00\x01body\xff"},
    ),
    ("POST", "/api/echo", {}),
    ("POST", "/api/json", {"json": {"a": [1, 2], "b": "\u00e9"}}),
    ("GET", "/api/nothing", {}),
    ("DELETE", "/api/nothing", {}),
    ("GET", "/api/boom", {}),
    ("GET", "/API/COOKIES/", {}),
]

_SERVERS_OWN = {"date", "server"}

Answer = tuple[int, list[tuple[str, str]], bytes]


@pytest.fixture(scope="module")
def app_dir(module_tmp: Path) -> Path:
    return write_app(module_tmp / "app", APP, host_json=HOST_JSON)


@pytest.fixture(scope="module")
def host(module_tmp: Path, app_dir: Path) -> Iterator[HostProcess]:
    yield from shared_host(module_tmp, str(app_dir), "--auth")


def _over_the_socket(host: HostProcess, method: str, url: str, options: dict[str, Any]) -> Answer:
    response = host.client.request(method, url, **options)
    headers = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, value in response.headers.raw
        if name.decode("latin-1").lower() not in _SERVERS_OWN
    ]
    return response.status_code, headers, response.content


def _in_process(client: testing.Client, method: str, url: str, options: dict[str, Any]) -> Answer:
    extra = {"json": options["json"]} if "json" in options else {}
    response = client.request(
        method,
        url,
        headers=options.get("headers"),
        body=options.get("content"),
        auth=False,  # send exactly the corpus's keys, as the socket client does
        **extra,
    )
    return response.status_code, list(response.headers), response.body


def test_the_client_answers_every_request_as_azfunc_start_does(
    host: HostProcess, app_dir: Path
) -> None:
    with testing.Client(app_dir, auth=True, raise_server_exceptions=False) as client:
        in_process = [_without_keys_hint(_in_process(client, m, url, o)) for m, url, o in CORPUS]
    over_socket = [_without_keys_hint(_over_the_socket(host, m, url, o)) for m, url, o in CORPUS]
    assert in_process == over_socket


def _without_keys_hint(answer: Answer) -> Answer:
    """A 401 says where the keys are (the Client's or azfunc start's): cut that part."""
    status, headers, body = answer
    if status != 401:
        return answer
    return status, [h for h in headers if h[0] != "Content-Length"], body.rsplit(b" (", 1)[0]


def test_the_corpus_covers_what_the_host_answers_itself(host: HostProcess) -> None:
    answers: dict[tuple[str, str], Answer] = {}
    for method, url, options in CORPUS:  # the first request of each method and URL
        answers.setdefault((method, url), _over_the_socket(host, method, url, options))
    cookies = answers["GET", "/api/cookies"]
    assert cookies == (
        200,
        [
            ("X-Multi", "second"),  # one value per name reaches the host, as on Azure
            ("Cache-Control", "no-store"),
            ("content-type", "text/plain; charset=utf-8"),
            ("Set-Cookie", "a=1; Path=/"),
            ("Set-Cookie", "b=2; HttpOnly; Max-Age=60; SameSite=Lax; Secure"),
            ("X-Frame-Options", "DENY"),
            ("Content-Length", "11"),
        ],
        b"two cookies",
    )
    assert answers["GET", "/api/items/5"] == (
        405,
        [("Allow", "DELETE, PUT"), ("Content-Length", "0")],
        b"",
    )
    assert [answers[key][0] for key in [("GET", "/api/nope"), ("GET", "/api/keyed")]] == [404, 401]
    assert answers["GET", "/api/keyed"][2] == (
        b"401 Unauthorized: function 'keyed' has auth level FUNCTION and no key was sent. "
        b"Send the host key, the master key or a key of this function in the x-functions-key "
        b"header or the code query parameter (azfunc start --auth prints them; they are kept "
        b"in .azfunc/keys.json).\n"
    )
    head = answers["HEAD", "/api/page"]
    assert (head[0], dict(head[1])["Content-Length"], head[2]) == (200, "12", b"")
    assert answers["GET", "/api/old"][:2] == (
        302,
        [
            ("Location", "/api/page"),
            ("content-type", "text/plain; charset=utf-8"),
            ("X-Frame-Options", "DENY"),
            ("Content-Length", "0"),
        ],
    )
    assert answers["GET", "/api/nothing"] == (204, [], b"")
