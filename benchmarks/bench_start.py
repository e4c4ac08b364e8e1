"""Load test of ``azfunc start`` against the same handler served by uvicorn alone.

Run: ``python benchmarks/bench_start.py [--requests 2000] [--concurrency 16] [--max-seconds 30]``
(needs the ``start`` extra and httpx).

Three servers, each in its own process on a free loopback port, take the same load from
an httpx client in this process: ``--requests`` GET requests (after 100 warm-up ones),
``--concurrency`` at a time, stopping early after ``--max-seconds``:

* ``uvicorn``: a bare ASGI app answering ``Hello, world!`` (the baseline);
* ``azfunc start (async)``: an ``async def`` HTTP function returning the same response,
  with the host's routing, key check (the route is ANONYMOUS), invocation pipeline and
  one log line per request (to a file);
* ``azfunc start (sync)``: the same as a ``def``, which runs in the thread pool.

It prints requests per second and latency percentiles (ms), and the ratio of each
azfunc row to the uvicorn row, so the cost of azfunc's host layer is visible. Not a
test: the numbers depend on the machine, and client and servers share its CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent

BARE_APP = """
async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    await send({
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"content-type", b"text/plain; charset=utf-8")],
    })
    await send({"type": "http.response.body", "body": b"Hello, world!"})
"""

FUNCTION_APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello", methods=["GET"])
{kind} hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("Hello, world!")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: list[str], log: Path, cwd: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env)


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"server not ready after 20 s:\n{log.read_text()}")


async def _load(
    url: str, requests: int, concurrency: int, max_seconds: float
) -> tuple[list[float], float]:
    """Send ``requests`` GETs, ``concurrency`` at a time; return latencies (s) and wall time."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        for _ in range(100):  # warm-up
            (await client.get(url)).raise_for_status()
        remaining = requests
        started = time.perf_counter()
        deadline = started + max_seconds

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                begin = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - begin)
                if response.status_code != 200 or response.text != "Hello, world!":
                    raise SystemExit(
                        f"unexpected response {response.status_code}: {response.text!r}"
                    )

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, time.perf_counter() - started


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure(
    name: str, command: list[str], url: str, folder: Path, args: argparse.Namespace
) -> dict[str, float]:
    log = folder / f"{name.replace(' ', '_')}.log"
    process = _start(command, log, folder)
    try:
        _wait_ready(url, process, log)
        latencies, elapsed = asyncio.run(
            _load(url, args.requests, args.concurrency, args.max_seconds)
        )
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": _percentile(latencies, 0.50) * 1000,
        "p95": _percentile(latencies, 0.95) * 1000,
        "p99": _percentile(latencies, 0.99) * 1000,
        "mean": statistics.fmean(latencies) * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--max-seconds", type=float, default=30.0)
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "bare.py").write_text(textwrap.dedent(BARE_APP))
        port = _free_port()
        results["uvicorn"] = _measure(
            "uvicorn",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bare:app",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            f"http://127.0.0.1:{port}/api/hello",
            folder,
            args,
        )
        for kind, label in (("async def", "azfunc start (async)"), ("def", "azfunc start (sync)")):
            app = folder / kind.replace(" ", "_")
            app.mkdir()
            (app / "function_app.py").write_text(FUNCTION_APP.format(kind=kind))
            (app / "host.json").write_text('{"version": "2.0"}')
            port = _free_port()
            results[label] = _measure(
                label,
                [sys.executable, "-m", "azfunc", "start", str(app), "--port", str(port)],
                f"http://127.0.0.1:{port}/api/hello",
                folder,
                args,
            )
    base = results["uvicorn"]
    python = sys.version.split()[0]
    print(f"{args.requests} requests, concurrency {args.concurrency}, Python {python}, ", end="")
    print(f"{os.cpu_count()} CPUs")
    columns = ("requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "rps ratio", "p50 ratio")
    print(f"{'server':<22}" + "".join(f"{c:>10}" for c in columns))
    for name, row in results.items():
        cells = (
            f"{row['requests']:.0f}",
            f"{row['rps']:.0f}",
            *(f"{row[p]:.2f}" for p in ("p50", "p95", "p99")),
            f"{row['rps'] / base['rps']:.2f}",
            f"{row['p50'] / base['p50']:.2f}",
        )
        print(f"{name:<22}" + "".join(f"{c:>10}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
