"""Requests per second through azfunc's WSGI/ASGI middleware and azure-functions 1.26.0's.

Run: ``python benchmarks/bench_middleware.py [--seconds 1.0]``.

Each implementation runs in its own process: azfunc in this interpreter, the reference
in the interpreter named by ``AZFUNC_REFERENCE_PYTHON``, else ``/tmp/refvenv/bin/python``
if it has azure-functions, else a throwaway venv this script creates with
``pip install azure-functions==1.26.0``. If none works, it says so and runs azfunc alone.
Flask and FastAPI scenarios run only where the framework is installed in both.

Not a test: numbers depend on the machine. The ratio column is azfunc / reference.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_VERSION = "1.26.0"
SCENARIOS = ("wsgi raw", "asgi raw", "wsgi flask", "asgi fastapi", "asgi raw, 64 KiB body")


# -- the worker: runs in the measured interpreter ------------------------------------------


def _modules(impl: str) -> tuple[Any, Any, Any]:
    if impl == "azfunc":
        sys.path.insert(0, str(ROOT / "src"))
        base = "azfunc"
    else:
        base = "azure.functions"
    http = importlib.import_module(f"{base}._http")
    wsgi = importlib.import_module(f"{base}._http_wsgi")
    asgi = importlib.import_module(f"{base}._http_asgi")
    return http, wsgi, asgi


def _raw_wsgi(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
    return [b"hello"]


async def _raw_asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
    message = await receive()
    body = message.get("body", b"")
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain")],
        }
    )
    await send({"type": "http.response.body", "body": b"hello" if not body else body[:5]})


def _flask_app() -> Any:
    from flask import Flask, jsonify

    app = Flask("bench")

    @app.route("/api/items/<int:item>")
    def item(item: int) -> Any:
        return jsonify(item=item)

    return app


def _fastapi_app() -> Any:
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/api/items/{item}")
    async def item(item: int) -> dict[str, int]:
        return {"item": item}

    return app


def _rate(call: Callable[[], object], seconds: float) -> float:
    for _ in range(50):
        call()
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(20):
            call()
        count += 20
    return count / (time.perf_counter() - start)


async def _async_rate(call: Callable[[], Any], seconds: float) -> float:
    for _ in range(50):
        await call()
    count, start = 0, time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(20):
            await call()
        count += 20
    return count / (time.perf_counter() - start)


def worker(impl: str, seconds: float) -> dict[str, float]:
    """Measure every scenario this interpreter can run; return requests per second."""
    import logging

    logging.disable(logging.WARNING)
    http, wsgi, asgi = _modules(impl)

    def request(body: bytes = b"") -> Any:
        return http.HttpRequest(
            "GET",
            "https://bench.azurewebsites.net/api/items/42?q=1",
            headers={"Accept": "application/json", "User-Agent": "bench"},
            params={"q": "1"},
            route_params={},
            body=body,
        )

    results: dict[str, float] = {}
    wsgi_raw = wsgi.WsgiMiddleware(_raw_wsgi)
    results["wsgi raw"] = _rate(lambda: wsgi_raw.handle(request()), seconds)
    asgi_raw = asgi.AsgiMiddleware(_raw_asgi)
    results["asgi raw"] = asyncio.run(
        _async_rate(lambda: asgi_raw.handle_async(request()), seconds)
    )
    big = os.urandom(64 * 1024)
    results["asgi raw, 64 KiB body"] = asyncio.run(
        _async_rate(lambda: asgi_raw.handle_async(request(big)), seconds)
    )
    try:
        flask_app = wsgi.WsgiMiddleware(_flask_app())
    except ImportError:
        pass
    else:
        results["wsgi flask"] = _rate(lambda: flask_app.handle(request()), seconds)
    try:
        fastapi_app = asgi.AsgiMiddleware(_fastapi_app())
    except ImportError:
        pass
    else:
        results["asgi fastapi"] = asyncio.run(
            _async_rate(lambda: fastapi_app.handle_async(request()), seconds)
        )
    return results


# -- the driver ----------------------------------------------------------------------------


def _has_reference(python: str) -> bool:
    probe = f"import azure.functions as f; assert f.__version__ == {REFERENCE_VERSION!r}"
    try:
        return subprocess.run([python, "-c", probe], capture_output=True).returncode == 0
    except OSError:
        return False


def find_reference(scratch: Path) -> tuple[str | None, str]:
    """Return an interpreter with azure-functions 1.26.0 (or ``None``) and how it was found."""
    configured = os.environ.get("AZFUNC_REFERENCE_PYTHON")
    if configured and _has_reference(configured):
        return configured, f"AZFUNC_REFERENCE_PYTHON={configured}"
    if _has_reference("/tmp/refvenv/bin/python"):
        return "/tmp/refvenv/bin/python", "/tmp/refvenv"
    env_dir = scratch / "refvenv"
    print(f"Creating a throwaway venv with azure-functions=={REFERENCE_VERSION} ...", flush=True)
    try:
        venv.create(env_dir, with_pip=True)
        python = str(env_dir / "bin" / "python")
        packages = [f"azure-functions=={REFERENCE_VERSION}", "flask", "fastapi"]
        install = [python, "-m", "pip", "install", "-q", *packages]
        subprocess.run(install, check=True, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as err:
        return None, f"could not create a venv with azure-functions ({err})"
    return (python, "a throwaway venv") if _has_reference(python) else (None, "install failed")


def run_worker(python: str, impl: str, seconds: float) -> dict[str, float]:
    command = [python, __file__, "--worker", impl, "--seconds", str(seconds)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per scenario")
    parser.add_argument("--worker", choices=["azfunc", "reference"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.seconds)))
        return

    with tempfile.TemporaryDirectory(prefix="azfunc-bench-") as scratch:
        reference_python, found = find_reference(Path(scratch))
        ours = run_worker(sys.executable, "azfunc", args.seconds)
        if reference_python is None:
            print(f"Reference unavailable: {found}. Running azfunc alone.")
            reference: dict[str, float] = {}
        else:
            print(f"Reference: azure-functions {REFERENCE_VERSION} from {found}.")
            reference = run_worker(reference_python, "reference", args.seconds)

    print(f"\n{'scenario':<24}{'azfunc req/s':>14}{'reference req/s':>17}{'ratio':>9}")
    for scenario in SCENARIOS:
        if scenario not in ours:
            continue
        theirs = reference.get(scenario)
        ratio = f"{ours[scenario] / theirs:.2f}x" if theirs else "-"
        reference_text = f"{theirs:,.0f}" if theirs else "-"
        print(f"{scenario:<24}{ours[scenario]:>14,.0f}{reference_text:>17}{ratio:>9}")


if __name__ == "__main__":
    main()
