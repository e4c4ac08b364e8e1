"""What ``azfunc init`` and ``azfunc new`` write: the app's files and a function with its test.

Nothing is ever overwritten: a file that exists is kept (``init``) or added to
(``new`` appends the function to function_app.py and merges settings and requirements).
"""

from __future__ import annotations

import ast
import copy
import json
import keyword
import re
import string
import sys
from pathlib import Path
from typing import Any

from azfunc._cli.templates import TEMPLATES, Template

__all__ = ["ScaffoldError", "add_function", "init_app", "slug"]

#: The extension bundle host.json references: the current major version of the bundle.
EXTENSION_BUNDLE = {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}

HOST_JSON: dict[str, Any] = {
    "version": "2.0",
    "logging": {
        "applicationInsights": {"samplingSettings": {"isEnabled": True, "excludedTypes": "Request"}}
    },
    "extensionBundle": EXTENSION_BUNDLE,
}

LOCAL_SETTINGS: dict[str, Any] = {
    "IsEncrypted": False,
    "Values": {
        "FUNCTIONS_WORKER_RUNTIME": "python",
        "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    },
}

GITIGNORE = """\
# Python
__pycache__/
*.py[cod]
.venv/
.pytest_cache/

# Local only: settings with secrets, and azfunc's local state (azfunc start --auth keys)
local.settings.json
.azfunc/

# Core Tools and the storage emulator
.python_packages/
__azurite_db*__.json
__blobstorage__/
__queuestorage__/
"""

#: What deployment tools (func azure functionapp publish) leave out of the package.
FUNCIGNORE = """\
.git*
.vscode
.venv
.azfunc
.pytest_cache
__azurite_db*__.json
__blobstorage__
__queuestorage__
local.settings.json
tests
"""

APP_HEADER = '''"""The function app: the Python worker imports this module and indexes `app`."""

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
'''

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,100}$")


class ScaffoldError(Exception):
    """``azfunc init`` or ``azfunc new`` cannot do what was asked; ``str()`` says why."""


def _json_text(document: object) -> str:
    return json.dumps(document, indent=2) + "\n"


def init_app(folder: Path) -> list[tuple[str, bool]]:
    """Write host.json, local.settings.json, .gitignore and .funcignore in ``folder``.

    :returns: ``(file name, written)`` for each file; ``written`` is false for a file
        that exists (it is kept as it is).
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "host.json": _json_text(HOST_JSON),
        "local.settings.json": _json_text(LOCAL_SETTINGS),
        ".gitignore": GITIGNORE,
        ".funcignore": FUNCIGNORE,
    }
    done = []
    for name, text in files.items():
        path = folder / name
        if path.exists():
            done.append((name, False))
            continue
        path.write_text(text, encoding="utf-8")
        done.append((name, True))
    return done


def slug(name: str) -> str:
    """``name`` as a queue, container or hub name: lowercase, ``-`` between words, 3+ chars."""
    text = re.sub(r"-+", "-", name.lower().replace("_", "-")).strip("-")
    return text if len(text) >= 3 else f"{text}-fn"


def _check_name(name: str) -> None:
    if not _NAME.match(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"{name!r} cannot be a function name: use a Python identifier of ASCII letters, "
            "digits and '_', starting with a letter (e.g. 'hello' or 'process_orders')."
        )


def _app_variable(tree: ast.Module, script: Path) -> str:
    """The module-level variable a ``FunctionApp`` (or another app class) is assigned to."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            called = node.value.func
            called_name = called.attr if isinstance(called, ast.Attribute) else None
            if isinstance(called, ast.Name):
                called_name = called.id
            if called_name in ("FunctionApp", "AsgiFunctionApp", "WsgiFunctionApp"):
                target = node.targets[0]
                if isinstance(target, ast.Name):
                    return target.id
    raise ScaffoldError(
        f"{script} has no module-level `app = func.FunctionApp(...)`, so azfunc new does not "
        "know where to add the function. Add one, or run azfunc new in an empty folder."
    )


def _defined_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
    return names


def _import_section(line: str, folder: Path) -> int:
    """The isort section of an import line: 0 standard library, 1 third party, 2 the app's
    own modules."""
    module = line.split()[1].split(".")[0]
    if module in sys.stdlib_module_names or module == "__future__":
        return 0
    if (folder / f"{module}.py").exists() or (folder / module / "__init__.py").exists():
        return 2
    return 1


def _sorted_block(lines: list[str], folder: Path) -> str:
    """Import lines in isort's order: sections apart, ``import`` before ``from`` in each."""
    sections: list[list[str]] = [[], [], []]
    for line in dict.fromkeys(lines):
        sections[_import_section(line, folder)].append(line)
    blocks = [
        sorted(section, key=lambda line: (line.startswith("from "), line.split()[1].lower()))
        for section in sections
        if section
    ]
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _with_imports(source: str, tree: ast.Module, imports: list[str], folder: Path) -> str:
    """``source`` with the ``imports`` it lacks.

    When the module's imports are one run of one-line statements at its top (as
    ``azfunc new`` writes them), the run is rewritten sorted, in isort's order; otherwise
    the missing lines go after the last top-level import.
    """
    lines = source.splitlines(keepends=True)
    missing = [line for line in imports if line not in (t.rstrip("\n") for t in lines)]
    if not missing:
        return source
    nodes = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not nodes:
        return "".join(f"{line}\n" for line in missing) + source
    first, last = nodes[0].lineno, nodes[-1].end_lineno or nodes[-1].lineno
    run = [t.rstrip("\n") for t in lines[first - 1 : last]]
    simple = all(
        not t or (t.startswith(("import ", "from ")) and "(" not in t and "#" not in t) for t in run
    )
    if simple and len([t for t in run if t]) == len(nodes):
        block = _sorted_block([t for t in run if t] + missing, folder)
        return "".join(lines[: first - 1]) + block + "".join(lines[last:])
    added = "".join(f"{line}\n" for line in missing)
    return "".join(lines[:last]) + added + "".join(lines[last:])


def _merge_settings(path: Path, values: tuple[tuple[str, str], ...]) -> list[str]:
    """Add the ``values`` local.settings.json lacks; return their names."""
    if not values:
        return []
    document: dict[str, Any] = (
        json.loads(path.read_text(encoding="utf-8"))
        if path.is_file()
        else copy.deepcopy(LOCAL_SETTINGS)
    )
    settings: dict[str, str] = document.setdefault("Values", {})
    added = [name for name, _ in values if name not in settings]
    if not added:
        return []
    settings.update({name: value for name, value in values if name in added})
    path.write_text(_json_text(document), encoding="utf-8")
    return added


def _merge_requirements(path: Path, requirements: tuple[str, ...]) -> list[str]:
    """Add the ``requirements`` requirements.txt lacks (by name); return them."""
    if not requirements:
        return []
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = {
        re.split(r"[\s<>=!~\[;@]", line.strip(), maxsplit=1)[0].lower()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    }
    added = [r for r in requirements if r.lower() not in present]
    if added:
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "".join(f"{r}\n" for r in added), encoding="utf-8")
    return added


def add_function(folder: Path, template: Template, name: str) -> list[str]:
    """Add function ``name`` from ``template`` to the app in ``folder``, with its test.

    function_app.py is created when missing; the function is added at its end. A folder
    without host.json gets the files of :func:`init_app` first (existing ones are kept).

    :returns: One line per change, for people (``created tests/test_hello.py``).
    :raises ScaffoldError: ``name`` is not a usable name, the app already has a function
        of that name, or a file the template writes exists.
    """
    _check_name(name)
    script = folder / "function_app.py"
    values = {"app": "app", "name": name, "slug": slug(name)}
    created = not script.exists()
    source = script.read_text(encoding="utf-8") if not created else APP_HEADER
    try:
        tree = ast.parse(source, filename=str(script))
    except SyntaxError as error:
        raise ScaffoldError(
            f"{script} has a syntax error at line {error.lineno}: {error.msg}. Fix it first."
        ) from error
    values["app"] = _app_variable(tree, script)
    taken = _defined_names(tree)
    if name in taken:
        raise ScaffoldError(f"{script.name} already defines {name!r}; choose another --name.")

    def fill(text: str) -> str:
        return string.Template(text).substitute(values)

    test_path = folder / "tests" / f"test_{name}.py"
    others = [(folder / fill(path), fill(text)) for path, text in template.files]
    existing = [p for p in [test_path, *(p for p, _ in others)] if p.exists()]
    if existing:
        shown = ", ".join(str(p.relative_to(folder)) for p in existing)
        raise ScaffoldError(f"{shown} exists already; azfunc new never overwrites a file.")
    changes = []
    if not (folder / "host.json").exists():
        changes += [f"created {file}" for file, written in init_app(folder) if written]
    for path, text in others:  # first: function_app.py's imports sort them as the app's own
        path.write_text(text, encoding="utf-8")
    code = fill(template.code)
    imports = ["import azfunc as func", *(fill(line) for line in template.imports)]
    source = _with_imports(source, tree, imports, folder)
    script.write_text(source.rstrip("\n") + "\n" + code, encoding="utf-8")
    changes.append(f"{'created' if created else 'updated'} function_app.py: function {name!r}")
    changes += [f"created {path.relative_to(folder)}" for path, _ in others]
    test_path.parent.mkdir(exist_ok=True)
    test_path.write_text(fill(template.test), encoding="utf-8")
    changes.append(f"created {test_path.relative_to(folder)}")
    for setting in _merge_settings(folder / "local.settings.json", template.settings):
        changes.append(f"local.settings.json: added {setting} (set it to your connection)")
    for requirement in _merge_requirements(folder / "requirements.txt", template.requirements):
        changes.append(f"requirements.txt: added {requirement}")
    return changes


def template_named(name: str) -> Template:
    """Return the template ``name``.

    :raises ScaffoldError: there is none; the message lists them, with the closest first.
    """
    try:
        return TEMPLATES[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name.lower(), list(TEMPLATES), n=1, cutoff=0.6)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ScaffoldError(
            f"No template {name!r}.{hint} The templates are: {', '.join(TEMPLATES)} "
            "(azfunc new --list describes them)."
        ) from None
