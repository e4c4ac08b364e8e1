"""CLI conventions: --version, PATH defaults, the table's trigger detail, the duplicate-name
error, tracebacks of the user's frames only, enum suggestions, porting hints, host.json."""

from __future__ import annotations

import importlib.util
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import azfunc as func
from azfunc import __version__
from azfunc._cli.check import check_app
from azfunc._cli.main import main
from azfunc._host.config import HostConfig
from azfunc._host.prepare import HostError, prepare
from azfunc._loader import enum_hint

ROOT = Path(__file__).resolve().parent.parent


def _app(folder: Path, source: str, host_json: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "function_app.py").write_text(textwrap.dedent(source), encoding="utf-8")
    if host_json:
        (folder / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    return folder


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert (done.value.code, capsys.readouterr().out) == (0, f"azfunc {__version__}\n")


def test_every_command_defaults_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app(tmp_path / "app", "import azfunc as func\napp = func.FunctionApp()\n")
    monkeypatch.chdir(app)
    assert main(["index"]) == 0
    assert capsys.readouterr().out == "[]\n"
    from azfunc._cli.main import _parser

    parser = _parser()
    defaults = {
        command: str(parser.parse_args([command]).path)
        for command in ("index", "check", "start", "openapi", "init", "new", "bundle")
    }
    assert defaults == dict.fromkeys(defaults, ".")


def test_the_table_shows_each_triggers_detail(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(ROOT / "examples" / "service_bus"), "--format", "table"]) == 0
    assert capsys.readouterr().out == (
        "name             trigger            detail                       methods  auth level  "
        "bindings\n"
        "---------------  -----------------  ---------------------------  -------  ----------  "
        "--------------------------------------\n"
        "submit_invoice   httpTrigger        invoices                     POST     FUNCTION    "
        "serviceBus(out:msg), http(out:$return)\n"
        "process_invoice  serviceBusTrigger  queue invoices               -        -           "
        "serviceBus(out:event)\n"
        "AuditInvoices    serviceBusTrigger  topic invoice-events/audit   -        -           -\n"
        "notify           serviceBusTrigger  topic invoice-events/notify  -        -           "
        "serviceBus(out:$return)\n"
    )


def test_the_duplicate_name_error_names_both_definitions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["index", str(ROOT / "tests" / "broken_apps" / "duplicate_function_names")]) == 1
    assert capsys.readouterr().err == (
        "azfunc index: Indexing the functions of function_app.py (app.get_functions()) failed, "
        "so the host would find 0 functions:\n"
        "ValueError: Function report does not have a unique function name. Please change "
        "@app.function_name() or the function method name to be unique.\n"
        "'report' is defined at function_app.py:10 (daily) and function_app.py:16 (weekly).\n"
    )


def test_a_traceback_shows_only_the_users_frames_and_suggests_the_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app(
        tmp_path / "typo",
        """\
        import azfunc as func

        app = func.FunctionApp()


        @app.route(route="x", methods=["PSOT"])
        def x(req: func.HttpRequest) -> str:
            return ""
        """,
    )
    assert main(["index", str(app)]) == 1
    assert capsys.readouterr().err == (
        "azfunc index: Importing function_app.py failed, so the host would find 0 functions. "
        "The error, from your code:\n\n"
        "Traceback (most recent call last):\n"
        f'  File "{app / "function_app.py"}", line 6, in <module>\n'
        '    @app.route(route="x", methods=["PSOT"])\n'
        + _caret_line()
        + "KeyError: \"Can not parse '['PSOT']' to Optional[Iterable[HttpMethod]]. Please "
        "ensure param all list elements exist in ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', "
        "'PUT', 'OPTIONS']\"\n\n"
        "HttpMethod has no value 'PSOT'; did you mean 'POST'?\n"
        "Valid values: GET, POST, DELETE, HEAD, PATCH, PUT, OPTIONS.\n"
    )


def _caret_line() -> str:
    """The line under the failing decorator call: ``^`` under it on 3.11 and 3.12; on
    3.13 ``~`` under the called name and ``^`` under the call; none before 3.11."""
    import sys

    call = 'app.route(route="x", methods=["PSOT"])'
    if sys.version_info >= (3, 13):
        return "     " + "~" * len("app.route") + "^" * (len(call) - len("app.route")) + "\n"
    if sys.version_info >= (3, 11):
        return "     " + "^" * len(call) + "\n"
    return ""


def _raised(call: Callable[[], object]) -> KeyError:
    with pytest.raises(KeyError) as caught:
        call()
    return caught.value


def test_enum_typos_get_a_suggestion_and_the_valid_values() -> None:
    app = func.FunctionApp()
    hints = {
        "auth level": enum_hint(_raised(lambda: app.route(auth_level="anonymus"))),
        "data type": enum_hint(
            _raised(
                lambda: app.queue_output(
                    arg_name="o", queue_name="q", connection="C", data_type="STRNG"
                )
            )
        ),
        "cardinality": enum_hint(
            _raised(
                lambda: app.event_hub_message_trigger(
                    arg_name="e", connection="C", event_hub_name="h", cardinality="manyy"
                )
            )
        ),
        "access rights": enum_hint(
            _raised(
                lambda: app.service_bus_queue_trigger(
                    arg_name="m", connection="C", queue_name="q", access_rights="lisen"
                )
            )
        ),
        "methods": enum_hint(_raised(lambda: app.route(methods=["get", "PUTT", "zzz"]))),
    }
    assert hints == {
        "auth level": "\n\nAuthLevel has no value 'anonymus'; did you mean 'ANONYMOUS'?\n"
        "Valid values: FUNCTION, ANONYMOUS, ADMIN.",
        "data type": "\n\nDataType has no value 'STRNG'; did you mean 'STRING'?\n"
        "Valid values: UNDEFINED, STRING, BINARY, STREAM.",
        "cardinality": "\n\nCardinality has no value 'manyy'; did you mean 'MANY'?\n"
        "Valid values: ONE, MANY.",
        "access rights": "\n\nAccessRights has no value 'lisen'; did you mean 'LISTEN'?\n"
        "Valid values: MANAGE, LISTEN.",
        "methods": "\n\nHttpMethod has no value 'PUTT'; did you mean 'PUT'?\n"
        "HttpMethod has no value 'zzz'.\n"
        "Valid values: GET, POST, DELETE, HEAD, PATCH, PUT, OPTIONS.",
    }
    assert enum_hint(KeyError("something else")) == ""


@pytest.mark.skipif(
    importlib.util.find_spec("azure") is not None
    and importlib.util.find_spec("azure.functions") is not None,
    reason="azure.functions is importable here",
)
def test_an_unported_app_says_what_was_found_and_how_to_port(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app(tmp_path / "old", "import azure.functions as func\n\napp = func.FunctionApp()\n")
    assert main(["index", str(app)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        f"ModuleNotFoundError: No module named {_missing_azure_module()!r}\n\n"
        "This app is written for azure-functions: it imports azure.functions (function_app.py, "
        "line 1), which azfunc replaces. To port it, replace `import azure.functions as func` "
        "with `import azfunc as func` and `from azure.functions...` with `from azfunc...`; "
        "see azfunc's docs/porting.md.\n"
    )


def _missing_azure_module() -> str:
    """``azure`` without any azure package installed; ``azure.functions`` next to others."""
    return "azure" if importlib.util.find_spec("azure") is None else "azure.functions"


def test_a_missing_host_json_is_an_error_in_start_as_in_check(tmp_path: Path) -> None:
    app = _app(tmp_path / "app", "import azfunc as func\napp = func.FunctionApp()\n", False)
    (problem,) = check_app(app)["report"]["problems"]
    assert (problem["code"], problem["severity"]) == ("host-json-missing", "error")
    with pytest.raises(HostError) as caught:
        prepare(HostConfig(path=app))
    assert str(caught.value) == (
        f"{problem['message']} `azfunc init {app}` writes one (and local.settings.json)."
    )
