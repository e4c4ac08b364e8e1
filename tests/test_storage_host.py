"""The storage part of ``azfunc start`` without a storage emulator: host.json queue
options, connection resolution, binding expressions, blob path patterns, back-off."""

from __future__ import annotations

import asyncio
import base64
import datetime
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import azfunc as func
from azfunc._host.invoker import Invoker
from azfunc._host.storage.clients import decode_message, encode_message
from azfunc._host.storage.connection import (
    DEVELOPMENT_STORAGE,
    NotLocal,
    StorageAccount,
    resolve_connection,
    unreachable_message,
)
from azfunc._host.storage.expressions import (
    ExpressionError,
    expand,
    match_blob_path,
    trigger_values,
)
from azfunc._host.storage.options import (
    Backoff,
    QueueOptions,
    QueueOptionsError,
    read_queue_options,
)
from azfunc._host.storage.queues import QueueListener
from azfunc.meta import Datum

HOST_JSON = Path("/app/host.json")


def _queues(**values: object) -> dict[str, object]:
    return {"version": "2.0", "extensions": {"queues": values}}


def test_queue_options_default_to_the_hosts() -> None:
    assert read_queue_options({"version": "2.0"}, None) == QueueOptions(
        batch_size=16,
        new_batch_threshold=8,
        max_polling_interval=datetime.timedelta(minutes=1),
        visibility_timeout=datetime.timedelta(0),
        max_dequeue_count=5,
        message_encoding="base64",
    )


def test_queue_options_are_read_case_insensitively() -> None:
    raw = {
        "version": "2.0",
        "Extensions": {
            "Queues": {
                "BatchSize": 4,
                "maxPollingInterval": "00:00:02",
                "visibilityTimeout": "00:00:30",
                "maxDequeueCount": 3,
                "messageEncoding": "None",
            }
        },
    }
    assert read_queue_options(raw, HOST_JSON) == QueueOptions(
        batch_size=4,
        new_batch_threshold=2,
        max_polling_interval=datetime.timedelta(seconds=2),
        visibility_timeout=datetime.timedelta(seconds=30),
        max_dequeue_count=3,
        message_encoding="none",
    )


def test_a_number_of_milliseconds_is_a_polling_interval() -> None:
    options = read_queue_options(_queues(maxPollingInterval=2000, newBatchThreshold=0), None)
    assert options.max_polling_interval == datetime.timedelta(seconds=2)
    assert options.new_batch_threshold == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"batchSize": 33},
            "extensions.queues.batchSize is 33. It must be a whole number 1-32.",
        ),
        (
            {"maxDequeueCount": "5"},
            "extensions.queues.maxDequeueCount is '5'. It must be a whole number 1-100000.",
        ),
        (
            {"maxPollingInterval": "00:00:00.050"},
            "extensions.queues.maxPollingInterval is 0:00:00.050000. The host's minimum is "
            "00:00:00.100 (100 ms).",
        ),
        (
            {"visibilityTimeout": "soon"},
            "extensions.queues.visibilityTimeout is 'soon'. It must be a TimeSpan such as "
            "'00:00:02' or '00:00:00.500'.",
        ),
        (
            {"messageEncoding": "utf8"},
            "extensions.queues.messageEncoding is 'utf8'. It must be 'base64' or 'none'.",
        ),
    ],
)
def test_bad_queue_options_name_the_file_the_key_and_the_fix(
    values: dict[str, object], message: str
) -> None:
    with pytest.raises(QueueOptionsError) as caught:
        read_queue_options(_queues(**values), HOST_JSON)
    assert str(caught.value) == f"host.json at '/app/host.json': {message}"


def test_development_storage_is_azurite_on_its_default_ports() -> None:
    account = resolve_connection(None, {"AzureWebJobsStorage": "UseDevelopmentStorage=true"})
    assert account == StorageAccount("AzureWebJobsStorage", DEVELOPMENT_STORAGE)
    assert isinstance(account, StorageAccount)
    assert [account.endpoint(s) for s in ("blob", "queue", "table")] == [
        "http://127.0.0.1:10000/devstoreaccount1",
        "http://127.0.0.1:10001/devstoreaccount1",
        "http://127.0.0.1:10002/devstoreaccount1",
    ]


def test_a_connection_string_names_its_endpoints() -> None:
    text = (
        "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=a2V5;"
        "EndpointSuffix=core.windows.net"
    )
    account = resolve_connection("Orders", {"AzureWebJobsOrders": text})
    assert account == StorageAccount("AzureWebJobsOrders", text)
    assert isinstance(account, StorageAccount)
    assert account.describe("queue") == (
        "https://shop.queue.core.windows.net (connection 'AzureWebJobsOrders')"
    )
    assert unreachable_message(account, "queue", "queue trigger 'f'") == (
        "Storage does not answer for queue trigger 'f': the app setting 'AzureWebJobsOrders' "
        "points at https://shop.queue.core.windows.net, which refused or dropped the "
        "connection. Start Azurite (npx azurite --silent --location .azurite), or point the "
        "setting at a storage account that answers."
    )


def test_identity_based_and_missing_connections_are_not_run_locally() -> None:
    settings = {"Orders__queueServiceUri": "https://shop.queue.core.windows.net"}
    assert resolve_connection("Orders", settings) == NotLocal(
        "connection 'Orders' is identity-based (Orders__queueServiceUri); it needs an Azure "
        "credential, which azfunc start does not use"
    )
    assert resolve_connection("", {}) == NotLocal(
        "the app setting 'AzureWebJobsStorage' is not set (set it to "
        "UseDevelopmentStorage=true for Azurite, or to a connection string)"
    )


def test_expressions_take_trigger_metadata_then_json_body_properties() -> None:
    metadata = {
        "QueueTrigger": Datum('{"orderId": "A-1", "customer": {"Id": 7}}', "string"),
        "DequeueCount": Datum(2, "int"),
    }
    values = trigger_values(metadata)
    assert expand("out/{orderId}-{customer.id}-{dequeuecount}.json", values, what="path") == (
        "out/A-1-7-2.json"
    )
    assert len(expand("x/{rand-guid}", values, what="path")) == len("x/") + 36
    with pytest.raises(ExpressionError) as caught:
        expand("out/{missing}", values, what="path of binding 'out' of function 'f'")
    assert str(caught.value) == (
        "The path of binding 'out' of function 'f' 'out/{missing}' uses {missing}, which the "
        "trigger does not provide (it provides: customer, dequeuecount, orderid, "
        "queuetrigger; also rand-guid and DateTime). Fix the expression or send that value."
    )


def test_expressions_read_app_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STAGE", "test")
    assert expand("orders-%STAGE%", {}, what="queueName") == "orders-test"


@pytest.mark.parametrize(
    ("pattern", "path", "tokens"),
    [
        ("samples/{name}", "samples/a/b.txt", {"name": "a/b.txt"}),
        ("samples/{name}.txt", "samples/report.txt", {"name": "report"}),
        ("samples/{name}.txt", "samples/report.csv", None),
        ("samples/{name}", "other/report.txt", None),
        (
            "in/{year}/{file}.{ext}",
            "in/2024/a.b.csv",
            {"year": "2024", "file": "a", "ext": "b.csv"},
        ),
    ],
)
def test_blob_path_patterns(pattern: str, path: str, tokens: dict[str, str] | None) -> None:
    assert match_blob_path(pattern, path) == tokens


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1))
def test_any_blob_name_matches_its_pattern(name: str) -> None:
    assert match_blob_path("samples/{name}.txt", f"samples/{name}.txt") == {"name": name}


@given(st.binary())
def test_base64_message_encoding_round_trips(content: bytes) -> None:
    text = encode_message(content, "base64")
    assert text == base64.b64encode(content).decode("ascii")
    assert decode_message(text, "base64") == content


def test_a_message_that_is_not_base64_is_refused() -> None:
    with pytest.raises(ValueError):
        decode_message("not base64!", "base64")
    assert decode_message("plain", "none") == b"plain"


def test_the_backoff_doubles_to_the_maximum_and_resets_on_work() -> None:
    backoff = Backoff(datetime.timedelta(seconds=1))
    waits = [backoff.empty() for _ in range(8)]
    assert waits[0] == 0.1
    assert all(0.8 * min(1.0, 0.1 * 2**i) <= w <= min(1.0, 0.1 * 2**i) for i, w in enumerate(waits))
    assert max(waits) <= 1.0 and waits[-1] >= 0.8
    assert backoff.found() == 0.1
    assert backoff.empty() == 0.1


class _FakeQueue:
    """Records the calls a queue listener makes on its queue client."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, ...]] = []

    def update_message(self, id: str, receipt: str, *, visibility_timeout: int) -> object:
        self.calls.append(("update", id, receipt, visibility_timeout))
        return SimpleNamespace(pop_receipt=f"r{len(self.calls)}")

    def delete_message(self, id: str, receipt: str) -> None:
        self.calls.append(("delete", id, receipt))

    def send_message(self, text: str) -> None:
        self.calls.append(("send", text))

    def create_queue(self) -> None:  # not called: the fake queue exists
        self.calls.append(("create",))


def _listener(tmp_path: Path, queue: _FakeQueue, seconds: float) -> QueueListener:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="jobs", connection="Storage")
    def work(msg: str) -> None:
        time.sleep(seconds)
        if msg == "fail":
            raise ValueError("failed")

    clients = SimpleNamespace(queue=lambda account, name: queue)
    account = StorageAccount("Storage", "UseDevelopmentStorage=true")
    listener = QueueListener(
        app.get_functions()[0], "jobs", account, QueueOptions(), clients, Invoker(tmp_path, None)
    )
    listener.lease = datetime.timedelta(seconds=2)
    return listener


def _message(text: str) -> SimpleNamespace:
    return SimpleNamespace(
        id="m1",
        content=base64.b64encode(text.encode()).decode(),
        dequeue_count=1,
        inserted_on=None,
        expires_on=None,
        next_visible_on=None,
        pop_receipt="r0",
    )


def test_a_long_invocation_renews_the_lease_and_deletes_with_the_latest_receipt(
    tmp_path: Path,
) -> None:
    queue = _FakeQueue()
    asyncio.run(_listener(tmp_path, queue, 1.3)._process(_message("hello")))
    assert queue.calls == [("update", "m1", "r0", 2), ("delete", "m1", "r1")]


def test_a_failed_message_is_released_after_the_visibility_timeout(tmp_path: Path) -> None:
    queue = _FakeQueue()
    asyncio.run(_listener(tmp_path, queue, 0)._process(_message("fail")))
    assert queue.calls == [("update", "m1", "r0", 0)]


def test_a_message_that_is_not_base64_goes_to_the_poison_queue_at_once(tmp_path: Path) -> None:
    queue = _FakeQueue()
    message = _message("hello")
    message.content = "not base64!"
    asyncio.run(_listener(tmp_path, queue, 0)._process(message))
    assert queue.calls == [("send", "not base64!"), ("delete", "m1", "r0")]


def test_without_the_storage_extra_a_connection_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.util

    from azfunc._host.storage.bindings import StorageBindings

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name.startswith("azure.data") else real(name, *a),
    )
    settings = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}
    bindings = StorageBindings(SimpleNamespace(), QueueOptions(), settings)  # type: ignore[arg-type]
    assert bindings.account("table", {"connection": ""}) == NotLocal(
        "the package azure-data-tables is not installed; install them with "
        "`pip install 'azfunc[storage]'`"
    )
    assert bindings.account("queue", {}) == StorageAccount(
        "AzureWebJobsStorage", DEVELOPMENT_STORAGE
    )


def test_the_storage_host_imports_no_azure_package_until_a_connection_resolves() -> None:
    code = (
        "import sys, azfunc, azfunc._host.asgi, azfunc._host.storage; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'azure'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == "[]\n"


def test_the_storage_host_runs_the_triggers_whose_connection_resolves(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from azfunc._config.host_json import HostJson
    from azfunc._host.storage import StorageHost

    monkeypatch.setenv("AzureWebJobsStorage", "UseDevelopmentStorage=true")
    monkeypatch.delenv("Other", raising=False)
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="jobs", connection="AzureWebJobsStorage")
    def jobs(msg: str) -> None: ...

    @app.queue_trigger(arg_name="msg", queue_name="jobs", connection="Other")
    def elsewhere(msg: str) -> None: ...

    @app.blob_trigger(arg_name="blob", path="in/{name}", connection="AzureWebJobsStorage")
    def scanned(blob: func.InputStream) -> None: ...

    @app.blob_trigger(
        arg_name="blob",
        path="in/{name}",
        connection="AzureWebJobsStorage",
        source=func.BlobSource.EVENT_GRID,
    )
    def by_event(blob: func.InputStream) -> None: ...

    storage = StorageHost.build(
        app.get_functions(), HostJson(path=None), Invoker(tmp_path, None), tmp_path / "my app"
    )
    assert [listener.describe() for listener in storage.listeners] == [
        "Queue trigger 'jobs': polling queue 'jobs' at http://127.0.0.1:10001/devstoreaccount1 "
        "(connection 'AzureWebJobsStorage'), batch 16, new batch at 8, max polling interval "
        "60 s, max dequeue count 5",
        "Blob trigger 'scanned': scanning container 'in' for 'in/{name}' at "
        "http://127.0.0.1:10000/devstoreaccount1 (connection 'AzureWebJobsStorage'), receipts "
        "in azure-webjobs-hosts/blobreceipts/my-app/Host.Functions.scanned/",
    ]
    assert storage.notes == (
        "Queue trigger 'elsewhere' is not run locally: the app setting 'Other' is not set (set "
        "it to UseDevelopmentStorage=true for Azurite, or to a connection string). Invoke it "
        "with POST /admin/functions/elsewhere; its outputs are recorded.",
        "Blob trigger 'by_event' is not run locally: its source is Event Grid "
        "(source=BlobSource.EVENT_GRID), whose blob events do not reach a local host. Invoke "
        "it with POST /admin/functions/by_event; its outputs are recorded.",
    )
