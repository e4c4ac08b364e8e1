"""The hand-written twin of ``examples/typed_http``: the same functions, routes and
bindings, with the parsing, validation and JSON encoding written out by hand. Its
function metadata is byte for byte that of the typed app.
"""

from __future__ import annotations

import json
from typing import Any

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

ITEMS: dict[int, dict[str, Any]] = {
    1: {"id": 1, "name": "kettle", "price": 25.0, "tags": ["kitchen"]},
    2: {"id": 2, "name": "lamp", "price": 40.5, "tags": ["living", "light"]},
}


def _json(value: Any, status_code: int = 200) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps(value, separators=(",", ":")),
        status_code=status_code,
        mimetype="application/json",
    )


def _invalid(errors: list[dict[str, Any]], path: str) -> func.HttpResponse:
    problem = {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": f"{len(errors)} invalid field{'s' if len(errors) != 1 else ''} in the request",
        "instance": path,
        "errors": errors,
    }
    return func.HttpResponse(
        json.dumps(problem, separators=(",", ":")),
        status_code=422,
        mimetype="application/problem+json",
    )


# azfunc: ignore[anonymous-route] a public catalogue, read without a key
@app.route(route="items/{item_id:int}", methods=["GET"])
def get_item(req: func.HttpRequest) -> func.HttpResponse:
    """Return one item by its id."""
    try:
        item_id = int(req.route_params["item_id"])
    except ValueError:
        return func.HttpResponse(status_code=404)
    item = ITEMS.get(item_id)
    if item is None:
        return func.HttpResponse(f"no item {item_id}", status_code=404)
    return _json(item)


# azfunc: ignore[anonymous-route] a public catalogue, read without a key
@app.route(route="items", methods=["GET"])
def list_items(req: func.HttpRequest) -> func.HttpResponse:
    """List items, optionally only those with a tag."""
    errors = []
    limit = 10
    if "limit" in req.params:
        try:
            limit = int(req.params["limit"])
        except ValueError:
            errors.append(
                {"loc": ["query", "limit"], "msg": "Input should be a valid integer",
                 "type": "int_parsing"}
            )
    if errors:
        return _invalid(errors, "/api/items")
    tag = req.params.get("tag")
    found = [item for item in ITEMS.values() if tag is None or tag in item["tags"]]
    return _json({"items": found[:limit], "total": len(found)})


def _new_item(data: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    if not isinstance(data, dict):
        return None, [{"loc": ["body"], "msg": "Input should be an object (NewItem)",
                       "type": "model_type"}]
    errors = []
    name, price, tags = data.get("name"), data.get("price"), data.get("tags", [])
    if "name" not in data:
        errors.append({"loc": ["body", "name"], "msg": "Field required", "type": "missing"})
    elif not isinstance(name, str):
        errors.append({"loc": ["body", "name"], "msg": "Input should be a valid string",
                       "type": "string_type"})
    if "price" not in data:
        errors.append({"loc": ["body", "price"], "msg": "Field required", "type": "missing"})
    elif isinstance(price, bool) or not isinstance(price, (int, float)):
        errors.append({"loc": ["body", "price"], "msg": "Input should be a valid number",
                       "type": "float_parsing"})
    if not isinstance(tags, list):
        errors.append({"loc": ["body", "tags"], "msg": "Input should be a valid list",
                       "type": "list_type"})
    else:
        errors += [
            {"loc": ["body", "tags", i], "msg": "Input should be a valid string",
             "type": "string_type"}
            for i, tag in enumerate(tags) if not isinstance(tag, str)
        ]
    if errors:
        return None, errors
    return {"name": name, "price": float(price), "tags": tags}, []


@app.route(route="items", methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
@app.queue_output(arg_name="msg", queue_name="new-items", connection="AzureWebJobsStorage")
def create_item(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    """Add an item to the catalogue and announce it on the new-items queue."""
    body = req.get_body()
    if not body:
        return _invalid([{"loc": ["body"], "msg": "Field required", "type": "missing"}],
                        "/api/items")
    try:
        data = json.loads(body)
    except ValueError as error:
        return _invalid(
            [{"loc": ["body"], "msg": f"Invalid JSON: {error}", "type": "json_invalid"}],
            "/api/items",
        )
    new, errors = _new_item(data)
    if new is None:
        return _invalid(errors, "/api/items")
    item = {"id": max(ITEMS) + 1, **new}
    ITEMS[item["id"]] = item
    msg.set(item["name"])
    return _json(item)
