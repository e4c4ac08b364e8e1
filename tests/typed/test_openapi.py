"""The OpenAPI 3.1 document: ``azfunc openapi``, what it says of typed and untyped
functions, and ``azfunc start`` serving it with its docs page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openapi_spec_validator import validate

from azfunc import testing
from azfunc._cli.main import main
from azfunc._testing.loading import load_app
from azfunc._typed.openapi import openapi_document
from tests.host.conftest import write_app

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLE = ROOT / "examples" / "typed_http"

UNTYPED = '''
import azfunc as func

app = func.FunctionApp()


@app.route(route="orders/{id:int:min(1)}/lines/{code:alpha:length(3)}", methods=["GET"])
def line(req: func.HttpRequest) -> func.HttpResponse:
    """Read one order line.

    The code is three letters.
    """
    return func.HttpResponse("x")


@app.route(route="files/{ref:guid}/{*rest}", auth_level=func.AuthLevel.ADMIN)
def files(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("x")


@app.queue_trigger(arg_name="msg", queue_name="outbox", connection="C")
def not_http(msg: func.QueueMessage) -> None: ...
'''

KEYS = [{"functionKey": []}, {"functionKeyQuery": []}]


def test_the_example_document_validates_and_describes_every_function(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "openapi.json"
    assert main(["openapi", str(EXAMPLE), "--out", str(out), "--title", "Items"]) == 0
    assert capsys.readouterr().out == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    validate(document)
    assert document["info"] == {"title": "Items", "version": "1.0.0"}
    assert {
        path: {method: op["operationId"] for method, op in item.items()}
        for path, item in document["paths"].items()
    } == {
        "/api/items/{item_id}": {"get": "get_item"},
        "/api/items": {"get": "list_items", "post": "create_item"},
    }
    create = document["paths"]["/api/items"]["post"]
    assert create == {
        "operationId": "create_item",
        "summary": "Add an item to the catalogue and announce it on the new-items queue.",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewItem"}}},
        },
        "responses": {
            "200": {
                "description": "The response model, as JSON.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
            },
            "422": {
                "description": "The query or body is invalid; every field error is listed.",
                "content": {
                    "application/problem+json": {
                        "schema": {"$ref": "#/components/schemas/ProblemDetails"}
                    }
                },
            },
        },
        "security": KEYS,
    }
    assert document["components"]["schemas"]["NewItem"] == {
        "type": "object",
        "title": "NewItem",
        "properties": {
            "name": {"type": "string"},
            "price": {"type": "number"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["name", "price"],
        "description": "An item to add to the catalogue.",
    }
    assert document["components"]["schemas"]["ItemPage"]["properties"] == {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "total": {"type": "integer"},
    }
    assert document["paths"]["/api/items"]["get"]["parameters"] == [
        {"name": "limit", "in": "query", "required": False,
         "schema": {"type": "integer", "default": 10}},
        {"name": "tag", "in": "query", "required": False,
         "schema": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    ]  # fmt: skip


def test_untyped_routes_constraints_auth_levels_and_route_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = write_app(
        tmp_path / "shop",
        UNTYPED,
        host_json='{"version": "2.0", "extensions": {"http": {"routePrefix": ""}}}',
    )
    assert main(["openapi", str(app)]) == 0
    document = json.loads(capsys.readouterr().out)
    validate(document)
    answer = {"200": {"description": "What the function returns."}}
    line = {
        "operationId": "line",
        "summary": "Read one order line.",
        "description": "The code is three letters.",
        "parameters": [
            {"name": "id", "in": "path", "required": True,
             "schema": {"type": "integer", "format": "int32", "minimum": 1}},
            {"name": "code", "in": "path", "required": True,
             "schema": {"type": "string", "pattern": "^[A-Za-z]*$", "minLength": 3,
                        "maxLength": 3}},
        ],
        "responses": answer,
        "security": KEYS,
    }  # fmt: skip
    files = {
        "operationId": "files",
        "description": "Needs the host's master key (auth level ADMIN).",
        "parameters": [
            {"name": "ref", "in": "path", "required": True,
             "schema": {"type": "string", "format": "uuid"}},
            {"name": "rest", "in": "path", "required": True, "schema": {"type": "string"}},
        ],
        "responses": answer,
        "security": KEYS,
    }  # fmt: skip
    assert document == {
        "openapi": "3.1.0",
        "info": {"title": "shop", "version": "1.0.0"},
        "paths": {
            "/orders/{id}/lines/{code}": {"get": line},
            "/files/{ref}/{rest}": {
                method: {**files, "operationId": f"files_{method}"}
                for method in ("get", "post", "put", "patch", "delete", "head", "options")
            },
        },
        "components": {
            "securitySchemes": {
                "functionKey": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "x-functions-key",
                    "description": "A function key (or the host's master key) in a header.",
                },
                "functionKeyQuery": {
                    "type": "apiKey",
                    "in": "query",
                    "name": "code",
                    "description": "A function key (or the host's master key) in the query "
                    "string.",
                },
            }
        },
    }


def test_a_model_response_and_a_pydantic_model_are_described() -> None:
    pytest.importorskip("pydantic")
    from tests.typed._pydantic_models import order_app
    from tests.typed.test_typed_functions import make_app

    functions = [*make_app().get_functions(), *order_app().get_functions()]
    document = openapi_document(functions)
    validate(document)
    points = document["paths"]["/api/points"]["post"]["responses"]
    assert points["2XX"]["content"] == {
        "application/json": {"schema": {"$ref": "#/components/schemas/Point"}}
    }
    assert document["components"]["schemas"]["Order"] == {
        "properties": {
            "item": {"title": "Item", "type": "string"},
            "qty": {"exclusiveMinimum": 0, "title": "Qty", "type": "integer"},
        },
        "required": ["item", "qty"],
        "title": "Order",
        "type": "object",
    }
    search = document["paths"]["/api/search"]["get"]["parameters"]
    assert search[0] == {
        "name": "colour", "in": "query", "required": True,
        "schema": {"enum": ["red", "blue"], "title": "Colour"},
    }  # fmt: skip
    assert search[-1] == {
        "name": "tag", "in": "query", "required": False, "style": "form", "explode": True,
        "schema": {"anyOf": [{"type": "array", "items": {"type": "integer"}}, {"type": "null"}]},
    }  # fmt: skip


def external_references(page: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["'](?:https?:)?//[^"']*""", page)


def test_the_client_gets_the_document_and_a_self_contained_docs_page() -> None:
    with testing.Client(load_app(EXAMPLE).app) as client:
        document = client.get("/openapi.json")
        page = client.get("/docs")
    assert document.headers["Content-Type"] == "application/json"
    validate(document.json())
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert 'fetch("openapi.json")' in page.text
    assert external_references(page.text) == []
    assert external_references('<script src="https://cdn.example/x.js">') == [
        'src="https://cdn.example/x.js'
    ]


def test_an_app_that_does_not_load_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["openapi", str(tmp_path / "missing")]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err.startswith("azfunc openapi: ")) == ("", True)
    assert str(tmp_path / "missing") in captured.err
