"""README's two commands are the ones that are run: CI's script and the example app."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"```sh\n(.+?)\n```", README)


def test_readme_gives_two_commands() -> None:
    assert len(COMMANDS) == 2
    assert COMMANDS[0].endswith("azfunc index examples/http_hello")
    assert (ROOT / "examples" / "http_hello" / "function_app.py").is_file()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert script[-1] == COMMANDS[1]
