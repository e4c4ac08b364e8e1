"""Every name azure-functions 1.26.0 exposes exists at the same path in azfunc.

Code written for the reference reaches for more than the public API: private helpers, names a
module merely imported, attributes of converters and of the extension registry. This
``reference`` test introspects the 1.26.0 wheel as a black box, in the throwaway venv of
``tools/golden.py``, with ``tools/_reference_surface.py``, and checks that every module,
top-level name and class attribute it reports exists in azfunc
(``azure.functions.X`` -> ``azfunc.X``).

What counts (the rule of ``tools/_reference_surface.py``):

* every module of the package, as ``pkgutil.walk_packages`` finds it;
* a module's top-level names: a submodule bound under its own name; a class, function or
  ``TypeVar`` whose ``__module__`` is inside azure.functions (defined there or re-exported
  from another module of the package); any other object (a constant, a logger, a type alias,
  the ``json`` adapter) unless a module outside azure.functions binds the same name to the
  very same object (``from typing import TYPE_CHECKING`` does not count, nor does ``import
  json`` or ``from . import _abc as azf_abc``); dunders other than the standard module ones
  (``__all__``, ``__version__``);
* the attributes of each class defined in azure.functions: ``dir(cls)`` minus what ``dir()``
  gives for its bases from outside the package (``object``, ``str``, ``Enum``, ``ABC``, ...),
  minus class bookkeeping (``__module__``, ``__orig_bases__``, ...) and class-private mangled
  names (``_Class__name``).

Exceptions are listed, each with its reason, in :data:`EXCEPTIONS`, which must name only what
is really missing.

The dump is cached in the temporary directory, keyed by the reference, the interpreter the
venv is built from and the dump script, so reruns need neither the venv nor the registry.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_TOOL = ROOT / "tools" / "golden.py"
SURFACE_SCRIPT = ROOT / "tools" / "_reference_surface.py"

#: Names azfunc does not have, each with the reason. Keys use ``module:Name.attribute``.
EXCEPTIONS: dict[str, str] = {
    "azfunc._thirdparty": "the vendored copy of typing_inspect; azfunc reads types with the "
    "standard library's typing.get_origin/get_args",
    "azfunc._thirdparty.typing_inspect": "part of the vendored _thirdparty package",
    "azfunc:_thirdparty": "the vendored _thirdparty package, bound on the package when imported",
    "azfunc.decorators.function_app:AsgiFunctionApp.__del__": "replaced by the explicit "
    "`await app.shutdown()`: the reference's finalizer calls asyncio.run(notify_shutdown()) "
    "at garbage collection, which raises RuntimeError inside a running event loop",
    **dict.fromkeys(
        (
            "azfunc._http_asgi:AsgiMiddleware._lifespan_main",
            "azfunc._http_asgi:AsgiMiddleware._lifespan_receive",
            "azfunc._http_asgi:AsgiMiddleware._lifespan_send",
        ),
        "the lifespan protocol is azfunc._asgi_lifespan.Lifespan (AsgiMiddleware.lifespan), "
        "which runs startup once for concurrent requests and keeps the failure",
    ),
    **dict.fromkeys(
        (
            "azfunc._http_asgi:AsgiResponse._handle_http_response_body",
            "azfunc._http_asgi:AsgiResponse._handle_http_response_start",
            "azfunc._http_asgi:AsgiResponse._receive",
            "azfunc._http_asgi:AsgiResponse._send",
        ),
        "the app's receive/send are those of one exchange object per request "
        "(azfunc._http_asgi._Exchange), which also streams; AsgiResponse is the finished "
        "response AsgiResponse.from_app returns",
    ),
    "azfunc._http_wsgi:WsgiMiddleware._handle_errors": "what the app writes to wsgi.errors "
    "is logged at ERROR (azfunc._http_wsgi.ErrorStream); the reference raises a bare "
    "Exception whose text is the buffer's characters joined by newlines",
}


def _load_golden_tool() -> Any:
    spec = importlib.util.spec_from_file_location("_golden_tool_surface", GOLDEN_TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _python_identity(python: str) -> str:
    result = subprocess.run(
        [python, "-c", "import sys; print(sys.version)"],
        capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


def _dump(python: Path) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run(
        [str(python), "-I", str(SURFACE_SCRIPT)],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tempfile.gettempdir(),
        timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    dump: dict[str, Any] = json.loads(result.stdout)
    return dump


def reference_surface() -> dict[str, Any]:
    """The reference's surface: from the cache, or dumped in a freshly built venv."""
    golden = _load_golden_tool()
    try:
        base = golden.reference_base_python()
    except golden.GoldenError as error:
        pytest.skip(f"no Python 3.10-3.12 on this machine ({error})")
    material = json.dumps([
        golden.REFERENCE, _python_identity(base), SURFACE_SCRIPT.read_text(encoding="utf-8"),
    ])
    key = hashlib.sha256(material.encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"azfunc-reference-surface-{key}.json"
    if cache.is_file():
        cached: dict[str, Any] = json.loads(cache.read_text(encoding="utf-8"))
        return cached
    with tempfile.TemporaryDirectory(prefix="azfunc-surface-") as tmp:
        try:
            python = golden.build_reference_venv(Path(tmp) / "venv")
        except golden.GoldenError as error:
            if error.code == golden.EXIT_UNREACHABLE:
                pytest.skip("package registry unreachable: cannot build the azure-functions "
                            "1.26.0 reference venv")
            raise
        dump = _dump(python)
    partial = cache.with_name(f"{cache.name}.{os.getpid()}")
    partial.write_text(json.dumps(dump), encoding="utf-8")
    partial.replace(cache)
    return dump


def missing_names(surface: dict[str, Any]) -> list[str]:
    """Every module, top-level name and class attribute of ``surface`` azfunc lacks."""
    missing = []
    for key, module_surface in surface["modules"].items():
        path = f"azfunc.{key}" if key else "azfunc"
        try:
            module: ModuleType = importlib.import_module(path)
        except ModuleNotFoundError:
            missing.append(path)
            continue
        for name in module_surface["names"]:
            if not hasattr(module, name):
                missing.append(f"{path}:{name}")
        for class_name, attributes in module_surface["classes"].items():
            cls = getattr(module, class_name, None)
            if cls is None:
                continue  # reported as a missing top-level name
            missing += [
                f"{path}:{class_name}.{attribute}"
                for attribute in attributes
                if not hasattr(cls, attribute)
            ]
    return missing


@pytest.mark.reference
def test_reference_surface_exists_in_azfunc() -> None:
    missing = missing_names(reference_surface())
    unexplained = [name for name in missing if name not in EXCEPTIONS]
    assert unexplained == [], (
        f"{len(unexplained)} names of azure-functions 1.26.0 are missing in azfunc:\n"
        + "\n".join(unexplained)
    )


@pytest.mark.reference
def test_surface_exceptions_are_still_missing() -> None:
    missing = set(missing_names(reference_surface()))
    stale = sorted(EXCEPTIONS.keys() - missing)
    assert stale == [], "azfunc has these now: remove them from EXCEPTIONS"


@pytest.mark.reference
def test_surface_dump_follows_the_rule() -> None:
    surface = reference_surface()
    modules = surface["modules"]
    assert surface["package"] == "azure.functions"
    assert len(modules) >= 60
    # Defined there, re-exported from another module, a constant: counted.
    assert {"FunctionApp", "DataType", "SCRIPT_FILE_NAME"} <= set(
        modules["decorators.function_app"]["names"])
    # Imported from typing / the standard library, or a module alias: not counted.
    names = set(modules["queue"]["names"])
    assert {"Optional", "Any", "typing", "datetime", "azf_abc"}.isdisjoint(names)
    assert "_info" in modules["extension.extension_meta"]["classes"]["ExtensionMeta"]
    assert "__init__" not in modules["_abc"]["classes"]["Out"]  # from Generic/ABC
    assert "get" in modules["_abc"]["classes"]["Out"]


def test_missing_names_reports_module_name_and_attribute() -> None:
    surface = {"modules": {
        "": {"names": ["FunctionApp", "NoSuchName"], "classes": {}},
        "no_such_module": {"names": ["x"], "classes": {}},
        "decorators.core": {"names": ["DataType"],
                            "classes": {"DataType": ["STRING", "NO_SUCH_MEMBER"]}},
    }}
    assert missing_names(surface) == [
        "azfunc:NoSuchName",
        "azfunc.no_such_module",
        "azfunc.decorators.core:DataType.NO_SUCH_MEMBER",
    ]


def test_surface_script_runs_on_azfunc() -> None:
    # The dump script imports nothing from azure.functions: it can describe any package.
    result = subprocess.run(
        [sys.executable, str(SURFACE_SCRIPT), "azfunc.extension"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert result.returncode == 0, result.stderr
    dump = json.loads(result.stdout)
    assert dump["package"] == "azfunc.extension"
    assert "extension_meta" in dump["modules"]
    assert "ExtensionMeta" in dump["modules"]["extension_meta"]["names"]
