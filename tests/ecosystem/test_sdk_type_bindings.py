"""The SDK-type binding packages (azurefunctions-extensions-bindings-blob and -servicebus)
with azfunc apps.

The packages build on ``azurefunctions.extensions.base``, not on azure.functions, so
nothing in them is rewritten: the venv keeps azure-functions, as a real user's does.
Each official sample the wheels ship (``site-packages/samples/*/function_app.py``) is
ported by pointing its ``azure.functions`` import at azfunc; the port must pass
``azfunc check`` and index to the same metadata as the untouched sample on
azure.functions. The real worker loads such apps in tests/worker/test_real_worker.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.ecosystem.venvs import EcosystemVenv, rewrite_imports
from tests.worker.venv import AZURE_FUNCTIONS

pytestmark = pytest.mark.ecosystem

PACKAGES = (
    "azurefunctions-extensions-bindings-blob==1.1.2",
    "azurefunctions-extensions-bindings-servicebus==1.0.0b2",
)
SAMPLES = (
    "blob_samples_blobclient",
    "blob_samples_containerclient",
    "blob_samples_storagestreamdownloader",
    "servicebus_samples_batch",
    "servicebus_samples_settlement",
    "servicebus_samples_single",
)
HOST_JSON = {
    "version": "2.0",
    "extensionBundle": {
        "id": "Microsoft.Azure.Functions.ExtensionBundle",
        "version": "[4.*, 5.0.0)",
    },
}

PROBE = """
import importlib.metadata
import importlib.util
import json
import sys

import azurefunctions.extensions.bindings.blob
import azurefunctions.extensions.bindings.servicebus

report = {
    "azure.functions modules": sorted(
        name for name in sys.modules if name.split(".")[:2] == ["azure", "functions"]
    ),
    "requirements": {
        name: sorted(r for r in importlib.metadata.requires(name) if "extra ==" not in r)
        for name in ("azurefunctions-extensions-bindings-blob",
                     "azurefunctions-extensions-bindings-servicebus")
    },
    "samples": {},
}


def index(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [
        {"name": f.get_function_name(), **json.loads(f.get_function_json())}
        for f in module.app.get_functions()
    ]


for number, (sample, ported, original) in enumerate(json.loads(sys.argv[1])):
    report["samples"][sample] = {
        "azfunc": index(ported, f"ported_{number}"),
        "azure.functions": index(original, f"original_{number}"),
    }
print(json.dumps(report))
"""


@pytest.fixture(scope="module")
def sdk_venv(make_ecosystem_venv: Callable[..., EcosystemVenv]) -> EcosystemVenv:
    return make_ecosystem_venv("sdktypes", (*PACKAGES, AZURE_FUNCTIONS))


@pytest.fixture(scope="module")
def ported(sdk_venv: EcosystemVenv, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder per official sample: the app with its import pointed at azfunc."""
    root = tmp_path_factory.mktemp("samples")
    for sample in SAMPLES:
        source = sdk_venv.site_packages / "samples" / sample / "function_app.py"
        text = source.read_text(encoding="utf-8")
        assert "import azure.functions as func\n" in text
        (root / sample).mkdir()
        (root / sample / "function_app.py").write_text(rewrite_imports(text), encoding="utf-8")
        (root / sample / "host.json").write_text(json.dumps(HOST_JSON), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def report(sdk_venv: EcosystemVenv, ported: Path) -> dict[str, Any]:
    samples = [
        [
            sample,
            str(ported / sample / "function_app.py"),
            str(sdk_venv.site_packages / "samples" / sample / "function_app.py"),
        ]
        for sample in SAMPLES
    ]
    completed = sdk_venv.run_python(["-c", PROBE, json.dumps(samples)], cwd=ported)
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def test_the_extension_packages_do_not_build_on_azure_functions(
    sdk_venv: EcosystemVenv, report: dict[str, Any]
) -> None:
    assert report["azure.functions modules"] == []
    assert report["requirements"] == {
        "azurefunctions-extensions-bindings-blob": [
            "azure-identity<2.0,>=1.19.0",
            "azure-storage-blob<13.0,>=12.24.0",
            "azurefunctions-extensions-base",
        ],
        "azurefunctions-extensions-bindings-servicebus": [
            "azure-servicebus<8.0,>=7.14.2",
            "azurefunctions-extensions-base>=1.1.0",
            "grpcio-tools<2.0,>=1.74.0",
            "grpcio<2.0,>=1.74.0",
            "protobuf<7.0,>=6.32.0",
            "uamqp<2.0,>=1.6.11",
        ],
    }
    assert sorted(p.name for p in (sdk_venv.site_packages / "samples").iterdir()) == list(SAMPLES)


@pytest.mark.parametrize("sample", SAMPLES)
def test_official_sample_indexes_like_on_azure_functions(
    report: dict[str, Any], sample: str
) -> None:
    metadata = report["samples"][sample]
    assert metadata["azfunc"] == metadata["azure.functions"]


def test_settlement_sample_indexes_its_trigger_only(report: dict[str, Any]) -> None:
    # message_actions has no binding: the worker hands it the settlement client.
    assert report["samples"]["servicebus_samples_settlement"]["azfunc"] == [
        {
            "name": "servicebus_queue_trigger",
            "scriptFile": "function_app.py",
            "bindings": [
                {
                    "direction": "IN",
                    "type": "serviceBusTrigger",
                    "name": "received_message",
                    "connection": "SERVICEBUS_CONNECTION",
                    "queueName": "QUEUE_NAME",
                    "autoCompleteMessages": False,
                }
            ],
        }
    ]


@pytest.mark.parametrize("sample", SAMPLES)
def test_official_sample_passes_azfunc_check(
    sdk_venv: EcosystemVenv, ported: Path, sample: str
) -> None:
    check = sdk_venv.run_python(["-m", "azfunc", "check"], cwd=ported / sample)
    lines = check.stdout.splitlines()
    problems = [line for line in lines if ": error: " in line or ": warning: " in line]
    # The blob samples keep the placeholder path 'PATH/TO/BLOB', whose container name
    # Azure refuses (upper case): that, and only that, is reported.
    placeholder = [
        line
        for line in problems
        if "path='PATH/TO/BLOB', whose container 'PATH'" in line
        and line.endswith("[blob-container-invalid]")
    ]
    assert (check.returncode, check.stderr, problems) == (
        1 if placeholder else 0,
        "",
        placeholder,
    ), check.stdout
    if not placeholder:
        assert lines[-1] == "No problems found."


def test_settlement_sample_runs_through_azfunc_index(sdk_venv: EcosystemVenv, ported: Path) -> None:
    app = ported / "servicebus_samples_settlement"
    index = sdk_venv.run_python(["-m", "azfunc", "index", str(app)], cwd=app)
    assert (index.returncode, index.stderr) == (0, "")
    assert [function["name"] for function in json.loads(index.stdout)] == [
        "servicebus_queue_trigger"
    ]


CLIENT = """
import json
import sys

from azfunc.testing import Client

opened = {}
for sample in sys.argv[1:]:
    with Client(sample) as client:
        opened[sample] = [function.get_function_name() for function in client.functions]
print(json.dumps(opened))
"""


def test_the_testing_client_opens_every_ported_sample(
    sdk_venv: EcosystemVenv, ported: Path, report: dict[str, Any]
) -> None:
    # Client() runs the indexing-time checks of azfunc check and refuses an app they reject.
    completed = sdk_venv.run_python(["-c", CLIENT, *SAMPLES], cwd=ported)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {
        sample: [function["name"] for function in report["samples"][sample]["azfunc"]]
        for sample in SAMPLES
    }
