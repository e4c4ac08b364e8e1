"""The worker bridge without the real worker: detection, registration, stand-ins.

Installing the bridge changes process-wide state (ABC registries, the app class), so
every install happens in a subprocess, against a small fake ``azure.functions``
written to a temporary directory. The real worker is exercised in tests/worker/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path
from typing import Any

import pytest

from azfunc import _worker_bridge
from azfunc._worker_bridge import LINKS, SWAPS, Link

APPS = Path(__file__).parent / "worker" / "apps"

FAKE_AZURE: dict[str, str] = {
    "azure/__init__.py": "",
    "azure/functions/__init__.py": """
        __version__ = "0.0.fake"
        from azure.functions.decorators.function_app import FunctionRegister
    """,
    "azure/functions/_abc.py": """
        import abc

        class HttpRequest(abc.ABC):
            pass

        class HttpResponse(abc.ABC):
            pass

        class Context(abc.ABC):
            pass
    """,
    "azure/functions/_http.py": """
        from azure.functions import _abc

        class HttpRequest(_abc.HttpRequest):
            method = "GET"
    """,
    "azure/functions/decorators/__init__.py": "",
    "azure/functions/decorators/function_app.py": """
        import abc

        class FunctionRegister(abc.ABC):
            pass
    """,
    "azure/functions/warmup.py": """
        class WarmUpContext:
            pass
    """,
    "azure/functions/extension/__init__.py": "",
    "azure/functions/extension/extension_meta.py": """
        class ExtensionMeta(type):
            @classmethod
            def get_application_hooks(cls):
                return None

            @classmethod
            def get_function_hooks(cls, name):
                return None
    """,
    "azure/functions/extension/app_extension_hooks.py": """
        from typing import NamedTuple

        class AppExtensionHooks(NamedTuple):
            post_function_load_app_level: list
            pre_invocation_app_level: list
            post_invocation_app_level: list
    """,
    "azure/functions/extension/func_extension_hooks.py": """
        from typing import NamedTuple

        class FuncExtensionHooks(NamedTuple):
            post_function_load: list
            pre_invocation: list
            post_invocation: list
    """,
    "azure_functions_runtime/__init__.py": "",
    # Asks for the functions the way the worker does: from a worker module, on the one
    # module global that is an azure.functions FunctionRegister.
    "azure_functions_runtime/loader.py": """
        import importlib

        from azure.functions import FunctionRegister

        def find_app(module_name):
            module = importlib.import_module(module_name)
            (app,) = [v for v in vars(module).values() if isinstance(v, FunctionRegister)]
            return app

        def index(app):
            return app.get_functions()
    """,
    "azure_functions_worker/__init__.py": "",
    "app/function_app.py": """
        import azfunc as func

        app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

        @app.route(route="hello")
        def hello(req: func.HttpRequest) -> str:
            return "hello " + req.method

        @app.warm_up_trigger("warmup")
        async def warm(warmup: func.WarmUpContext) -> None:
            pass
    """,
}


@pytest.fixture
def fake_site(tmp_path: Path) -> Path:
    for name, text in FAKE_AZURE.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def run_python(code: str, path: list[Path], env: dict[str, str] | None = None) -> Any:
    """Run ``code`` in a fresh interpreter with ``path`` first on sys.path; return the
    JSON it prints last."""
    clean = {k: v for k, v in os.environ.items() if k not in ("AZFUNC_WORKER_BRIDGE",)}
    clean["PYTHONPATH"] = os.pathsep.join(
        [*map(str, path), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    clean["PYTHONDONTWRITEBYTECODE"] = "1"
    clean.update(env or {})
    completed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=clean,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_import_azfunc_outside_the_worker_loads_nothing_of_azure(fake_site: Path) -> None:
    result = run_python(
        """
        import json, sys
        import azfunc
        from azfunc import bridge
        print(json.dumps({
            "azure": sorted(m for m in sys.modules if m.startswith("azure")),
            "installed": bridge.is_installed(),
        }))
        """,
        [fake_site],  # azure.functions is importable, but no worker module is loaded
    )
    assert result == {"azure": [], "installed": False}


@pytest.mark.parametrize("value", ["0", "false", "OFF", "no"])
def test_opt_out_keeps_the_bridge_off_inside_the_worker(fake_site: Path, value: str) -> None:
    result = run_python(
        """
        import json, sys
        import azure_functions_runtime, azure.functions
        import azfunc
        print(json.dumps({
            "installed": azfunc._worker_bridge.is_installed(),
            "found": isinstance(azfunc.FunctionApp(), azure.functions.FunctionRegister),
        }))
        """,
        [fake_site],
        env={"AZFUNC_WORKER_BRIDGE": value},
    )
    assert result == {"installed": False, "found": False}


def test_bridge_installs_inside_the_worker_and_registers_both_ways(fake_site: Path) -> None:
    result = run_python(
        """
        import json
        import azure_functions_runtime, azure.functions
        from azure.functions import _abc, _http
        import azfunc
        from azfunc import bridge

        report = bridge.install()  # idempotent: returns the report of the automatic install
        print(json.dumps({
            "installed": bridge.is_installed(),
            "version": report.azure_version,
            "app_found": isinstance(azfunc.FunctionApp(), azure.functions.FunctionRegister),
            "annotation_accepted": issubclass(azfunc.HttpRequest, _abc.HttpRequest),
            "response_encodable": isinstance(azfunc.HttpResponse("x"), _abc.HttpResponse),
            "request_is_azfunc": isinstance(_http.HttpRequest(), azfunc.HttpRequest),
            "registered": [l.foreign for l in report.registered],
            "missing": sum("does not exist" in why or "cannot import" in why
                           for _, why in report.skipped),
            "swaps": {k.__name__: v.__module__ for k, v in report.swaps.items()},
            "runs_extensions": report.worker_runs_extensions,
        }))
        """,
        [fake_site],
    )
    assert result == {
        "installed": True,
        "version": "0.0.fake",
        "app_found": True,
        "annotation_accepted": True,
        "response_encodable": True,
        "request_is_azfunc": True,
        "registered": [
            "decorators.function_app:FunctionRegister",
            "_abc:HttpRequest",
            "_abc:HttpResponse",
            "_http:HttpRequest",
            "_abc:Context",
        ],
        "missing": len(
            [
                link
                for link in LINKS
                if link.foreign.split(".")[0] not in _worker_bridge.WORKER_MODULES
            ]
        )
        - 5,
        "swaps": {"WarmUpContext": "azure.functions.warmup"},
        "runs_extensions": False,
    }


def test_worker_gets_stand_ins_with_the_user_functions_file_hints_and_kind(
    fake_site: Path,
) -> None:
    result = run_python(
        """
        import inspect, json, typing
        import azure_functions_runtime.loader as worker, azure.functions.warmup
        import azfunc
        import function_app

        app = worker.find_app("function_app")
        functions = {f.get_function_name(): f for f in worker.index(app)}
        hello = functions["hello"].get_user_function()
        warm = functions["warm"].get_user_function()
        print(json.dumps({
            "wrapped": hello.__wrapped__.__name__,
            "file": inspect.getfile(hello) == function_app.__file__,
            "parameters": list(inspect.signature(hello).parameters),
            "hints": {k: v.__module__ for k, v in typing.get_type_hints(warm).items()},
            "async": [inspect.iscoroutinefunction(warm), inspect.iscoroutinefunction(hello)],
            "result": hello(req=azfunc.HttpRequest("POST", "http://x/api/hello", body=b"")),
            "user_annotations_kept": function_app.warm.__wrapped__.__annotations__["warmup"]
                is azfunc.WarmUpContext,
        }))
        """,
        [fake_site, fake_site / "app"],
    )
    assert result == {
        "wrapped": "hello",
        "file": True,
        "parameters": ["req", "context"],  # so the worker passes its context
        "hints": {"warmup": "azure.functions.warmup", "return": "builtins"},
        "async": [True, False],
        "result": "hello POST",
        "user_annotations_kept": True,
    }


def test_only_the_app_the_worker_asked_is_adapted_and_the_class_is_left_alone(
    fake_site: Path,
) -> None:
    result = run_python(
        """
        import json
        import azure_functions_runtime.loader as worker
        import azfunc
        from azfunc import _worker_bridge
        from azfunc.decorators.function_app import FunctionRegister

        def kinds(functions):
            return {
                f.get_function_name(): "stand-in" if "__wrapped__" in vars(f.get_user_function())
                else "user function"
                for f in functions
            }

        before = azfunc.FunctionApp(http_auth_level=azfunc.AuthLevel.ANONYMOUS)

        @before.route(route="before")
        def early(req: azfunc.HttpRequest) -> str:
            return "early"

        import function_app

        own_before = function_app.app.get_functions()  # user code, before the worker asks
        class_before = vars(FunctionRegister)["get_functions"].__qualname__
        found = worker.find_app("function_app")
        for_worker = worker.index(found)
        after = azfunc.FunctionApp(http_auth_level=azfunc.AuthLevel.ANONYMOUS)

        @after.route(route="after")
        def late(req: azfunc.HttpRequest) -> str:
            return "late"

        print(json.dumps({
            "worker's app": kinds(for_worker),
            "worker's app, again": kinds(worker.index(found)),
            "worker's app, asked by user code": kinds(function_app.app.get_functions()),
            "worker's app, before it asked": kinds(own_before),
            "adopted": _worker_bridge.worker_app() is function_app.app,
            "instance attributes": [
                "get_functions" in vars(app) for app in (function_app.app, before, after)
            ],
            "class method after": vars(FunctionRegister)["get_functions"].__qualname__,
            "class method before": class_before,
            "other apps, asked by the worker module": [
                kinds(worker.index(before)), kinds(worker.index(after))
            ],
            "user functions untouched": [
                f.get_user_function() is g.get_user_function()
                for f, g in zip(own_before, function_app.app.get_functions())
            ],
        }))
        """,
        [fake_site, fake_site / "app"],
    )
    assert result == {
        "worker's app": {"hello": "stand-in", "warm": "stand-in"},
        "worker's app, again": {"hello": "stand-in", "warm": "stand-in"},
        "worker's app, asked by user code": {"hello": "user function", "warm": "user function"},
        "worker's app, before it asked": {"hello": "user function", "warm": "user function"},
        "adopted": True,
        "instance attributes": [True, False, False],
        "class method after": "FunctionRegister.get_functions",
        # Until the worker asks, a trampoline that passes other callers through.
        "class method before": "_install_way_in.<locals>.get_functions",
        "other apps, asked by the worker module": [
            {"early": "user function"},
            {"late": "user function"},
        ],
        "user functions untouched": [True, True],
    }


def test_an_app_subclass_whose_get_functions_calls_super_is_adapted_too(
    fake_site: Path,
) -> None:
    (fake_site / "app" / "sub_app.py").write_text(
        textwrap.dedent(
            """
            import azfunc as func

            class CountingApp(func.FunctionApp):
                calls = 0

                def get_functions(self):
                    type(self).calls += 1
                    return super().get_functions()

            app = CountingApp(http_auth_level=func.AuthLevel.ANONYMOUS)

            @app.route(route="hi")
            def hi(req: func.HttpRequest) -> str:
                return "hi"
            """
        ),
        encoding="utf-8",
    )
    result = run_python(
        """
        import json
        import azure_functions_runtime.loader as worker
        import azfunc

        def kinds(functions):
            return [
                "stand-in" if "__wrapped__" in vars(f.get_user_function()) else "user function"
                for f in functions
            ]

        app = worker.find_app("sub_app")
        print(json.dumps({
            "worker": [kinds(worker.index(app)), kinds(worker.index(app))],
            "user code": kinds(app.get_functions()),
            "calls": type(app).calls,
        }))
        """,
        [fake_site, fake_site / "app"],
    )
    assert result == {
        "worker": [["stand-in"], ["stand-in"]],
        "user code": ["user function"],
        "calls": 3,
    }


@pytest.mark.parametrize(("setting", "forwarded"), [(None, True), ("0", False)])
def test_worker_4x_reads_azfunc_extensions_from_azure_functions(
    fake_site: Path, setting: str | None, forwarded: bool
) -> None:
    result = run_python(
        """
        import json
        import azure_functions_worker
        from azfunc import bridge
        import azfunc
        from azure.functions.extension.extension_meta import ExtensionMeta

        class Recorder(azfunc.AppExtensionBase):
            @classmethod
            def pre_invocation_app_level(cls, logger, context, func_args=None, *a, **k):
                pass

        hooks = ExtensionMeta.get_application_hooks()
        print(json.dumps({
            "runs_extensions": bridge.install().worker_runs_extensions,
            "pre": None if hooks is None else [h.ext_name for h in hooks.pre_invocation_app_level],
            "function": ExtensionMeta.get_function_hooks("hello"),
        }))
        """,
        [fake_site],
        env={"PYTHON_ENABLE_WORKER_EXTENSIONS": setting} if setting else {},
    )
    assert result == {
        "runs_extensions": forwarded,
        "pre": ["Recorder"] if forwarded else None,
        "function": None,
    }


def test_forced_bridge_without_azure_functions_warns_and_imports(tmp_path: Path) -> None:
    result = run_python(
        """
        import json, logging, sys
        sys.modules["azure.functions"] = None  # azure-functions is not installed
        records = []
        logging.getLogger("azfunc.bridge").addHandler(
            type("H", (logging.Handler,), {"emit": lambda self, r: records.append(r)})())
        import azfunc
        print(json.dumps({"installed": azfunc._worker_bridge.is_installed(),
                          "warnings": [r.getMessage() for r in records]}))
        """,
        [tmp_path],
        env={"AZFUNC_WORKER_BRIDGE": "1"},
    )
    assert result == {
        "installed": False,
        "warnings": [
            "azfunc worker bridge not installed: The azfunc worker bridge needs the "
            "azure-functions package, which the Azure Functions worker provides; importing "
            "'azure.functions' failed: import of azure.functions halted; None in sys.modules. "
            "Install "
            "azure-functions, or set AZFUNC_WORKER_BRIDGE=0 to turn the bridge off."
        ],
    }


def test_unknown_switch_value_warns_and_falls_back_to_detection(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("AZFUNC_WORKER_BRIDGE", "maybe")
    for name in _worker_bridge.WORKER_MODULES:
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert _worker_bridge._wanted() is False
    monkeypatch.setitem(sys.modules, "proxy_worker", types.ModuleType("proxy_worker"))
    assert _worker_bridge._wanted() is True
    assert caplog.messages[0] == (
        "AZFUNC_WORKER_BRIDGE='maybe' is not one of 0/false/no/off (never) or "
        "1/on/true/yes (always); installing the bridge only inside the worker."
    )


def test_every_azfunc_class_the_tables_name_exists() -> None:
    own = [link.azfunc for link in LINKS] + [own for own, _ in SWAPS]
    missing = [
        ref for ref in own if not isinstance(_worker_bridge._find_class(ref, own=True), type)
    ]
    assert missing == []
    assert {link.kind for link in LINKS} == {"accept", "expose"}
    assert all(isinstance(link, Link) for link in LINKS)


@pytest.mark.parametrize("pair", ["basic", "asgi", "blob", "sdktypes"])
def test_worker_twin_apps_differ_only_in_the_import(pair: str) -> None:
    ours, theirs = APPS / f"{pair}_azfunc", APPS / f"{pair}_azure"
    files = sorted(p.name for p in ours.glob("*.py"))
    assert files == sorted(p.name for p in theirs.glob("*.py"))
    for name in files:
        ported = (
            (ours / name)
            .read_text(encoding="utf-8")
            .replace("import azfunc as func\n", "import azure.functions as func\n")
        )
        assert ported == (theirs / name).read_text(encoding="utf-8"), name
