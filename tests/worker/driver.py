"""Drive the real Azure Functions Python worker (``azure-functions-runtime``) offline.

Runs INSIDE the throwaway venv that ``test_real_worker.py`` builds, never in the test
process: ``python driver.py SPEC.json RESULT.json``. It plays the part of the host
and of the proxy worker: it feeds the runtime's request coroutines real
``StreamingMessage`` protos (init, metadata, load, one invocation per spec entry) and
writes what the runtime answered as JSON.

The spec (JSON)::

    {"app_dir": "/path/to/app", "env": {"NAME": "value"},
     "invocations": [{"function": "http_echo", "id": "inv-1",
                      "input_data": {"req": {"http": {...}}},
                      "trigger_metadata": {"Id": {"string": "1"}}}]}

Values are written in a small typed-data language: ``{"string": s}``, ``{"json": obj}``
(encoded to a JSON string), ``{"bytes": s}`` (UTF-8), ``{"int": n}``,
``{"http": {"method", "url", "headers", "query", "params", "body"}}`` and
``{"model_binding_data": {"source", "content"}}`` (an SDK-type binding's reference).

The generated RPC classes ship in the ``azure-functions-runtime-v1`` wheel as the
top-level package ``tests.protos``; its ``__init__`` imports grpc, so the modules are
loaded without running it.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import os
import sys
import sysconfig
import traceback
import types
from pathlib import Path
from typing import Any


def load_protos() -> Any:
    """Import ``tests/protos/FunctionRpc_pb2.py`` from site-packages without grpc."""
    site = Path(sysconfig.get_paths()["purelib"])
    for name, path in (("tests", site / "tests"), ("tests.protos", site / "tests" / "protos")):
        package = types.ModuleType(name)
        package.__path__ = [str(path)]
        sys.modules[name] = package
    return importlib.import_module("tests.protos.FunctionRpc_pb2")


class WorkerRequest:
    """What the proxy worker hands the runtime: a name, the message and properties."""

    def __init__(self, name: str, request: Any, properties: dict[str, Any]) -> None:
        self.name = name
        self.request = request
        self.properties = properties


def typed_data(protos: Any, value: dict[str, Any]) -> Any:
    """Build a ``TypedData`` from the spec's typed-data language."""
    ((kind, payload),) = value.items()
    if kind == "string":
        return protos.TypedData(string=payload)
    if kind == "json":
        return protos.TypedData(json=json.dumps(payload))
    if kind == "bytes":
        return protos.TypedData(bytes=payload.encode())
    if kind == "int":
        return protos.TypedData(int=payload)
    if kind == "model_binding_data":
        return protos.TypedData(
            model_binding_data=protos.ModelBindingData(
                version=payload.get("version", "1.0"),
                source=payload["source"],
                content_type=payload.get("content_type", "application/json"),
                content=json.dumps(payload["content"]).encode(),
            )
        )
    if kind == "http":
        http = protos.RpcHttp(
            method=payload["method"],
            url=payload["url"],
            headers=payload.get("headers", {}),
            query=payload.get("query", {}),
            params=payload.get("params", {}),
        )
        if "body" in payload:
            http.body.CopyFrom(typed_data(protos, payload["body"]))
        return protos.TypedData(http=http)
    raise ValueError(f"unknown typed data kind {kind!r}")


def to_dict(message: Any) -> dict[str, Any]:
    """A proto message as a JSON-ready dict (field names as in the .proto file)."""
    from google.protobuf.json_format import MessageToDict

    return MessageToDict(message, preserving_proto_field_name=True)


def annotation_parity() -> list[list[Any]]:
    """Where azure.functions' converters judge an azfunc class differently from its
    azure twin (the class of the same module path and name).

    Returns ``[binding, check, "module:Name", verdict for azure's, verdict for azfunc's]``
    for each difference; empty when the bridge makes every annotation load alike.
    """
    import inspect
    import pkgutil

    import azure.functions as azure

    from azfunc import _worker_bridge

    swaps = _worker_bridge.install().swaps
    pairs = []
    for info in pkgutil.iter_modules(azure.__path__):
        if info.name.startswith("_thirdparty") or info.name == "decorators":
            continue
        try:
            theirs = importlib.import_module(f"azure.functions.{info.name}")
            ours = importlib.import_module(f"azfunc.{info.name}")  # the twin module
        except ImportError:
            continue
        for name, cls in vars(theirs).items():
            twin = getattr(ours, name, None)
            if (
                inspect.isclass(cls)
                and cls.__module__ == theirs.__name__
                and inspect.isclass(twin)
                and not name.endswith("Converter")
            ):
                pairs.append((f"{info.name}:{name}", cls, swaps.get(twin, twin)))
    differences = []
    registry = azure.get_binding_registry()
    for binding, converter in sorted(
        (k, v) for k, v in registry._bindings.items() if isinstance(k, str)
    ):
        for check in ("check_input_type_annotation", "check_output_type_annotation"):
            method = getattr(converter, check, None)
            if method is None:
                continue
            for where, cls, twin in pairs:
                verdicts = []
                for candidate in (cls, twin):
                    try:
                        verdicts.append(bool(method(candidate)))
                    except Exception:  # the worker fails to load such a function too
                        verdicts.append(False)
                if verdicts[0] != verdicts[1]:
                    differences.append([binding, check, where, *verdicts])
    return differences


def status(protos: Any, result: Any) -> dict[str, Any]:
    return {
        "status": protos.StatusResult.Status.Name(result.status),
        "exception": result.exception.message if result.HasField("exception") else None,
    }


async def drive(spec: dict[str, Any]) -> dict[str, Any]:
    protos = load_protos()
    app_dir = spec["app_dir"]
    sys.path.insert(0, app_dir)  # the host starts the worker with the app on sys.path
    os.chdir(app_dir)
    import azure.functions  # the worker imports the library before the app
    import azure_functions_runtime as runtime

    properties = {"protos": protos, "host": "127.0.0.1"}

    def request(name: str, **fields: Any) -> WorkerRequest:
        return WorkerRequest(name, protos.StreamingMessage(**fields), properties)

    init = await runtime.worker_init_request(
        request(
            "worker_init_request",
            worker_init_request=protos.WorkerInitRequest(
                host_version="4.1040.0",
                function_app_directory=app_dir,
                capabilities={},
            ),
        )
    )
    result: dict[str, Any] = {
        "azure_functions_version": azure.functions.__version__,
        "init": status(protos, init.result),
    }
    if init.result.status != protos.StatusResult.Success:
        return result
    metadata = await runtime.functions_metadata_request(
        request("functions_metadata_request", functions_metadata_request={})
    )
    if spec.get("annotation_parity"):
        result["annotation_parity"] = annotation_parity()
    result["metadata_status"] = status(protos, metadata.result)
    result["metadata"] = [to_dict(m) for m in metadata.function_metadata_results]
    ids = {m.name: m.function_id for m in metadata.function_metadata_results}
    result["load"] = {}
    for name, function_id in ids.items():
        load = await runtime.function_load_request(
            request(
                "function_load_request",
                function_load_request=protos.FunctionLoadRequest(function_id=function_id),
            )
        )
        result["load"][name] = status(protos, load.result)
    result["invocations"] = {}
    for entry in spec.get("invocations", []):
        invocation = protos.InvocationRequest(
            invocation_id=entry["id"],
            function_id=ids[entry["function"]],
            input_data=[
                protos.ParameterBinding(name=name, data=typed_data(protos, value))
                for name, value in entry.get("input_data", {}).items()
            ],
            trigger_metadata={
                name: typed_data(protos, value)
                for name, value in entry.get("trigger_metadata", {}).items()
            },
        )
        response = await runtime.invocation_request(
            request("invocation_request", invocation_request=invocation)
        )
        answer = to_dict(response)
        answer.update(status(protos, response.result))
        answer.pop("result", None)
        result["invocations"][entry["id"]] = answer
    return result


def main(argv: list[str]) -> int:
    spec_path, result_path = Path(argv[1]).resolve(), Path(argv[2]).resolve()
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    os.environ.update(spec.get("env", {}))
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    try:
        result = asyncio.run(drive(spec))
    except BaseException:
        result = {"driver_error": traceback.format_exc()}
    result_path.write_text(json.dumps(result, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
