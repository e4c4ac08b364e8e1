"""Import a function app the way the Python worker does, and report failures usefully.

The worker puts the app folder on ``sys.path``, imports ``function_app`` by its file
stem and looks for exactly one module-level :class:`~azfunc.FunctionRegister`. When
that fails, the host only says "0 functions found"; here the user's own traceback
(their file and line) is kept in the error.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import os
import re
import sys
import traceback
from pathlib import Path
from types import ModuleType, TracebackType

import attrs

from azfunc.decorators.function_app import Function, FunctionRegister

SCRIPT_FILE_ENV = "PYTHON_SCRIPT_FILE_NAME"
DEFAULT_SCRIPT_FILE = "function_app.py"


class AppLoadError(Exception):
    """The app could not be imported or indexed; ``str()`` is a message fit to print."""


@attrs.frozen(kw_only=True)
class LoadedApp:
    """A function app found in a script.

    Attributes:
        script: The script the app was imported from.
        module: The imported module.
        variable: The module-level name the app is bound to.
        app: The :class:`~azfunc.FunctionRegister` instance.
    """

    script: Path
    module: ModuleType
    variable: str
    app: FunctionRegister


def resolve_script(path: str | os.PathLike[str]) -> Path:
    """Return the script of the app at ``path``: a ``.py`` file, or a folder's ``function_app.py``.

    The file name in a folder is taken from ``PYTHON_SCRIPT_FILE_NAME`` when set, as the
    worker does.

    :raises AppLoadError: the path does not exist or holds no script.
    """
    target = Path(path)
    if target.is_dir():
        target = target / os.environ.get(SCRIPT_FILE_ENV, DEFAULT_SCRIPT_FILE)
    if not target.is_file():
        raise AppLoadError(
            f"No function app script at {str(target)!r}. Pass an app folder that contains "
            f"{DEFAULT_SCRIPT_FILE} or the path of the app's .py file."
        )
    if target.suffix != ".py":
        raise AppLoadError(f"{str(target)!r} is not a Python file; pass the app's .py file.")
    return target.resolve()


def _is_user_file(filename: str, app_dir: Path) -> bool:
    """Whether ``filename`` is the user's: in the app folder, not in a venv or packages in it."""
    path = Path(filename)
    if not path.is_relative_to(app_dir):
        return False
    return not any(
        part in ("site-packages", ".python_packages", "dist-packages")
        for part in path.relative_to(app_dir).parts
    )


def _user_traceback(error: BaseException, app_dir: Path) -> str:
    """Format ``error`` keeping only the frames of the user's files (azfunc's, the
    standard library's and installed packages' frames are left out)."""
    tb: TracebackType | None = error.__traceback__
    frames = traceback.extract_tb(tb)
    kept = [frame for frame in frames if _is_user_file(frame.filename, app_dir)]
    if not kept:  # the error arose outside the app folder (e.g. a syntax error)
        while tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith(
            ("azfunc._loader", "importlib")
        ):
            tb = tb.tb_next
        return "".join(traceback.format_exception(type(error), error, tb)).rstrip("\n")
    shown = traceback.TracebackException(type(error), error, None)
    shown.stack = traceback.StackSummary.from_list(kept)
    text = "".join(shown.format()).rstrip("\n")
    return text + enum_hint(error) + _unported_hint(error, app_dir)


#: The reference's messages for a value that is not a member of an enum.
_ENUM_ERRORS = (
    re.compile(
        r"Can not parse str '(?P<value>.*)' to (?P<enum>\w+)\. "
        r"Allowed values are \[(?P<allowed>.*)\]"
    ),
    re.compile(
        r"Can not parse '(?P<value>\[.*\])' to Optional\[Iterable\[(?P<enum>\w+)\]\]\. "
        r"Please ensure param all list elements exist in \[(?P<allowed>.*)\]"
    ),
)


def enum_hint(error: BaseException) -> str:
    """For the reference's ``KeyError`` on an enum typo (``methods=["PSOT"]``), the
    suggestion azfunc adds: ``"did you mean 'POST'?"`` and the valid values; else ``""``.

    The exception itself keeps the reference's text; this is for the CLI and the kit.
    """
    if not isinstance(error, KeyError) or not error.args or not isinstance(error.args[0], str):
        return ""
    for pattern in _ENUM_ERRORS:
        match = pattern.fullmatch(error.args[0])
        if match is not None:
            break
    else:
        return ""
    allowed = [v.strip().strip("'\"") for v in match["allowed"].split(",") if v.strip()]
    try:
        given = ast.literal_eval(match["value"])
    except (ValueError, SyntaxError):
        given = match["value"]
    values = [str(v) for v in given] if isinstance(given, list) else [str(given)]
    folded = {v.upper(): v for v in allowed}
    lines = []
    for value in values:
        if value.upper() in folded:
            continue
        close = difflib.get_close_matches(value.upper(), list(folded), n=1, cutoff=0.5)
        suggestion = f"; did you mean {folded[close[0]]!r}?" if close else "."
        lines.append(f"{match['enum']} has no value {value!r}{suggestion}")
    if not lines:
        return ""
    return "\n\n" + "\n".join(lines) + f"\nValid values: {', '.join(allowed)}."


def _unported_hint(error: BaseException, app_dir: Path) -> str:
    """For an app that still imports ``azure.functions``: what was found and how to port."""
    if not isinstance(error, ModuleNotFoundError) or not (error.name or "").startswith("azure"):
        return ""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if _is_user_file(f.filename, app_dir)
    ]
    if not frames:
        return ""
    source = frames[-1].line or ""
    where = f" ({Path(frames[-1].filename).name}, line {frames[-1].lineno})"
    if "azure.durable_functions" in source:
        return (
            f"\n\nThe app imports the Durable Functions SDK{where}, which is not installed. "
            "Install azure-functions-durable, or use azfunc's durable decorators "
            "(app.orchestration_trigger, app.activity_trigger, app.durable_client_input); "
            "see azfunc's docs/durable.md."
        )
    if "azure.functions" not in source and "azure import functions" not in source:
        return ""  # another azure package (an SDK): a missing requirement, not a port
    return (
        f"\n\nThis app is written for azure-functions: it imports azure.functions{where}, "
        "which azfunc replaces. To port it, replace `import azure.functions as func` with "
        "`import azfunc as func` and `from azure.functions...` with `from azfunc...`; "
        "see azfunc's docs/porting.md."
    )


def import_script(script: Path) -> ModuleType:
    """Import ``script`` as a top-level module named after its stem, its folder on ``sys.path``.

    :raises AppLoadError: importing raised; the message holds the user's traceback.
    """
    app_dir = script.parent
    # First on sys.path, as the worker has it: another app folder added earlier (tests
    # load several apps) must not shadow this one's modules.
    while str(app_dir) in sys.path:
        sys.path.remove(str(app_dir))
    sys.path.insert(0, str(app_dir))
    name = script.stem
    stale = sys.modules.get(name)
    if stale is not None and Path(getattr(stale, "__file__", "") or "").resolve() != script:
        del sys.modules[name]
    try:
        return importlib.import_module(name)
    except Exception as error:
        raise AppLoadError(
            f"Importing {script.name} failed, so the host would find 0 functions. "
            f"The error, from your code:\n\n{_user_traceback(error, app_dir)}"
        ) from error


def _is_azure_app(value: object) -> bool:
    """Whether ``value`` is a ``FunctionRegister`` of azure.functions (not azfunc's)."""
    return any(
        cls.__name__ == "FunctionRegister" and cls.__module__.startswith("azure.functions.")
        for cls in type(value).__mro__
    )


def find_app(module: ModuleType, script: Path) -> LoadedApp:
    """Return the one module-level :class:`~azfunc.FunctionRegister` of ``module``.

    :raises AppLoadError: there is none, or more than one.
    """
    apps = [
        (variable, value)
        for variable, value in vars(module).items()
        if isinstance(value, FunctionRegister)
    ]
    if not apps:
        foreign = [variable for variable, value in vars(module).items() if _is_azure_app(value)]
        if foreign:
            kind = type(vars(module)[foreign[0]]).__qualname__
            raise AppLoadError(
                f"{script.name} defines {foreign[0]!r}, a {kind} of azure.functions, not an "
                "azfunc app, so azfunc cannot index it. Replace `import azure.functions as "
                "func` with `import azfunc as func`. For the Durable Functions SDK's df.DFApp "
                "or df.Blueprint, use `app = func.FunctionApp()` with azfunc's durable "
                "decorators (app.orchestration_trigger, app.activity_trigger, "
                "app.entity_trigger, app.durable_client_input), or point the SDK's "
                "azure.functions imports at azfunc; see azfunc's docs/durable.md."
            )
        raise AppLoadError(
            f"{script.name} defines no function app: the host looks for one module-level "
            "instance of FunctionApp (or another FunctionRegister). Add "
            "`app = func.FunctionApp()` at module level and decorate your functions with it."
        )
    if len(apps) > 1:
        names = ", ".join(variable for variable, _ in apps)
        raise AppLoadError(
            f"{script.name} defines {len(apps)} function apps ({names}); the host indexes "
            "exactly one. Keep one FunctionApp and turn the others into func.Blueprint() "
            "objects registered with app.register_functions(bp)."
        )
    variable, app = apps[0]
    return LoadedApp(script=script, module=module, variable=variable, app=app)


def load_app(path: str | os.PathLike[str]) -> LoadedApp:
    """Import the app at ``path`` (folder or ``.py`` file) the way the Python worker does.

    :raises AppLoadError: the script is missing, importing it raised, or it does not
        define exactly one function app.
    """
    script = resolve_script(path)
    return find_app(import_script(script), script)


def index_app(loaded: LoadedApp) -> list[Function]:
    """Return ``loaded.app.get_functions()``.

    :raises AppLoadError: indexing raised (a function without a trigger, duplicate names).
    """
    try:
        return loaded.app.get_functions()
    except Exception as error:
        sites = ""
        if isinstance(error, ValueError) and "does not have a unique function name" in str(error):
            name = str(error).split(" ", 2)[1]
            sites = "\n" + duplicate_sites(loaded.app, name, loaded.script.parent)
        raise AppLoadError(
            f"Indexing the functions of {loaded.script.name} ({loaded.variable}."
            f"get_functions()) failed, so the host would find 0 functions:\n"
            f"{type(error).__name__}: {error}{sites}"
        ) from error


def duplicate_sites(app: FunctionRegister, name: str, folder: Path) -> str:
    """Where each function called ``name`` is defined: ``"'report' is defined at
    function_app.py:10 (daily) and function_app.py:16 (weekly)."``; ``""`` for fewer than two."""
    from azfunc._validation.problems import definition_site, display_path

    sites = []
    for builder in app.get_function_builders():
        function = builder.function
        if function.get_function_name() != name:
            continue
        user = function.get_user_function()
        file, line = definition_site(user)
        where = "?" if file is None else display_path(file, folder) + (f":{line}" if line else "")
        sites.append(f"{where} ({getattr(user, '__name__', '?')})")
    if len(sites) < 2:
        return ""
    return f"{name!r} is defined at {', '.join(sites[:-1])} and {sites[-1]}."
