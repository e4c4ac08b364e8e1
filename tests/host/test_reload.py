"""azfunc start --reload: edits restart the host; a broken edit waits for the fix."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from tests.host.conftest import HostProcess, StartHost, write_app

pytestmark = pytest.mark.server

APP = """
import os
import pathlib

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.on_shutdown
def stopped() -> None:
    with open(pathlib.Path(os.environ["TEST_OUT"]) / "stops.txt", "a") as file:
        file.write("{version}\\n")


@app.route(route="version")
def version(req: func.HttpRequest) -> str:
    return "{version}"
"""


def _wait_for_text(host: HostProcess, text: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if host.client.get("/api/version").text == text:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the host did not serve {text!r} within {timeout} s:\n{host.log()}")


def test_reload_picks_up_edits_and_survives_a_broken_one(
    start_host: StartHost, tmp_path: Path
) -> None:
    app = write_app(tmp_path / "app", APP.replace("{version}", "one"))
    host = start_host(str(app), "--reload", env={"TEST_OUT": str(tmp_path)})
    assert host.client.get("/api/version").text == "one"

    (app / "function_app.py").write_text(APP.replace("{version}", "two"))
    _wait_for_text(host, "two")

    (app / "function_app.py").write_text("def broken(:\n")
    host.wait_for_log("The host exited with status 1; it restarts when a file changes.")
    assert "SyntaxError" in host.log()

    (app / "function_app.py").write_text(APP.replace("{version}", "three"))
    _wait_for_text(host, "three")

    assert host.stop() == 0
    assert (tmp_path / "stops.txt").read_text().split() == ["one", "two", "three"]
