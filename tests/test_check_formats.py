"""``azfunc check`` for CI: ``--format sarif|junit``, ``--fail-on``, ``--list-rules``,
``[tool.azfunc.check]`` and inline ignores, and the CI recipe of docs/checking.md.

SARIF output is validated against the SARIF 2.1.0 JSON schema kept in tests/sarif/ (from
the npm package @microsoft/jest-sarif; see tests/sarif/README.md).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

from azfunc._cli.main import main
from azfunc._validation.config import inline_ignores, read_config
from azfunc._validation.rules import DOCS_URL, RULES

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "broken_apps"
EXAMPLES = ROOT / "examples"
SCHEMA = json.loads((ROOT / "tests" / "sarif" / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))
DOCS = (ROOT / "docs" / "checking.md").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(["check", *argv])
    return status, capsys.readouterr().out


def sarif_of(capsys: pytest.CaptureFixture[str], folder: Path) -> tuple[int, dict[str, Any]]:
    status, out = run(capsys, str(folder), "--format", "sarif")
    log: dict[str, Any] = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    return status, log


@pytest.mark.parametrize(
    "name",
    [
        "route_reserved",
        "check_config",
        "import_error",
        "host_json_missing",
        "blueprint_alias",
        "blocking_call_in_async",
        "settings_runtime_and_storage",
    ],
)
def test_sarif_validates_against_the_2_1_0_schema(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, log = sarif_of(capsys, CORPUS / name)
    assert status == 1 or name == "blueprint_alias" or name == "blocking_call_in_async"
    (sarif_run,) = log["runs"]
    assert sarif_run["results"], "each of these apps has problems"
    rules = sarif_run["tool"]["driver"]["rules"]
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        (location,) = result["locations"]  # code scanning needs one
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert (ROOT / uri).is_file() or uri.endswith("/host.json"), uri


def test_sarif_result_has_rule_metadata_and_a_region(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, log = sarif_of(capsys, CORPUS / "decorator_order")
    assert status == 1
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert (log["version"], driver["name"], driver["informationUri"]) == (
        "2.1.0",
        "azfunc check",
        DOCS_URL,
    )
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    index = list(RULES).index("decorator-order")
    assert driver["rules"][index] == {
        "id": "decorator-order",
        "name": "decorator-order",
        "shortDescription": {"text": "a decorator above the app's decorators, which never runs"},
        "helpUri": f"{DOCS_URL}#decorator-order",
        "defaultConfiguration": {"level": "error"},
        "properties": {"family": "code", "scope": "function"},
    }
    (result,) = sarif_run["results"]
    assert result == {
        "ruleId": "decorator-order",
        "ruleIndex": index,
        "level": "error",
        "message": {
            "text": "Function 'secret': the decorator @require_auth sits above the app's "
            "decorators (@app.route), so it wraps what they return, not the function the "
            "host calls: it never runs on an invocation. Move it below them, directly above "
            "'def secret'."
        },
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "tests/broken_apps/decorator_order/function_app.py"
                    },
                    "region": {"startLine": 20, "startColumn": 1},
                }
            }
        ],
        "properties": {"function": "secret"},
    }


def test_sarif_region_column_is_the_first_character_of_the_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORPUS / "blocking_call_in_async")
    _, log = sarif_of(capsys, Path("."))
    regions = [
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in log["runs"][0]["results"]
    ]
    assert regions == [
        ("function_app.py", {"startLine": 15, "startColumn": 5}),
        ("function_app.py", {"startLine": 16, "startColumn": 5}),
        ("function_app.py", {"startLine": 17, "startColumn": 5}),
    ]


def test_sarif_of_a_clean_example_has_no_results(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    status, log = sarif_of(capsys, EXAMPLES / "http_hello")
    assert (status, log["runs"][0]["results"]) == (0, [])


def test_junit_has_one_case_per_rule_per_function(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, str(CORPUS / "queue_name_invalid"), "--format", "junit")
    assert status == 1
    assert out.startswith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites ')
    root = ElementTree.fromstring(out)
    (suite,) = root
    function_rules = [r.id for r in RULES.values() if r.scope == "function"]
    app_rules = [r.id for r in RULES.values() if r.scope == "app"]
    cases = [(c.get("classname"), c.get("name")) for c in suite]
    assert cases == [("forward", rule) for rule in function_rules] + [
        ("app", rule) for rule in app_rules
    ]
    failed = [c for c in suite if c.find("failure") is not None]
    assert (root.get("tests"), root.get("failures")) == (str(len(cases)), "1")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        str(len(cases)),
        "1",
        "0",
    )
    (case,) = failed
    failure = case.find("failure")
    assert failure is not None
    assert (case.get("classname"), case.get("name"), failure.get("type")) == (
        "forward",
        "queue-name-invalid",
        "error",
    )
    assert (failure.text or "").split("\n") == [
        "function_app.py:10: error: Function 'forward': the 'queue' binding 'out' has "
        "queueName='orders--done', which is not a valid Storage queue name: Storage queue "
        "names are 3 "
        "to 63 lowercase letters, digits and hyphens, starting and ending with a letter or "
        "digit, with no two hyphens in a row, so the host cannot use it and the function "
        "fails. Use e.g. 'orders-done'.",
        "function_app.py:10: error: Function 'forward': the 'queueTrigger' binding 'msg' has "
        "queueName='Orders_In', which is not a valid Storage queue name: Storage queue "
        "names are 3 to 63 "
        "lowercase letters, digits and hyphens, starting and ending with a letter or digit, "
        "with no two hyphens in a row, so the host cannot use it and the function fails. Use "
        "e.g. 'orders-in'.",
    ]


def test_junit_warnings_pass_unless_fail_on_warning(capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(CORPUS / "anonymous_route")
    status, out = run(capsys, folder, "--format", "junit")
    case = ElementTree.fromstring(out).find(".//testcase[@name='anonymous-route']")
    assert case is not None
    assert (status, case.find("failure"), case.find("system-out") is not None) == (0, None, True)
    status, out = run(capsys, folder, "--format", "junit", "--fail-on", "warning")
    case = ElementTree.fromstring(out).find(".//testcase[@name='anonymous-route']")
    assert case is not None
    failure = case.find("failure")
    assert (status, failure is not None and failure.get("type")) == (1, "warning")


@pytest.mark.parametrize(
    ("argv", "status"),
    [((), 0), (("--fail-on", "error"), 0), (("--fail-on", "warning"), 1)],
)
def test_fail_on_sets_the_threshold(
    argv: tuple[str, ...], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, str(CORPUS / "anonymous_route"), *argv)[0] == status


def test_fail_on_from_pyproject_and_the_command_line_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = tmp_path / "app"
    shutil.copytree(CORPUS / "anonymous_route", app)
    (app / "pyproject.toml").write_text('[tool.azfunc.check]\nfail-on = "warning"\n', "utf-8")
    assert run(capsys, str(app))[0] == 1
    assert run(capsys, str(app), "--fail-on", "error")[0] == 0


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["check", ".", "--fail-on", "never"])
    assert exited.value.code == 2
    assert "invalid choice: 'never'" in capsys.readouterr().err


def test_list_rules_prints_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = run(capsys, "--list-rules")
    lines = out.rstrip("\n").split("\n")
    width = max(len(rule) for rule in RULES)
    assert status == 0
    assert lines[:2] == [
        f"{'rule'.ljust(width)}  level    summary",
        f"{'-' * width}  -------  -------",
    ]
    assert lines[2:] == [
        f"{r.id.ljust(width)}  {r.level.ljust(7)}  {r.summary}" for r in RULES.values()
    ]
    assert "blocking-call-in-async" + " " * (width - 22) + "  warning  a blocking call" in out


def test_every_rule_is_explained_in_the_docs() -> None:
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', DOCS))
    assert set(RULES) - anchors == set()


def test_config_ignores_relevels_and_reports_typos(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.azfunc.check]\n"
        'ignore = ["anonymous-route", "decorator-ordr"]\n'
        'colour = "yes"\n'
        "[tool.azfunc.check.severity]\n"
        'retry-unsupported = "warning"\n'
        'route-reserved = "fatal"\n',
        encoding="utf-8",
    )
    (tmp_path / "app").mkdir()
    config = read_config(tmp_path / "app")
    assert (config.path, config.ignore, config.severity, config.fail_on) == (
        tmp_path / "pyproject.toml",
        frozenset({"anonymous-route"}),
        {"retry-unsupported": "warning"},
        None,
    )
    assert [p.message for p in config.problems] == [
        "[tool.azfunc.check] has the key 'colour'; the keys are 'ignore', 'severity' and "
        "'fail-on'.",
        "[tool.azfunc.check] ignore names 'decorator-ordr', which is no rule; did you mean "
        "'decorator-order'?",
        "[tool.azfunc.check.severity] sets 'route-reserved' to 'fatal'; write \"error\" or "
        '"warning" (or list the rule in ignore).',
    ]


def test_inline_ignores(tmp_path: Path) -> None:
    file = tmp_path / "function_app.py"
    file.write_text(
        "import azfunc as func  # azfunc: ignore[a-rule] on its line\n"
        "\n"
        "# azfunc: ignore[next-line]\n"
        "x = 1\n"
        "text = '# azfunc: ignore[in-a-string]'\n"
        "@app.route(route='x')  # azfunc: ignore[anonymous-route, route-reserved]\n"
        "@app.function_name('f')\n"
        "def f(req):  # azfunc: ignore\n"
        "    pass\n",
        encoding="utf-8",
    )
    assert inline_ignores(str(file)) == {
        1: frozenset({"a-rule"}),
        3: frozenset({"next-line"}),
        4: frozenset({"next-line"}),
        6: frozenset({"anonymous-route", "route-reserved"}),
        8: None,
    }


# --- the CI recipe of docs/checking.md ---------------------------------------------------


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOCS, flags=re.DOTALL)


def _commands(block: str) -> list[str]:
    """The shell lines of a workflow (``run:``, ``script:``) that run azfunc check."""
    return re.findall(r"^\s*(?:- )?(?:run|script): (.*azfunc check.*)$", block, re.MULTILINE)


@pytest.mark.parametrize("ci", ["github", "azure"])
def test_the_documented_ci_commands_run_on_an_example(ci: str, tmp_path: Path) -> None:
    github, azure = _yaml_blocks()
    block = github if ci == "github" else azure
    assert ("upload-sarif@v3" in block) == (ci == "github")
    assert ("CodeAnalysisLogs" in block) == (ci == "azure")
    commands = _commands(block)
    assert commands, "the recipe runs azfunc check"
    app = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "http_hello", app)
    staging = tmp_path / "staging"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in commands:
        command = command.replace("$(Build.ArtifactStagingDirectory)", str(staging))
        done = subprocess.run(
            ["bash", "-ec", command], cwd=app, env=env, capture_output=True, text=True, timeout=120
        )
        assert (done.returncode, done.stderr) == (0, "")
    sarif_files = list(app.glob("*.sarif")) + list(staging.glob("**/*.sarif"))
    (sarif_file,) = sarif_files
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []
    if ci == "azure":
        junit = ElementTree.parse(app / "azfunc-check.xml").getroot()
        assert (junit.tag, junit.get("failures")) == ("testsuites", "0")


def test_config_without_a_toml_reader_is_reported_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from azfunc._validation import config as config_module

    def no_tomli(text: str) -> dict[str, Any]:
        raise ImportError("No module named 'tomli'")

    monkeypatch.setattr(config_module, "_load_toml", no_tomli)
    monkeypatch.setattr(config_module.sys, "version_info", (3, 10, 13, "final", 0))
    (tmp_path / "pyproject.toml").write_text('[tool.azfunc.check]\nignore = ["x"]\n', "utf-8")
    config = read_config(tmp_path)
    assert [(p.code, p.severity, p.message) for p in config.problems] == [
        (
            "config-invalid",
            "error",
            "pyproject.toml has a [tool.azfunc.check] table, but Python 3.10 cannot read "
            "TOML without the tomli package, so it is not applied. pip install tomli, or run "
            "azfunc check with Python 3.11 or newer.",
        )
    ]


def test_a_pyproject_without_the_table_is_not_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "shop"\n', "utf-8")
    assert (
        read_config(tmp_path) == read_config(tmp_path / "nowhere") == type(read_config(tmp_path))()
    )
