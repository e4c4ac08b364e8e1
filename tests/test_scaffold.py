"""`azfunc init` and `azfunc new`: every template gives an app `azfunc check` passes, whose
generated tests pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from azfunc._cli.check import check_app
from azfunc._cli.main import main
from azfunc._cli.scaffold import GITIGNORE, HOST_JSON, LOCAL_SETTINGS
from azfunc._cli.templates import TEMPLATES

ROOT = Path(__file__).resolve().parent.parent

EXPECTED_TEMPLATES = [
    "http",
    "timer",
    "queue",
    "blob",
    "servicebus",
    "eventhub",
    "cosmosdb",
    "eventgrid",
    "blueprint",
    "durable",
    "fastapi",
    "flask",
]


def _new_app(folder: Path, *templates: str) -> Path:
    assert main(["init", str(folder)]) == 0
    for template in templates:
        assert main(["new", str(folder), "--template", template, "--name", f"{template}_fn"]) == 0
    return folder


def _problems(folder: Path) -> list[dict[str, object]]:
    report = check_app(folder)["report"]
    assert report["app"] is not None, report
    problems: list[dict[str, object]] = report["problems"]
    return problems


def _run_tests(*folders: Path) -> subprocess.CompletedProcess[str]:
    """Run the generated tests of ``folders`` in one pytest process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         *(str(f / "tests") for f in folders)],
        cwd=folders[0].parent, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_the_templates_are_the_documented_ones() -> None:
    assert list(TEMPLATES) == EXPECTED_TEMPLATES


def test_init_writes_the_app_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path / "app")]) == 0
    app = tmp_path / "app"
    assert json.loads((app / "host.json").read_text(encoding="utf-8")) == HOST_JSON
    assert HOST_JSON["extensionBundle"] == {
        "id": "Microsoft.Azure.Functions.ExtensionBundle",
        "version": "[4.*, 5.0.0)",
    }
    assert json.loads((app / "local.settings.json").read_text(encoding="utf-8")) == LOCAL_SETTINGS
    assert LOCAL_SETTINGS["Values"] == {
        "FUNCTIONS_WORKER_RUNTIME": "python",
        "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    }
    assert (app / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert {"local.settings.json", ".azfunc/", ".venv/"} <= set(GITIGNORE.splitlines())
    assert capsys.readouterr().out == (
        f"created {app / 'host.json'}\n"
        f"created {app / 'local.settings.json'}\n"
        f"created {app / '.gitignore'}\n"
        f"created {app / '.funcignore'}\n"
        f"Next: azfunc new --template http --name hello {app}  "
        "(azfunc new --list shows the templates)\n"
    )


def test_init_never_overwrites_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 0
    assert (tmp_path / "host.json").read_text(encoding="utf-8") == '{"version": "2.0"}'
    assert capsys.readouterr().out.splitlines()[0] == f"kept    {tmp_path / 'host.json'}"


def test_every_template_gives_an_app_with_no_problem_and_passing_tests(tmp_path: Path) -> None:
    folders = [_new_app(tmp_path / name, name) for name in EXPECTED_TEMPLATES]
    problems = {folder.name: _problems(folder) for folder in folders}
    assert problems == {name: [] for name in EXPECTED_TEMPLATES}
    result = _run_tests(*folders)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(EXPECTED_TEMPLATES) + 1} passed" in result.stdout  # durable has two tests
    assert {folder.name: _lint(folder) for folder in folders} == dict.fromkeys(
        EXPECTED_TEMPLATES, ""
    )


def _lint(folder: Path) -> str:
    """What ruff's default-length lint (pycodestyle, pyflakes, isort, pyupgrade, bugbear)
    finds in the generated code, run from the app folder as its owner would."""
    found = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,UP,B",
         "--output-format", "concise", "--quiet", "."],
        cwd=folder, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return found.stdout + found.stderr


def test_every_template_added_to_one_app(tmp_path: Path) -> None:
    app = _new_app(tmp_path / "all", *EXPECTED_TEMPLATES)
    assert _problems(app) == []
    requirements = (app / "requirements.txt").read_text(encoding="utf-8")
    assert requirements == "azure-functions-durable\nfastapi\nflask\n"
    settings = json.loads((app / "local.settings.json").read_text(encoding="utf-8"))["Values"]
    assert sorted(settings) == [
        "AzureWebJobsStorage",
        "CosmosDBConnection",
        "EventHubConnection",
        "FUNCTIONS_WORKER_RUNTIME",
        "ServiceBusConnection",
    ]
    result = _run_tests(app)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _lint(app) == ""


def test_new_refuses_what_it_cannot_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _new_app(tmp_path / "app", "http")
    capsys.readouterr()
    before = (app / "function_app.py").read_text(encoding="utf-8")
    statuses = [
        main(["new", str(app), "--template", "http", "--name", "http_fn"]),
        main(["new", str(app), "--template", "htp", "--name", "other"]),
        main(["new", str(app), "--template", "http", "--name", "2fast"]),
        main(["new", str(app), "--template", "http"]),
    ]
    assert statuses == [1, 1, 1, 2]
    assert capsys.readouterr().err.splitlines() == [
        "azfunc new: function_app.py already defines 'http_fn'; choose another --name.",
        "azfunc new: No template 'htp'. Did you mean 'http'? The templates are: "
        + ", ".join(EXPECTED_TEMPLATES)
        + " (azfunc new --list describes them).",
        "azfunc new: '2fast' cannot be a function name: use a Python identifier of ASCII "
        "letters, digits and '_', starting with a letter (e.g. 'hello' or 'process_orders').",
        "azfunc new: give --name, e.g. azfunc new --template http --name hello "
        "(azfunc new --list shows the templates).",
    ]
    assert (app / "function_app.py").read_text(encoding="utf-8") == before


def test_new_in_an_empty_folder_writes_the_app_files_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path), "--template", "http", "--name", "hello"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "created host.json",
        "created local.settings.json",
        "created .gitignore",
        "created .funcignore",
        "created function_app.py: function 'hello'",
        "created tests/test_hello.py",
    ]
    assert _problems(tmp_path) == []


def test_new_never_overwrites_a_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _new_app(tmp_path / "app")
    (app / "tests").mkdir()
    (app / "tests" / "test_hello.py").write_text("# mine\n", encoding="utf-8")
    assert main(["new", str(app), "--template", "http", "--name", "hello"]) == 1
    assert capsys.readouterr().err == (
        "azfunc new: tests/test_hello.py exists already; azfunc new never overwrites a file.\n"
    )
    assert not (app / "function_app.py").exists()


def test_new_list_shows_every_template(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == EXPECTED_TEMPLATES
    assert lines[0] == "http        " + TEMPLATES["http"].summary


def test_new_adds_to_a_hand_written_app(tmp_path: Path) -> None:
    app = tmp_path / "mine"
    app.mkdir()
    (app / "host.json").write_text(json.dumps(HOST_JSON), encoding="utf-8")
    (app / "function_app.py").write_text(
        '"""Mine."""\n\nimport os  # settings\n\nimport azfunc as func\n\n'
        "functions = func.FunctionApp()\n\nDEBUG = os.environ.get('DEBUG')\n",
        encoding="utf-8",
    )
    assert main(["new", str(app), "--template", "timer", "--name", "tick"]) == 0
    source = (app / "function_app.py").read_text(encoding="utf-8")
    assert source.startswith(
        '"""Mine."""\n\nimport os  # settings\n\nimport azfunc as func\nimport logging\n\n'
        "functions = func.FunctionApp()\n"
    )
    assert '\n@functions.timer_trigger(schedule="0 */5 * * * *"' in source
    assert _problems(app) == []
