"""Print what azure-functions itself says about an app (run with the reference venv's Python).

Usage::

    python _reference_index.py APP          # APP: an app folder (its function_app.py) or a .py file
    python _reference_index.py --signatures
    python _reference_index.py --catalogue ROWS.json

The first form loads the app as the Python worker does and prints its function metadata in the
exact format of ``azfunc index APP``: a JSON list, indented 2, one object per function in
``get_functions()`` order, ``{"name", "scriptFile", "bindings"}`` plus ``"retry"`` (the retry
policy settings without ``setting_name``) when the function has one.

The second form prints the parameters of every public ``FunctionApp`` method and of the
``FunctionApp``, ``Blueprint``, ``AsgiFunctionApp`` and ``WsgiFunctionApp`` constructors, keyed
``"<Class>.<name>"``; ``self`` is included, as ``inspect.signature`` shows it on the class.

The third form applies each ``[method, kwargs]`` of ROWS.json (the decorator catalogue of
``tests/decorators``, enum members written as ``{"__enum__": class name, "name": member}``) to
a fresh function of a fresh ``FunctionApp`` (``PromptArgument`` objects written as
``{"__prompt_argument__": to_dict()}``) and prints, per row, either ``{"emitted": [...]}``
(the binding dicts then the setting dicts, as JSON) or ``{"error": [type name, message]}``.

This script imports nothing from azfunc: ``tools/golden.py`` runs it inside a throwaway venv
holding only azure-functions 1.26.0, on a copy of each example whose imports were rewritten.
"""

from __future__ import annotations

import importlib
import inspect
import json
import sys
from pathlib import Path
from typing import Any


def load_register(target: Path) -> Any:
    """Import the app module like the worker and return its single ``FunctionRegister``."""
    import azure.functions as func

    script = target / "function_app.py" if target.is_dir() else target
    if not script.is_file():
        raise SystemExit(f"{script}: no such file; pass an app folder or its function_app.py")
    sys.path.insert(0, str(script.parent))
    module = importlib.import_module(script.stem)
    registers = [
        name for name, value in vars(module).items() if isinstance(value, func.FunctionRegister)
    ]
    if len(registers) != 1:
        raise SystemExit(
            f"{script}: expected exactly one module-level FunctionRegister "
            f"(FunctionApp, AsgiFunctionApp, ...), found {len(registers)}: {registers}"
        )
    return getattr(module, registers[0])


def index(target: Path) -> list[dict[str, Any]]:
    """Return the metadata of every function of the app, in ``get_functions()`` order."""
    result = []
    for fn in load_register(target).get_functions():
        function_json = json.loads(fn.get_function_json())
        entry: dict[str, Any] = {
            "name": fn.get_function_name(),
            "scriptFile": function_json["scriptFile"],
            "bindings": function_json["bindings"],
        }
        retry = fn.get_settings_dict("retry_policy")
        if retry is not None:
            entry["retry"] = {key: value for key, value in retry.items() if key != "setting_name"}
        result.append(entry)
    return result


def describe(obj: Any) -> list[dict[str, str | None]]:
    """Describe a callable's parameters: name, kind and ``repr`` of the default (or null)."""
    return [
        {
            "name": param.name,
            "kind": param.kind.name,
            "default": None if param.default is param.empty else repr(param.default),
        }
        for param in inspect.signature(obj).parameters.values()
    ]


def signatures() -> dict[str, list[dict[str, str | None]]]:
    """Snapshot the decorator and constructor signatures of the reference."""
    import azure.functions as func

    result = {}
    for name in dir(func.FunctionApp):
        attr = getattr(func.FunctionApp, name)
        if not name.startswith("_") and inspect.isfunction(attr):
            result[f"FunctionApp.{name}"] = describe(attr)
    for cls in (func.FunctionApp, func.Blueprint, func.AsgiFunctionApp, func.WsgiFunctionApp):
        result[f"{cls.__name__}.__init__"] = describe(cls.__init__)
    return result


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "__prompt_argument__" in value:
        from azure.functions.decorators.mcp import PromptArgument

        return PromptArgument(**value["__prompt_argument__"])
    if isinstance(value, dict) and "__enum__" in value:
        for module in ("core", "http", "kafka", "openai"):
            enum_class = getattr(
                importlib.import_module(f"azure.functions.decorators.{module}"),
                value["__enum__"],
                None,
            )
            if enum_class is not None:
                return enum_class[value["name"]]
        raise LookupError(f"no enum {value['__enum__']} in azure.functions.decorators")
    if isinstance(value, dict):
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def catalogue(rows_file: Path) -> list[dict[str, Any]]:
    import azure.functions as func
    from azure.functions.decorators.utils import StringifyEnumJsonEncoder

    results: list[dict[str, Any]] = []
    for method, kwargs in json.loads(rows_file.read_text(encoding="utf-8")):

        def user_function() -> None: ...

        try:
            builder = getattr(func.FunctionApp(), method)(**_decode(kwargs))(user_function)
        except Exception as error:  # the row expects it, or the comparison reports it
            message = error.args[0] if isinstance(error, KeyError) else str(error)
            results.append({"error": [type(error).__name__, message]})
            continue
        function = builder._function
        entries = [b.get_dict_repr() for b in function.get_bindings()]
        entries += [s.get_dict_repr() for s in function._settings]
        results.append({"emitted": json.loads(json.dumps(entries, cls=StringifyEnumJsonEncoder))})
    return results


def main(argv: list[str]) -> int:
    if argv == ["--signatures"]:
        text = json.dumps(signatures(), indent=2, sort_keys=True)
    elif len(argv) == 2 and argv[0] == "--catalogue":
        text = json.dumps(catalogue(Path(argv[1])))
    elif len(argv) == 1 and not argv[0].startswith("-"):
        text = json.dumps(index(Path(argv[0]).resolve()), indent=2)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
