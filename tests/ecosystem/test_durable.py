"""The Durable Functions SDK (``azure-functions-durable``) with azfunc, both ways users take.

- **Rewritten**: the SDK's ``azure.functions`` imports point at azfunc (azure-functions is
  not installed). ``df.DFApp`` apps, and ``func.FunctionApp`` apps registering a
  ``df.Blueprint``, index exactly as azure-functions 1.26.0 indexes them, and their
  orchestrator, entity and activity run through ``azfunc.invoke`` on the JSON the Durable
  extension sends.
- **Plain**: the SDK installed normally, with azure-functions; the app uses azfunc's own
  durable decorators. It indexes, passes ``azfunc check``, runs through ``azfunc.invoke``
  and loads in the real Python worker. A ``df.DFApp`` app there gets a message on how
  to port it.

The expected metadata in ``golden/`` comes from azure-functions 1.26.0 itself (the shared
``reference`` venv regenerates it; set ``AZFUNC_WRITE_GOLDEN=1`` to rewrite the files).
The apps are in ``durable_apps/``: ``sdk_*`` are written for the SDK with
``azure.functions`` imports, ``native`` with ``import azfunc as func``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import azfunc
from azfunc import testing
from azfunc.decorators.durable import client_function
from tests.ecosystem.venvs import EcosystemVenv, rewrite_imports
from tests.reference_venv import golden_tool, reference_python
from tests.worker import venv as worker_venv_module

HERE = Path(__file__).parent
APPS = HERE / "durable_apps"
GOLDEN = HERE / "golden"
INVOKE = APPS / "invoke.py"
ROOT = HERE.parent.parent
SDK = "azure-functions-durable==1.7.0"
SDK_APPS = ("sdk_dfapp", "sdk_blueprint")

# --- host-shaped payloads (the shapes of the SDK's own test builders) ----------------------


def _event(event_type: int, second: int, event_id: int = -1, **fields: Any) -> dict[str, Any]:
    return {
        "EventId": event_id,
        "EventType": event_type,
        "IsPlayed": False,
        "Timestamp": f"2026-12-06T10:00:{second:02d}.000000Z",
        "Input": None,
        "Reason": None,
        "Details": None,
        "TaskScheduledId": None,
        "Name": None,
        "InstanceId": None,
        **fields,
    }


ORCHESTRATOR_STARTED, EXECUTION_STARTED, TASK_SCHEDULED, TASK_COMPLETED = 12, 0, 4, 5
ORCHESTRATOR_COMPLETED = 13


def orchestration_payload(name: str, results: list[Any], activity: str = "") -> str:
    """The orchestration trigger's JSON after ``len(results)`` activities completed."""
    history = [
        _event(ORCHESTRATOR_STARTED, 0),
        _event(
            EXECUTION_STARTED,
            1,
            Name=name,
            Version="",
            OrchestrationInstance={"InstanceId": "inst-1", "ExecutionId": "exec-1"},
        ),
    ]
    for task_id, result in enumerate(results):
        second = 2 + 4 * task_id
        history += [
            _event(TASK_SCHEDULED, second, event_id=task_id, Name=activity, Version=""),
            _event(ORCHESTRATOR_COMPLETED, second + 1),
            _event(ORCHESTRATOR_STARTED, second + 2),
            _event(TASK_COMPLETED, second + 3, Result=json.dumps(result), TaskScheduledId=task_id),
        ]
    return json.dumps(
        {
            "instanceId": "inst-1",
            "parentInstanceId": None,
            "isReplaying": False,
            "input": None,
            "upperSchemaVersion": 0,
            "history": history,
        }
    )


def entity_payload(name: str, state: Any, operations: list[tuple[str, Any]]) -> str:
    """The entity trigger's JSON: a batch of operations; inputs are JSON in JSON."""
    return json.dumps(
        {
            "self": {"name": name, "key": "k1"},
            "state": json.dumps(state),
            "exists": True,
            "batch": [
                {"name": operation, "input": json.dumps(json.dumps(value))}
                for operation, value in operations
            ],
        }
    )


def call_activity(name: str, value: Any) -> list[dict[str, Any]]:
    return [{"actionType": 0, "functionName": name, "input": json.dumps(value)}]


def string_datum(text: str) -> dict[str, Any]:
    return {"datum": ["string", text]}


WEBHOOKS = "http://localhost:7071/runtime/webhooks/durabletask"
# The durable client binding's JSON: where the extension's management API answers.
CLIENT_PAYLOAD = json.dumps(
    {
        "taskHubName": "Hub",
        "creationUrls": {
            "createNewInstancePostUri": f"{WEBHOOKS}/orchestrators/{{functionName}}",
            "createAndWaitOnNewInstancePostUri": f"{WEBHOOKS}/orchestrators/{{functionName}}",
        },
        "managementUrls": {
            "id": "INSTANCEID",
            "statusQueryGetUri": f"{WEBHOOKS}/instances/INSTANCEID?taskHub=Hub",
            "sendEventPostUri": f"{WEBHOOKS}/instances/INSTANCEID/raiseEvent/{{eventName}}",
            "terminatePostUri": f"{WEBHOOKS}/instances/INSTANCEID/terminate?reason={{text}}",
        },
        "rpcBaseUrl": "http://127.0.0.1:17071/durabletask/",
    }
)
STATUS_CALL = {
    "function": "status",
    "inputs": {
        "req": {
            "http": {
                "method": "GET",
                "url": "https://myapp.example/api/status/abc",
                "route_params": {"instance_id": "abc"},
            }
        },
        "client": string_datum(CLIENT_PAYLOAD),
    },
}
STATUS_EXPECTED = {
    "status": 202,
    "headers": {
        "Content-Type": "application/json",
        "Location": "https://myapp.example/runtime/webhooks/durabletask/instances/abc?taskHub=Hub",
        "Retry-After": "10",
    },
    "body": {
        "id": "abc",
        "statusQueryGetUri": (
            "https://myapp.example/runtime/webhooks/durabletask/instances/abc?taskHub=Hub"
        ),
        "sendEventPostUri": (
            "https://myapp.example/runtime/webhooks/durabletask/instances/abc/raiseEvent/"
            "{eventName}"
        ),
        "terminatePostUri": (
            "https://myapp.example/runtime/webhooks/durabletask/instances/abc/terminate"
            "?reason={text}"
        ),
    },
}


HELLO_CALLS = [
    STATUS_CALL,
    {
        "function": "hello_orchestrator",
        "inputs": {"context": string_datum(orchestration_payload("hello_orchestrator", []))},
    },
    {
        "function": "say_hello",
        "inputs": {"city": {"datum": ["json", '"Tokyo"']}},
    },
    {
        "function": "counter",
        "inputs": {
            "context": string_datum(entity_payload("Counter", 5, [("add", 3), ("get", None)]))
        },
    },
]
HELLO_REPLAY_CALL = {
    "function": "hello_orchestrator",
    "inputs": {
        "context": string_datum(
            orchestration_payload(
                "hello_orchestrator", ["Hello Tokyo!", "Hello Seattle!"], activity="say_hello"
            )
        )
    },
}
HELLO_EXPECTED = {
    "status": STATUS_EXPECTED,
    "hello_orchestrator": {"isDone": False, "actions": [call_activity("say_hello", "Tokyo")]},
    "say_hello": "Hello Tokyo!",
    "counter": {
        "entityExists": True,
        "entityState": "8",
        "results": [{"isError": False, "result": "8"}, {"isError": False, "result": "8"}],
        "signals": [],
    },
}
HELLO_REPLAY_EXPECTED = {
    "isDone": True,
    "actions": [call_activity("say_hello", "Tokyo"), call_activity("say_hello", "Seattle")],
    "output": ["Hello Tokyo!", "Hello Seattle!"],
}


def run_invocations(venv: EcosystemVenv, app: Path, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Invoke ``calls`` on ``app`` with ``azfunc.invoke`` in ``venv``; return what each
    returned to the host, as JSON (entity results without their timing)."""
    calls_file = app.parent / f"{app.name}-calls.json"
    calls_file.write_text(json.dumps(calls), encoding="utf-8")
    completed = venv.run_python([str(INVOKE), str(app), str(calls_file)], cwd=app)
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    values = {}
    for name, result in report.items():
        assert (result["ok"], result["error"]) == (True, None), result
        values[name] = comparable(result["returned"])
    return values


def comparable(returned: dict[str, Any]) -> Any:
    """An HTTP response as is; a durable result parsed, entity results without timing."""
    if "status" in returned:
        return returned
    assert returned["type"] == "json"
    value = json.loads(returned["value"])
    if isinstance(value, dict) and "results" in value:
        for entry in value["results"]:
            del entry["duration"], entry["startTime"]
    return value


# --- helpers -------------------------------------------------------------------------------


def copy_app(name: str, dest: Path, *, rewrite: bool) -> Path:
    """Copy ``durable_apps/<name>`` to ``dest``; with ``rewrite``, point its
    ``azure.functions`` imports at azfunc."""
    app = dest / name
    shutil.copytree(APPS / name, app, ignore=shutil.ignore_patterns("__pycache__"))
    if rewrite:
        script = app / "function_app.py"
        script.write_text(rewrite_imports(script.read_text(encoding="utf-8")), encoding="utf-8")
    return app


def golden(name: str) -> str:
    return (GOLDEN / f"durable_{name}.json").read_text(encoding="utf-8")


def azfunc_cli(venv: EcosystemVenv, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return venv.run_python(["-m", "azfunc", *args], cwd=cwd)


@pytest.fixture(scope="module")
def rewritten(make_ecosystem_venv: Callable[..., EcosystemVenv]) -> EcosystemVenv:
    return make_ecosystem_venv("durable", [SDK], rewrite=["azure/durable_functions"])


@pytest.fixture(scope="module")
def plain(make_ecosystem_venv: Callable[..., EcosystemVenv]) -> EcosystemVenv:
    return make_ecosystem_venv("durable-plain", [worker_venv_module.AZURE_FUNCTIONS, SDK])


# --- offline: azfunc's own durable decorators ----------------------------------------------


def test_native_app_indexes_like_the_reference() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "azfunc", "index", str(APPS / "native")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == golden("native")


def test_native_app_passes_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "azfunc", "check", str(APPS / "native")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Warnings only: the two ANONYMOUS routes.
    assert result.stdout.splitlines()[-1] == "No errors, 2 warnings."


def test_the_docs_show_the_native_app() -> None:
    page = (ROOT / "docs" / "durable.md").read_text(encoding="utf-8")
    block = page.split("```python\n", 1)[1].split("```\n", 1)[0]
    app = (APPS / "native" / "function_app.py").read_text(encoding="utf-8")
    assert block == app[app.index("import azfunc as func") :]


def test_loader_explains_how_to_port_an_azure_functions_app(tmp_path: Path) -> None:
    # What df.DFApp is when the SDK uses azure.functions: a subclass of its FunctionRegister.
    (tmp_path / "azure_register.py").write_text(
        "class FunctionRegister:\n"
        "    __module__ = 'azure.functions.decorators.function_app'\n\n\n"
        "class DFApp(FunctionRegister):\n"
        "    pass\n",
        encoding="utf-8",
    )
    (tmp_path / "function_app.py").write_text(
        "from azure_register import DFApp\n\nmy_app = DFApp()\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "azfunc", "index", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == PORT_MESSAGE.format(variable="my_app") + "\n"


def test_client_function_turns_an_azure_functions_response_into_azfuncs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The SDK, importing azure.functions, returns azure.functions.HttpResponse objects.
    sdk = types.ModuleType("azure.durable_functions")
    sdk.DurableOrchestrationClient = lambda payload: payload  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azure.durable_functions", sdk)

    class HttpResponse:
        __module__ = "azure.functions._http"
        status_code = 202
        headers = {"Location": "https://x/instances/1", "Retry-After": "10"}
        mimetype = "application/json"
        charset = "utf-8"

        def get_body(self) -> bytes:
            return b'{"id": "1"}'

    def start(req: Any, client: Any) -> Any:
        return HttpResponse()

    response = client_function(start, "client")(None, None)
    assert (
        type(response),
        response.status_code,
        dict(response.headers),
        response.mimetype,
        response.charset,
        response.get_body(),
    ) == (
        azfunc.HttpResponse,
        202,
        {"Location": "https://x/instances/1", "Retry-After": "10"},
        "application/json",
        "utf-8",
        b'{"id": "1"}',
    )
    assert client_function(lambda client: "text", "client")(None) == "text"


PORT_MESSAGE = (
    "azfunc index: function_app.py defines '{variable}', a DFApp of azure.functions, not an "
    "azfunc app, so azfunc cannot index it. Replace `import azure.functions as func` with "
    "`import azfunc as func`. For the Durable Functions SDK's df.DFApp or df.Blueprint, use "
    "`app = func.FunctionApp()` with azfunc's durable decorators (app.orchestration_trigger, "
    "app.activity_trigger, app.entity_trigger, app.durable_client_input), or point the SDK's "
    "azure.functions imports at azfunc; see azfunc's docs/durable.md."
)


# --- rewritten: the SDK's azure.functions imports point at azfunc --------------------------


@pytest.mark.ecosystem
def test_sdk_takes_azfuncs_codec(rewritten: EcosystemVenv, tmp_path: Path) -> None:
    code = (
        "import azfunc._durable_functions as ours\n"
        "from azure.durable_functions.models.utils import df_serialization as sdk\n"
        "print(sdk.df_dumps is ours.df_dumps, sdk.df_loads is ours.df_loads,\n"
        "      sdk._get_serialize_default is ours._get_serialize_default,\n"
        "      sdk._serialize_custom_object is ours._serialize_custom_object,\n"
        "      sdk._deserialize_custom_object is ours._deserialize_custom_object)\n"
    )
    completed = rewritten.run_python(["-c", code], cwd=tmp_path)
    assert (completed.returncode, completed.stdout) == (0, "True True True True True\n"), (
        completed.stderr
    )


@pytest.mark.ecosystem
@pytest.mark.parametrize("name", SDK_APPS)
def test_sdk_app_indexes_like_the_reference(
    rewritten: EcosystemVenv, tmp_path: Path, name: str
) -> None:
    app = copy_app(name, tmp_path, rewrite=True)
    result = azfunc_cli(rewritten, "index", str(app), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == golden(name)


@pytest.mark.ecosystem
@pytest.mark.parametrize("name", SDK_APPS)
def test_sdk_app_passes_check(rewritten: EcosystemVenv, tmp_path: Path, name: str) -> None:
    app = copy_app(name, tmp_path, rewrite=True)
    result = azfunc_cli(rewritten, "check", str(app), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.ecosystem
def test_sdk_dfapp_functions_run_through_invoke(rewritten: EcosystemVenv, tmp_path: Path) -> None:
    app = copy_app("sdk_dfapp", tmp_path, rewrite=True)
    assert run_invocations(rewritten, app, HELLO_CALLS) == HELLO_EXPECTED
    assert run_invocations(rewritten, app, [HELLO_REPLAY_CALL]) == {
        "hello_orchestrator": HELLO_REPLAY_EXPECTED
    }


@pytest.mark.ecosystem
def test_sdk_blueprint_functions_run_through_invoke(
    rewritten: EcosystemVenv, tmp_path: Path
) -> None:
    app = copy_app("sdk_blueprint", tmp_path, rewrite=True)
    calls = [
        {
            "function": "chain",
            "inputs": {
                "context": string_datum(orchestration_payload("chain", [42], activity="double"))
            },
        },
        {"function": "double", "inputs": {"n": {"datum": ["json", "21"]}}},
        {
            "function": "tally",
            "inputs": {
                "context": string_datum(
                    entity_payload("tally", None, [("bump", None), ("bump", None)])
                )
            },
        },
    ]
    assert run_invocations(rewritten, app, calls) == {
        "chain": {"isDone": True, "actions": [call_activity("double", 21)], "output": 42},
        "double": 42,
        "tally": {
            "entityExists": True,
            "entityState": "2",
            "results": [{"isError": False, "result": "null"}, {"isError": False, "result": "null"}],
            "signals": [],
        },
    }


@pytest.mark.ecosystem
def test_testing_payloads_run_on_the_sdk(rewritten: EcosystemVenv, tmp_path: Path) -> None:
    app = copy_app("sdk_dfapp", tmp_path, rewrite=True)
    orchestration = testing.orchestration_context_payload(name="hello_orchestrator").data
    entity = testing.entity_context_payload(
        "Counter", "k1", state=5, operations=[("add", 3), ("get", None)]
    ).data
    calls = [
        {"function": "counter", "inputs": {"context": {"datum": [entity.type, entity.value]}}},
        {
            "function": "hello_orchestrator",
            "inputs": {"context": {"datum": [orchestration.type, orchestration.value]}},
        },
    ]
    assert run_invocations(rewritten, app, calls) == {
        "counter": HELLO_EXPECTED["counter"],
        # the kit's payload declares replay schema 2 (upperSchemaVersion), as hosts do now
        "hello_orchestrator": {**HELLO_EXPECTED["hello_orchestrator"], "schemaVersion": 2},
    }


CTX_APP = (
    "import azure.durable_functions as df\n\n"
    "app = df.DFApp()\n\n\n"
    "@app.orchestration_trigger(context_name='ctx')\n"
    "def orch(ctx):\n"
    "    return 1\n"
)


@pytest.mark.ecosystem
def test_sdk_orchestrator_must_name_its_context_context(
    rewritten: EcosystemVenv, tmp_path: Path
) -> None:
    # The SDK's wrapper takes a parameter named `context` whatever context_name says;
    # the real worker refuses such a function (see the worker test below), so check does.
    app = tmp_path / "ctx_app"
    app.mkdir()
    (app / "function_app.py").write_text(rewrite_imports(CTX_APP), encoding="utf-8")
    shutil.copy(APPS / "native" / "host.json", app)
    result = azfunc_cli(rewritten, "check", str(app), cwd=tmp_path)
    assert result.returncode == 1
    assert [
        line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines() if ": error: " in line
    ] == [
        "[context-annotation]",
        "[binding-without-parameter]",
    ]


# --- plain: the SDK with azure-functions, the app with azfunc's decorators -----------------


@pytest.mark.ecosystem
def test_native_app_with_the_installed_sdk(plain: EcosystemVenv, tmp_path: Path) -> None:
    app = copy_app("native", tmp_path, rewrite=False)
    index = azfunc_cli(plain, "index", str(app), cwd=tmp_path)
    assert (index.returncode, index.stderr, index.stdout) == (0, "", golden("native"))
    check = azfunc_cli(plain, "check", str(app), cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert run_invocations(plain, app, HELLO_CALLS) == HELLO_EXPECTED
    assert run_invocations(plain, app, [HELLO_REPLAY_CALL]) == {
        "hello_orchestrator": HELLO_REPLAY_EXPECTED
    }


@pytest.mark.ecosystem
def test_dfapp_with_the_installed_sdk_gets_a_porting_message(
    plain: EcosystemVenv, tmp_path: Path
) -> None:
    app = copy_app("sdk_dfapp", tmp_path, rewrite=False)
    result = azfunc_cli(plain, "index", str(app), cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == PORT_MESSAGE.format(variable="app") + "\n"


# --- the real worker -----------------------------------------------------------------------

WORKER_DRIVER = ROOT / "tests" / "worker" / "driver.py"


def run_driver(python: Path, tmp_path: Path, spec: dict[str, Any]) -> dict[str, Any]:
    """Run the worker driver (``tests/worker/driver.py``) on ``spec``; return its report."""
    spec_file, result_file = tmp_path / "spec.json", tmp_path / "result.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AZFUNC_", "PYTHON"))}
    env.update(PYTHONPATH=str(ROOT / "src"), PYTHONDONTWRITEBYTECODE="1")
    completed = subprocess.run(
        [str(python), str(WORKER_DRIVER), str(spec_file), str(result_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    report: dict[str, Any] = json.loads(result_file.read_text(encoding="utf-8"))
    assert "driver_error" not in report, report.get("driver_error")
    return report


@pytest.mark.ecosystem
@pytest.mark.worker
def test_native_app_runs_on_the_real_worker(tmp_path: Path) -> None:
    try:
        worker = worker_venv_module.worker_venv(extra=(SDK,))
    except worker_venv_module.RegistryUnreachable as error:
        pytest.skip(f"package registry unreachable, cannot build the worker venv: {error}")
    app = copy_app("native", tmp_path, rewrite=False)
    hello = orchestration_payload("hello_orchestrator", [])
    counter = entity_payload("Counter", 5, [("add", 3)])
    status_request = {
        "method": "GET",
        "url": "https://myapp.example/api/status/abc",
        "params": {"instance_id": "abc"},
    }
    invocations = [
        {
            "function": "hello_orchestrator",
            "id": "inv-o",
            "input_data": {"context": {"string": hello}},
        },
        {"function": "say_hello", "id": "inv-a", "input_data": {"city": {"string": '"Tokyo"'}}},
        {
            "function": "status",
            "id": "inv-s",
            "input_data": {"req": {"http": status_request}, "client": {"string": CLIENT_PAYLOAD}},
        },
        {"function": "counter", "id": "inv-e", "input_data": {"context": {"string": counter}}},
    ]
    report = run_driver(worker.python, tmp_path, {"app_dir": str(app), "invocations": invocations})
    assert report["metadata_status"] == {"status": "Success", "exception": None}
    assert sorted(m["name"] for m in report["metadata"]) == [
        "counter",
        "hello_orchestrator",
        "http_start",
        "say_hello",
        "status",
    ]
    assert {name: s["status"] for name, s in report["load"].items()} == dict.fromkeys(
        report["load"], "Success"
    )
    status = report["invocations"].pop("inv-s")["return_value"]["http"]
    assert (status["status_code"], json.loads(base64.b64decode(status["body"]["bytes"]))) == (
        "202",
        STATUS_EXPECTED["body"],
    )
    returned = {
        inv_id: json.loads(inv["return_value"]["json"])
        for inv_id, inv in report["invocations"].items()
    }
    for entry in returned["inv-e"]["results"]:
        del entry["duration"], entry["startTime"]
    assert returned == {
        "inv-o": HELLO_EXPECTED["hello_orchestrator"],
        "inv-a": "Hello Tokyo!",
        "inv-e": {
            "entityExists": True,
            "entityState": "8",
            "results": [{"isError": False, "result": "8"}],
            "signals": [],
        },
    }


@pytest.mark.ecosystem
@pytest.mark.worker
def test_worker_refuses_an_sdk_orchestrator_whose_context_is_not_named_context(
    tmp_path: Path,
) -> None:
    try:
        worker = worker_venv_module.worker_venv(extra=(SDK,))
    except worker_venv_module.RegistryUnreachable as error:
        pytest.skip(f"package registry unreachable, cannot build the worker venv: {error}")
    app = tmp_path / "ctx_app"
    app.mkdir()
    (app / "function_app.py").write_text(CTX_APP, encoding="utf-8")
    report = run_driver(worker.python, tmp_path, {"app_dir": str(app), "invocations": []})
    assert report["init"] == {
        "status": "Failure",
        "exception": 'FunctionLoadError: cannot load the orch function: the "context" parameter '
        "is expected to be of type azure.functions.Context, got "
        "\"<class 'azure.functions._durable_functions.OrchestrationContext'>\"",
    }


# --- the reference: regenerate the golden files with azure-functions 1.26.0 ----------------


@pytest.mark.reference
@pytest.mark.ecosystem
def test_golden_files_match_the_reference(tmp_path: Path) -> None:
    tool = golden_tool()
    python = reference_python(tool.DURABLE_SDK)  # shared with the catalogue test
    produced = {}
    for name in (*SDK_APPS, "native"):
        app = tmp_path / name
        if name == "native":
            tool.reference_copy(APPS / name, app)  # azfunc imports become azure.functions
        else:
            copy_app(name, tmp_path, rewrite=False)
        produced[name] = tool.run_indexer(python, str(app))
    if os.environ.get("AZFUNC_WRITE_GOLDEN") == "1":
        for name, text in produced.items():
            (GOLDEN / f"durable_{name}.json").write_text(text, encoding="utf-8", newline="\n")
    assert produced == {name: golden(name) for name in produced}
