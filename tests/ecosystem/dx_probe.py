"""Run INSIDE an ecosystem venv, in the folder of tests/ecosystem/apps/dx_packages (or of
its azure.functions twin): ``python dx_probe.py``. Prints, as JSON, what the app looks
like to a library-agnostic caller: each function's metadata, the OpenAPI document the
generator makes and the responses of the validated handlers called the way the worker
calls them (keyword arguments named after the bindings).
"""

from __future__ import annotations

import json
from typing import Any

import function_app
from azure_functions_openapi import generate_openapi_spec
from azure_functions_validation import validate_http

func = function_app.func  # azfunc, or azure.functions in the twin
functions = {f.get_function_name(): f for f in function_app.app.get_functions()}


def call(name: str, method: str, url: str, **request: Any) -> dict[str, Any]:
    handler = functions[name].get_user_function()
    response = handler(req=func.HttpRequest(method, url, **request))
    return {
        "status_code": response.status_code,
        "headers": dict(response.headers),
        "body": json.loads(response.get_body()),
    }


def misordered() -> str:
    """What @validate_http says when applied above a route decorator (to a builder)."""
    other = func.FunctionApp()
    builder = other.route(route="late")(lambda req: None)
    try:
        validate_http(body=function_app.TodoIn)(builder)
    except RuntimeError as error:
        return str(error)
    return "accepted"


print(
    json.dumps(
        {
            "metadata": [json.loads(f.get_function_json()) for f in functions.values()],
            "misordered": misordered(),
            "openapi": generate_openapi_spec(title="Todos", version="1.0.0", app=function_app.app),
            "calls": {
                "valid body": call("create_todo", "POST", "/api/todos", body=b'{"title": "pen"}'),
                "invalid body": call("create_todo", "POST", "/api/todos", body=b'{"title": ""}'),
                "not json": call("create_todo", "POST", "/api/todos", body=b"{"),
                "valid path": call(
                    "read_todo",
                    "GET",
                    "/api/todos/3",
                    body=b"",
                    params={"verbose": "true"},
                    route_params={"todo_id": "3"},
                ),
                "invalid path": call(
                    "read_todo", "GET", "/api/todos/0", body=b"", route_params={"todo_id": "0"}
                ),
            },
        }
    )
)
