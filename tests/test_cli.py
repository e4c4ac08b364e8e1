"""``azfunc index``: metadata JSON, the function table, function.json files, and failures."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from azfunc._cli.main import main

APP = """\
import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="hello/{name}", methods=["GET"])
def hello(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("hi")


@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.queue_output(arg_name="out", queue_name="done", connection="Storage")
@app.schedule(arg_name="timer", schedule="0 */5 * * * *")
def tick(timer: func.TimerRequest, out: func.Out[str]) -> None:
    out.set("tick")
"""


def write_app(folder: Path, source: str, name: str = "function_app.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(textwrap.dedent(source), encoding="utf-8")
    return script


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


EXPECTED = [
    {
        "name": "hello",
        "scriptFile": "function_app.py",
        "bindings": [
            {
                "direction": "IN",
                "type": "httpTrigger",
                "name": "req",
                "methods": ["GET"],
                "authLevel": "ANONYMOUS",
                "route": "hello/{name}",
            },
            {"direction": "OUT", "type": "http", "name": "$return"},
        ],
    },
    {
        "name": "tick",
        "scriptFile": "function_app.py",
        "bindings": [
            {
                "direction": "IN",
                "type": "timerTrigger",
                "name": "timer",
                "schedule": "0 */5 * * * *",
            },
            {
                "direction": "OUT",
                "type": "queue",
                "name": "out",
                "queueName": "done",
                "connection": "Storage",
            },
        ],
        "retry": {"strategy": "fixed_delay", "max_retry_count": "3", "delay_interval": "00:00:10"},
    },
]


def test_index_prints_metadata_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(tmp_path / "app", APP)
    code, out, err = run(capsys, "index", str(tmp_path / "app"))
    assert (code, err) == (0, "")
    assert out == json.dumps(EXPECTED, indent=2) + "\n"


def test_index_accepts_the_script_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = write_app(tmp_path / "other", APP, name="my_app.py")
    code, out, _ = run(capsys, "index", str(script))
    assert (code, json.loads(out)) == (0, EXPECTED)


def test_index_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(tmp_path / "app", APP)
    code, out, _ = run(capsys, "index", str(tmp_path / "app"), "--format", "table")
    assert code == 0
    assert out == (
        "name   trigger       detail                  methods  auth level  bindings\n"
        "-----  ------------  ----------------------  -------  ----------  -----------------\n"
        "hello  httpTrigger   hello/{name}            GET      ANONYMOUS   http(out:$return)\n"
        "tick   timerTrigger  schedule 0 */5 * * * *  -        -           queue(out:out)\n"
    )


def test_index_writes_function_json_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_app(tmp_path / "app", APP)
    code, _, _ = run(capsys, "index", str(tmp_path / "app"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.json")
    ) == ["hello/function.json", "tick/function.json"]
    assert json.loads((tmp_path / "out" / "tick" / "function.json").read_text()) == {
        "scriptFile": "function_app.py",
        "bindings": EXPECTED[1]["bindings"],
    }


def test_import_error_shows_the_users_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "broken"
    write_app(folder, "import azfunc as func\napp = func.FunctionApp()\nimport helper_for_cli\n")
    write_app(folder, "value = 1\nboom = missing_name\n", name="helper_for_cli.py")
    code, out, err = run(capsys, "index", str(folder))
    assert (code, out) == (1, "")
    assert err.startswith(
        "azfunc index: Importing function_app.py failed, so the host would find 0 functions. "
        "The error, from your code:\n\nTraceback (most recent call last):\n"
        f'  File "{folder / "function_app.py"}", line 3, in <module>\n'
    )
    assert f'  File "{folder / "helper_for_cli.py"}", line 2, in <module>\n' in err
    assert err.endswith("NameError: name 'missing_name' is not defined\n")


def test_syntax_error_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(tmp_path / "syntax", "import azfunc as func\napp = func.FunctionApp(\n")
    code, _, err = run(capsys, "index", str(tmp_path / "syntax"))
    assert code == 1
    assert "SyntaxError" in err.splitlines()[-1]
    assert str(tmp_path / "syntax" / "function_app.py") in err


def test_no_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(tmp_path / "none", "import azfunc as func\nbp = func.Blueprint()\n")
    assert run(capsys, "index", str(tmp_path / "none")) == (
        1,
        "",
        "azfunc index: function_app.py defines no function app: the host looks for one "
        "module-level instance of FunctionApp (or another FunctionRegister). Add "
        "`app = func.FunctionApp()` at module level and decorate your functions with it.\n",
    )


def test_two_apps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(
        tmp_path / "two", "import azfunc as func\na = func.FunctionApp()\nb = func.FunctionApp()\n"
    )
    assert run(capsys, "index", str(tmp_path / "two")) == (
        1,
        "",
        "azfunc index: function_app.py defines 2 function apps (a, b); the host indexes exactly "
        "one. Keep one FunctionApp and turn the others into func.Blueprint() objects registered "
        "with app.register_functions(bp).\n",
    )


def test_indexing_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_app(
        tmp_path / "notrigger",
        """\
        import azfunc as func
        app = func.FunctionApp()

        @app.queue_output(arg_name="o", queue_name="q", connection="c")
        def orphan(o):
            pass
        """,
    )
    assert run(capsys, "index", str(tmp_path / "notrigger")) == (
        1,
        "",
        "azfunc index: Indexing the functions of function_app.py (app.get_functions()) failed, "
        "so the host would find 0 functions:\nValueError: Function orphan does not have a "
        "trigger. A valid function must have one and only one trigger registered.\n",
    )


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert run(capsys, "index", str(missing)) == (
        1,
        "",
        f"azfunc index: No function app script at {str(missing)!r}. Pass an "
        "app folder that contains function_app.py or the path of the app's .py file.\n",
    )


def test_script_file_name_from_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_app(tmp_path / "custom", APP, name="main_app.py")
    monkeypatch.setenv("PYTHON_SCRIPT_FILE_NAME", "main_app.py")
    code, out, _ = run(capsys, "index", str(tmp_path / "custom"))
    assert (code, [f["name"] for f in json.loads(out)]) == (0, ["hello", "tick"])


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["index", "--format", "xml"])
    assert caught.value.code == 2
