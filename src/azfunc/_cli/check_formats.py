"""The CI formats of ``azfunc check``: SARIF 2.1.0 and JUnit XML, made from the JSON
report (see :mod:`azfunc._cli.check`), and the ``--list-rules`` table.

- SARIF: one run, the tool's rules (id, summary, help URI into docs/checking.md, default
  level) and one result per problem, located at ``file:line:column`` relative to the
  working directory (the repository root in CI), as GitHub code scanning and Azure
  DevOps expect.
- JUnit: one test suite; one test case per rule per function (class name: the
  function), plus one per app-wide rule (class name ``app``). A problem at or above the
  ``--fail-on`` level is a failure; one below it is written to the case's system-out.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from azfunc._validation.rules import DOCS_URL, RULES, Rule, rule_of

__all__ = ["SARIF_SCHEMA", "exit_status", "format_junit", "format_rules", "format_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning"}


def exit_status(report: dict[str, Any], fail_on: str) -> int:
    """Return 1 when the report has a problem at or above ``fail_on``, else 0."""
    if report["errors"]:
        return 1
    return 1 if fail_on == "warning" and report["warnings"] else 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("azfunc")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def _path(report: dict[str, Any], file: str) -> Path:
    return Path(report["folder"]) / file


def _uri(path: Path) -> str:
    """``path`` relative to the working directory when inside it, else a file: URI."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_uri()


def _column(path: Path, line: int) -> int:
    """The 1-based column of the first non-blank character of ``line`` in ``path``."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, start=1):
                if number == line:
                    return len(text) - len(text.lstrip()) + 1
    except OSError:
        pass
    return 1


def _rules_of(report: dict[str, Any]) -> list[Rule]:
    codes = [p["code"] for p in report["problems"]]
    return [*RULES.values(), *(rule_of(c) for c in dict.fromkeys(codes) if c not in RULES)]


def format_sarif(report: dict[str, Any]) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log (a JSON object)."""
    rules = _rules_of(report)
    index = {rule.id: number for number, rule in enumerate(rules)}
    results = []
    for problem in report["problems"]:
        result: dict[str, Any] = {
            "ruleId": problem["code"],
            "ruleIndex": index[problem["code"]],
            "level": _SARIF_LEVEL[problem["severity"]],
            "message": {"text": problem["message"]},
        }
        # Code scanning needs a location: a problem of no file is the app's (its script,
        # or the folder when there is none).
        script = report["app"]["script"] if report["app"] else ""
        path = _path(report, problem["file"] or script)
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
        if problem["file"] and problem["line"]:
            location["region"] = {
                "startLine": problem["line"],
                "startColumn": _column(path, problem["line"]),
            }
        result["locations"] = [{"physicalLocation": location}]
        if problem["function"]:
            result["properties"] = {"function": problem["function"]}
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "azfunc check",
                        "version": _version(),
                        "informationUri": DOCS_URL,
                        "rules": [
                            {
                                "id": rule.id,
                                "name": rule.id,
                                "shortDescription": {"text": rule.summary},
                                "helpUri": rule.help_uri,
                                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.level]},
                                "properties": {"family": rule.family, "scope": rule.scope},
                            }
                            for rule in rules
                        ],
                    }
                },
                "results": results,
            }
        ],
    }


def _cases(report: dict[str, Any]) -> Iterable[tuple[str, str, list[dict[str, Any]]]]:
    """(class name, rule id, its problems) per rule per function, then per app rule."""
    by_case: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for problem in report["problems"]:
        rule = rule_of(problem["code"])
        owner = problem["function"] if problem["function"] else "app"
        by_case.setdefault((owner, rule.id), []).append(problem)
    rules = _rules_of(report)
    owners = [f["name"] for f in report["functions"]]
    for owner in owners:
        for rule in rules:
            if rule.scope == "function":
                yield owner, rule.id, by_case.pop((owner, rule.id), [])
    for rule in rules:
        if rule.scope == "app":
            yield "app", rule.id, by_case.pop(("app", rule.id), [])
    for (owner, code), problems in by_case.items():  # function problems of unbuilt functions
        yield owner, code, problems


def _where(problem: dict[str, Any]) -> str:
    if not problem["file"]:
        return ""
    line = f":{problem['line']}" if problem["line"] else ""
    return f"{problem['file']}{line}: "


def format_junit(report: dict[str, Any], fail_on: str) -> str:
    """Return the report as JUnit XML: a test case per rule per function."""
    suite = ElementTree.Element("testsuite", name=f"azfunc check {report['folder']}")
    tests = failures = 0
    for owner, code, problems in _cases(report):
        tests += 1
        case = ElementTree.SubElement(suite, "testcase", classname=owner, name=code)
        failing = [p for p in problems if p["severity"] == "error" or fail_on == "warning"]
        passing = [p for p in problems if p not in failing]
        if failing:
            failures += 1
            text = "\n".join(f"{_where(p)}{p['severity']}: {p['message']}" for p in failing)
            failure = ElementTree.SubElement(
                case,
                "failure",
                message=failing[0]["message"].split("\n")[0],
                type=failing[0]["severity"],
            )
            failure.text = text
        if passing:
            out = ElementTree.SubElement(case, "system-out")
            out.text = "\n".join(f"{_where(p)}{p['severity']}: {p['message']}" for p in passing)
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    root = ElementTree.Element("testsuites", name="azfunc check")
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.append(suite)
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def format_rules() -> str:
    """Return every rule, one per line: id, level, summary."""
    width = max(len(rule.id) for rule in RULES.values())
    lines = [f"{'rule'.ljust(width)}  level    summary", f"{'-' * width}  -------  -------"]
    lines += [
        f"{rule.id.ljust(width)}  {rule.level.ljust(7)}  {rule.summary}" for rule in RULES.values()
    ]
    return "\n".join(lines) + "\n"
