"""Parity of the test client, ``azfunc start`` and :func:`azfunc.invocation.invoke` with
the real worker: the script root, post-function-load hooks at indexing, log attribution
from raw threads, and a value returned without a ``$return`` binding.

tests/worker/test_real_worker.py runs the same app (tests/worker/apps/parity_azfunc)
on the worker and asserts the same answers.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import shutil
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import azfunc as func
from azfunc import testing
from azfunc._host.config import HostConfig
from azfunc._host.logs import HostFormatter
from azfunc._host.prepare import prepare
from azfunc._validation.problems import AppValidationWarning
from azfunc.extension._registry import registry
from azfunc.invocation import InvocationLogFilter, invoke_async

PARITY_APP = Path(__file__).resolve().parents[1] / "worker" / "apps" / "parity_azfunc"
SCRIPT_ROOT = "AzureWebJobsScriptRoot"

#: What the worker answers for the parity app (see test_real_worker.py).
LOADED_AT_INDEXING = "returns_value,report_loaded,never_called"
RETURNED_WITHOUT_BINDING = (
    "Function 'returns_value' returned str but has no '$return' binding, so the worker "
    "fails the invocation. Return None, or add an output binding with arg_name='$return'."
)


@pytest.fixture
def clean_registry() -> Iterator[None]:
    registry._reset()
    yield
    registry._reset()


@pytest.fixture
def no_script_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SCRIPT_ROOT, raising=False)


@pytest.fixture
def parity_app(tmp_path: Path) -> Path:
    """A fresh copy of the parity app (a new folder, so its module is imported anew)."""
    folder = Path(shutil.copytree(PARITY_APP, tmp_path / "parity_app"))
    # azfunc start needs a host.json, as Core Tools does
    (folder / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    return folder


FUNC_EXTENSION_APP = """
    import os

    import azfunc as func

    SEEN = []


    class Timer(func.FuncExtensionBase):
        def __init__(self, file_path):
            super().__init__(file_path)

        def pre_invocation(self, logger, context, func_args=None, *args, **kwargs):
            SEEN.append(context.function_name)


    timer = Timer(__file__)
    app = func.FunctionApp()


    @app.queue_trigger(arg_name="item", queue_name="items", connection="AzureWebJobsStorage")
    def function_app(item: str) -> None:
        SEEN.append(os.environ["AzureWebJobsScriptRoot"])
"""


def write_func_extension_app(folder: Path) -> Path:
    folder.mkdir()
    (folder / "function_app.py").write_text(
        textwrap.dedent(FUNC_EXTENSION_APP), encoding="utf-8"
    )
    return folder


def test_client_sets_the_script_root_while_open_so_a_func_extension_loads(
    tmp_path: Path, no_script_root: None, clean_registry: None
) -> None:
    folder = write_func_extension_app(tmp_path / "ext_app")

    with testing.Client(folder) as client:
        assert os.environ.get(SCRIPT_ROOT) == str(folder)
        client.invoke("function_app", "x")
        module = client.function("function_app").get_user_function().__globals__
        # The extension's trigger name is the script's path under the root, as on Azure.
        assert module["SEEN"] == [str(folder)]

    assert SCRIPT_ROOT not in os.environ


def test_client_leaves_a_script_root_that_is_already_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_registry: None
) -> None:
    monkeypatch.setenv(SCRIPT_ROOT, str(tmp_path))
    folder = write_func_extension_app(tmp_path / "ext_app")

    with testing.Client(folder):
        assert os.environ[SCRIPT_ROOT] == str(tmp_path)

    assert os.environ[SCRIPT_ROOT] == str(tmp_path)


def test_client_puts_the_script_root_back_when_loading_fails(
    tmp_path: Path, no_script_root: None
) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "function_app.py").write_text("raise RuntimeError('broken app')\n")

    with pytest.raises(Exception, match="broken app"):
        testing.Client(folder)

    assert SCRIPT_ROOT not in os.environ


@pytest.mark.filterwarnings("ignore::azfunc._validation.problems.AppValidationWarning")
def test_client_runs_post_function_load_hooks_at_indexing_once_per_function(
    parity_app: Path, clean_registry: None
) -> None:
    with testing.Client(parity_app) as client:
        module = client.function("report_loaded").get_user_function().__globals__
        assert ",".join(module["LOADED"]) == LOADED_AT_INDEXING
        first = client.invoke("report_loaded", "x")
        second = client.invoke("report_loaded", "y")

    assert (first.outputs, second.outputs) == (
        {"out": LOADED_AT_INDEXING},
        {"out": LOADED_AT_INDEXING},
    )


def test_host_runs_post_function_load_hooks_when_it_loads_the_app(
    parity_app: Path, clean_registry: None, no_script_root: None
) -> None:
    prepared = prepare(HostConfig(path=parity_app))
    module = prepared.loaded.module
    assert ",".join(module.LOADED) == LOADED_AT_INDEXING
    (report_loaded,) = [f for f in prepared.functions if f.get_function_name() == "report_loaded"]

    result = asyncio.run(invoke_async(report_loaded, {"item": "x"}))

    assert result.outputs == {"out": LOADED_AT_INDEXING}


def test_invoke_without_indexing_runs_post_function_load_hooks_at_first_call(
    clean_registry: None,
) -> None:
    loaded: list[str] = []

    class Recorder(func.AppExtensionBase):
        @classmethod
        def post_function_load_app_level(
            cls, function_name: str, function_directory: str, *args: Any, **kwargs: Any
        ) -> None:
            loaded.append(function_name)

    app = func.FunctionApp()

    @app.queue_trigger(arg_name="item", queue_name="items", connection="AzureWebJobsStorage")
    def lonely(item: str) -> None:
        pass

    (function,) = app.get_functions()
    func.invocation.invoke(function, {"item": "a"})
    func.invocation.invoke(function, {"item": "b"})

    assert loaded == ["lonely"]


def test_client_fails_a_value_returned_without_a_return_binding_as_the_worker_does(
    parity_app: Path, clean_registry: None
) -> None:
    with pytest.warns(AppValidationWarning) as warned:
        client = testing.Client(parity_app)
    with client:
        with pytest.raises(RuntimeError) as raised:
            client.invoke("returns_value", "a")
        client.raise_server_exceptions = False
        result = client.invoke("returns_value", "a")

    assert [str(w.message).split(": ", 1)[1] for w in warned] == [
        "Function 'returns_value' is annotated to return str, but it has no '$return' "
        "binding, so the worker fails every invocation that returns a value. Annotate the "
        "return None and return nothing, or add an output binding with arg_name='$return'. "
        "[return-without-binding]"
    ]
    assert str(raised.value) == RETURNED_WITHOUT_BINDING
    assert (type(result.error), str(result.error)) == (RuntimeError, RETURNED_WITHOUT_BINDING)
    assert result.encoded_outputs == {}


def test_raw_thread_records_get_the_function_tag_on_the_host_console() -> None:
    app = func.FunctionApp()
    logger = logging.getLogger("tests.parity.raw_thread")
    logger.setLevel(logging.INFO)
    console = io.StringIO()
    handler = logging.StreamHandler(console)
    handler.setFormatter(HostFormatter())
    handler.addFilter(InvocationLogFilter())
    logger.addHandler(handler)

    @app.queue_trigger(arg_name="item", queue_name="items", connection="AzureWebJobsStorage")
    def threaded(item: str, context: func.Context) -> None:
        def work() -> None:
            context.thread_local_storage.invocation_id = context.invocation_id
            logger.info("from a raw thread")

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()

    try:
        with testing.Client(app) as client:
            result = client.invoke("threaded", "x")
    finally:
        logger.removeHandler(handler)

    line = console.getvalue().strip()
    assert line[line.index("] ") + 2 :] == (
        f"[threaded {result.invocation_id[:8]}] from a raw thread"
    )
    assert [
        (r.getMessage(), r.invocation_id, r.function_name)  # type: ignore[attr-defined]
        for r in result.logs
    ] == [("from a raw thread", result.invocation_id, "threaded")]
