"""Ecosystem test app: azure-functions-openapi and azure-functions-validation on azfunc.

Both packages run with their ``azure.functions`` imports rewritten to ``azfunc``
(tests/ecosystem/test_dx_packages.py). ``create_todo`` has ``@openapi`` below the route
decorator (it documents the validation wrapper), ``read_todo`` above it (it documents
the ``FunctionBuilder``); ``openapi_document`` serves what the generator makes of the app.
"""

from __future__ import annotations

from azure_functions_openapi import get_openapi_json, openapi
from azure_functions_validation import validate_http
from pydantic import BaseModel, Field

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


class TodoIn(BaseModel):
    title: str = Field(min_length=1)
    done: bool = False


class TodoOut(BaseModel):
    id: int
    title: str
    done: bool


class TodoPath(BaseModel):
    todo_id: int = Field(ge=1)


class TodoQuery(BaseModel):
    verbose: bool = False


@app.route(route="todos", methods=["POST"])
@openapi(summary="Create a todo", tags=["todos"], requests=TodoIn, responses={201: TodoOut})
@validate_http(body=TodoIn, response_model=TodoOut, status_code=201)
def create_todo(req: func.HttpRequest, body: TodoIn) -> TodoOut:
    return TodoOut(id=7, title=body.title, done=body.done)


@openapi(summary="Read a todo", tags=["todos"], responses={200: TodoOut})
@app.route(route="todos/{todo_id}", methods=["GET"])
@validate_http(path=TodoPath, query=TodoQuery, response_model=TodoOut)
def read_todo(req: func.HttpRequest, path: TodoPath, query: TodoQuery) -> TodoOut:
    title = f"todo {path.todo_id}" + (" (verbose)" if query.verbose else "")
    return TodoOut(id=path.todo_id, title=title, done=False)


@app.route(route="openapi.json", methods=["GET"])
def openapi_document(req: func.HttpRequest) -> func.HttpResponse:
    document = get_openapi_json(title="Todos", version="1.0.0", app=app)
    return func.HttpResponse(document, mimetype="application/json")
