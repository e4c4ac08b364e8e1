"""azfunc apps on the real Azure Functions Python worker (``azure-functions-runtime``).

Each test copies an app from ``tests/worker/apps/`` to a temporary directory and runs
``driver.py`` in the throwaway venv (:mod:`tests.worker.venv`): the driver sends the
worker the host's messages (init, metadata, load, invocations) and reports its answers.
An azfunc app and its twin written with azure.functions must get the same answers.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.worker import venv as worker_venv_module

pytestmark = pytest.mark.worker

HERE = Path(__file__).parent
APPS = HERE / "apps"
DRIVER = HERE / "driver.py"
SRC = HERE.parent.parent / "src"

COULD_NOT_FIND = "ValueError: Could not find top level function app instances in function_app.py."


@pytest.fixture(scope="module")
def worker_venv() -> worker_venv_module.WorkerVenv:
    try:
        return worker_venv_module.worker_venv()
    except worker_venv_module.RegistryUnreachable as error:
        pytest.skip(f"package registry unreachable, cannot build the worker venv: {error}")


@pytest.fixture(scope="module")
def worker_python(worker_venv: worker_venv_module.WorkerVenv) -> Path:
    return worker_venv.python


def run_app(
    python: Path,
    tmp_path: Path,
    app: str,
    invocations: list[dict[str, Any]],
    env: dict[str, str] | None = None,
    *,
    annotation_parity: bool = False,
    source: Path | None = None,
) -> dict[str, Any]:
    """Run ``apps/<app>`` (or the app folder ``source``) on the worker and return the
    driver's report.

    ``env`` is set in the worker process; ``annotation_parity`` asks the driver to
    compare how azure.functions' converters judge every azfunc class and its twin.
    """
    app_dir = tmp_path / app
    shutil.copytree(source or APPS / app, app_dir)
    spec = tmp_path / f"{app}-spec.json"
    result = tmp_path / f"{app}-result.json"
    spec.write_text(
        json.dumps(
            {
                "app_dir": str(app_dir),
                "invocations": invocations,
                "annotation_parity": annotation_parity,
            }
        ),
        encoding="utf-8",
    )
    process_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AZFUNC_", "PYTHON", "FUNCTIONS_"))
    }
    process_env.update(PYTHONPATH=str(SRC), PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    completed = subprocess.run(
        [str(python), str(DRIVER), str(spec), str(result)],
        capture_output=True,
        text=True,
        env=process_env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    assert "driver_error" not in report, report["driver_error"] + completed.stderr
    return report


def comparable_metadata(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The function metadata the worker reported, without the app's own directory.

    azure-functions 2.x (the twin's library on Python 3.13+) added the HTTP ``QUERY``
    method to the methods an ASGI/WSGI app accepts; azfunc follows 1.26.0, so ``QUERY``
    is left out of the comparison.
    """
    metadata = sorted(report["metadata"], key=lambda m: m["name"])
    comparable = [{k: v for k, v in m.items() if k != "directory"} for m in metadata]
    for function in comparable:
        function["raw_bindings"] = [_without_query_method(raw) for raw in function["raw_bindings"]]
    return comparable


def _without_query_method(raw_binding: str) -> str:
    binding = json.loads(raw_binding)
    if "QUERY" not in binding.get("methods", ()):
        return raw_binding
    binding["methods"] = [m for m in binding["methods"] if m != "QUERY"]
    return json.dumps(binding)


def http_body(invocation: dict[str, Any]) -> Any:
    body = base64.b64decode(invocation["return_value"]["http"]["body"]["bytes"])
    return json.loads(body)


def assert_all_succeeded(report: dict[str, Any]) -> None:
    assert report["init"] == {"status": "Success", "exception": None}
    assert report["metadata_status"] == {"status": "Success", "exception": None}
    assert {name: s["status"] for name, s in report["load"].items()} == dict.fromkeys(
        report["load"], "Success"
    )
    failures = {k: v["exception"] for k, v in report["invocations"].items()}
    assert failures == dict.fromkeys(report["invocations"])
    assert {v["status"] for v in report["invocations"].values()} == {"Success"}


def http(method: str, url: str, **fields: Any) -> dict[str, Any]:
    return {"http": {"method": method, "url": url, **fields}}


BASIC_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "http_echo",
        "id": "inv-http",
        "input_data": {
            "req": http(
                "POST",
                "http://localhost/api/items/books/42?sort=asc",
                headers={"x-caller": "driver", "content-type": "application/json"},
                query={"sort": "asc"},
                params={"category": "books", "id": "42"},
                body={"bytes": '{"qty": 2}'},
            )
        },
    },
    {
        "function": "QueueWorker",
        "id": "inv-queue",
        "input_data": {"item": {"string": "payload"}},
        "trigger_metadata": {"Id": {"string": "m-1"}, "DequeueCount": {"json": 2}},
    },
    {
        "function": "nightly",
        "id": "inv-timer",
        "input_data": {"timer": {"json": {"Schedule": {}, "IsPastDue": True}}},
    },
    {
        "function": "greet",
        "id": "inv-greet",
        "input_data": {"req": http("GET", "http://localhost/api/greet", query={"name": "ada"})},
    },
    {"function": "BlueprintQueue", "id": "inv-bpq", "input_data": {"item": {"string": "ok"}}},
]


def test_basic_app_runs_on_the_worker_like_its_azure_functions_twin(
    worker_python: Path, tmp_path: Path
) -> None:
    ours = run_app(
        worker_python, tmp_path, "basic_azfunc", BASIC_INVOCATIONS, annotation_parity=True
    )
    twin = run_app(worker_python, tmp_path, "basic_azure", BASIC_INVOCATIONS)
    assert ours["annotation_parity"] == []  # every converter judges azfunc's types alike
    assert_all_succeeded(ours)
    assert_all_succeeded(twin)
    assert comparable_metadata(ours) == comparable_metadata(twin)
    assert ours["invocations"] == twin["invocations"]

    metadata = {m["name"]: m for m in ours["metadata"]}
    assert sorted(metadata) == ["BlueprintQueue", "QueueWorker", "greet", "http_echo", "nightly"]
    assert metadata["http_echo"]["bindings"] == {
        "$return": {"direction": "out", "type": "http"},
        "msg": {"direction": "out", "type": "queue"},
        "req": {"type": "httpTrigger"},
    }
    assert metadata["nightly"]["retry_options"] == {
        "delay_interval": "10s",
        "max_retry_count": 3,
        "retry_strategy": "fixed_delay",
    }
    assert metadata["BlueprintQueue"]["retry_options"] == {
        "max_retry_count": 5,
        "maximum_interval": "60s",
        "minimum_interval": "1s",
    }
    invocations = ours["invocations"]
    echo = invocations["inv-http"]
    assert echo["return_value"]["http"]["status_code"] == "201"
    assert echo["return_value"]["http"]["headers"] == {
        "X-Echo": "yes",
        "content-type": "application/json",
    }
    assert http_body(echo) == {
        "method": "POST",
        "url": "http://localhost/api/items/books/42?sort=asc",
        "route_params": {"category": "books", "id": "42"},
        "query": {"sort": "asc"},
        "json": {"qty": 2},
        "header": "driver",
        "function_name": "http_echo",
        "invocation_id": "inv-http",
        "in_app_directory": True,
        "is_request": True,
    }
    assert echo["output_data"] == [{"name": "msg", "data": {"string": "item 42 queued"}}]
    assert invocations["inv-queue"]["output_data"] == [
        {
            "name": "report",
            "data": {
                "string": json.dumps(
                    {"body": "payload", "dequeue_count": 2, "id": "m-1", "is_message": True}
                )
            },
        }
    ]
    assert invocations["inv-timer"]["output_data"] == [
        {"name": "report", "data": {"string": json.dumps({"is_timer": True, "past_due": True})}}
    ]
    assert invocations["inv-greet"]["return_value"] == {"string": "hello ada"}
    assert "return_value" not in invocations["inv-bpq"]


ASGI_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "http_app_func",
        "id": "inv-asgi",
        "input_data": {
            "req": http(
                "POST",
                "http://localhost/api/things/7?x=1",
                headers={"x-caller": "driver"},
                query={"x": "1"},
                params={"route": "things/7"},
                body={"bytes": "hello"},
            )
        },
    }
]


def test_asgi_app_runs_on_the_worker_like_its_azure_functions_twin(
    worker_python: Path, tmp_path: Path
) -> None:
    ours = run_app(worker_python, tmp_path, "asgi_azfunc", ASGI_INVOCATIONS)
    twin = run_app(worker_python, tmp_path, "asgi_azure", ASGI_INVOCATIONS)
    assert_all_succeeded(ours)
    assert_all_succeeded(twin)
    assert comparable_metadata(ours) == comparable_metadata(twin)
    assert ours["invocations"] == twin["invocations"]
    response = ours["invocations"]["inv-asgi"]["return_value"]["http"]
    assert (response["status_code"], response["headers"]) == (
        "202",
        {"content-type": "application/json", "x-asgi": "yes"},
    )
    assert http_body(ours["invocations"]["inv-asgi"]) == {
        "method": "POST",
        "path": "/api/things/7",
        "query": "x=1",
        "body": "hello",
        "header": "driver",
    }


def test_worker_cannot_find_an_azfunc_app_with_the_bridge_switched_off(
    worker_python: Path, tmp_path: Path
) -> None:
    report = run_app(worker_python, tmp_path, "basic_azfunc", [], env={"AZFUNC_WORKER_BRIDGE": "0"})
    assert report["init"] == {"status": "Failure", "exception": COULD_NOT_FIND}


FEATURE_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "events",
        "id": "inv-e1",
        "input_data": {"req": http("GET", "http://x/api/events")},
    },
    {"function": "shout", "id": "inv-s1", "input_data": {"item": {"string": "hi"}}},
    {"function": "warmup", "id": "inv-w1", "input_data": {"warmup": {"json": {}}}},
    {"function": "echo_tool", "id": "inv-m1", "input_data": {"ctx": {"json": {"arguments": {}}}}},
    {
        "function": "events",
        "id": "inv-e2",
        "input_data": {"req": http("GET", "http://x/api/events")},
    },
]


@pytest.fixture(scope="module")
def features_report(worker_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return run_app(
        worker_python, tmp_path_factory.mktemp("features"), "features_azfunc", FEATURE_INVOCATIONS
    )


def test_startup_middleware_context_and_extensions_run_on_the_worker(
    features_report: dict[str, Any],
) -> None:
    assert_all_succeeded(features_report)
    invocations = features_report["invocations"]
    first, second = invocations["inv-e1"], invocations["inv-e2"]
    assert first["return_value"]["http"]["headers"] == {
        "X-Middleware": "app",
        "content-type": "application/json",
    }
    loaded = ["loaded:events", "loaded:shout", "loaded:warmup", "loaded:echo_tool"]
    assert http_body(first) == {
        "events": [*loaded, "startup", "middleware:events", "extension:inv-e1"],
        "current_is_context": True,
        "context_is_azfunc": True,
    }
    events = http_body(second)["events"]
    assert events[:7] == [*loaded, "startup", "middleware:events", "extension:inv-e1"]
    assert events[-2:] == ["middleware:events", "extension:inv-e2"]
    assert events.count("startup") == 1
    assert len([e for e in events if e.startswith("extension:")]) == 5  # once per invocation
    assert "warmup:WarmUpContext" in events
    assert invocations["inv-m1"]["return_value"] == {"string": "tool got str"}
    (shouted,) = invocations["inv-s1"]["output_data"]
    assert shouted["data"]["string"].startswith("HI (")


def test_functions_without_a_context_parameter_see_the_worker_invocation_id(
    features_report: dict[str, Any],
) -> None:
    (shouted,) = features_report["invocations"]["inv-s1"]["output_data"]
    assert shouted["data"]["string"] == "HI (inv-s1)"


BLOB_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "blob_client_trigger",
        "id": "inv-blob",
        "input_data": {
            "client": {
                "model_binding_data": {
                    "source": "AzureStorageBlobs",
                    "content": {
                        "Connection": "AzureWebJobsStorage",
                        "ContainerName": "samples",
                        "BlobName": "a.txt",
                    },
                }
            }
        },
        "trigger_metadata": {"name": {"string": "a.txt"}},
    }
]


def test_blob_sdk_type_app_runs_on_the_worker_like_its_azure_functions_twin(
    worker_venv: worker_venv_module.WorkerVenv, tmp_path: Path
) -> None:
    if worker_venv.blob_sdk_missing:
        pytest.skip(f"blob SDK-type bindings did not install: {worker_venv.blob_sdk_missing}")
    # Creating the client reads the connection string but does not connect.
    env = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}
    ours = run_app(worker_venv.python, tmp_path, "blob_azfunc", BLOB_INVOCATIONS, env)
    twin = run_app(worker_venv.python, tmp_path, "blob_azure", BLOB_INVOCATIONS, env)
    assert_all_succeeded(ours)
    assert_all_succeeded(twin)
    assert comparable_metadata(ours) == comparable_metadata(twin)
    assert ours["invocations"] == twin["invocations"]
    assert [json.loads(raw) for raw in ours["metadata"][0]["raw_bindings"]][1] == {
        "direction": "IN",
        "type": "blobTrigger",
        "name": "client",
        "path": "samples/{name}",
        "connection": "AzureWebJobsStorage",
        "properties": {"SupportsDeferredBinding": True},
    }
    assert ours["invocations"]["inv-blob"]["output_data"] == [
        {"name": "report", "data": {"string": "BlobClient samples/a.txt"}}
    ]


def blob_reference(blob_name: str) -> dict[str, Any]:
    """The ``model_binding_data`` the host sends for a blob SDK-type binding."""
    return {
        "model_binding_data": {
            "source": "AzureStorageBlobs",
            "content": {
                "Connection": "AzureWebJobsStorage",
                "ContainerName": "samples",
                "BlobName": blob_name,
            },
        }
    }


SDK_TYPES_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "container_client_trigger",
        "id": "inv-container",
        "input_data": {"client": blob_reference("b.txt")},
        "trigger_metadata": {"name": {"string": "b.txt"}},
    },
    {
        "function": "blob_client_input",
        "id": "inv-blob-input",
        "input_data": {
            "req": http("GET", "http://localhost/api/file"),
            "client": blob_reference("a.txt"),
        },
    },
]


@pytest.fixture(scope="module")
def sdk_types_venv() -> worker_venv_module.WorkerVenv:
    """The worker venv with the Service Bus SDK-type extension as well as the blob one."""
    try:
        venv = worker_venv_module.worker_venv(extensions=("servicebus",))
    except worker_venv_module.RegistryUnreachable as error:
        pytest.skip(f"package registry unreachable, cannot build the worker venv: {error}")
    if venv.blob_sdk_missing or venv.extensions_missing:
        pytest.skip(
            "SDK-type bindings did not install: "
            f"{venv.blob_sdk_missing or dict(venv.extensions_missing)}"
        )
    return venv


def test_service_bus_settlement_and_blob_client_apps_load_on_the_worker_like_their_twin(
    sdk_types_venv: worker_venv_module.WorkerVenv, tmp_path: Path
) -> None:
    # Only the blob functions are invoked: settling a message needs the host's
    # settlement gRPC server. Creating a blob client reads the connection string only.
    env = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}
    ours = run_app(sdk_types_venv.python, tmp_path, "sdktypes_azfunc", SDK_TYPES_INVOCATIONS, env)
    twin = run_app(sdk_types_venv.python, tmp_path, "sdktypes_azure", SDK_TYPES_INVOCATIONS, env)
    assert_all_succeeded(ours)
    assert_all_succeeded(twin)
    assert comparable_metadata(ours) == comparable_metadata(twin)
    assert ours["invocations"] == twin["invocations"]
    assert ours["load"] == {
        "servicebus_queue_trigger": {"status": "Success", "exception": None},
        "container_client_trigger": {"status": "Success", "exception": None},
        "blob_client_input": {"status": "Success", "exception": None},
    }
    metadata = {m["name"]: [json.loads(raw) for raw in m["raw_bindings"]] for m in ours["metadata"]}
    assert metadata["servicebus_queue_trigger"] == [
        {
            "direction": "IN",
            "type": "serviceBusTrigger",
            "name": "received_message",
            "connection": "SERVICEBUS_CONNECTION",
            "queueName": "QUEUE_NAME",
            "autoCompleteMessages": False,
            "properties": {"SupportsDeferredBinding": True},
        }
    ]
    invocations = ours["invocations"]
    assert invocations["inv-container"]["output_data"] == [
        {"name": "report", "data": {"string": "ContainerClient samples"}}
    ]
    assert invocations["inv-blob-input"]["return_value"] == {"string": "BlobClient samples/a.txt"}


PARITY_INVOCATIONS = [
    {"function": "returns_value", "id": "inv-r1", "input_data": {"item": {"string": "a"}}},
    {"function": "report_loaded", "id": "inv-l1", "input_data": {"item": {"string": "b"}}},
]


def test_worker_fails_a_value_returned_without_a_return_binding_and_loads_every_function(
    worker_python: Path, tmp_path: Path
) -> None:
    """What tests/testing/test_parity.py expects of the client and the host."""
    report = run_app(worker_python, tmp_path, "parity_azfunc", PARITY_INVOCATIONS)

    returned, loaded = report["invocations"]["inv-r1"], report["invocations"]["inv-l1"]
    assert (returned["status"], returned["exception"].split(":")[0]) == (
        "Failure",
        "RuntimeError",
    )
    assert "without a $return binding" in returned["exception"]
    assert "return_value" not in returned
    assert loaded["status"] == "Success"
    assert loaded["output_data"] == [
        {"name": "out", "data": {"string": "returns_value,report_loaded,never_called"}}
    ]


EXAMPLES = HERE.parent.parent / "examples"


def _items_request(method: str, path: str, body: str | None = None, **fields: Any) -> Any:
    extra = {"body": {"bytes": body}} if body is not None else {}
    headers = {"content-type": "application/json"} if body is not None else {}
    return {"req": http(method, f"http://localhost/api/{path}", headers=headers, **extra, **fields)}


TYPED_INVOCATIONS: list[dict[str, Any]] = [
    {
        "function": "get_item",
        "id": "get-1",
        "input_data": _items_request("GET", "items/1", params={"item_id": "1"}),
    },
    {
        "function": "list_items",
        "id": "list-light",
        "input_data": _items_request(
            "GET", "items?tag=light&limit=5", query={"tag": "light", "limit": "5"}
        ),
    },
    {
        "function": "create_item",
        "id": "create-ok",
        "input_data": _items_request("POST", "items", '{"name": "mug", "price": 8}'),
    },
    {
        "function": "create_item",
        "id": "create-bad",
        "input_data": _items_request("POST", "items", '{"price": "cheap", "tags": [1]}'),
    },
    {
        "function": "list_items",
        "id": "list-bad",
        "input_data": _items_request("GET", "items?limit=ten", query={"limit": "ten"}),
    },
    {
        "function": "get_item",
        "id": "get-bad-route",
        "input_data": _items_request("GET", "items/99999999999999999999", params={"item_id": "x"}),
    },
]


def test_typed_example_runs_on_the_worker_like_its_hand_written_twin(
    worker_python: Path, tmp_path: Path
) -> None:
    """The typed app indexes with the metadata of its untyped twin, and answers every
    request, valid or not, as the hand-written validation does."""
    typed = run_app(
        worker_python, tmp_path, "typed_http", TYPED_INVOCATIONS,
        source=EXAMPLES / "typed_http",
    )  # fmt: skip
    twin = run_app(
        worker_python, tmp_path, "typed_http_untyped", TYPED_INVOCATIONS,
        source=EXAMPLES / "typed_http_untyped",
    )  # fmt: skip
    assert_all_succeeded(typed)
    assert_all_succeeded(twin)
    assert comparable_metadata(typed) == comparable_metadata(twin)
    assert typed["invocations"] == twin["invocations"]

    invocations = typed["invocations"]
    created = invocations["create-ok"]
    assert created["return_value"]["http"]["status_code"] == "200"
    assert http_body(created) == {"id": 3, "name": "mug", "price": 8.0, "tags": []}
    assert created["output_data"] == [{"name": "msg", "data": {"string": "mug"}}]
    assert http_body(invocations["list-light"]) == {
        "items": [{"id": 2, "name": "lamp", "price": 40.5, "tags": ["living", "light"]}],
        "total": 1,
    }
    rejected = invocations["create-bad"]["return_value"]["http"]
    assert (rejected["status_code"], rejected["headers"]) == (
        "422",
        {"content-type": "application/problem+json"},
    )
    assert http_body(invocations["create-bad"]) == {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": "3 invalid fields in the request",
        "instance": "/api/items",
        "errors": [
            {"loc": ["body", "name"], "msg": "Field required", "type": "missing"},
            {"loc": ["body", "price"], "msg": "Input should be a valid number",
             "type": "float_parsing"},
            {"loc": ["body", "tags", 0], "msg": "Input should be a valid string",
             "type": "string_type"},
        ],
    }  # fmt: skip
    assert invocations["get-bad-route"]["return_value"]["http"]["status_code"] == "404"
