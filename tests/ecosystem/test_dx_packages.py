"""azure-functions-openapi and azure-functions-validation on azfunc.

Both packages are installed from the registry into a cached venv and their
``azure.functions`` imports rewritten to ``azfunc`` (:mod:`tests.ecosystem.venvs`). The
app ``apps/dx_packages`` uses their decorators; ``dx_probe.py`` reports its metadata, its
OpenAPI document and its validated responses, and the same report from the app's twin
(``import azure.functions as func``) on azure-functions 1.26.0 with the untouched
packages must be identical.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.ecosystem.venvs import EcosystemVenv

pytestmark = [
    pytest.mark.ecosystem,
    pytest.mark.skipif(
        sys.version_info < (3, 11),
        reason="azure-functions-openapi 0.30.1 and azure-functions-validation 0.16.0 "
        "require Python >= 3.11",
    ),
]

HERE = Path(__file__).parent
APP = HERE / "apps" / "dx_packages"
PROBE = HERE / "dx_probe.py"
PACKAGES = ("azure-functions-openapi==0.30.1", "azure-functions-validation==0.16.0")
REWRITE = ("azure_functions_openapi", "azure_functions_validation")

HTTP_OUT = {"direction": "OUT", "type": "http", "name": "$return"}


def http_function(name: str, methods: list[str], route: str) -> dict[str, Any]:
    trigger = {
        "direction": "IN",
        "type": "httpTrigger",
        "name": "req",
        "methods": methods,
        "authLevel": "ANONYMOUS",
        "route": route,
    }
    return {"name": name, "scriptFile": "function_app.py", "bindings": [trigger, HTTP_OUT]}


EXPECTED_INDEX = [
    http_function("create_todo", ["POST"], "todos"),
    http_function("read_todo", ["GET"], "todos/{todo_id}"),
    http_function("openapi_document", ["GET"], "openapi.json"),
]
JSON = {"Content-Type": "application/json"}


def error(loc: list[str], msg: str, kind: str) -> dict[str, Any]:
    """The error envelope of azure-functions-validation."""
    return {"detail": [{"loc": loc, "msg": msg, "type": kind}], "error_format_version": 1}


TOO_SHORT = error(["body", "title"], "String should have at least 1 character", "string_too_short")
TOO_SMALL = error(
    ["path", "todo_id"], "Input should be greater than or equal to 1", "greater_than_equal"
)


@pytest.fixture(scope="module")
def dx_venv(make_ecosystem_venv: Callable[..., EcosystemVenv]) -> EcosystemVenv:
    return make_ecosystem_venv("dx", PACKAGES, REWRITE)


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("dx") / "app"
    shutil.copytree(APP, target)
    return target


def run_probe(venv: EcosystemVenv, app: Path) -> dict[str, Any]:
    completed = venv.run_python([str(PROBE)], cwd=app)
    assert completed.returncode == 0, completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout)
    return report


@pytest.fixture(scope="module")
def ours(dx_venv: EcosystemVenv, app_dir: Path) -> dict[str, Any]:
    return run_probe(dx_venv, app_dir)


def test_openapi_and_validation_decorators_index_on_azfunc(
    ours: dict[str, Any], dx_venv: EcosystemVenv, app_dir: Path
) -> None:
    assert ours["metadata"] == [
        {k: v for k, v in function.items() if k != "name"} for function in EXPECTED_INDEX
    ]
    index = dx_venv.run_python(["-m", "azfunc", "index", "."], cwd=app_dir)
    assert (index.returncode, index.stderr) == (0, "")
    assert json.loads(index.stdout) == EXPECTED_INDEX
    check = dx_venv.run_python(["-m", "azfunc", "check"], cwd=app_dir)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1] == "No errors, 3 warnings."  # ANONYMOUS routes


def test_validate_http_above_the_route_decorator_is_refused(ours: dict[str, Any]) -> None:
    assert ours["misordered"] == (
        "@validate_http received an Azure Functions FunctionBuilder instead of your handler, "
        "which means it was applied ABOVE a binding decorator (e.g. @app.route). Validation "
        "is NOT active in this order and no endpoint metadata is emitted. Place "
        "@validate_http BELOW the binding decorator (innermost) so it wraps the handler "
        "directly."
    )


def test_validated_handlers_behave_as_with_azure_functions(ours: dict[str, Any]) -> None:
    assert ours["calls"] == {
        "valid body": {
            "status_code": 201,
            "headers": JSON,
            "body": {"id": 7, "title": "pen", "done": False},
        },
        "invalid body": {"status_code": 422, "headers": JSON, "body": TOO_SHORT},
        "not json": {
            "status_code": 400,
            "headers": JSON,
            "body": error(["body"], "Invalid JSON", "value_error"),
        },
        "valid path": {
            "status_code": 200,
            "headers": JSON,
            "body": {"id": 3, "title": "todo 3 (verbose)", "done": False},
        },
        "invalid path": {"status_code": 422, "headers": JSON, "body": TOO_SMALL},
    }


@pytest.mark.skipif(
    sys.version_info >= (3, 13), reason="azure-functions 1.26.0 needs Python < 3.13"
)
def test_the_app_reports_the_same_as_its_azure_functions_twin(
    ours: dict[str, Any],
    make_ecosystem_venv: Callable[..., EcosystemVenv],
    tmp_path: Path,
) -> None:
    venv = make_ecosystem_venv("dx-azure", (*PACKAGES, "azure-functions==1.26.0"))
    twin = tmp_path / "twin"
    shutil.copytree(APP, twin)
    source = (twin / "function_app.py").read_text(encoding="utf-8")
    ported = source.replace("import azfunc as func\n", "import azure.functions as func\n")
    assert ported != source
    (twin / "function_app.py").write_text(ported, encoding="utf-8")
    assert run_probe(venv, twin) == ours


CLIENT = """
import json
from azfunc.testing import Client

requests = [
    ("POST", "/api/todos", {"json": {"title": "pen", "done": True}}),
    ("POST", "/api/todos", {"json": {"title": ""}}),
    ("GET", "/api/todos/3", {"params": {"verbose": "true"}}),
    ("GET", "/api/todos/0", {}),
    ("GET", "/api/openapi.json", {}),
]
with Client(".") as client:
    responses = [client.request(method, url, **kw) for method, url, kw in requests]
# Content-Length is the framing of each body; the checks here are about the headers
# the validation layer sets.
headers = [{k: v for k, v in r.headers if k.lower() != "content-length"} for r in responses]
print(json.dumps([[r.status_code, h, r.json()] for r, h in zip(responses, headers)]))
"""


@pytest.fixture(scope="module")
def client_responses(dx_venv: EcosystemVenv, app_dir: Path) -> list[Any]:
    completed = dx_venv.run_python(["-c", CLIENT], cwd=app_dir)
    assert completed.returncode == 0, completed.stderr
    responses: list[Any] = json.loads(completed.stdout)
    return responses


def test_validated_requests_round_trip_through_the_testing_client(
    client_responses: list[Any],
) -> None:
    assert client_responses[:4] == [
        [201, JSON, {"id": 7, "title": "pen", "done": True}],
        [422, JSON, TOO_SHORT],
        [200, JSON, {"id": 3, "title": "todo 3 (verbose)", "done": False}],
        [422, JSON, TOO_SMALL],
    ]


def test_openapi_document_endpoint_serves_the_validated_routes(
    client_responses: list[Any], ours: dict[str, Any]
) -> None:
    status, headers, document = client_responses[4]
    assert (status, headers) == (200, {"content-type": "application/json"})
    assert document == ours["openapi"]
    operations = {
        path: {method: op["operationId"] for method, op in ops.items()}
        for path, ops in document["paths"].items()
    }
    assert operations == {
        "/api/todos": {"post": "post_create_todo"},
        "/api/todos/{todo_id}": {"get": "get_read_todo"},
    }
    create = document["paths"]["/api/todos"]["post"]
    assert create["requestBody"] == {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "properties": {
                        "title": {"minLength": 1, "title": "Title", "type": "string"},
                        "done": {"default": False, "title": "Done", "type": "boolean"},
                    },
                    "required": ["title"],
                    "title": "TodoIn",
                    "type": "object",
                }
            }
        },
    }
    assert create["responses"]["201"] == {
        "description": "Created",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TodoOut"}}},
    }
    # Found by the openapi package in @validate_http's metadata.
    assert document["paths"]["/api/todos/{todo_id}"]["get"]["parameters"] == [
        {
            "name": "verbose",
            "in": "query",
            "required": False,
            "schema": {"default": False, "title": "Verbose", "type": "boolean"},
        },
        {
            "name": "todo_id",
            "in": "path",
            "required": True,
            "schema": {"minimum": 1, "title": "Todo Id", "type": "integer"},
        },
    ]


DOCS_ROUTES_APP = """
import azfunc as func
from azure_functions_openapi import register_openapi_routes

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
register_openapi_routes(app, title="Todos", version="1.0.0")
"""


def test_check_reports_the_docs_routes_the_worker_refuses(
    dx_venv: EcosystemVenv, tmp_path: Path
) -> None:
    # register_openapi_routes (0.30.1) registers handlers whose parameter is '_req' on
    # routes whose binding is 'req': the Python worker refuses to index such a function
    # (azure.functions does not check it), so azfunc check reports it.
    (tmp_path / "function_app.py").write_text(DOCS_ROUTES_APP, encoding="utf-8")
    (tmp_path / "host.json").write_text('{"version": "2.0"}', encoding="utf-8")
    check = dx_venv.run_python(["-m", "azfunc", "check"], cwd=tmp_path)
    assert check.returncode == 1, check.stdout + check.stderr
    where = f"{dx_venv.site_packages}/azure_functions_openapi/docs_routes.py"
    problems = [line for line in check.stdout.splitlines() if ": error: " in line]
    # one error per function, with the parameter the binding likely means
    assert problems == [
        f"{where}:{line}: error: Function 'openapi_openapi_{kind}' has a 'httpTrigger' "
        "binding named 'req' but no parameter of that name; did you mean the parameter "
        "'_req'? The worker refuses to index an app with this function (the host then finds "
        "0 functions). Write arg_name='_req', or rename the parameter to 'req'. "
        "[binding-without-parameter]"
        for line, kind in ((82, "json"), (96, "yaml"))
    ]
