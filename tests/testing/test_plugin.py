"""The pytest plugin, as users get it: pytest finds it through azfunc's ``pytest11``
entry point. Each test runs pytest in a subprocess on a throwaway project."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
from pathlib import Path

APP = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
log = []

@app.on_startup
def started() -> None:
    log.append("startup")

@app.on_shutdown
def stopped() -> None:
    log.append("shutdown")

@app.route(route="hello/{name}")
def hello(req: func.HttpRequest) -> str:
    return f"Hello, {req.route_params['name']}!"
"""


def _project(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _pytest(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--strict-markers"],
        cwd=root,
        env={k: v for k, v in os.environ.items() if k != "AzureWebJobsScriptRoot"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_plugin_is_registered_through_the_pytest11_entry_point() -> None:
    plugins = {
        entry.name: entry.value for entry in importlib.metadata.entry_points(group="pytest11")
    }
    assert plugins.get("azfunc") == "azfunc._testing.plugin"


def test_marker_path_ini_option_and_default_app(tmp_path: Path) -> None:
    _project(
        tmp_path,
        {
            "pytest.ini": "[pytest]\nazfunc_app = apps/configured\n",
            "function_app.py": APP.replace("Hello", "Root"),
            "apps/configured/function_app.py": APP.replace("Hello", "Configured"),
            "apps/marked/function_app.py": APP.replace("Hello", "Marked"),
            "apps/marked/host.json": '{"extensions": {"http": {"routePrefix": "m"}}}',
            "test_apps.py": """
                import pytest

                import azfunc as func


                def test_ini_option(azfunc_client):
                    assert azfunc_client.get("/api/hello/a").text == "Configured, a!"


                @pytest.mark.azfunc_app("apps/marked")
                def test_marker_path_and_host_json(azfunc_app, azfunc_client):
                    assert isinstance(azfunc_app, func.FunctionApp)
                    assert azfunc_client.get("/m/hello/b").text == "Marked, b!"


                @pytest.mark.azfunc_app("function_app.py")
                def test_marker_script(azfunc_client):
                    assert azfunc_client.get("/api/hello/c").text == "Root, c!"


                inline = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


                @inline.route(route="ping")
                def ping(req: func.HttpRequest) -> str:
                    return "pong"


                @pytest.mark.azfunc_app(inline)
                def test_marker_app_object(azfunc_client):
                    assert azfunc_client.get("/api/ping", auth=False).text == "pong"
                """,
        },
    )
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("4 passed")


def test_default_app_and_lifecycle_per_test(tmp_path: Path) -> None:
    _project(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "function_app.py": APP,
            "test_lifecycle.py": """
                import function_app


                def test_first(azfunc_client):
                    assert function_app.log == ["startup"]


                def test_second(azfunc_client):
                    assert function_app.log == ["startup", "shutdown", "startup"]
                    assert azfunc_client.get("/api/hello/x", auth=False).status_code == 200
                    azfunc_client.auth = True
                    assert azfunc_client.get("/api/hello/x", auth=False).status_code == 401
                """,
        },
    )
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_app_fails_with_a_clear_message(tmp_path: Path) -> None:
    _project(
        tmp_path,
        {
            "pytest.ini": "[pytest]\n",
            "test_none.py": """
                import pytest


                def test_no_app(azfunc_client):
                    pass


                @pytest.mark.azfunc_app("nowhere")
                def test_bad_path(azfunc_app):
                    pass
                """,
        },
    )
    result = _pytest(tmp_path)
    assert result.returncode == 1
    assert (
        "The azfunc fixtures found no function app: there is no function_app.py in "
        f"the rootdir {str(tmp_path)!r}. Mark the test with "
        '@pytest.mark.azfunc_app("path/to/app"), or set "azfunc_app = path/to/app" in the '
        "pytest configuration."
    ) in result.stdout
    assert (
        f"No function app script at {str(tmp_path / 'nowhere')!r}. Pass an "
        "app folder that contains function_app.py or the path of the app's .py file."
    ) in result.stdout


def test_fixtures_set_the_script_root_while_the_app_is_loaded_and_tested(tmp_path: Path) -> None:
    _project(
        tmp_path,
        {
            "pytest.ini": "[pytest]\nazfunc_app = app\n",
            "app/function_app.py": """
                import os

                import azfunc as func


                class Ext(func.FuncExtensionBase):
                    def __init__(self, file_path):
                        super().__init__(file_path)


                ext = Ext(__file__)
                root_at_import = os.environ["AzureWebJobsScriptRoot"]
                app = func.FunctionApp()


                @app.route(route="root")
                def root(req: func.HttpRequest) -> str:
                    return os.environ["AzureWebJobsScriptRoot"]
                """,
            "test_root.py": """
                import os
                from pathlib import Path


                def test_root(azfunc_client):
                    folder = str(Path("app").resolve())
                    assert azfunc_client.get("/api/root").text == folder


                def test_unset_after():
                    assert "AzureWebJobsScriptRoot" not in os.environ
                """,
        },
    )
    result = _pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("2 passed")
