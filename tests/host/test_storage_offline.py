"""``azfunc start`` with storage connections it cannot use: storage that does not answer,
identity-based connections, bad host.json queue options (no emulator needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.host.conftest import StartHost, free_port, run_start, write_app

pytestmark = pytest.mark.server

pytest.importorskip("azure.storage.queue", reason="the storage extra is not installed")

APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="ping")
def ping(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("pong")


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def submit(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    msg.set("new order")
    return func.HttpResponse("queued")


@app.queue_trigger(arg_name="message", queue_name="orders", connection="AzureWebJobsStorage")
def process(message: func.QueueMessage) -> None:
    pass


@app.queue_trigger(arg_name="message", queue_name="audit", connection="Ident")
@app.queue_output(arg_name="copy", queue_name="audit-copy", connection="Ident")
def audit(message: func.QueueMessage, copy: func.Out[str]) -> None:
    copy.set(message.get_body().decode().upper())
"""


def test_storage_that_does_not_answer_is_reported_and_the_rest_keeps_running(
    start_host: StartHost, tmp_path: Path
) -> None:
    port = free_port()  # nothing listens there
    connection = (
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
        f"QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;"
    )
    settings = {
        "Values": {
            "AzureWebJobsStorage": connection,
            "Ident__queueServiceUri": "https://shop.queue.core.windows.net",
        }
    }
    app = write_app(tmp_path / "app", APP, local_settings=json.dumps(settings))
    host = start_host(str(app))
    log = host.wait_for_log("Storage does not answer for queue trigger 'process'")
    assert (
        "Storage does not answer for queue trigger 'process' (queue 'orders'): the app "
        f"setting 'AzureWebJobsStorage' points at http://127.0.0.1:{port}/devstoreaccount1, "
        "which refused or dropped the connection. Start Azurite (npx azurite --silent "
        "--location .azurite), or point the setting at a storage account that answers. The "
        "listener keeps trying; the other functions keep running."
    ) in log
    assert (
        "Queue trigger 'audit' is not run locally: connection 'Ident' is identity-based "
        "(Ident__queueServiceUri); it needs an Azure credential, which azfunc start does "
        "not use. Invoke it with POST /admin/functions/audit; its outputs are recorded."
    ) in log
    assert host.client.get("/api/ping").text == "pong"
    assert host.client.post("/api/orders").status_code == 500
    log = host.wait_for_log("Executed 'Functions.submit' (Failed")
    assert (
        "StorageBindingError: Storage does not answer for queue output 'msg' of function "
        f"'submit' (queue 'orders'): the app setting 'AzureWebJobsStorage' points at "
        f"http://127.0.0.1:{port}/devstoreaccount1"
    ) in log
    # the identity-based function still runs by hand, its output recorded
    invoked = host.client.post(
        "/admin/functions/audit",
        json={"input": "hello"},
        headers={"x-functions-key": "test-master-key"},
    )
    assert invoked.status_code == 202
    log = host.wait_for_log("output queue 'copy' (queueName=audit-copy): HELLO")
    assert "queue binding 'copy' is not connected (connection 'Ident' is identity-based" in log


def test_bad_queue_options_stop_the_start(tmp_path: Path) -> None:
    host_json = json.dumps({"version": "2.0", "extensions": {"queues": {"batchSize": 64}}})
    app = write_app(tmp_path / "app", APP, host_json=host_json)
    done = run_start(str(app), "--port", str(free_port()))
    assert done.returncode == 1
    assert done.stderr == (
        f"azfunc start: host.json at {str(app / 'host.json')!r}: extensions.queues.batchSize "
        "is 64. It must be a whole number 1-32.\n"
    )
