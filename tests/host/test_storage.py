"""Storage triggers and bindings of ``azfunc start`` against a real Azurite (``azurite``)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.azurite import Azurite, run_azurite
from tests.host.conftest import HostProcess, StartHost, write_app

pytestmark = [pytest.mark.azurite, pytest.mark.server]

APP = """
import json
import logging
import time

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
STORAGE = "AzureWebJobsStorage"


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection=STORAGE)
def submit(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    msg.set(req.get_body().decode())
    return func.HttpResponse("queued", status_code=202)


@app.queue_trigger(arg_name="message", queue_name="orders", connection=STORAGE)
@app.blob_output(arg_name="receipt", path="receipts/{orderId}.json", connection=STORAGE)
def process(message: func.QueueMessage, receipt: func.Out[str]) -> None:
    order = message.get_json()
    logging.info("order %s, delivery %d", order["orderId"], message.dequeue_count)
    if order.get("fail"):
        raise ValueError("this order always fails")
    receipt.set(json.dumps({"order": order, "dequeue_count": message.dequeue_count}))


@app.blob_trigger(arg_name="blob", path="incoming/{name}.txt", connection=STORAGE)
@app.blob_output(arg_name="copy", path="copies/{name}.txt", connection=STORAGE)
def shout(blob: func.InputStream, copy: func.Out[str]) -> None:
    copy.set(blob.read().decode().upper())


@app.queue_trigger(arg_name="probe", queue_name="probes", connection=STORAGE)
def record_start(probe: str) -> None:
    with open(__file__.replace("function_app.py", "probe-starts.txt"), "a") as out:
        out.write(f"{probe} {time.time()}\\n")


@app.blob_trigger(arg_name="blob", path="fragile/{name}", connection=STORAGE)
def fragile(blob: func.InputStream) -> None:
    raise RuntimeError(f"cannot read {blob.name}")


@app.route(route="profiles/{pk}/{rk}", methods=["PUT"])
@app.table_output(
    arg_name="row", table_name="profiles", partition_key="{pk}", row_key="{rk}", connection=STORAGE
)
def put_profile(req: func.HttpRequest, row: func.Out[str]) -> func.HttpResponse:
    row.set(json.dumps(req.get_json()))
    return func.HttpResponse(status_code=204)


@app.route(route="profiles/{pk}/{rk}", methods=["GET"])
@app.table_input(
    arg_name="entity", table_name="profiles", partition_key="{pk}", row_key="{rk}",
    connection=STORAGE,
)
def get_profile(req: func.HttpRequest, entity: str) -> func.HttpResponse:
    if entity is None:
        return func.HttpResponse("none", status_code=404)
    return func.HttpResponse(entity, mimetype="application/json")


@app.route(route="profiles/{pk}", methods=["GET"])
@app.table_input(arg_name="rows", table_name="profiles", partition_key="{pk}", connection=STORAGE)
def list_profiles(req: func.HttpRequest, rows: str) -> func.HttpResponse:
    return func.HttpResponse(rows, mimetype="application/json")
"""

HOST_JSON = {
    "version": "2.0",
    "extensions": {
        "queues": {"maxPollingInterval": "00:00:00.500", "maxDequeueCount": 2, "batchSize": 4}
    },
}


@pytest.fixture(scope="module")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Azurite]:
    yield from run_azurite(tmp_path_factory.mktemp("azurite"))


@pytest.fixture(scope="module")
def storage_app(tmp_path_factory: pytest.TempPathFactory, azurite: Azurite) -> Path:
    settings = {"IsEncrypted": False, "Values": {"AzureWebJobsStorage": azurite.connection_string}}
    return write_app(
        tmp_path_factory.mktemp("storageapp") / "orders-app",
        APP,
        host_json=json.dumps(HOST_JSON),
        local_settings=json.dumps(settings),
    )


def _blob(azurite: Azurite, container: str, name: str) -> bytes | None:
    from azure.core.exceptions import ResourceNotFoundError
    from azure.storage.blob import BlobServiceClient

    with BlobServiceClient.from_connection_string(azurite.connection_string) as service:
        try:
            return bytes(service.get_blob_client(container, name).download_blob().readall())
        except ResourceNotFoundError:
            return None


def _wait_blob(azurite: Azurite, container: str, name: str, host: HostProcess) -> bytes:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        content = _blob(azurite, container, name)
        if content is not None:
            return content
        time.sleep(0.1)
    raise AssertionError(f"blob {container}/{name} never appeared:\n{host.log()}")


def _queue_texts(azurite: Azurite, queue: str, *, wait: bool = False) -> list[str]:
    """The messages of ``queue`` (none when it does not exist); with ``wait``, wait up to
    10 s for one."""
    from azure.core.exceptions import ResourceNotFoundError
    from azure.storage.queue import QueueClient

    deadline = time.monotonic() + (10 if wait else 0)
    with QueueClient.from_connection_string(azurite.connection_string, queue) as client:
        while True:
            try:
                texts = [m.content for m in client.peek_messages(max_messages=32)]
            except ResourceNotFoundError:
                texts = []
            if texts or time.monotonic() >= deadline:
                return texts
            time.sleep(0.1)


def test_http_to_queue_to_queue_function_to_blob(
    start_host: StartHost, storage_app: Path, azurite: Azurite
) -> None:
    host = start_host(str(storage_app))
    log = host.wait_for_log("Host started")
    assert (
        "Queue trigger 'process': polling queue 'orders' at "
        f"http://127.0.0.1:{azurite.queue_port}/devstoreaccount1 (connection "
        "'AzureWebJobsStorage'), batch 4, new batch at 2, max polling interval 0.5 s, "
        "max dequeue count 2"
    ) in log
    assert (
        "Blob trigger 'shout': scanning container 'incoming' for 'incoming/{name}.txt' at "
        f"http://127.0.0.1:{azurite.blob_port}/devstoreaccount1 (connection "
        "'AzureWebJobsStorage'), receipts in azure-webjobs-hosts/blobreceipts/orders-app/"
        "Host.Functions.shout/"
    ) in log
    response = host.client.post("/api/orders", json={"orderId": "A-1", "qty": 2})
    assert (response.status_code, response.text) == (202, "queued")
    receipt = json.loads(_wait_blob(azurite, "receipts", "A-1.json", host))
    assert receipt == {"order": {"orderId": "A-1", "qty": 2}, "dequeue_count": 1}
    log = host.wait_for_log("Executed 'Functions.process' (Succeeded")
    line = next(x for x in log.splitlines() if "Executed 'Functions.process' (Succeeded" in x)
    assert "trigger=queueTrigger" in line
    assert "Trigger Details: MessageId: " in line and ", DequeueCount: 1, InsertedOn: " in line
    assert line.endswith(", Queue: orders")
    assert f"sent queue 'msg' to queue 'orders' at http://127.0.0.1:{azurite.queue_port}" in log
    assert "sent blob 'receipt' to blob 'receipts/A-1.json'" in log
    # the message was deleted after success; the host wrote it Base64-encoded
    assert _queue_texts(azurite, "orders") == []


def test_a_failing_message_goes_to_the_poison_queue_after_max_dequeue_count(
    start_host: StartHost, storage_app: Path, azurite: Azurite
) -> None:
    import base64

    host = start_host(str(storage_app))
    body = json.dumps({"orderId": "B-2", "fail": True})
    assert host.client.post("/api/orders", content=body).status_code == 202
    log = host.wait_for_log("to queue 'orders-poison'")
    failures = [x for x in log.splitlines() if "Executed 'Functions.process' (Failed" in x]
    assert [x.split("DequeueCount: ")[1].split(",")[0] for x in failures] == ["1", "2"]
    assert "Message " in log and "has reached MaxDequeueCount of 2." in log
    assert [
        base64.b64decode(t).decode() for t in _queue_texts(azurite, "orders-poison", wait=True)
    ] == [body]
    assert _blob(azurite, "receipts", "B-2.json") is None


def test_a_blob_is_processed_once_per_etag_across_a_restart(
    start_host: StartHost, storage_app: Path, azurite: Azurite
) -> None:
    from azure.storage.blob import BlobServiceClient

    service = BlobServiceClient.from_connection_string(azurite.connection_string)
    incoming = service.get_container_client("incoming")
    if not incoming.exists():
        incoming.create_container()
    incoming.upload_blob("hello.txt", b"hello", overwrite=True)
    incoming.upload_blob("ignored.json", b"{}", overwrite=True)  # does not match the pattern
    first = start_host(str(storage_app))
    assert _wait_blob(azurite, "copies", "hello.txt", first) == b"HELLO"
    log = first.wait_for_log("Executed 'Functions.shout' (Succeeded")
    assert "Trigger Details: BlobName: incoming/hello.txt, ETag: " in log
    assert first.stop() == 0
    receipts = [
        b.name
        for b in service.get_container_client("azure-webjobs-hosts").list_blobs(
            name_starts_with="blobreceipts/orders-app/Host.Functions.shout/"
        )
    ]
    assert len(receipts) == 1 and receipts[0].endswith("/incoming/hello.txt")

    second = start_host(str(storage_app))
    second.wait_for_log("Blob trigger 'shout': scanning")
    time.sleep(2)  # several scans: the receipt keeps the unchanged blob from running again
    assert "Executed 'Functions.shout'" not in second.log()
    incoming.upload_blob("hello.txt", b"changed", overwrite=True)  # a new ETag
    second.wait_for_log("Executed 'Functions.shout' (Succeeded")
    assert _blob(azurite, "copies", "hello.txt") == b"CHANGED"
    time.sleep(1)
    assert second.log().count("Executed 'Functions.shout'") == 1
    service.close()


def test_a_failing_blob_goes_to_the_poison_queue_after_max_dequeue_count(
    start_host: StartHost, storage_app: Path, azurite: Azurite
) -> None:
    import base64

    from azure.storage.blob import BlobServiceClient

    with BlobServiceClient.from_connection_string(azurite.connection_string) as service:
        service.create_container("fragile")
        blob = service.get_container_client("fragile").upload_blob("x.bin", b"\x00")
        etag = blob.get_blob_properties().etag
    host = start_host(str(storage_app))
    log = host.wait_for_log("queue 'webjobs-blobtrigger-poison'")
    assert log.count("Executed 'Functions.fragile' (Failed") == 2
    assert "RuntimeError: cannot read fragile/x.bin" in log
    assert f"Blob 'fragile/x.bin' (ETag {etag}) failed 2 times in function 'fragile'" in log
    poison = [
        json.loads(base64.b64decode(t))
        for t in _queue_texts(azurite, "webjobs-blobtrigger-poison", wait=True)
    ]
    assert poison == [
        {
            "Type": "BlobTrigger",
            "FunctionId": "Host.Functions.fragile",
            "BlobType": "BlockBlob",
            "ContainerName": "fragile",
            "BlobName": "x.bin",
            "ETag": etag,
        }
    ]
    time.sleep(1)  # several scans: a poisoned blob is not tried again
    assert host.log().count("Executed 'Functions.fragile'") == 2


def test_enqueue_to_start_latency_is_within_max_polling_interval_plus_100_ms(
    start_host: StartHost, storage_app: Path, azurite: Azurite
) -> None:
    from azure.storage.queue import BinaryBase64EncodePolicy, QueueClient

    starts = storage_app / "probe-starts.txt"
    starts.unlink(missing_ok=True)
    host = start_host(str(storage_app))
    queue = QueueClient.from_connection_string(
        azurite.connection_string, "probes", message_encode_policy=BinaryBase64EncodePolicy()
    )
    queue.create_queue()
    latencies = []
    for index in range(2):
        time.sleep(2)  # the back-off of the idle queue reaches maxPollingInterval (0.5 s)
        sent = time.time()
        queue.send_message(f"p{index}".encode())
        host.wait_for_log("Executed 'Functions.record_start' (Succeeded", count=index + 1)
        started = dict(line.split() for line in starts.read_text().splitlines())
        latencies.append(float(started[f"p{index}"]) - sent)
    queue.close()
    assert max(latencies) <= 0.5 + 0.1, latencies


def test_table_output_then_input(start_host: StartHost, storage_app: Path) -> None:
    host = start_host(str(storage_app))
    assert host.client.get("/api/profiles/team/nobody").status_code == 404
    for key, name in (("ada", "Ada"), ("alan", "Alan")):
        put = host.client.put(f"/api/profiles/team/{key}", json={"Name": name, "Level": 3})
        assert put.status_code == 204, host.log()
    one: dict[str, Any] = host.client.get("/api/profiles/team/ada").json()
    assert one.pop("Timestamp")
    assert one == {"PartitionKey": "team", "RowKey": "ada", "Name": "Ada", "Level": 3}
    rows = host.client.get("/api/profiles/team").json()
    assert [(r["RowKey"], r["Name"]) for r in rows] == [("ada", "Ada"), ("alan", "Alan")]
    assert "sent table 'row' to table 'profiles'" in host.log()


def test_the_storage_chain_example_runs_against_azurite(
    start_host: StartHost, azurite: Azurite
) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "storage_chain"
    host = start_host(str(example), env={"AzureWebJobsStorage": azurite.connection_string})
    assert host.client.get("/api/notes/n9").status_code == 404
    posted = host.client.post("/api/notes", json={"slug": "n9", "text": "three small words"})
    assert (posted.status_code, posted.text) == (202, "Queued note n9")
    assert _wait_blob(azurite, "notes", "n9.txt", host) == b"three small words"
    host.wait_for_log("notes/n9.txt has 3 words")
    assert host.client.get("/api/notes/n9").text == "three small words"
