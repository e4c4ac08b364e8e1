"""Run the Azurite storage emulator for tests: installed from the npm registry into a
cached folder, started on loopback ports chosen per run, stopped at the end."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from tests.cached_dir import build_once

#: Azurite 3.35.0 declares node >= 10, so it runs on the machines' node 20.
AZURITE_VERSION = "3.35.0"
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
_MARKER = "azfunc-azurite.ready"
_SDK = ("azure.storage.queue", "azure.storage.blob", "azure.data.tables")


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def azurite_command() -> Path:
    """The ``azurite`` launcher of a cached npm install.

    :raises pytest.skip.Exception: node or npm is missing, or the registry cannot be reached.
    """
    missing = [name for name in _SDK if importlib.util.find_spec(name.rsplit(".", 1)[0]) is None]
    if missing:
        pytest.skip(
            f"the storage clients are not installed (pip install 'azfunc[storage]'): {missing}"
        )
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("Azurite needs node and npm, which are not on PATH")
    target = Path(tempfile.gettempdir()) / f"azfunc-azurite-{AZURITE_VERSION}"

    def build(folder: Path) -> None:
        try:
            done = subprocess.run(
                [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund",
                 "--loglevel=error", "--fetch-timeout=60000", "--fetch-retries=1",
                 f"azurite@{AZURITE_VERSION}"],
                capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            pytest.skip("npm install azurite timed out (is the npm registry reachable?)")
        if done.returncode != 0:
            pytest.skip(
                f"npm install azurite@{AZURITE_VERSION} failed (is the npm registry "
                f"reachable?): {done.stderr.strip()[-500:]}"
            )
        (folder / _MARKER).write_text("ready\n", encoding="utf-8")

    build_once(target, _MARKER, build)
    return target / "node_modules" / ".bin" / "azurite"


@attrs.frozen
class Azurite:
    """A running Azurite: its ports and the connection string that reaches it."""

    blob_port: int
    queue_port: int
    table_port: int

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};"
            f"BlobEndpoint=http://127.0.0.1:{self.blob_port}/{ACCOUNT};"
            f"QueueEndpoint=http://127.0.0.1:{self.queue_port}/{ACCOUNT};"
            f"TableEndpoint=http://127.0.0.1:{self.table_port}/{ACCOUNT};"
        )


def run_azurite(folder: Path) -> Iterator[Azurite]:
    """Body of a fixture: start Azurite with its data in ``folder``, yield, stop it."""
    command = azurite_command()
    blob, queue, table = _free_ports(3)
    log = (folder / "azurite.log").open("wb")
    process = subprocess.Popen(
        [str(command), "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
         "--location", str(folder), "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1",
         "--tableHost", "127.0.0.1", "--blobPort", str(blob), "--queuePort", str(queue),
         "--tablePort", str(table)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        for port in (blob, queue, table):
            while True:
                if process.poll() is not None:
                    raise AssertionError(f"Azurite exited: {(folder / 'azurite.log').read_text()}")
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise AssertionError("Azurite did not listen within 30 s") from None
                    time.sleep(0.1)
        yield Azurite(blob, queue, table)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
