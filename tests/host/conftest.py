"""Start ``python -m azfunc start`` in a subprocess on a free loopback port and talk to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
READY_TIMEOUT = 20.0
MASTER_KEY = "test-master-key"
HOST_KEY = "test-host-key"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_app(
    folder: Path,
    source: str,
    *,
    host_json: str = '{"version": "2.0"}',
    local_settings: str | None = None,
) -> Path:
    """Write an app (function_app.py, host.json, local.settings.json) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "function_app.py").write_text(textwrap.dedent(source), encoding="utf-8")
    (folder / "host.json").write_text(host_json, encoding="utf-8")
    if local_settings is not None:
        (folder / "local.settings.json").write_text(local_settings, encoding="utf-8")
    return folder


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AZFUNC_")}
    env.update({"AZFUNC_MASTER_KEY": MASTER_KEY, "AZFUNC_HOST_KEY": HOST_KEY})
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra or {})
    return env


class HostProcess:
    """A running ``azfunc start``; its output goes to a log file."""

    def __init__(self, args: list[str], log: Path, env: Mapping[str, str] | None) -> None:
        self.port = free_port()
        self.log_path = log
        self.base_url = f"http://127.0.0.1:{self.port}"
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "azfunc", "start", *args, "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=_env(env),
            )
        self.client = httpx.Client(base_url=self.base_url, timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"azfunc start exited early:\n{self.log()}")
            try:
                if self.client.get("/").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"azfunc start was not ready after {timeout} s:\n{self.log()}")

    def wait_for_log(self, text: str, timeout: float = 10.0, count: int = 1) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.log()
            if log.count(text) >= count:
                return log
            time.sleep(0.1)
        raise AssertionError(f"{text!r} (x{count}) not logged within {timeout} s:\n{self.log()}")

    def stop(self, sig: int | None = None, timeout: float = 20.0) -> int:
        """Stop the process (SIGTERM by default) and return its exit status."""
        self.client.close()
        if self.process.poll() is None:
            if sig is None:
                self.process.terminate()
            else:
                self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


StartHost = Callable[..., HostProcess]


@pytest.fixture
def start_host(tmp_path: Path) -> Iterator[StartHost]:
    """Start ``azfunc start <args>``, wait until it serves; every process is killed after."""
    started: list[HostProcess] = []

    def start(*args: str, env: Mapping[str, str] | None = None, ready: bool = True) -> HostProcess:
        host = HostProcess(list(args), tmp_path / f"host-{len(started)}.log", env)
        started.append(host)
        if ready:
            host.wait_ready()
        return host

    yield start
    for host in started:
        host.stop()


@pytest.fixture(scope="module")
def module_tmp(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A temporary folder shared by the tests of one module."""
    return tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])


def shared_host(
    folder: Path, *args: str, env: Mapping[str, str] | None = None
) -> Iterator[HostProcess]:
    """Body of a module-scoped fixture: one ready server for several tests."""
    host = HostProcess(list(args), folder / "host.log", env)
    try:
        host.wait_ready()
        yield host
    finally:
        host.stop()


def run_start(
    *args: str, env: Mapping[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``azfunc start`` expecting it to exit by itself (a bad app)."""
    return subprocess.run(
        [sys.executable, "-m", "azfunc", "start", *args],
        capture_output=True,
        text=True,
        env=_env(env),
        timeout=timeout,
        check=False,
    )
