"""The package surface: exported names, import footprint, version, docstring references."""

from __future__ import annotations

import importlib.metadata
import inspect
import re
import subprocess
import sys
from pathlib import Path

import azfunc
import azfunc.decorators
from azfunc import FunctionApp

# `azure.functions.__all__` of 1.26.0 (53 names, in its order).
REFERENCE_ALL = [
    "get_binding_registry",
    "Context",
    "Out",
    "Document",
    "DocumentList",
    "CloudEvent",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "KafkaEvent",
    "KafkaConverter",
    "KafkaTriggerConverter",
    "OrchestrationContext",
    "EntityContext",
    "QueueMessage",
    "ServiceBusMessage",
    "SqlRow",
    "SqlRowList",
    "TimerRequest",
    "WarmUpContext",
    "MySqlRow",
    "MySqlRowList",
    "WsgiMiddleware",
    "AsgiMiddleware",
    "AppExtensionBase",
    "FuncExtensionBase",
    "ExtensionMeta",
    "FunctionExtensionException",
    "FunctionApp",
    "Function",
    "FunctionRegister",
    "DecoratorApi",
    "TriggerApi",
    "BindingApi",
    "SettingsApi",
    "Blueprint",
    "ExternalHttpFunctionApp",
    "AsgiFunctionApp",
    "WsgiFunctionApp",
    "DataType",
    "AuthLevel",
    "Cardinality",
    "AccessRights",
    "HttpMethod",
    "BlobSource",
    "MCPToolContext",
    "PromptInvocationContext",
    "PromptArgument",
    "McpPropertyType",
    "mcp_content",
]

# `azure.functions.decorators.__all__` of 1.26.0.
REFERENCE_DECORATORS_ALL = [
    "FunctionApp",
    "Function",
    "FunctionRegister",
    "DecoratorApi",
    "TriggerApi",
    "BindingApi",
    "SettingsApi",
    "Blueprint",
    "ExternalHttpFunctionApp",
    "AsgiFunctionApp",
    "WsgiFunctionApp",
    "DataType",
    "AuthLevel",
    "Cardinality",
    "AccessRights",
    "HttpMethod",
    "BlobSource",
    "McpPropertyType",
    "PromptArgument",
]

# Names whose implementation has not landed yet (see the open issues). Each one that
# lands must leave this set, which the tests enforce.
PENDING: set[str] = set()
PENDING_DECORATORS: set[str] = set()


def test_every_reference_name_is_exported_or_pending() -> None:
    assert len(REFERENCE_ALL) == 53
    assert [n for n in REFERENCE_ALL if n not in azfunc.__all__] == sorted(
        PENDING, key=REFERENCE_ALL.index
    )
    assert [n for n in REFERENCE_DECORATORS_ALL if n not in azfunc.decorators.__all__] == sorted(
        PENDING_DECORATORS, key=REFERENCE_DECORATORS_ALL.index
    )


def test_every_exported_name_exists() -> None:
    assert [n for n in azfunc.__all__ if not hasattr(azfunc, n)] == []
    assert [n for n in azfunc.decorators.__all__ if not hasattr(azfunc.decorators, n)] == []


def test_star_import_works() -> None:
    namespace: dict[str, object] = {}
    exec("from azfunc import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(azfunc.__all__)


def test_versions() -> None:
    assert azfunc.__version__ == importlib.metadata.version("azfunc") == "0.2.0"
    assert azfunc.__reference_version__ == "1.26.0"


def test_one_version_in_the_package_pyproject_and_changelog() -> None:
    root = Path(__file__).resolve().parent.parent
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    (declared,) = re.findall(r'(?m)^version = "([^"]+)"$', pyproject)
    newest = re.findall(r"(?m)^## (\S+)", changelog)[0]
    assert (declared, newest) == (azfunc.__version__, azfunc.__version__)


def test_import_azfunc_loads_no_heavy_packages() -> None:
    code = (
        "import sys, azfunc\n"
        "top = {m.split('.')[0] for m in sys.modules}\n"
        "print(sorted(m for m in top - set(sys.stdlib_module_names) if not m.startswith('_')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == "['azfunc']"


_REFERENCE = re.compile(r":(?:class|func|meth):`~?(azfunc\.[\w.]+)`")


def _resolve(dotted: str) -> object:
    parts = dotted.split(".")
    target: object = importlib.import_module(parts[0])
    for part in parts[1:]:
        target = getattr(target, part)
    return target


def test_docstring_references_exist() -> None:
    missing = []
    for name, member in inspect.getmembers(FunctionApp):
        for reference in _REFERENCE.findall(inspect.getdoc(member) or ""):
            try:
                _resolve(reference)
            except AttributeError:
                if reference.removeprefix("azfunc.") not in PENDING:
                    missing.append((name, reference))
    assert missing == []


def test_every_decorator_has_a_docstring_with_its_source() -> None:
    undocumented = [
        name
        for name, member in inspect.getmembers(FunctionApp, inspect.isfunction)
        if not name.startswith("_")
        and name
        not in {
            "get_functions",
            "validate_function_names",
            "register_functions",
            "register_blueprint",
            "function_name",
            "http_type",
        }
        and "Source: " not in (member.__doc__ or "")
        # azfunc's own additions cite no reference page; they say when they came.
        and ".. versionadded::" not in (member.__doc__ or "")
    ]
    assert undocumented == []
