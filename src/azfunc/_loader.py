"""Import a function app the way the Python worker does, and report failures usefully.

The worker puts the app folder on ``sys.path``, imports ``function_app`` by its file
stem and looks for exactly one module-level :class:`~azfunc.FunctionRegister`. When
that fails, the host only says "0 functions found"; here the user's own traceback
(their file and line) is kept in the error.
"""

from __future__ import annotations

import importlib
import os
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


def _user_traceback(error: BaseException, app_dir: Path) -> str:
    """Format ``error`` keeping only the frames from the user's app folder onwards."""
    tb: TracebackType | None = error.__traceback__
    while tb is not None and not Path(tb.tb_frame.f_code.co_filename).is_relative_to(app_dir):
        tb = tb.tb_next
    if tb is None:  # the error arose outside the app folder (e.g. a syntax error)
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith(
            ("azfunc._loader", "importlib")
        ):
            tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb)).rstrip("\n")


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
        raise AppLoadError(
            f"Indexing the functions of {loaded.script.name} ({loaded.variable}."
            f"get_functions()) failed, so the host would find 0 functions:\n"
            f"{type(error).__name__}: {error}"
        ) from error
