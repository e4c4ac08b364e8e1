"""``import azfunc`` loads the decorator layer and nothing else; the rest loads on first use.

Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import azfunc

ROOT = Path(__file__).resolve().parent.parent

#: The azfunc modules ``import azfunc`` loads: the package, the decorator layer (every
#: binding class and decorator mixin, since FunctionApp inherits all of them) and the gate
#: that decides whether the worker bridge is wanted. Adding one here is a decision: say
#: why in the commit.
DECORATOR_LAYER = sorted(
    [
        "azfunc",
        "azfunc._lazy",
        "azfunc._worker_gate",
        "azfunc.decorators",
        "azfunc.decorators._api",
        *(
            f"azfunc.decorators._api.{name}"
            for name in (
                "blob", "connectors", "cosmosdb", "dapr", "durable", "eventgrid", "eventhub",
                "generic", "http", "kafka", "mcp", "mysql", "openai", "queue", "servicebus",
                "settings", "sql", "table", "timer",
            )
        ),
        "azfunc.decorators._builder",
        "azfunc.decorators._function",
        "azfunc.decorators._function_app_names",
        *(
            f"azfunc.decorators.{name}"
            for name in (
                "blob", "connectors", "constants", "core", "cosmosdb", "dapr", "durable",
                "eventgrid", "eventhub", "function_app", "function_name", "generic", "http",
                "kafka", "mysql", "openai", "queue", "retry_policy", "servicebus", "sql",
                "table", "timer", "utils", "warmup",
            )
        ),
    ]
)  # fmt: skip

#: What the decorator layer may use of the standard library: what these imports load.
STDLIB_BASELINE = (
    "import __future__, abc, collections.abc, enum, functools, inspect, json, re, typing"
)


def _run(code: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "AZFUNC_WORKER_BRIDGE"}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False,
        env=environment, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _run_modules(statement: str) -> set[str]:
    code = f"{statement}\nimport sys\nprint(' '.join(sys.modules))"
    return set(_run(code).split())


def test_import_azfunc_loads_exactly_the_decorator_layer() -> None:
    loaded = _run_modules("import azfunc")
    assert sorted(m for m in loaded if m.startswith("azfunc")) == DECORATOR_LAYER


def test_import_azfunc_loads_no_stdlib_module_beyond_the_baseline() -> None:
    baseline = _run_modules(STDLIB_BASELINE)
    extra = _run_modules("import azfunc") - baseline
    assert sorted(m for m in extra if not m.startswith("azfunc")) == []


def test_declaring_an_app_loads_no_data_type_converter_or_middleware() -> None:
    app = (
        "import azfunc as func\n"
        "app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\n"
        "@app.route(route='hello', methods=[func.HttpMethod.GET])\n"
        "def hello(req): return None\n"
        "@app.queue_trigger(arg_name='msg', queue_name='q', connection='c')\n"
        "def work(msg): return None\n"
        "print([f.get_function_json() for f in app.get_functions()])"
    )
    loaded = _run_modules(app)
    assert sorted(m for m in loaded if m.startswith("azfunc")) == DECORATOR_LAYER
    heavy = {"asyncio", "attr", "attrs", "werkzeug", "typing_extensions", "logging", "ssl",
             "threading", "datetime", "dataclasses"}  # fmt: skip
    assert sorted(heavy & loaded) == []


def test_lazy_names_load_their_module_on_first_access() -> None:
    code = (
        "import sys, azfunc\n"
        "names = ['HttpRequest', 'WsgiMiddleware', 'AsgiMiddleware', 'get_binding_registry',"
        " 'AppExtensionBase', 'PromptArgument']\n"
        "for name in names:\n"
        "    value = getattr(azfunc, name)\n"
        "    print(name, value.__module__, name in vars(azfunc))"
    )
    assert _run(code).splitlines() == [
        "HttpRequest azfunc._http True",
        "WsgiMiddleware azfunc._http_wsgi True",
        "AsgiMiddleware azfunc._http_asgi True",
        "get_binding_registry azfunc.meta True",
        "AppExtensionBase azfunc.extension.app_extension_base True",
        "PromptArgument azfunc.decorators.mcp True",
    ]


def test_lazy_names_are_the_defining_modules_objects() -> None:
    from azfunc import _http, _http_wsgi, meta
    from azfunc.decorators import function_app, mcp

    assert (azfunc.HttpRequest, azfunc.WsgiMiddleware, azfunc.get_binding_registry) == (
        _http.HttpRequest,
        _http_wsgi.WsgiMiddleware,
        meta.get_binding_registry,
    )
    assert (function_app.PromptArgument, azfunc.decorators.PromptArgument) == (
        mcp.PromptArgument,
        mcp.PromptArgument,
    )


def test_submodules_are_attributes_of_the_package_before_they_are_imported() -> None:
    code = (
        "import azfunc\n"
        "print(azfunc.blob.__name__, azfunc._abc.__name__, azfunc.decorators.mcp.__name__,"
        " azfunc.testing.__name__)"
    )
    assert _run(code) == "azfunc.blob azfunc._abc azfunc.decorators.mcp azfunc.testing"


def test_unknown_names_raise_attribute_error_naming_them() -> None:
    code = (
        "import azfunc\n"
        "for target in (azfunc, azfunc.decorators, azfunc.decorators.function_app):\n"
        "    try:\n"
        "        target.NoSuchName\n"
        "    except AttributeError as error:\n"
        "        print(error)"
    )
    assert _run(code).splitlines() == [
        "module 'azfunc' has no attribute 'NoSuchName'",
        "module 'azfunc.decorators' has no attribute 'NoSuchName'",
        "module 'azfunc.decorators.function_app' has no attribute 'NoSuchName'",
    ]


def test_dir_lists_lazy_names_and_submodules_without_importing_them() -> None:
    code = (
        "import sys, json, azfunc\n"
        "names = dir(azfunc)\n"
        "print(json.dumps([all(n in names for n in azfunc.__all__), 'blob' in names,"
        " 'invoke' in names, 'azfunc.blob' in sys.modules, 'azfunc._http' in sys.modules]))"
    )
    assert json.loads(_run(code)) == [True, True, True, False, False]


def test_star_import_in_a_fresh_process_binds_every_exported_name() -> None:
    code = (
        "import json\n"
        "namespace = {}\n"
        "exec('from azfunc import *', namespace)\n"
        "import azfunc\n"
        "print(json.dumps(sorted(k for k in namespace if k != '__builtins__') =="
        " sorted(azfunc.__all__)))"
    )
    assert _run(code) == "true"


def test_the_registry_holds_every_converter_though_import_azfunc_loads_none() -> None:
    code = (
        "import sys, json, azfunc\n"
        "before = 'azfunc.blob' in sys.modules\n"
        "registry = azfunc.get_binding_registry()\n"
        "print(json.dumps([before, sorted(registry.bindings())]))"
    )
    before, bindings = json.loads(_run(code))
    assert before is False
    assert bindings == sorted(azfunc.get_binding_registry().bindings())
    assert {
        "blob",
        "blobTrigger",
        "httpTrigger",
        "http",
        "queueTrigger",
        "timerTrigger",
        "eventHubTrigger",
        "serviceBusTrigger",
        "cosmosDBTrigger",
    } <= set(bindings)


def test_the_converter_metaclass_lookup_fills_the_registry_too() -> None:
    code = "from azfunc import meta\nprint(meta._ConverterMeta.get('queueTrigger').__name__)"
    assert _run(code) == "QueueMessageInConverter"


def test_outside_the_worker_the_bridge_is_not_even_imported() -> None:
    code = "import sys, azfunc\nprint('azfunc._worker_bridge' in sys.modules)"
    assert _run(code) == "False"
    assert _run(code, AZFUNC_WORKER_BRIDGE="0") == "True"  # set: the bridge decides


def test_a_loaded_worker_module_opens_the_gate() -> None:
    code = (
        "import sys, types\n"
        "sys.modules['azure_functions_worker'] = types.ModuleType('azure_functions_worker')\n"
        "from azfunc import _worker_gate\n"
        "print(_worker_gate.may_be_wanted(), _worker_gate.worker_module())"
    )
    assert _run(code) == "True azure_functions_worker"
