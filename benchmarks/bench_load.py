"""Load and soak test of ``azfunc start`` against a bare uvicorn + Starlette app, with wrk.

Needs the ``start`` extra, Starlette (``pip install starlette``; the ``test`` extra
brings it with FastAPI) and `wrk <https://github.com/wg/wrk>`_, the HTTP load generator:

    sudo apt-get install -y wrk        # Debian, Ubuntu
    brew install wrk                   # macOS

Load (the default):

    python benchmarks/bench_load.py [--duration 10] [--concurrency 1 10 50]

Three servers, each in its own process on a free loopback port, answer the same trivial
route (``GET /api/hello`` -> ``Hello, world!``), keep-alive on:

* ``bare``: uvicorn serving a Starlette app (the baseline);
* ``azfunc async``: ``azfunc start`` serving an ``async def`` HTTP function (routing, key
  check of an ANONYMOUS route, the invocation pipeline, one log line per request, to a
  file, as by default);
* ``azfunc sync``: the same as a ``def``, which runs in the thread pool.

For each concurrency, wrk (one thread, ``-c N`` connections) loads each server for
``--duration`` seconds after a 2-second warm-up; the table shows requests per second,
latency percentiles, errors (socket errors and non-2xx answers), and each azfunc row's
throughput as a ratio of the bare row at the same concurrency. Targets: >= 0.5 for
async functions at concurrency 10 and 50, >= 0.35 for sync ones.

Soak: ``--soak SECONDS`` (600 for the 10-minute soak) first measures the peak of
``azfunc async`` at concurrency 50, then loads it at ``--soak-fraction`` (0.7) of that
peak, pacing each connection with a wrk Lua script, while sampling the server's RSS once
a second. It reports errors, RSS after the warm-up (the first tenth of the run, at least
10 s) and at the end, their growth, and p50/p99 latency. Targets: 0 errors, RSS growth
< 5 %, p99 <= 3 x p50. ``--soak-baseline SECONDS`` then soaks the bare app the same way
(at the same fraction of its own peak), in a second column: the tail the machine, wrk
and uvicorn give without azfunc.

``--json FILE`` also writes the results as JSON. Not a test: the numbers depend on the
machine, and wrk and the servers share its CPUs, so only ratios in one run mean much.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

BARE_APP = """
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def hello(request):
    return PlainTextResponse("Hello, world!")


app = Starlette(routes=[Route("/api/hello", hello)])
"""

FUNCTION_APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello", methods=["GET"])
{kind} hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("Hello, world!")
"""

#: Paces each wrk connection: ``delay()`` is the pause (ms) before each request.
PACED_SCRIPT = """
local pause = {pause}
function delay()
  return pause
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """One server process on a loopback port, its output in a log file."""

    def __init__(self, name: str, command: list[str], folder: Path, port: int) -> None:
        self.name = name
        self.url = f"http://127.0.0.1:{port}/api/hello"
        self.log = folder / "server.log"
        env = {
            **os.environ,
            "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        }
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, stdout=out, stderr=subprocess.STDOUT, cwd=folder, env=env
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{name} exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2) as response:
                    if response.read() == b"Hello, world!":
                        return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{name} not ready after 30 s:\n{self.log.read_text()}")

    def rss_kib(self) -> int:
        """The server's resident set size in KiB (Linux)."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        return int(found.group(1)) if found else 0

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _start_servers(folder: Path) -> list[Server]:
    servers = []
    bare = folder / "bare"
    bare.mkdir()
    (bare / "bare_app.py").write_text(BARE_APP)
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log"]
    servers.append(Server("bare", command, bare, port))
    for kind, name in (("async def", "azfunc async"), ("def", "azfunc sync")):
        app = folder / name.replace(" ", "_")
        app.mkdir()
        (app / "function_app.py").write_text(textwrap.dedent(FUNCTION_APP.format(kind=kind)))
        (app / "host.json").write_text('{"version": "2.0"}')
        port = _free_port()
        command = [sys.executable, "-m", "azfunc", "start", str(app), "--port", str(port)]
        servers.append(Server(name, command, app, port))
    return servers


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(url: str, connections: int, seconds: float, script: Path | None = None) -> dict[str, Any]:
    """Run wrk and parse its report: requests, req/s, p50/p90/p99 ms, errors."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)$", output, re.MULTILINE))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)) + sum(
        int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output)
    )
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50_ms": _ms(percentiles["50"]),
        "p90_ms": _ms(percentiles["90"]),
        "p99_ms": _ms(percentiles["99"]),
        "errors": errors,
    }


def load(servers: list[Server], concurrencies: list[int], duration: float) -> list[dict[str, Any]]:
    rows = []
    for connections in concurrencies:
        bare_rps = None
        for server in servers:
            wrk(server.url, connections, 2)  # warm-up
            result = wrk(server.url, connections, duration)
            bare_rps = result["rps"] if server.name == "bare" else bare_rps
            ratio = result["rps"] / bare_rps if bare_rps else 1.0
            rows.append(
                {"server": server.name, "connections": connections, **result, "ratio": ratio}
            )
            print(
                f"{server.name:<14}{connections:>5}{result['requests']:>10}{result['rps']:>10.0f}"
                f"{result['p50_ms']:>9.2f}{result['p90_ms']:>9.2f}{result['p99_ms']:>9.2f}"
                f"{result['errors']:>8}{ratio:>8.2f}",
                flush=True,
            )
    return rows


def soak(server: Server, seconds: float, fraction: float, folder: Path) -> dict[str, Any]:
    connections = 50
    wrk(server.url, connections, 2)
    peak = wrk(server.url, connections, 10)["rps"]
    target = peak * fraction
    # each connection waits pause ms before each request; the answer time adds to it,
    # so the rate lands a little under the target
    pause = max(1, round(connections * 1000 / target))
    script = folder / "paced.lua"
    script.write_text(PACED_SCRIPT.format(pause=pause))
    samples: list[tuple[float, int]] = []
    done = threading.Event()

    def sample() -> None:
        started = time.monotonic()
        while not done.wait(1.0):
            samples.append((time.monotonic() - started, server.rss_kib()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        result = wrk(server.url, connections, seconds, script)
    finally:
        done.set()
        sampler.join()
    warm_up = max(10.0, seconds / 10)
    after_warm_up = next((rss for t, rss in samples if t >= warm_up), samples[0][1])
    end = samples[-1][1]
    return {
        "server": server.name,
        "seconds": seconds,
        "peak_rps": peak,
        "target_rps": target,
        **result,
        "rss_after_warm_up_kib": after_warm_up,
        "rss_end_kib": end,
        "rss_growth": (end - after_warm_up) / after_warm_up,
        "p99_over_p50": result["p99_ms"] / result["p50_ms"],
    }


def _shown(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per cell")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--soak", type=float, metavar="SECONDS", help="run the soak instead")
    parser.add_argument("--soak-fraction", type=float, default=0.7)
    parser.add_argument(
        "--soak-baseline",
        type=float,
        metavar="SECONDS",
        default=0.0,
        help="after the soak, soak the bare app this long at the same fraction of its own peak",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        print(
            "bench_load.py needs wrk: `sudo apt-get install -y wrk` (Debian, Ubuntu) or "
            "`brew install wrk` (macOS).",
            file=sys.stderr,
        )
        return 2
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs, wrk -t1", flush=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        servers = _start_servers(folder)
        try:
            if args.soak:
                result: Any = [soak(servers[1], args.soak, args.soak_fraction, folder)]
                if args.soak_baseline:
                    result.append(soak(servers[0], args.soak_baseline, args.soak_fraction, folder))
                for key in result[0]:
                    shown = [_shown(r[key]) for r in result]
                    print(f"{key:<24}" + "".join(f"{value:<16}" for value in shown))
            else:
                print(
                    f"{'server':<14}{'conns':>5}{'requests':>10}{'req/s':>10}{'p50 ms':>9}"
                    f"{'p90 ms':>9}{'p99 ms':>9}{'errors':>8}{'ratio':>8}"
                )
                result = load(servers, args.concurrency, args.duration)
        finally:
            for server in servers:
                server.stop()
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
