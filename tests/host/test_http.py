"""HTTP semantics of azfunc start: routing, constraints, methods, keys, bodies, CORS."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.host.conftest import (
    HOST_KEY,
    MASTER_KEY,
    HostProcess,
    StartHost,
    shared_host,
    write_app,
)

pytestmark = pytest.mark.server

APP = """
import asyncio
import json
import os

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

CONSTRAINTS = {
    "int": "int", "long": "long", "bool": "bool", "alpha": "alpha", "guid": "guid",
    "datetime": "datetime", "decimal": "decimal", "double": "double", "float": "float",
    "min": "min(10)", "max": "max(10)", "range": "range(1,5)", "minlength": "minlength(3)",
    "maxlength": "maxlength(3)", "length": "length(3)", "lengths": "length(2,4)",
    "regex": "regex(^[a-z]{{2}}\\\\d$)",
}


def _echo_params(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(json.dumps(dict(req.route_params)), mimetype="application/json")


for kind, constraint in CONSTRAINTS.items():
    app.function_name(name=f"c_{kind}")(
        app.route(route=f"c/{kind}/{{value:{constraint}}}", methods=["GET"])(_echo_params)
    )
for name, template in {
    "optional": "opt/{value?}", "default": "def/{value=fallback}", "catchall": "all/{*rest}",
    "literal": "items/new", "file": "files/{name}.{ext}",
}.items():
    app.function_name(name=name)(app.route(route=template)(_echo_params))


@app.route(route="items/{id:int}", methods=["PUT", "DELETE"], auth_level=func.AuthLevel.FUNCTION)
def item(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(f"{req.method} item {req.route_params['id']}")


@app.route(route="secret", methods=["GET"], auth_level=func.AuthLevel.ADMIN)
def secret(req: func.HttpRequest) -> str:
    return "master only"


@app.route(route="json", methods=["POST"])
def echo_json(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(json.dumps({"got": req.get_json()}), mimetype="application/json")


@app.route(route="form", methods=["POST"])
def form(req: func.HttpRequest) -> func.HttpResponse:
    files = {name: f.read().decode() for name, f in req.files.items()}
    return func.HttpResponse(json.dumps({"form": dict(req.form), "files": files}))


@app.route(route="big", methods=["POST"])
def big(req: func.HttpRequest) -> str:
    body = req.get_body()
    return f"{len(body)} {__import__('hashlib').sha256(body).hexdigest()}"


@app.route(route="slow", methods=["GET"])
async def slow(req: func.HttpRequest) -> str:
    await asyncio.sleep(1)
    return "slept"


@app.route(route="request", methods=["GET", "POST"])
def request_info(req: func.HttpRequest) -> func.HttpResponse:
    info = {
        "method": req.method, "url": req.url, "params": dict(req.params),
        "header": req.headers.get("x-custom"), "setting": os.environ.get("GREETING"),
    }
    return func.HttpResponse(json.dumps(info), headers={"X-Function": "yes"})


@app.route(route="boom")
def boom(req: func.HttpRequest) -> str:
    raise ValueError("kaboom")


@app.route(route="nothing")
def nothing(req: func.HttpRequest) -> None:
    return None
"""

HOST_JSON = json.dumps(
    {"version": "2.0", "extensions": {"http": {"customHeaders": {"X-Frame-Options": "DENY"}}}}
)
SETTINGS = json.dumps(
    {
        "IsEncrypted": False,
        "Values": {"GREETING": "from local settings"},
        "Host": {"CORS": "http://allowed.test", "CORSCredentials": True},
    }
)


@pytest.fixture(scope="module")
def host(module_tmp: Path) -> Iterator[HostProcess]:
    app = write_app(module_tmp / "app", APP, host_json=HOST_JSON, local_settings=SETTINGS)
    yield from shared_host(module_tmp, str(app), "--auth")


ACCEPTED = [
    ("int", "-42"),
    ("long", "9223372036854775807"),
    ("bool", "TRUE"),
    ("alpha", "abcXYZ"),
    ("guid", "0f8fad5b-d9cb-469f-a165-70867728950e"),
    ("datetime", "2024-02-29T10:30:00"),
    ("decimal", "1234.5"),
    ("double", "1.5e3"),
    ("float", "-0.25"),
    ("min", "10"),
    ("max", "10"),
    ("range", "5"),
    ("minlength", "abcd"),
    ("maxlength", "abc"),
    ("length", "xyz"),
    ("lengths", "abcd"),
    ("regex", "ab1"),
]
REJECTED = [
    ("int", "2147483648"),
    ("long", "1.5"),
    ("bool", "yes"),
    ("alpha", "abc1"),
    ("guid", "not-a-guid"),
    ("datetime", "2023-02-29"),
    ("decimal", "1e3"),
    ("double", "abc"),
    ("float", "one"),
    ("min", "9"),
    ("max", "11"),
    ("range", "6"),
    ("minlength", "ab"),
    ("maxlength", "abcd"),
    ("length", "ab"),
    ("lengths", "abcde"),
    ("regex", "abc1"),
]


def test_every_constraint_kind_routes_matching_values(host: HostProcess) -> None:
    got = {kind: host.client.get(f"/api/c/{kind}/{value}") for kind, value in ACCEPTED}
    assert {k: (r.status_code, r.json()) for k, r in got.items()} == {
        kind: (200, {"value": value}) for kind, value in ACCEPTED
    }


def test_every_constraint_kind_rejects_other_values_with_404(host: HostProcess) -> None:
    got = {kind: host.client.get(f"/api/c/{kind}/{value}").status_code for kind, value in REJECTED}
    assert got == {kind: 404 for kind, _ in REJECTED}


def test_optional_default_catch_all_and_complex_segments(host: HostProcess) -> None:
    calls = {
        "/api/opt": {},
        "/api/opt/x": {"value": "x"},
        "/api/def": {"value": "fallback"},
        "/api/all/a/b%20c": {"rest": "a/b c"},
        "/api/files/report.tar.gz": {"name": "report.tar", "ext": "gz"},
        "/API/ITEMS/NEW": {},
    }
    assert {path: host.client.get(path).json() for path in calls} == calls


def test_unknown_path_is_404_and_wrong_method_is_405_with_allow(host: HostProcess) -> None:
    missing = host.client.get("/api/nope")
    wrong = host.client.get("/api/items/5")
    assert (missing.status_code, missing.text) == (404, "")
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "DELETE, PUT")


def test_function_level_needs_a_key(host: HostProcess) -> None:
    statuses = {
        "no key": host.client.put("/api/items/5").status_code,
        "wrong key": host.client.put("/api/items/5", params={"code": "nope"}).status_code,
        "host key header": host.client.put(
            "/api/items/5", headers={"x-functions-key": HOST_KEY}
        ).status_code,
        "host key query": host.client.put("/api/items/5", params={"code": HOST_KEY}).status_code,
        "master key": host.client.delete("/api/items/5", params={"code": MASTER_KEY}).status_code,
    }
    assert statuses == {
        "no key": 401,
        "wrong key": 401,
        "host key header": 200,
        "host key query": 200,
        "master key": 200,
    }
    assert host.client.put("/api/items/5", params={"code": HOST_KEY}).text == "PUT item 5"


def test_admin_level_needs_the_master_key(host: HostProcess) -> None:
    assert host.client.get("/api/secret", params={"code": HOST_KEY}).status_code == 401
    response = host.client.get("/api/secret", headers={"x-functions-key": MASTER_KEY})
    assert (response.status_code, response.text) == (200, "master only")


@pytest.mark.parametrize("flags", [(), ("--no-auth",)])
def test_keys_are_not_checked_by_default_as_with_func_start(
    start_host: StartHost, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    app = write_app(tmp_path / "app", APP, host_json=HOST_JSON, local_settings=SETTINGS)
    host = start_host(str(app), *flags)
    statuses = {
        "function level": host.client.put("/api/items/5").status_code,
        "admin level": host.client.get("/api/secret").status_code,
        "admin API": host.client.get("/admin/host/status").status_code,
    }
    assert statuses == {"function level": 200, "admin level": 200, "admin API": 200}
    log = host.log()
    assert f"        item: [PUT,DELETE] {host.base_url}/api/items/{{id:int}}\n" in log
    assert (
        "Keys are not checked: every auth level is open, as with Core Tools' func start. "
        "Pass --auth to check function keys as Azure does.\n"
    ) in log
    assert not (app / ".azfunc").exists()


def test_auth_keys_are_kept_in_a_gitignored_file_across_restarts(
    start_host: StartHost, tmp_path: Path
) -> None:
    app = write_app(tmp_path / "app", APP, host_json=HOST_JSON)
    unset = {"AZFUNC_MASTER_KEY": "", "AZFUNC_HOST_KEY": ""}  # no keys in the settings
    first = start_host(str(app), "--auth", env=unset)
    saved = json.loads((app / ".azfunc" / "keys.json").read_text(encoding="utf-8"))
    assert sorted(saved) == ["AZFUNC_HOST_KEY", "AZFUNC_MASTER_KEY"]
    assert (app / ".azfunc" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    host_key = saved["AZFUNC_HOST_KEY"]
    assert f"Host key (kept in .azfunc/keys.json): {host_key}" in first.log()
    denied = first.client.put("/api/items/5", params={"code": "nope"})
    assert (denied.status_code, denied.text) == (
        401,
        "401 Unauthorized: function 'item' has auth level FUNCTION and the key sent does not "
        "open it. Send the host key, the master key or a key of this function in the "
        "x-functions-key header or the code query parameter (azfunc start --auth prints them; "
        "they are kept in .azfunc/keys.json).\n",
    )
    first.stop()
    second = start_host(str(app), "--auth", env=unset)
    assert second.client.put("/api/items/5", params={"code": host_key}).status_code == 200
    assert json.loads((app / ".azfunc" / "keys.json").read_text(encoding="utf-8")) == saved


def test_json_body(host: HostProcess) -> None:
    response = host.client.post("/api/json", json={"a": [1, 2], "b": "é"})
    assert response.json() == {"got": {"a": [1, 2], "b": "é"}}


def test_form_body_with_a_file(host: HostProcess) -> None:
    response = host.client.post(
        "/api/form", data={"name": "Ada", "lang": "py"}, files={"doc": ("a.txt", b"content")}
    )
    assert response.json() == {"form": {"name": "Ada", "lang": "py"}, "files": {"doc": "content"}}


def test_urlencoded_form_body(host: HostProcess) -> None:
    response = host.client.post("/api/form", data={"q": "a b&c"})
    assert response.json() == {"form": {"q": "a b&c"}, "files": {}}


def test_large_body_arrives_whole(host: HostProcess) -> None:
    body = bytes(range(256)) * (6 * 1024 * 1024 // 256)  # 6 MiB
    response = host.client.post("/api/big", content=body)
    assert response.text == f"{len(body)} {hashlib.sha256(body).hexdigest()}"


def test_body_over_100_mib_is_refused_with_413(host: HostProcess) -> None:
    with socket.create_connection(("127.0.0.1", host.port), timeout=10) as sock:
        sock.sendall(b"POST /api/big HTTP/1.1\r\nHost: x\r\nContent-Length: 104857601\r\n\r\n")
        reply = sock.recv(200)
    assert reply.startswith(b"HTTP/1.1 413")


def test_slow_async_requests_run_concurrently(host: HostProcess) -> None:
    async def five() -> list[str]:
        async with httpx.AsyncClient(base_url=host.base_url, timeout=10) as client:
            responses = await asyncio.gather(*(client.get("/api/slow") for _ in range(5)))
        return [r.text for r in responses]

    started = time.monotonic()
    texts = asyncio.run(five())
    elapsed = time.monotonic() - started
    assert texts == ["slept"] * 5
    assert elapsed < 3, f"5 requests of 1 s took {elapsed:.1f} s"


def test_request_url_query_headers_and_settings(host: HostProcess) -> None:
    response = host.client.get("/api/request?a=1&a=2&b=", headers={"X-Custom": "v"})
    assert response.json() == {
        "method": "GET",
        "url": f"{host.base_url}/api/request?a=1&a=2&b=",
        "params": {"a": "1,2", "b": ""},
        "header": "v",
        "setting": "from local settings",
    }
    assert (response.headers["x-function"], response.headers["x-frame-options"]) == ("yes", "DENY")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"


def test_head_is_a_method_of_its_own_and_gets_no_body(host: HostProcess) -> None:
    assert host.client.head("/api/request").status_code == 405  # not implied by GET
    response = host.client.head("/api/opt/x")  # a route with every method
    assert (response.status_code, response.content) == (200, b"")


def test_function_error_is_500_and_logged_with_the_user_traceback(host: HostProcess) -> None:
    response = host.client.get("/api/boom")
    assert (response.status_code, response.text) == (500, "")
    log = host.wait_for_log("ValueError: kaboom")
    failure = log[log.index("Executed 'Functions.boom' (Failed") :]
    assert 'raise ValueError("kaboom")' in failure
    assert "azfunc/" not in failure.split("ValueError: kaboom")[0]


def test_no_response_is_204(host: HostProcess) -> None:
    assert host.client.get("/api/nothing").status_code == 204


def test_one_log_line_per_invocation(host: HostProcess) -> None:
    host.client.get("/api/c/int/7")
    log = host.wait_for_log("GET /api/c/int/7 -> 200")
    line = next(line for line in log.splitlines() if "GET /api/c/int/7 -> 200" in line)
    assert "Executed 'Functions.c_int' (Succeeded, trigger=httpTrigger, Id=" in line
    assert "Duration=" in line


def test_cors_preflight_and_response_headers(host: HostProcess) -> None:
    preflight = host.client.options(
        "/api/json",
        headers={
            "Origin": "http://allowed.test",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 204
    assert {k: v for k, v in preflight.headers.items() if k.startswith("access-control")} == {
        "access-control-allow-origin": "http://allowed.test",
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "content-type",
        "access-control-allow-credentials": "true",
    }
    allowed = host.client.get("/api/request", headers={"Origin": "http://allowed.test"})
    other = host.client.get("/api/request", headers={"Origin": "http://other.test"})
    assert allowed.headers["access-control-allow-origin"] == "http://allowed.test"
    assert "access-control-allow-origin" not in other.headers


def test_root_page_and_host_status(host: HostProcess) -> None:
    assert "not the Azure Functions host" in host.client.get("/").text
    denied = host.client.get("/admin/host/status")
    assert (denied.status_code, denied.text) == (
        401,
        "401 Unauthorized: the admin API needs the master key and no key was sent. Send it "
        "in the x-functions-key header or the code query parameter (azfunc start --auth "
        "prints them; they are kept in .azfunc/keys.json).\n",
    )
    status = host.client.get("/admin/host/status", params={"code": MASTER_KEY})
    assert status.json()["state"] == "Running"


def test_start_prints_the_function_table_and_keys(host: HostProcess) -> None:
    log = host.log()
    item = f"item: [PUT,DELETE] {host.base_url}/api/items/{{id:int}}?code={HOST_KEY}"
    assert f"        {item}" in log
    assert f"        secret: [GET] {host.base_url}/api/secret?code={MASTER_KEY}" in log
    assert f"Master key (from settings): {MASTER_KEY}" in log
