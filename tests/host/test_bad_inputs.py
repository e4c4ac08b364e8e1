"""Bad input makes azfunc start exit non-zero with a clear message, never azfunc's traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.host.conftest import StartHost, free_port, run_start, write_app

pytestmark = pytest.mark.server

GOOD = """
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hi")
def hi(req: func.HttpRequest) -> str:
    return "hi"
"""


def _fails(app: Path, *args: str) -> str:
    """Run azfunc start on ``app``, expect exit status 1, return stderr (path shortened)."""
    result = run_start(str(app), "--port", str(free_port()), *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "src/azfunc" not in result.stderr and "site-packages/azfunc" not in result.stderr
    return result.stderr.replace(str(app), "APP")


def test_malformed_host_json(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD, host_json='{"version": "2.0",\n "extensions": }')
    assert _fails(app) == (
        "azfunc start: host.json at 'APP/host.json' is not valid JSON: line 2, column 16: "
        "Expecting value. Fix the file (a missing comma or quote, or a trailing comma, is the "
        "usual cause).\n"
    )


def test_host_json_without_version(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD, host_json="{}")
    assert "the 'version' property is missing" in _fails(app)


def test_malformed_local_settings(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD, local_settings='{"Values": {"A": 1 "B": 2}}')
    assert _fails(app) == (
        "azfunc start: local.settings.json at 'APP/local.settings.json' is not valid JSON: "
        "line 1, column 20: Expecting ',' delimiter. Fix the file (a missing comma or quote, "
        "or a trailing comma, is the usual cause).\n"
    )


def test_local_settings_with_a_wrong_shape(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD, local_settings='{"Values": {"A": [1]}}')
    assert "local.settings.json at 'APP/local.settings.json': Values.A is [1]." in _fails(app)


def test_port_in_use(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run_start(str(app), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr == (
        f"azfunc start: Port {port} on 127.0.0.1 is already in use (another azfunc start or "
        f"func start?). Stop that process, or pick another port with --port, e.g. --port "
        f"{port + 1}.\n"
    )


def test_app_that_fails_to_import_shows_only_the_users_traceback(tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", GOOD + "\nimport missing_module_xyz\n")
    stderr = _fails(app)
    assert stderr.startswith(
        "azfunc start: Importing function_app.py failed, so the host would find 0 functions."
    )
    assert 'File "APP/function_app.py", line 11, in <module>' in stderr
    assert stderr.rstrip().endswith("ModuleNotFoundError: No module named 'missing_module_xyz'")


def test_missing_app(tmp_path: Path) -> None:
    assert "No function app script at" in _fails(tmp_path / "nowhere")


def test_failing_startup_hook(tmp_path: Path) -> None:
    source = (
        GOOD
        + """

@app.on_startup
def connect() -> None:
    raise ConnectionError("database unreachable")
"""
    )
    result = run_start(str(write_app(tmp_path / "app", source)), "--port", str(free_port()))
    assert result.returncode == 1
    assert "Startup hook 'connect'" in result.stdout
    assert "ConnectionError: database unreachable" in result.stdout
    assert result.stderr.endswith("azfunc start: the app's startup failed (see above).\n")


def test_unknown_function_in_filter(tmp_path: Path) -> None:
    stderr = _fails(write_app(tmp_path / "app", GOOD), "--functions", "nope")
    assert stderr == (
        "azfunc start: --functions names 'nope', but the app has no such function; its "
        "functions are hi. Fix the name(s).\n"
    )


def test_function_in_error_is_reported_and_the_others_served(
    start_host: StartHost, tmp_path: Path
) -> None:
    source = (
        GOOD
        + """

@app.timer_trigger(schedule="0 */5 * * *", arg_name="timer")
def five_fields(timer: func.TimerRequest) -> None:
    pass


@app.route(route="bad/{id:nope}")
def bad_route(req: func.HttpRequest) -> str:
    return ""


@app.route(route="Admin/users")
def reserved(req: func.HttpRequest) -> str:
    return ""
"""
    )
    host = start_host(str(write_app(tmp_path / "app", source)))
    assert host.client.get("/api/hi").text == "hi"
    log = host.log()
    assert "Function 'five_fields' is in error and is not served:" in log
    assert "Azure Functions needs the seconds field first, e.g. '0 0 */5 * * *'" in log
    assert "Function 'bad_route' is in error and is not served:" in log
    assert "unknown constraint 'nope'" in log
    assert (
        "Function 'reserved' has the route 'Admin/users': The specified route conflicts with "
        "one or more built in routes." in log
    )
    assert host.client.get("/api/Admin/users").status_code == 404


def test_bad_port_argument(tmp_path: Path) -> None:
    result = run_start(str(tmp_path), "--port", "99999")
    assert result.returncode == 2
    assert "'99999' is not a port number (1-65535)" in result.stderr


def test_function_the_worker_refuses_stops_the_host(tmp_path: Path) -> None:
    source = GOOD + (
        "\n\n@app.route(route='users/{user_id}')\n"
        "def get_user(req: func.HttpRequest, user_id: func.Out[str]) -> str:\n"
        "    return 'user'\n"
    )
    stderr = _fails(write_app(tmp_path / "app", source))
    assert stderr.startswith(
        "azfunc start: 1 problem in function 'get_user' would make the Python worker refuse "
        "to index this app, and the host would then find 0 functions. Fix it:\n- "
    )
    assert stderr.endswith("[route-parameter-as-argument]\n")


def test_other_problems_are_warned_about_once(start_host: StartHost, tmp_path: Path) -> None:
    source = GOOD + (
        "\n\n@app.retry(strategy='fixed_delay', max_retry_count='3', delay_interval='00:00:05')\n"
        "@app.queue_trigger(arg_name='msg', queue_name='orders', "
        "connection='AzureWebJobsStorage')\n"
        "def ingest(msg: func.QueueMessage) -> None:\n"
        "    pass\n"
    )
    host = start_host(str(write_app(tmp_path / "app", source)))
    assert host.client.get("/api/hi").text == "hi"
    log = host.log()
    assert log.count("[retry-unsupported]") == 1
    assert "\nfunction_app.py:14: error: Function 'ingest' has a retry policy" in log
    assert "Warning: function_app.py" not in log
    assert "AppValidationWarning" not in log
