"""Each parser raises only its documented error, with a message, on the inputs that used
to crash it or hang; the test client and the host agree where they used to differ."""

from __future__ import annotations

import asyncio
import datetime
import json
import time
from pathlib import Path
from typing import Any

import pytest

import azfunc as func
from azfunc import testing
from azfunc._config.host_json import (
    HostJsonError,
    read_host_json,
    read_route_prefix,
    strip_json_comments,
)
from azfunc._config.local_settings import LocalSettingsError, read_local_settings
from azfunc._host import body as host_body
from azfunc._ncrontab import ScheduleError, TimeSpanSchedule, parse_schedule
from azfunc._routing.template import parse_route_template
from azfunc._testing.transport import call_app, http_scope
from azfunc._utils import TIMESPAN_MAX, parse_timespan

DOCS = "https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions"


# -- schedules and TimeSpans ---------------------------------------------------------------


def test_a_timespan_above_the_dotnet_maximum_is_a_schedule_error() -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule("1000000000.00:00:00")
    assert str(raised.value) == (
        "Schedule '1000000000.00:00:00' is invalid: a TimeSpan is at most "
        "10675199.02:48:05.4775807 (.NET's TimeSpan.MaxValue); write a shorter interval. "
        f"See {DOCS}"
    )
    assert parse_timespan("10675199.02:48:05") < TIMESPAN_MAX
    with pytest.raises(ValueError, match=r"TimeSpan\.MaxValue"):
        parse_timespan("10675199.02:48:06")
    with pytest.raises(ValueError, match=r"\(5009 characters\): a TimeSpan is at most"):
        parse_timespan("9" * 5000 + ".00:00:00")


def test_a_field_of_4301_digits_is_a_schedule_error() -> None:
    with pytest.raises(ScheduleError) as raised:
        parse_schedule("1" * 4301 + " * * * * *")
    message = str(raised.value)
    assert message.startswith("Schedule '111111111111111111111111111111'... (4311 characters)")
    assert "the second field has '111111111111111111111111111111'... (4301 characters), " in message
    assert "outside 0-59" in message
    step = parse_schedule("*/" + "9" * 5000 + " * * * * *")
    assert step.fields[0] == frozenset({0})  # type: ignore[attr-defined]
    assert parse_schedule("00005 * * * * *").fields[0] == frozenset({5})  # type: ignore[attr-defined]


def test_a_timer_beyond_the_year_9999_never_fires() -> None:
    schedule = parse_schedule("3000000.00:00:00")
    assert isinstance(schedule, TimeSpanSchedule)
    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert schedule.next_after(moment) == datetime.datetime.max.replace(
        tzinfo=datetime.timezone.utc
    )


def test_get_functions_keeps_a_huge_schedule_as_the_reference_does() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(schedule="1000000000.00:00:00", arg_name="timer")
    def tick(timer: func.TimerRequest) -> None:
        pass

    (function,) = app.get_functions()
    assert json.loads(function.get_function_json())["bindings"][0]["schedule"] == (
        "1000000000.00:00:00"
    )


# -- host.json and local.settings.json -----------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_host_json_nested_5000_deep_is_a_host_json_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "host.json", '{"version": "2.0", "x": ' + "[" * 5000 + "]" * 5000 + "}")
    with pytest.raises(HostJsonError) as raised:
        read_host_json(path)
    assert str(raised.value) == (
        f"host.json at {str(path)!r} cannot be read: it nests objects and arrays 5001 deep, "
        "over the limit of 500. Flatten it."
    )


def test_a_function_timeout_above_the_dotnet_maximum_is_a_host_json_error(tmp_path: Path) -> None:
    document = '{"version": "2.0", "functionTimeout": "1000000000.00:00:00"}'
    path = _write(tmp_path, "host.json", document)
    with pytest.raises(HostJsonError, match="functionTimeout"):
        read_host_json(path)


def test_a_number_of_5000_digits_is_a_host_json_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "host.json", '{"version": "2.0", "x": ' + "1" * 5000 + "}")
    with pytest.raises(HostJsonError, match="cannot be read: Exceeds the limit"):
        read_host_json(path)


@pytest.mark.parametrize(
    ("port", "shown"),
    [("²", "'²'"), ("٣", "'٣'"), ("1" * 5000, repr("1" * 5000)), ("99999", "99999")],
)
def test_a_local_http_port_that_is_no_port_number_is_a_local_settings_error(
    tmp_path: Path, port: str, shown: str
) -> None:
    document = {"IsEncrypted": False, "Values": {}, "Host": {"LocalHttpPort": port}}
    path = _write(tmp_path, "local.settings.json", json.dumps(document))
    with pytest.raises(LocalSettingsError) as raised:
        read_local_settings(path)
    assert str(raised.value) == (
        f"local.settings.json at {str(path)!r}: Host.LocalHttpPort is {shown}. "
        "It must be a port number, e.g. 7071."
    )


def test_the_comment_stripper_is_linear() -> None:
    for text in ("/*a" * 32_000, '"' + "a" * 100_000, "/ " * 50_000, '"\\' * 50_000):
        started = time.perf_counter()
        assert strip_json_comments(text) == text  # nothing closed: left for the parser
        assert time.perf_counter() - started < 0.5
    assert strip_json_comments("/" * 100_000) == " " * 100_000
    assert strip_json_comments('{"a": "//x", // c\n "b": /* q\n */ 1}') == (
        '{"a": "//x",     \n "b":     \n    1}'
    )


def test_read_route_prefix_accepts_comments_as_the_host_does(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "host.json",
        (
            '{\n  // the prefix\n  "version": "2.0",\n'
            '  "extensions": {"http": {"routePrefix": "v1"}} /* ok */\n}'
        ),
    )
    assert read_route_prefix(tmp_path) == "v1"


# -- the HTTP request ------------------------------------------------------------------------


def test_get_json_of_deeply_nested_json_is_a_value_error() -> None:
    request = func.HttpRequest("POST", "http://localhost/api/x", body=b"[" * 100_000)
    with pytest.raises(ValueError) as raised:
        request.get_json()
    assert str(raised.value) == (
        "The HTTP request body nests JSON arrays and objects too deeply to parse "
        "(it is 100000 characters long); send a flatter document."
    )


# -- routes ----------------------------------------------------------------------------------


def test_matching_a_multi_parameter_segment_is_linear() -> None:
    template = parse_route_template("rep/{year}-{month}-{day}.{fmt}")
    started = time.perf_counter()
    for length in (1_600, 3_200, 100_000):
        assert template.match(["rep", "-" * length]) is None
    assert time.perf_counter() - started < 1.0
    assert template.match(["rep", "2024-1-2-3.x.json"]) == {
        "year": "2024-1",
        "month": "2",
        "day": "3.x",
        "fmt": "json",
    }


@pytest.mark.parametrize(
    "constraint", ["int", "long", "decimal", "min(1)", "max(10)", "range(1,10)"]
)
def test_a_4301_digit_value_fails_a_numeric_constraint(constraint: str) -> None:
    template = parse_route_template(f"n/{{v:{constraint}}}")
    assert template.match(["n", "9" * 4301]) is None
    assert template.match(["n", "0" * 5000 + "5"]) == {"v": "0" * 5000 + "5"}


@pytest.mark.parametrize(
    "pattern", ["(" * 2000 + "a" + ")" * 2000, "a{{99999999999}}", "a{{5,3}}"]
)
def test_a_regex_python_cannot_compile_is_a_template_error(pattern: str) -> None:
    with pytest.raises(ValueError, match=r"is not a valid regular expression"):
        parse_route_template(f"n/{{v:regex({pattern})}}")


def test_a_constraint_argument_of_4301_digits_is_a_template_error() -> None:
    with pytest.raises(ValueError, match="has an argument of 4301 digits, outside the 64-bit"):
        parse_route_template("n/{v:min(" + "9" * 4301 + ")}")


# -- the test client agrees with the host ----------------------------------------------------


def _app() -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="send", methods=["POST"])
    @app.queue_output(arg_name="msg", queue_name="out", connection="AzureWebJobsStorage")
    def send(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
        msg.set("sent before the error")
        raise RuntimeError("boom")

    @app.route(route="files/{name}", methods=["GET", "POST"])
    def files(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(req.route_params["name"])

    @app.route(route="bad", methods=["GET"])
    def bad(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("x", headers={"a b": "1"})

    return app


def test_the_client_reports_no_outputs_after_a_raise_as_the_host_records_none() -> None:
    with testing.Client(_app(), raise_server_exceptions=False) as client:
        response = client.post("/api/send", body=b"x")
    assert (response.status_code, response.outputs) == (500, {})
    assert response.result is not None
    assert response.result.outputs == {"msg": "sent before the error"}


def test_the_client_removes_dot_segments_like_kestrel() -> None:
    with testing.Client(_app()) as client:
        assert client.get("/api/nowhere/%2e%2e/files/a.txt").text == "a.txt"
        assert client.get("/api/files/%2E/b.txt").text == "b.txt"
        assert client.get("/api/files/a%2F..").text == "a/.."


def test_the_client_refuses_a_response_the_host_cannot_send() -> None:
    with testing.Client(_app()) as client, pytest.raises(ValueError) as raised:
        client.get("/api/bad")
    assert str(raised.value).startswith("HttpResponse header name 'a b' cannot be sent")


def test_the_client_answers_414_over_8_kib_of_url() -> None:
    with testing.Client(_app()) as client:
        assert client.get("/api/files/" + "a" * 8100).status_code == 200
        response = client.get("/api/files/" + "a" * 8200)
    assert (response.status_code, response.text) == (414, "The URL is longer than 8192 bytes.")


# -- request bodies: memory budget and stalls ------------------------------------------------


def _post(path: str, length: int) -> dict[str, Any]:
    url = f"http://localhost{path}"
    return http_scope("POST", url, headers=[("content-length", str(length))])


def _host_of(client: testing.Client) -> Any:
    return client._host  # type: ignore[attr-defined]


def test_bodies_over_the_memory_budget_get_503(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("azfunc._host.asgi.MAX_BUFFERED_BODIES", 1000)
    with testing.Client(_app()) as client:
        host = _host_of(client)

        async def scenario() -> tuple[int, int, int]:
            release = asyncio.Event()
            sent_first = False

            async def slow_receive() -> dict[str, Any]:  # 800 bytes, then waits
                nonlocal sent_first
                if not sent_first:
                    sent_first = True
                    return {"type": "http.request", "body": b"a" * 800, "more_body": True}
                await release.wait()
                return {"type": "http.request", "body": b"", "more_body": False}

            statuses: list[int] = []

            async def send(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    statuses.append(message["status"])

            first = asyncio.ensure_future(host(_post("/api/files/a", 800), slow_receive, send))
            await asyncio.sleep(0.05)
            second = await call_app(host, _post("/api/files/b", 300), b"b" * 300)
            release.set()
            await first
            third = await call_app(host, _post("/api/files/c", 300), b"c" * 300)
            return statuses[0], second.status, third.status

        assert asyncio.run(scenario()) == (200, 503, 200)


def test_a_body_that_stalls_gets_408(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(host_body, "BODY_TIMEOUT", 0.2)
    with testing.Client(_app()) as client:
        host = _host_of(client)

        async def scenario() -> tuple[int, bytes]:
            async def never() -> dict[str, Any]:
                await asyncio.sleep(60)
                return {"type": "http.disconnect"}

            replies: list[dict[str, Any]] = []

            async def send(message: dict[str, Any]) -> None:
                replies.append(dict(message))

            await asyncio.wait_for(host(_post("/api/files/a", 5), never, send), 5)
            return replies[0]["status"], replies[1]["body"]

        assert asyncio.run(scenario()) == (
            408,
            b"No part of the request body came for 0.2 seconds.",
        )


def test_azfunc_index_reports_a_huge_schedule_instead_of_crashing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from azfunc._cli.main import main

    (tmp_path / "function_app.py").write_text(
        "import azfunc as func\n"
        "app = func.FunctionApp()\n"
        "@app.timer_trigger(schedule='1000000000.00:00:00', arg_name='timer')\n"
        "def tick(timer: func.TimerRequest) -> None:\n"
        "    pass\n",
        encoding="utf-8",
    )
    assert main(["index", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "OverflowError" not in err
    assert (
        "function_app.py:4: error: Function 'tick' has a timer schedule the host rejects, so "
        "the function never runs: Schedule '1000000000.00:00:00' is invalid: a TimeSpan is at "
        "most 10675199.02:48:05.4775807 (.NET's TimeSpan.MaxValue)"
    ) in err


def test_get_json_of_the_request_a_function_gets_is_a_value_error_too() -> None:
    # The worker's request type (azfunc.http.HttpRequest) parses text and bytes bodies.
    from azfunc.http import HttpRequest

    empty: dict[str, str] = {}
    fields: dict[str, Any] = {"headers": empty, "params": empty, "route_params": empty}
    text = HttpRequest("POST", "http://x/", body="[" * 100_000, body_type="json", **fields)
    with pytest.raises(ValueError, match="nests JSON arrays and objects too deeply"):
        text.get_json()
    raw = HttpRequest("POST", "http://x/", body=b"[" * 100_000, body_type="bytes", **fields)
    with pytest.raises(ValueError) as raised:
        raw.get_json()
    assert str(raised.value) == "HTTP request does not contain valid JSON data"
    with testing.Client(_json_app()) as client:
        response = client.post("/api/echo", body=b"[" * 100_000)
    assert (response.status_code, response.text) == (400, "ValueError")


def _json_app() -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="echo", methods=["POST"])
    def echo(req: func.HttpRequest) -> func.HttpResponse:
        try:
            return func.HttpResponse(repr(req.get_json()))
        except ValueError as error:
            return func.HttpResponse(type(error).__name__, status_code=400)

    return app


def test_the_client_reads_the_prefix_of_a_commented_host_json_the_host_refuses(
    tmp_path: Path,
) -> None:
    (tmp_path / "function_app.py").write_text(
        "import azfunc as func\n"
        "app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\n"
        "@app.route(route='x')\n"
        "def x(req: func.HttpRequest) -> func.HttpResponse:\n"
        "    return func.HttpResponse('x')\n",
        encoding="utf-8",
    )
    (tmp_path / "host.json").write_text(
        '{\n  // refused by the host: version 1.0\n  "version": "1.0",\n'
        '  "extensions": {"http": {"routePrefix": "v2"}} /* the prefix */\n}\n',
        encoding="utf-8",
    )
    with testing.Client(tmp_path) as client:
        assert client.get("/v2/x").text == "x"
