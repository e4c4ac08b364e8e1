"""The azfunc pytest plugin: the ``azfunc_app`` and ``azfunc_client`` fixtures.

pytest loads it through the ``pytest11`` entry point of the azfunc distribution, so
installing azfunc is enough. Which app the fixtures load, first match wins:

1. the test's closest ``@pytest.mark.azfunc_app(app)`` marker: a path (folder holding
   ``function_app.py``, or a ``.py`` file; relative paths start at the rootdir) or an
   app object;
2. the ``azfunc_app`` ini option (relative to the ini file's folder);
3. ``function_app.py`` in the rootdir.

``azfunc_client`` is a :class:`~azfunc.testing.Client` over that app, made for each
test: the app's startup hooks run before the test and its shutdown hooks after it.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from azfunc._testing.client import Client
    from azfunc.decorators.function_app import FunctionRegister

__all__ = ["azfunc_app", "azfunc_client"]

MARKER = "azfunc_app"
INI_OPTION = "azfunc_app"
DEFAULT_SCRIPT = "function_app.py"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        INI_OPTION,
        help="azfunc: the function app the azfunc_app and azfunc_client fixtures load: a "
        "folder holding function_app.py or a .py file, relative to the ini file's folder.",
        default="",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(app): the function app the azfunc_app and azfunc_client fixtures use: "
        "a path (folder with function_app.py, or a .py file; relative to the rootdir) "
        "or an app object.",
    )


def _app_source(request: pytest.FixtureRequest) -> object:
    """The app object or the path the test asks for (marker, ini option, default)."""
    config = request.config
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        if len(marker.args) != 1 or marker.kwargs:
            pytest.fail(
                f"@pytest.mark.{MARKER} takes one argument, the app or its path; got "
                f"args={marker.args!r} kwargs={marker.kwargs!r}.",
                pytrace=False,
            )
        source = marker.args[0]
        return config.rootpath / source if isinstance(source, (str, Path)) else source
    option = str(config.getini(INI_OPTION) or "").strip()
    if option:
        base = config.inipath.parent if config.inipath is not None else config.rootpath
        return base / option
    default = config.rootpath / DEFAULT_SCRIPT
    if default.is_file():
        return default
    pytest.fail(
        f"The azfunc fixtures found no function app: there is no {DEFAULT_SCRIPT} in the "
        f"rootdir {str(config.rootpath)!r}. Mark the test with "
        f'@pytest.mark.{MARKER}("path/to/app"), or set "{INI_OPTION} = path/to/app" in '
        "the pytest configuration.",
        pytrace=False,
    )


@pytest.fixture
def _azfunc_loaded(
    request: pytest.FixtureRequest,
) -> Iterator[tuple[FunctionRegister, Path | None]]:
    from azfunc._loader import AppLoadError, resolve_script
    from azfunc._testing.loading import ScriptRoot, load_app
    from azfunc.decorators.function_app import FunctionRegister

    source = _app_source(request)
    if isinstance(source, FunctionRegister):
        yield source, None
        return
    if not isinstance(source, Path):
        pytest.fail(
            f"@pytest.mark.{MARKER} got {source!r} of type {type(source).__name__}; pass "
            "the app's path or the app (a FunctionApp) itself.",
            pytrace=False,
        )
    script_root = ScriptRoot()  # set while the app is imported and tested, as the host does
    try:
        script_root.set(resolve_script(source).parent)
        loaded = load_app(source)
    except AppLoadError as error:
        script_root.restore()
        pytest.fail(str(error), pytrace=False)
    try:
        yield loaded.app, loaded.script.parent
    finally:
        script_root.restore()


@pytest.fixture
def azfunc_app(_azfunc_loaded: tuple[FunctionRegister, Path | None]) -> FunctionRegister:
    """The function app under test (see the module documentation for how it is found)."""
    return _azfunc_loaded[0]


@pytest.fixture
def azfunc_client(_azfunc_loaded: tuple[FunctionRegister, Path | None]) -> Iterator[Client]:
    """A :class:`~azfunc.testing.Client` over the app under test; the app's startup hooks
    run before the test and its shutdown hooks after it."""
    from azfunc._config.host_json import read_route_prefix
    from azfunc._testing.client import Client

    app, folder = _azfunc_loaded
    prefix = read_route_prefix(folder) if folder is not None else None
    with Client(app, route_prefix=prefix) as client:
        yield client
