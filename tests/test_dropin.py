"""``get_functions()`` builds like azure-functions 1.26.0 and checks nothing more.

Every app of the ``azfunc check`` corpus (tests/broken_apps) breaks one indexing-time
check. ``get_functions()`` must return such an app's functions without raising, warning
or reading source files, whenever the reference indexes it; the `reference` test proves
the metadata is the reference's, app by app, and that azfunc fails exactly where the
reference fails, with the same error.
"""

from __future__ import annotations

import inspect
import json
import linecache
import os
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest

import azfunc as func
from azfunc._loader import load_app
from azfunc._validation.indexing import index
from tests.reference_venv import golden_tool, reference_python

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "broken_apps"
#: The apps whose problem stops indexing in the reference too, with the error it raises.
FAILS_IN_REFERENCE = {
    "no_trigger": "ValueError: Function forward does not have a trigger. A valid function "
    "must have one and only one trigger registered.",
    "duplicate_function_names": "ValueError: Function report does not have a unique function "
    "name. Please change @app.function_name() or the function method name to be unique.",
}
#: The apps that cannot be imported (or hold no single app), so nothing is indexed.
NOT_LOADED = {"syntax_error", "import_error", "no_function_app", "two_function_apps",
              "unknown_decorator"}  # fmt: skip
INDEXED = sorted(
    path.name
    for path in CORPUS.iterdir()
    if (path / "function_app.py").is_file()
    and path.name not in FAILS_IN_REFERENCE
    and path.name not in NOT_LOADED
)


def _forget_app_modules(folder: Path) -> None:
    for path in folder.glob("*.py"):
        sys.modules.pop(path.stem, None)


def _load(name: str) -> Any:
    folder = CORPUS / name
    _forget_app_modules(folder)
    try:
        return load_app(folder)
    finally:
        sys.path[:] = [p for p in sys.path if Path(p) != folder]


def _no_source_reads(*args: object, **kwargs: object) -> Any:
    raise AssertionError("get_functions() read a source file")


@pytest.mark.parametrize("name", INDEXED)
def test_get_functions_indexes_every_app_the_reference_indexes(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = _load(name)
    monkeypatch.setattr(linecache, "getline", _no_source_reads)
    monkeypatch.setattr(linecache, "getlines", _no_source_reads)
    monkeypatch.setattr(inspect, "getsourcelines", _no_source_reads)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = [f.get_function_json() for f in loaded.app.get_functions()]
        second = [f.get_function_json() for f in loaded.app.get_functions()]
    assert first == second
    assert first != []


@pytest.mark.parametrize("name", sorted(FAILS_IN_REFERENCE))
def test_get_functions_raises_what_the_reference_raises(name: str) -> None:
    loaded = _load(name)
    with pytest.raises(ValueError) as caught:
        loaded.app.get_functions()
    assert type(caught.value) is ValueError
    assert f"ValueError: {caught.value}" == FAILS_IN_REFERENCE[name]


def test_index_still_finds_every_problem_get_functions_ignores() -> None:
    found, expected = {}, {}
    # settings_* need the settings; check_config's pyproject.toml is applied by azfunc check
    for name in [n for n in INDEXED if not n.startswith("settings_") and n != "check_config"]:
        loaded = _load(name)
        found[name] = sorted({p.code for p in index(loaded.app, module=loaded.module).problems})
        report = json.loads((CORPUS / name / "expected.json").read_text(encoding="utf-8"))
        expected[name] = sorted(
            {
                p["code"]
                for p in report["problems"]
                if str(p["file"]).endswith(".py") and p["code"] != "anonymous-route"
            }
        )
    assert found == expected


class ServiceBusMessageActions:
    """Stands for the settlement client of azurefunctions-extensions-bindings-servicebus."""


ServiceBusMessageActions.__module__ = (
    "azurefunctions.extensions.bindings.servicebus.serviceBusMessageActions"
)


def test_parameters_the_worker_fills_in_need_no_binding() -> None:
    app = func.FunctionApp()

    @app.service_bus_queue_trigger(arg_name="msg", queue_name="q", connection="SB")
    def settle(
        msg: func.ServiceBusMessage,
        message_actions: ServiceBusMessageActions,
        context: func.Context,
    ) -> None: ...

    (function,) = app.get_functions()
    assert index(app).problems == []
    assert [b["name"] for b in function.get_bindings_dict()["bindings"]] == ["msg"]


class BlobClient:
    """Stands for an SDK client type, which the worker passes only through a binding."""


BlobClient.__module__ = "azurefunctions.extensions.bindings.blob.blobClient"


def test_other_sdk_types_still_need_a_binding() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="orders", connection="C")
    def copy(msg: func.QueueMessage, client: BlobClient) -> None: ...

    assert [(p.code, p.function) for p in index(app).problems] == [
        ("parameter-without-binding", "copy")
    ]


# --- against the reference --------------------------------------------------------------


def _azfunc_index(app: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "azfunc", "index", "--no-check", str(app)],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False,
    )  # fmt: skip


@pytest.mark.reference
def test_corpus_indexes_exactly_as_in_the_reference(tmp_path: Path) -> None:
    python = reference_python()
    tool = golden_tool()
    mismatches: dict[str, Any] = {}
    for name in [*INDEXED, *sorted(FAILS_IN_REFERENCE)]:
        copy = tool.reference_copy(CORPUS / name, tmp_path / name)
        ours = _azfunc_index(CORPUS / name)
        try:
            theirs: str | None = tool.run_indexer(python, str(copy))
            error = None
        except tool.GoldenError as failure:
            theirs, error = None, str(failure)
        if theirs is not None:
            if ours.returncode != 0 or ours.stdout != theirs:
                mismatches[name] = {"azfunc": ours.stdout or ours.stderr, "reference": theirs}
        elif ours.returncode != 1 or FAILS_IN_REFERENCE.get(name, "?") not in ours.stderr:
            mismatches[name] = {"azfunc": ours.stdout or ours.stderr, "reference": error}
        elif FAILS_IN_REFERENCE[name] not in (error or ""):
            mismatches[name] = {"expected": FAILS_IN_REFERENCE[name], "reference": error}
    assert mismatches == {}
