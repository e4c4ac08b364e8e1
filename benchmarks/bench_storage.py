"""Queue trigger of ``azfunc start`` against Azurite: enqueue-to-start latency and throughput.

Run: ``python benchmarks/bench_storage.py [--messages 300] [--probes 6] [--polling 1.0]``
(needs the ``start`` and ``storage`` extras, node and npm: Azurite 3.35.0 is installed from
the npm registry into a cached folder and started on free loopback ports, as the
``azurite`` tests do).

* **Latency.** An idle queue (the back-off has reached ``maxPollingInterval``, set to
  ``--polling`` seconds in host.json) gets one message at a time, ``--probes`` times; the
  function writes the time it starts. Each latency is start time minus the time just
  before the message was sent. The host's promise, and the bound printed next to it, is
  ``maxPollingInterval`` plus 100 ms.
* **Throughput.** ``--messages`` messages are put on a queue and consumed, three times,
  one after the other: by a bare loop of the same SDK client in this process (receive 16,
  delete each: the baseline), and by ``azfunc start`` with a no-op ``def`` and a no-op
  ``async def`` queue function (timed from the first to the last invocation line of the
  log). Each row shows messages per second and its ratio to the baseline.

Not a test: the numbers depend on the machine; Azurite, the host and this script share
its CPUs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.azurite import Azurite, run_azurite  # noqa: E402
from tests.host.conftest import free_port  # noqa: E402

APP = """
import time

import azfunc as func

app = func.FunctionApp()
STORAGE = "AzureWebJobsStorage"


@app.queue_trigger(arg_name="msg", queue_name="probe", connection=STORAGE)
def probe(msg: str) -> None:
    started = time.time()
    with open({stamps!r}, "a", encoding="utf-8") as out:
        out.write(f"{{msg}} {{started}}\\n")


@app.queue_trigger(arg_name="msg", queue_name="noop-sync", connection=STORAGE)
def noop_sync(msg: str) -> None:
    pass


@app.queue_trigger(arg_name="msg", queue_name="noop-async", connection=STORAGE)
async def noop_async(msg: str) -> None:
    pass
"""

_LINE = re.compile(r"^\[(\d\d):(\d\d):(\d\d\.\d+)\] Executed 'Functions\.(\w+)' \(Succeeded")


def _queue(azurite: Azurite, name: str) -> Any:
    from azure.storage.queue import BinaryBase64EncodePolicy, QueueClient

    client = QueueClient.from_connection_string(
        azurite.connection_string, name, message_encode_policy=BinaryBase64EncodePolicy()
    )
    client.create_queue()
    return client


def _fill(client: Any, count: int) -> None:
    for index in range(count):
        client.send_message(f"message {index}".encode())


def _baseline(client: Any, count: int) -> float:
    """Messages per second of a bare receive-and-delete loop of the SDK client."""
    done = 0
    started = time.perf_counter()
    while done < count:
        for message in client.receive_messages(messages_per_page=16, max_messages=16):
            client.delete_message(message)
            done += 1
    return count / (time.perf_counter() - started)


def _executed(log: Path, function: str) -> list[float]:
    times = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _LINE.match(line)
        if match and match.group(4) == function:
            hours, minutes, seconds = match.group(1, 2, 3)
            times.append(int(hours) * 3600 + int(minutes) * 60 + float(seconds))
    return times


def _wait_for(log: Path, function: str, count: int, timeout: float) -> list[float]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        times = _executed(log, function)
        if len(times) >= count:
            return times
        time.sleep(0.2)
    raise SystemExit(f"{function}: {len(_executed(log, function))}/{count} ran in {timeout} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--probes", type=int, default=6)
    parser.add_argument("--polling", type=float, default=1.0, help="maxPollingInterval, s")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="azfunc-bench-storage-"))
    azurite_run = run_azurite(folder)
    azurite = next(azurite_run)
    try:
        return _run(args, folder, azurite)
    finally:
        azurite_run.close()


def _run(args: argparse.Namespace, folder: Path, azurite: Azurite) -> int:
    stamps = folder / "stamps.txt"
    app = folder / "bench-app"
    app.mkdir()
    (app / "function_app.py").write_text(textwrap.dedent(APP.format(stamps=str(stamps))))
    polling = f"00:00:{args.polling:06.3f}"
    (app / "host.json").write_text(
        json.dumps({"version": "2.0", "extensions": {"queues": {"maxPollingInterval": polling}}})
    )
    queues = {name: _queue(azurite, name) for name in ("probe", "noop-sync", "noop-async")}
    baseline_queue = _queue(azurite, "baseline")
    _fill(baseline_queue, args.messages)
    baseline = _baseline(baseline_queue, args.messages)
    _fill(queues["noop-sync"], args.messages)

    log = folder / "host.log"
    env = {**os.environ, "AzureWebJobsStorage": azurite.connection_string}
    env["PYTHONUNBUFFERED"] = "1"
    with log.open("wb") as out:
        host = subprocess.Popen(
            [sys.executable, "-m", "azfunc", "start", str(app), "--port", str(free_port())],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        rates = {}
        for function, queue in (("noop_sync", None), ("noop_async", "noop-async")):
            if queue is not None:  # one consumer at a time
                _fill(queues[queue], args.messages)
            times = _wait_for(log, function, args.messages, timeout=300)
            rates[function] = (len(times) - 1) / max(times[-1] - times[0], 1e-6)
        latencies = []
        for index in range(args.probes):
            # long enough for the back-off to reach maxPollingInterval, at a random phase
            time.sleep(args.polling * 4 + random.uniform(0, args.polling))
            sent = time.time()
            queues["probe"].send_message(f"probe-{index}".encode())
            deadline = time.monotonic() + args.polling * 5 + 10
            while time.monotonic() < deadline:
                found = [
                    line.split()
                    for line in (stamps.read_text().splitlines() if stamps.exists() else [])
                ]
                started = [float(t) for name, t in found if name == f"probe-{index}"]
                if started:
                    latencies.append(started[0] - sent)
                    break
                time.sleep(0.01)
            else:
                raise SystemExit(f"probe {index} did not run:\n{log.read_text()}")
    finally:
        host.terminate()
        host.wait(30)

    bound = args.polling + 0.1
    print(
        f"Azurite 3.35.0, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
        f"maxPollingInterval {args.polling:g} s"
    )
    print()
    print(f"enqueue-to-start latency on an idle queue, {args.probes} probes (bound {bound:g} s)")
    print(
        f"  median {statistics.median(latencies):.3f} s, max {max(latencies):.3f} s, "
        f"within bound: {'yes' if max(latencies) <= bound else 'NO'}"
    )
    print()
    print(f"throughput, {args.messages} messages")
    print(f"{'consumer':<36}{'msg/s':>10}{'ratio':>8}")
    rows = [
        ("SDK receive+delete loop (baseline)", baseline),
        ("azfunc start, no-op def", rates["noop_sync"]),
        ("azfunc start, no-op async def", rates["noop_async"]),
    ]
    for name, rate in rows:
        print(f"{name:<36}{rate:>10.0f}{rate / baseline:>8.2f}")
    return 0 if max(latencies) <= bound else 1


if __name__ == "__main__":
    raise SystemExit(main())
