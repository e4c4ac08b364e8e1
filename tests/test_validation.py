"""Indexing-time checks: ``get_functions()`` checks only what the reference does, ``index(app)``
runs every rule, and ``enforce()`` raises what the worker refuses and warns about the rest."""

from __future__ import annotations

import json
import sys
import textwrap
import warnings
from pathlib import Path
from typing import Any

import pytest

import azfunc as func
from azfunc._config.rules import host_json_problems, local_settings_problems
from azfunc._loader import load_app
from azfunc._validation.functions import function_problems
from azfunc._validation.indexing import index
from azfunc._validation.problems import (
    AppValidationError,
    AppValidationWarning,
    Problem,
    definition_site,
    severity_of,
)

HERE = Path(__file__).resolve()
BUNDLE = {"id": "Microsoft.Azure.Functions.ExtensionBundle", "version": "[4.*, 5.0.0)"}


def codes(problems: list[Problem]) -> list[tuple[str, str | None]]:
    return [(p.code, p.function) for p in problems]


def built(app: func.FunctionApp) -> list[Any]:
    return [b.build(app.auth_level) for b in app._function_builders]


def line_of(text: str) -> int:
    """The line of this file that starts with ``text`` (after indentation)."""
    lines = HERE.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(text))


# --- index(app).enforce(): raise what the worker refuses, warn about the rest --------------


def test_enforce_raises_one_error_listing_every_refused_function() -> None:
    app = func.FunctionApp()

    @app.route(route="users/{user_id}")
    def get_user(req: func.HttpRequest, user_id: func.Out[str]) -> str:
        return "user"

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    @app.queue_output(arg_name="out", queue_name="o", connection="C")
    def relay(msg: func.QueueMessage) -> None: ...

    with pytest.raises(AppValidationError) as caught:
        index(app).enforce()

    assert isinstance(caught.value, ValueError)
    assert codes(caught.value.problems) == [
        ("route-parameter-as-argument", "get_user"),
        ("binding-without-parameter", "relay"),
    ]
    get_user_line = line_of("def get_user(")
    relay_line = line_of("def relay(")
    assert str(caught.value) == (
        "2 problems in functions 'get_user', 'relay' would make the Python worker refuse "
        "to index this app, and the host would then find 0 functions. Fix each:\n"
        f"- tests/test_validation.py:{get_user_line}: Function 'get_user' declares parameter "
        "'user_id', which is a parameter of its route 'users/{user_id}', annotated with a "
        "binding's type, so azfunc cannot pass it the route value and the worker refuses to "
        "index an app with this function (the host then finds 0 functions). Annotate it with "
        "the value's type (user_id: str, int, ...) or remove it and read "
        "req.route_params['user_id']. [route-parameter-as-argument]\n"
        f"- tests/test_validation.py:{relay_line}: Function 'relay' has a 'queue' binding named "
        "'out' but no parameter of that name; parameters are 'msg'. Add a parameter 'out' "
        "or change the binding's arg_name. [binding-without-parameter]"
    )


def test_enforce_warns_about_what_azure_accepts_at_the_callers_line() -> None:
    app = func.FunctionApp()

    @app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:05")
    @app.queue_trigger(arg_name="msg", queue_name="orders", connection="C")
    def ingest(msg: func.QueueMessage) -> None: ...

    @app.timer_trigger(arg_name="timer", schedule="*/5 * * * *")
    def tick(timer: func.TimerRequest) -> None: ...

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        functions = index(app).enforce()

    assert [f.get_function_name() for f in functions] == ["ingest", "tick"]
    assert [w.category for w in caught] == [AppValidationWarning, AppValidationWarning]
    assert {(w.filename, w.lineno) for w in caught} == {
        (str(HERE), line_of("functions = index(app).enforce()"))
    }
    problems = [w.message.problem for w in caught]  # type: ignore[union-attr]
    assert codes(problems) == [("retry-unsupported", "ingest"), ("schedule-invalid", "tick")]
    assert str(caught[1].message) == (
        f"tests/test_validation.py:{line_of('def tick(')}: Function 'tick' has a timer "
        "schedule the host rejects, so the function never runs: Schedule '*/5 * * * *' is "
        "invalid: it has 5 field(s), not 6 (second minute hour day month day-of-week); Azure "
        "Functions needs the seconds field first, e.g. '0 */5 * * * *'. See "
        "https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer"
        "#ncrontab-expressions [schedule-invalid]"
    )


def test_valid_app_indexes_silently_and_repeatably() -> None:
    app = func.FunctionApp()

    @app.route(route="items/{id:int}", methods=["GET"])
    def item(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("x")

    @app.retry(strategy="exponential_backoff", max_retry_count="2",
               minimum_interval="00:00:01", maximum_interval="00:00:10")  # fmt: skip
    @app.timer_trigger(arg_name="timer", schedule="%TICK%")
    def tick(timer: func.TimerRequest, context: func.Context) -> None: ...

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        first = [f.get_function_json() for f in app.get_functions()]
        second = [f.get_function_json() for f in app.get_functions()]
        functions, problems = index(app)
    assert first == second
    assert [f.get_function_json() for f in functions] == first
    assert problems == []


def test_reference_errors_keep_their_type_and_text() -> None:
    app = func.FunctionApp()

    @app.function_name("same")
    @app.warm_up_trigger(arg_name="w")
    def a(w: func.WarmUpContext) -> None: ...

    @app.warm_up_trigger(arg_name="w")
    def same(w: func.WarmUpContext) -> None: ...

    with pytest.raises(ValueError) as caught:
        app.get_functions()
    assert type(caught.value) is ValueError
    assert str(caught.value) == (
        "Function same does not have a unique function name. Please change "
        "@app.function_name() or the function method name to be unique."
    )


# --- the rules, one by one ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("decorator", "kwargs", "supported"),
    [
        ("timer_trigger", {"schedule": "0 * * * * *"}, True),
        ("event_hub_message_trigger", {"event_hub_name": "h", "connection": "C"}, True),
        ("kafka_trigger", {"topic": "t", "broker_list": "b"}, True),
        (
            "cosmos_db_trigger",
            {"connection": "C", "database_name": "d", "container_name": "c"},
            True,
        ),
        ("queue_trigger", {"queue_name": "q", "connection": "C"}, False),
        ("blob_trigger", {"path": "c/{name}", "connection": "C"}, False),
        ("service_bus_queue_trigger", {"queue_name": "q", "connection": "C"}, False),
        ("event_grid_trigger", {}, False),
        ("warm_up_trigger", {}, False),
    ],
)
def test_retry_policies_only_on_triggers_that_honour_them(
    decorator: str, kwargs: dict[str, Any], supported: bool
) -> None:
    app = func.FunctionApp()

    def handler(arg: Any) -> None: ...

    builder = getattr(app, decorator)(arg_name="arg", **kwargs)(handler)
    app.retry(strategy="fixed_delay", max_retry_count="1", delay_interval="00:00:01")(builder)
    (function,) = built(app)
    found = [p.code for p in function_problems(function) if p.code == "retry-unsupported"]
    assert found == ([] if supported else ["retry-unsupported"])


def test_schedule_setting_is_resolved_only_when_settings_are_given() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(arg_name="timer", schedule="%TICK%")
    def tick(timer: func.TimerRequest) -> None: ...

    (function,) = built(app)
    assert function_problems(function) == []
    assert function_problems(function, settings={"TICK": "0 0 * * * *"}) == []
    (problem,) = function_problems(function, settings={"TICK": "0 0 0 31 2 *"})
    assert problem.message == (
        "Function 'tick' has a timer schedule (the value of app setting 'TICK') the host "
        "rejects, so the function never runs: Schedule '0 0 0 31 2 *' is invalid: it never "
        "fires: no month among [2] has a day among [31]. See "
        "https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer"
        "#ncrontab-expressions"
    )


@pytest.mark.parametrize(
    ("route", "code"),
    [
        ("items/{id:int}", None),
        ("files/{*path}", None),
        ("administrators", "route-reserved"),
        ("/Admin/x", "route-reserved"),
        ("a//b", "route-template-invalid"),
        ("items/{id:nosuch}", "route-template-invalid"),
    ],
)
def test_route_rules(route: str, code: str | None) -> None:
    app = func.FunctionApp()

    @app.route(route=route)
    def handler(req: func.HttpRequest) -> str:
        return ""

    (function,) = built(app)
    assert [p.code for p in function_problems(function)] == ([code] if code else [])


def test_duplicate_route_and_method_pairs() -> None:
    app = func.FunctionApp()

    @app.route(route="items", methods=["GET"])
    def first(req: func.HttpRequest) -> str:
        return ""

    @app.route(route="Items/", methods=["POST"])
    def other_method(req: func.HttpRequest) -> str:
        return ""

    @app.route(route="items")
    def every_method(req: func.HttpRequest) -> str:
        return ""

    _, problems = index(app)
    assert codes(problems) == [("duplicate-route", "every_method")]
    assert problems[0].line == line_of("def every_method(")


def test_index_reports_what_get_functions_raises_for() -> None:
    app = func.FunctionApp()

    @app.function_name("same")
    @app.queue_output(arg_name="out", queue_name="o", connection="C")
    def no_trigger(out: func.Out[str]) -> None: ...

    @app.function_name("dup")
    @app.warm_up_trigger(arg_name="w")
    def one(w: func.WarmUpContext) -> None: ...

    @app.function_name("dup")
    @app.warm_up_trigger(arg_name="w")
    def two(w: func.WarmUpContext, extra: int) -> None: ...

    functions, problems = index(app)
    assert [f.get_function_name() for f in functions] == ["dup", "dup"]
    assert [(p.code, p.function, p.line) for p in problems] == [
        ("no-trigger", "same", line_of("def no_trigger(")),
        ("parameter-without-binding", "dup", line_of("def two(")),
        ("duplicate-function-name", "dup", line_of("def two(")),
    ]


# --- blueprints --------------------------------------------------------------------------


def write_app(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        sys.modules.pop(Path(name).stem, None)  # a module of the same name from another test
    return folder


BLUEPRINT_MODULE = """\
import azfunc as func

bp = func.Blueprint()


@bp.route(route="a")
def a(req: func.HttpRequest) -> str:
    return ""
"""


@pytest.mark.parametrize(
    ("import_line", "written"),
    [("import lost_bp", "lost_bp.bp"), ("from lost_bp import bp", "bp"),
     ("from lost_bp import bp as billing_bp", "billing_bp")],
)
def test_unregistered_blueprint_is_warned_about(
    tmp_path: Path, import_line: str, written: str
) -> None:
    folder = write_app(
        tmp_path,
        {
            "lost_bp.py": BLUEPRINT_MODULE,
            "function_app.py": f"""\
                {import_line}
                import azfunc as func

                app = func.FunctionApp()
                """,
        },
    )
    loaded = load_app(folder)
    with pytest.warns(AppValidationWarning) as caught:
        assert index(loaded.app).enforce() == []
    (problem,) = [w.message.problem for w in caught]  # type: ignore[union-attr]
    assert problem == Problem(
        severity="warning",
        code="blueprint-not-registered",
        message="Blueprint 'bp' in lost_bp.py holds the function 'a', but it is never "
        "registered with the app, so the host does not see them. Add "
        f"app.register_functions({written}) to function_app.py.",
        file=str(folder / "lost_bp.py"),
        line=3,
    )


def test_registered_blueprints_and_blueprints_of_other_apps_are_fine(tmp_path: Path) -> None:
    folder = write_app(
        tmp_path,
        {
            "kept_bp.py": BLUEPRINT_MODULE,
            "function_app.py": """\
                from kept_bp import bp
                import azfunc as func

                app = func.FunctionApp()
                app.register_functions(bp)
                """,
        },
    )
    loaded = load_app(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert [f.get_function_name() for f in index(loaded.app).enforce()] == ["a"]
    # a module-level blueprint elsewhere (not reachable from the app) is not looked at
    other = func.FunctionApp()
    assert index(other).problems == []


# --- the Problem record ------------------------------------------------------------------


def test_problem_record_forms() -> None:
    problem = Problem.of(
        "duplicate-route", "m", function="f", file=str(HERE.parent / "x.py"), line=3
    )
    assert (problem.severity, severity_of("anonymous-route")) == ("error", "warning")
    assert problem.relative_to(HERE.parent).describe() == "x.py:3: error: m [duplicate-route]"
    assert Problem.of("worker-runtime", "m").describe() == "error: m [worker-runtime]"
    assert problem.relative_to(HERE.parent).to_json() == {
        "severity": "error",
        "code": "duplicate-route",
        "message": "m",
        "function": "f",
        "file": "x.py",
        "line": 3,
    }


def test_definition_site_is_the_def_line_below_decorators() -> None:
    app = func.FunctionApp()

    @app.route(route="x")
    @app.queue_output(arg_name="o", queue_name="q", connection="C")
    def decorated(req: func.HttpRequest, o: func.Out[str]) -> str:
        return ""

    assert definition_site(decorated) == (str(HERE), line_of("def decorated("))

    async def asgi_app(scope: Any, receive: Any, send: Any) -> None: ...

    asgi = func.AsgiFunctionApp(app=asgi_app)
    (catch_all,) = asgi.get_functions()
    assert definition_site(catch_all.get_user_function()) == (None, None)


# --- host.json and local.settings.json ---------------------------------------------------


def host_problems(tmp_path: Path, document: object, functions: list[Any]) -> list[str]:
    path = tmp_path / "host.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return [p.code for p in host_json_problems(path, functions, display="host.json")[1]]


def queue_app(connection: str = "Storage") -> list[Any]:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="q", connection=connection)
    def ingest(msg: func.QueueMessage) -> None: ...

    return built(app)


@pytest.mark.parametrize(
    ("version", "ok"),
    [
        ("[4.*, 5.0.0)", True),
        ("[4.0.0, 5.0.0)", True),
        ("[4.10.*, 5.0.0)", True),
        ("[4.*, 5.0.0]", False),
        ("[4.*, 6.0.0)", False),
        ("[4.*, )", False),
        ("4.0.0", False),
        ("[3.*, 4.0.0)", False),
        ("[4.*, 5.0.0", False),
        ("latest", False),
        (4, False),
    ],
)
def test_extension_bundle_version_range(tmp_path: Path, version: object, ok: bool) -> None:
    found = host_problems(tmp_path, {"version": "2.0", "extensionBundle": {**BUNDLE,
                          "version": version}}, queue_app())  # fmt: skip
    assert found == ([] if ok else ["extension-bundle-version"])


def test_host_json_bundle_id_prefix_and_function_list(tmp_path: Path) -> None:
    preview = {**BUNDLE, "id": "Microsoft.Azure.Functions.ExtensionBundle.Preview"}
    assert host_problems(tmp_path, {"version": "2.0", "extensionBundle": preview}, []) == [
        "extension-bundle-preview"
    ]
    other = {**BUNDLE, "id": "My.Bundle"}
    assert host_problems(tmp_path, {"version": "2.0", "extensionBundle": other}, []) == [
        "extension-bundle-id"
    ]
    # HTTP and timer triggers are built into the host: no bundle needed
    assert host_problems(tmp_path, {"version": "2.0"}, []) == []
    document = {
        "version": "2.0",
        "extensionBundle": BUNDLE,
        "extensions": {"http": {"routePrefix": "admin"}},
        "functions": ["ingest", "missing"],
    }
    assert host_problems(tmp_path, document, queue_app()) == [
        "route-prefix-invalid",
        "host-json-functions",
    ]


def settings_problems(tmp_path: Path, values: dict[str, str], functions: list[Any],
                      connection_strings: dict[str, str] | None = None) -> list[str]:  # fmt: skip
    path = tmp_path / "local.settings.json"
    document: dict[str, object] = {
        "IsEncrypted": False,
        "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", **values},
    }
    if connection_strings is not None:
        document["ConnectionStrings"] = connection_strings
    path.write_text(json.dumps(document), encoding="utf-8")
    found = local_settings_problems(path, functions, display="local.settings.json")[1]
    return [p.code for p in found]


STORAGE = {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}


@pytest.mark.parametrize(
    "settings",
    [
        {"Storage": "DefaultEndpointsProtocol=https;AccountName=a"},
        {"storage": "names match in any case, as in the host's configuration"},
        {"AzureWebJobsStorage2": "the AzureWebJobs prefix of the WebJobs SDK"},
        {"Storage__queueServiceUri": "https://a.queue.core.windows.net"},
        {"Storage__accountName": "a"},
        {"Storage__serviceUri": "https://a.queue.core.windows.net"},
        {"Storage__blobServiceUri": "https://a.blob.core.windows.net"},
        {"Storage:queueServiceUri": "https://a.queue.core.windows.net"},
    ],
)
def test_connections_resolve_like_the_host(tmp_path: Path, settings: dict[str, str]) -> None:
    connection = "Storage2" if "AzureWebJobsStorage2" in settings else "Storage"
    assert settings_problems(tmp_path, {**STORAGE, **settings}, queue_app(connection)) == []


def test_connection_resolution_edges(tmp_path: Path) -> None:
    functions = queue_app("Orders")
    assert settings_problems(tmp_path, {**STORAGE, "Orders": ""}, functions) == [
        "connection-unresolved"
    ]
    assert settings_problems(tmp_path, {**STORAGE, "Orders_x": "x"}, functions) == [
        "connection-unresolved"
    ]
    assert settings_problems(tmp_path, STORAGE, functions, {"Orders": "conn"}) == []
    # "Storage" also finds AzureWebJobsStorage, through the WebJobs SDK's prefix
    assert settings_problems(tmp_path, STORAGE, queue_app("Storage")) == []


def test_storage_is_needed_for_triggers_other_than_http_kafka_and_durable(tmp_path: Path) -> None:
    app = func.FunctionApp()

    @app.route(route="x")
    def web(req: func.HttpRequest) -> str:
        return ""

    @app.kafka_trigger(arg_name="event", topic="t", broker_list="%BROKERS%")
    def consume(event: func.KafkaEvent) -> None: ...

    functions = built(app)
    assert settings_problems(tmp_path, {}, functions) == ["setting-unresolved"]
    assert settings_problems(tmp_path, {"BROKERS": "b:9092"}, functions) == []
    assert settings_problems(tmp_path, {}, queue_app()) == [
        "storage-missing",
        "connection-unresolved",
    ]
    assert settings_problems(tmp_path, {"AzureWebJobsStorage__accountName": "a",
                                        "Storage": "c"}, queue_app()) == []  # fmt: skip


@pytest.mark.parametrize(
    ("flags", "found"),
    [
        ("EnableWorkerIndexing", []),
        ("EnableHttpProxying,EnableWorkerIndexing", []),
        ("disableworkerindexing", ["worker-indexing-disabled"]),
        ("EnableWorkerIndex", ["feature-flag-unknown"]),
    ],
)
def test_worker_indexing_flag(tmp_path: Path, flags: str, found: list[str]) -> None:
    assert settings_problems(tmp_path, {"AzureWebJobsFeatureFlags": flags}, []) == found


def test_invalid_settings_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "local.settings.json"
    path.write_text('{"Values": {"FUNCTIONS_WORKER_RUNTIME": ["python"]}}', encoding="utf-8")
    (problem,) = local_settings_problems(path, [], display="local.settings.json")[1]
    assert (problem.code, problem.file) == ("settings-invalid", "local.settings.json")
