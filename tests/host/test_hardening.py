"""azfunc start under hostile input and load, on real sockets: Nagle off, linear route
matching, URL length, responses checked before they are sent, timeouts, log options."""

from __future__ import annotations

import asyncio
import gc
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from azfunc._host.limits import ServerLimits
from azfunc._host.server import bind, uvicorn_server
from tests.host.conftest import HostProcess, StartHost, shared_host, write_app

pytestmark = pytest.mark.server

APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello", methods=["GET"])
def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("Hello")


@app.route(route="rep/{year}-{month}-{day}.{fmt}", methods=["GET"])
def rep(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(",".join(f"{k}={v}" for k, v in sorted(req.route_params.items())))


@app.route(route="n/{value:int}", methods=["GET"])
def number(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(req.route_params["value"])


@app.route(route="bad/{kind}", methods=["GET"])
def bad(req: func.HttpRequest) -> func.HttpResponse:
    kind = req.route_params["kind"]
    if kind == "space":
        return func.HttpResponse("x", headers={"a b": "1"})
    if kind == "empty":
        return func.HttpResponse("x", headers={"": "1"})
    if kind == "nul":
        return func.HttpResponse("x", headers={"x-a": "1\\x002"})
    if kind == "s101":
        return func.HttpResponse("x", status_code=101)
    if kind == "s204":
        return func.HttpResponse("body", status_code=204)
    if kind == "length":
        return func.HttpResponse("four", headers={"Content-Length": "10"})
    return func.HttpResponse("fine")


@app.timer_trigger(schedule="3000000.00:00:00", arg_name="timer")
def far_away(timer: func.TimerRequest) -> None:
    pass
"""


@pytest.fixture(scope="module")
def host(module_tmp: Path) -> Iterator[HostProcess]:
    app = write_app(module_tmp / "app", APP)
    yield from shared_host(module_tmp, str(app))


def _exchange(sock: socket.socket, request: bytes) -> bytes:
    """Send one request and read one whole response (headers and Content-Length body)."""
    sock.sendall(request)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.lower().split(b"\r\n")
    length = next((int(x.split(b":")[1]) for x in lines if x.startswith(b"content-length:")), 0)
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def test_keep_alive_requests_do_not_wait_for_delayed_acks(host: HostProcess) -> None:
    # With Nagle on, each keep-alive response waited ~40 ms for the client's delayed ACK:
    # 40 requests took over 1.6 s.
    with socket.create_connection(("127.0.0.1", host.port), timeout=10) as sock:
        _exchange(sock, b"GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        started = time.perf_counter()
        for _ in range(40):
            reply = _exchange(sock, b"GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
            assert reply.startswith(b"HTTP/1.1 200") and reply.endswith(b"Hello")
        elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"40 keep-alive requests took {elapsed:.2f} s"


def test_accepted_sockets_have_tcp_nodelay() -> None:
    listening = bind("127.0.0.1", 0)
    assert listening.proto == socket.IPPROTO_TCP

    async def accept_one() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(connected, sock=listening)
        port = listening.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(accepted, 5)
        writer.close()
        server.close()
        return value

    assert asyncio.run(accept_one()) == 1


def test_a_backtracking_path_is_answered_at_once_and_others_keep_being_served(
    host: HostProcess,
) -> None:
    # 3,200 dashes took 37 s with the old regex, freezing every other request.
    started = time.perf_counter()
    response = host.client.get("/api/rep/" + "-" * 8000)
    assert response.status_code == 404
    expected = "day=31,fmt=json,month=01,year=2024"
    assert host.client.get("/api/rep/2024-01-31.json").text == expected
    assert time.perf_counter() - started < 2.0


def test_urls_over_8_kib_get_414(host: HostProcess) -> None:
    assert host.client.get("/api/hello?q=" + "a" * 8000).status_code == 200
    response = host.client.get("/api/hello?q=" + "a" * 8200)
    assert (response.status_code, response.text) == (414, "The URL is longer than 8192 bytes.")


def test_a_huge_number_in_an_int_segment_is_404_not_500(host: HostProcess) -> None:
    assert host.client.get("/api/n/" + "1" * 4301).status_code == 404
    assert host.client.get("/api/n/" + "0" * 5000 + "7").text == "0" * 5000 + "7"


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("space", "HttpResponse header name 'a b' cannot be sent"),
        ("empty", "HttpResponse header name '' cannot be sent"),
        ("nul", "HttpResponse header 'x-a' cannot be sent: its value holds the control character"),
        ("s101", "HttpResponse status_code 101 cannot end an HTTP response"),
    ],
)
def test_an_unsendable_response_is_a_500_logged_as_failed_with_the_reason(
    host: HostProcess, kind: str, reason: str
) -> None:
    response = host.client.get(f"/api/bad/{kind}")
    assert (response.status_code, response.text) == (500, "")
    log = host.wait_for_log(f"GET /api/bad/{kind} -> 500")
    line = next(line for line in log.splitlines() if f"GET /api/bad/{kind} -> 500" in line)
    assert "Executed 'Functions.bad' (Failed, trigger=httpTrigger" in line
    assert reason in line
    assert f"GET /api/bad/{kind} -> 200" not in log


def test_no_body_on_204_and_content_length_from_the_body(host: HostProcess) -> None:
    with socket.create_connection(("127.0.0.1", host.port), timeout=10) as sock:
        reply = _exchange(sock, b"GET /api/bad/s204 HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 204") and reply.endswith(b"\r\n\r\n")
        reply = _exchange(sock, b"GET /api/bad/length HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 200")
        assert b"content-length: 4\r\n" in reply.lower() and reply.endswith(b"\r\n\r\nfour")
        # the connection is still usable: nothing was cut
        assert _exchange(sock, b"GET /api/hello HTTP/1.1\r\nHost: x\r\n\r\n").endswith(b"Hello")


def test_a_timer_beyond_the_year_9999_does_not_stop_the_host(host: HostProcess) -> None:
    assert host.client.get("/api/hello").text == "Hello"
    assert "far_away: timerTrigger" in host.log()
    assert "OverflowError" not in host.log()


def test_dot_segments_are_removed_before_routing(host: HostProcess) -> None:
    # raw requests: HTTP clients remove dot segments themselves
    with socket.create_connection(("127.0.0.1", host.port), timeout=10) as sock:
        for path in (b"/api/nothing/%2e%2e/hello", b"/api/./hello", b"/api/x/%2E./hello"):
            reply = _exchange(sock, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            assert reply.startswith(b"HTTP/1.1 200") and reply.endswith(b"Hello"), path
        reply = _exchange(sock, b"GET /api/%2e%2e/api/hello HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 200")  # /api/../api/hello is /api/hello
        reply = _exchange(sock, b"GET /api/hello%2f%2e%2e HTTP/1.1\r\nHost: x\r\n\r\n")
        assert reply.startswith(b"HTTP/1.1 404")  # %2F stays inside its segment


def test_quiet_logs_no_line_per_request_but_failures(start_host: StartHost, tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", APP)
    quiet = start_host(str(app), "--quiet")
    assert quiet.client.get("/api/hello").text == "Hello"
    assert quiet.client.get("/api/bad/space").status_code == 500
    log = quiet.wait_for_log("(Failed, trigger=httpTrigger")
    assert "Executed 'Functions.hello'" not in log
    levelled = start_host(str(app), "--log-level", "warning")
    assert levelled.client.get("/api/hello").text == "Hello"
    levelled.client.get("/api/nowhere")
    time.sleep(0.3)
    assert "Executed 'Functions.hello'" not in levelled.log()
    assert "-> 404" not in levelled.log()


# -- the connection limits, on a uvicorn server in this process --------------------------


async def _echo(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    headers = [(b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
def limited_server() -> Iterator[int]:
    sock = bind("127.0.0.1", 0)
    server = uvicorn_server(_echo, limits=ServerLimits(headers_timeout=0.5, keep_alive_timeout=1))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield sock.getsockname()[1]
    server.should_exit = True
    thread.join(10)
    sock.close()
    gc.unfreeze()  # the server froze this (test) process's heap when it started


def _closed_after(sock: socket.socket) -> float:
    started = time.perf_counter()
    sock.settimeout(5)
    while sock.recv(1024):
        pass
    return time.perf_counter() - started


def test_the_started_server_moves_its_heap_out_of_the_collectors_reach(
    limited_server: int,
) -> None:
    # gc.freeze() once started: a full collection then scans only what requests
    # allocate, instead of pausing every request in flight for ~10 ms. uvicorn sets
    # `started` just before the freeze, so give the server thread a moment.
    deadline = time.monotonic() + 5
    while gc.get_freeze_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.get_freeze_count() > 1000


def test_a_connection_that_sends_nothing_is_closed(limited_server: int) -> None:
    with socket.create_connection(("127.0.0.1", limited_server)) as sock:
        assert _closed_after(sock) < 2.0


def test_headers_sent_a_byte_at_a_time_are_cut_off(limited_server: int) -> None:
    with socket.create_connection(("127.0.0.1", limited_server)) as sock:
        started = time.perf_counter()
        closed = False
        for byte in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                closed = True
                break
            time.sleep(0.05)
            if time.perf_counter() - started > 3:
                break
        if not closed:
            sock.settimeout(3)
            closed = sock.recv(1024) == b""
    assert closed and time.perf_counter() - started < 3


def test_a_prompt_client_is_served_and_kept_alive_until_idle(limited_server: int) -> None:
    with socket.create_connection(("127.0.0.1", limited_server)) as sock:
        for _ in range(3):
            assert _exchange(sock, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").endswith(b"ok")
            time.sleep(0.3)  # below the keep-alive timeout; the headers timer is off
        assert 0.5 < _closed_after(sock) < 2.5  # closed by the keep-alive timeout
