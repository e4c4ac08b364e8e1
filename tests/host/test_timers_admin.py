"""Timers, the admin endpoint, recorded outputs, function filter and clean shutdown."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.host.conftest import MASTER_KEY, HostProcess, StartHost, shared_host, write_app

pytestmark = pytest.mark.server

APP = """
import json
import os
import pathlib
import time

import azfunc as func

app = func.FunctionApp()
OUT = pathlib.Path(os.environ["TEST_OUT"])


@app.on_startup
def started() -> None:
    (OUT / "started").write_text("yes")


@app.on_shutdown
async def stopped() -> None:
    (OUT / "stopped").write_text("yes")


@app.timer_trigger(schedule="*/1 * * * * *", arg_name="timer", run_on_startup=True)
@app.queue_output(arg_name="out", queue_name="ticks", connection="AzureWebJobsStorage")
def tick(timer: func.TimerRequest, out: func.Out[str]) -> None:
    out.set(json.dumps({"past_due": timer.past_due, "next": timer.schedule_status["Next"]}))


@app.timer_trigger(schedule="%SLOW_SCHEDULE%", arg_name="timer")
def slow_tick(timer: func.TimerRequest) -> None:
    with open(OUT / "slow.txt", "a") as file:
        file.write(f"{timer.past_due}\\n")
    time.sleep(2.2)


@app.queue_trigger(arg_name="msg", queue_name="in", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="out", queue_name="out", connection="AzureWebJobsStorage")
def shout(msg: func.QueueMessage, out: func.Out[str]) -> None:
    out.set(msg.get_body().decode().upper() + f" (dequeue count {msg.dequeue_count})")


@app.queue_trigger(arg_name="msg", queue_name="raw", connection="AzureWebJobsStorage")
@app.blob_output(arg_name="copy", path="copies/{rand-guid}", connection="AzureWebJobsStorage")
def copy(msg: func.QueueMessage, copy: func.Out[bytes]) -> None:
    copy.set(msg.get_body())


@app.route(route="ping", auth_level=func.AuthLevel.ANONYMOUS)
def ping(req: func.HttpRequest) -> str:
    return "pong"
"""


@pytest.fixture(scope="module")
def out_dir(module_tmp: Path) -> Path:
    folder = module_tmp / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def host(module_tmp: Path, out_dir: Path) -> Iterator[HostProcess]:
    app = write_app(module_tmp / "app", APP)
    env = {"TEST_OUT": str(out_dir), "SLOW_SCHEDULE": "*/1 * * * * *"}
    yield from shared_host(
        module_tmp, str(app), "--auth", "--outputs", str(out_dir / "outputs"), env=env
    )


def _files(folder: Path, count: int, timeout: float = 8.0) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*")) if folder.is_dir() else []
        if len(files) >= count:
            return files
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} files in {folder} after {timeout} s")


def test_startup_hook_ran_before_serving(host: HostProcess, out_dir: Path) -> None:
    assert (out_dir / "started").read_text() == "yes"


def test_timer_runs_on_startup_then_every_second(host: HostProcess, out_dir: Path) -> None:
    files = _files(out_dir / "outputs" / "tick" / "out", 3)
    values = [json.loads(f.read_text()) for f in files[:3]]
    assert values[0]["past_due"] is False  # the run_on_startup one
    assert all(v["next"] for v in values)
    assert "Executed 'Functions.tick' (Succeeded, trigger=timerTrigger, Id=" in host.log()


def test_past_due_is_true_when_a_run_overruns_the_schedule(
    host: HostProcess, out_dir: Path
) -> None:
    deadline = time.monotonic() + 10
    lines: list[str] = []
    while time.monotonic() < deadline and len(lines) < 2:
        path = out_dir / "slow.txt"
        lines = path.read_text().split() if path.exists() else []
        time.sleep(0.1)
    assert lines[:2] == ["False", "True"]
    assert "Executed 'Functions.slow_tick' (Succeeded" in host.wait_for_log("(past due)")


def test_admin_invocation_runs_the_function_and_records_outputs(
    host: HostProcess, out_dir: Path
) -> None:
    response = host.client.post(
        "/admin/functions/SHOUT", json={"input": "hello"}, headers={"x-functions-key": MASTER_KEY}
    )
    assert (response.status_code, response.text) == (202, "")
    invocation_id = response.headers["x-azfunc-invocation-id"]
    (file,) = _files(out_dir / "outputs" / "shout" / "out", 1)
    assert file.name.endswith(f"-{invocation_id}.txt")
    assert file.read_text() == "HELLO (dequeue count 1)"
    log = host.wait_for_log(f"Id={invocation_id}")
    assert "output queue 'out' (queueName=out): HELLO (dequeue count 1)" in log


def test_admin_bytes_output_is_written_as_bin(host: HostProcess, out_dir: Path) -> None:
    response = host.client.post(
        "/admin/functions/copy", json={"input": "raw data"}, params={"code": MASTER_KEY}
    )
    assert response.status_code == 202
    (file,) = _files(out_dir / "outputs" / "copy" / "copy", 1)
    assert (file.suffix, file.read_bytes()) == (".bin", b"raw data")


def test_admin_errors(host: HostProcess) -> None:
    key = {"x-functions-key": MASTER_KEY}
    assert host.client.post("/admin/functions/shout", json={"input": "x"}).status_code == 401
    missing = host.client.post("/admin/functions/nope", json={}, headers=key)
    assert (missing.status_code, missing.text) == (
        404,
        "No function named 'nope'; the app serves tick, slow_tick, shout, copy, ping.",
    )
    bad = host.client.post("/admin/functions/shout", content=b"{nope", headers=key)
    assert bad.status_code == 400
    assert bad.text.startswith('The admin request body must be JSON such as {"input": "..."}')
    assert host.client.get("/admin/functions/shout", headers=key).status_code == 405


def test_sigterm_stops_cleanly_and_runs_on_shutdown(host: HostProcess, out_dir: Path) -> None:
    assert host.stop(signal.SIGTERM) == 0
    assert (out_dir / "stopped").read_text() == "yes"
    log = host.log()
    assert log.rstrip().endswith("Host stopped.")
    assert "Traceback" not in log


def test_ctrl_c_and_functions_filter(start_host: StartHost, tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", APP)
    (tmp_path / "out").mkdir()
    env = {"TEST_OUT": str(tmp_path / "out"), "SLOW_SCHEDULE": "0 0 0 1 1 *"}
    host = start_host(str(app), "--functions", "PING", "copy", env=env)
    assert host.client.get("/api/ping").text == "pong"
    log = host.log()
    assert "tick:" not in log and "copy: queueTrigger" in log
    assert host.stop(signal.SIGINT) == 0
    assert (tmp_path / "out" / "stopped").read_text() == "yes"
    assert "Traceback" not in host.log()
