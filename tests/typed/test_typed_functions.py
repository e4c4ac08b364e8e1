"""Typed HTTP functions through the test client (the local host's dispatcher): route,
query and body parameters, 404 and 422 answers, response models, the worker's view."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
import json
import subprocess
import sys
import uuid
from typing import Any, Literal, TypedDict

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import azfunc as func
from azfunc import testing
from azfunc._runtime.signature import analyse_signature
from azfunc._typed.dump import to_jsonable
from azfunc._typed.models import model_from_json
from azfunc._typed.view import typed_view
from azfunc.typed import ModelResponse


@dataclasses.dataclass
class Address:
    city: str
    zip: str | None = None


@dataclasses.dataclass
class Person:
    name: str
    age: int
    address: Address
    emails: list[str] = dataclasses.field(default_factory=list)


class Note(TypedDict):
    text: str
    pinned: bool


@attrs.define
class Point:
    x: float = attrs.field(validator=attrs.validators.ge(0))
    y: float = 0.0


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def problem(*errors: dict[str, Any], instance: str) -> dict[str, Any]:
    count = len(errors)
    return {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": f"{count} invalid field{'s' if count != 1 else ''} in the request",
        "instance": instance,
        "errors": list(errors),
    }


def make_app() -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="people/{person_id}", methods=["PUT"])
    def put_person(
        req: func.HttpRequest, person_id: int, body: Person, dry_run: bool = False
    ) -> dict[str, Any]:
        return {"id": person_id, "name": body.name, "city": body.address.city, "dry": dry_run}

    @app.route(route="notes", methods=["POST"])
    def add_note(note: Note) -> list[Note]:
        return [note, note]

    @app.route(route="points", methods=["POST"])
    def add_point(point: Point) -> ModelResponse[Point]:
        return ModelResponse(point, status_code=201, headers={"Location": "/api/points/1"})

    @app.route(route="search", methods=["GET"])
    def search(
        colour: Colour,
        sort: Literal["asc", "desc"] = "asc",
        when: datetime.date | None = None,
        ref: uuid.UUID | None = None,
        tag: list[int] | None = None,
    ) -> dict[str, Any]:
        return {
            "colour": colour.value,
            "sort": sort,
            "when": when,
            "ref": ref,
            "tag": tag,
        }

    @app.route(route="async/{n:int}", methods=["GET"])
    async def double(n: int) -> dict[str, int]:
        return {"double": 2 * n}

    @app.route(route="named/{n}", methods=["GET"], binding_arg_name="res")
    def named(req: func.HttpRequest, n: int, res: func.Out[func.HttpResponse]) -> None:
        res.set(func.HttpResponse(f"n={n}"))

    @app.route(route="plain/{word}", methods=["GET"])
    def plain(req: func.HttpRequest, word: str) -> func.HttpResponse:
        return func.HttpResponse(word.upper(), status_code=202)

    return app


@pytest.fixture(scope="module")
def client() -> testing.Client:
    with testing.Client(make_app()) as client:
        yield client  # type: ignore[misc]


def test_route_query_and_body_are_converted(client: testing.Client) -> None:
    person = Person(name="Ada", age=36, address=Address(city="London"))
    response = client.put("/api/people/7?dry_run=yes", json=person)
    assert (response.status_code, response.headers["Content-Type"], response.json()) == (
        200,
        "application/json",
        {"id": 7, "name": "Ada", "city": "London", "dry": True},
    )


def test_a_route_value_that_does_not_convert_answers_404(client: testing.Client) -> None:
    response = client.put("/api/people/seven", json={"name": "Ada"})
    assert (response.status_code, response.body) == (404, b"")


def test_422_lists_every_query_and_body_error(client: testing.Client) -> None:
    response = client.put(
        "/api/people/1?dry_run=maybe",
        json={"name": 5, "address": {"zip": 1}, "emails": ["a", None]},
    )
    assert (response.status_code, response.headers["Content-Type"]) == (
        422,
        "application/problem+json",
    )
    assert response.json() == problem(  # in the order of the signature
        {"loc": ["body", "name"], "msg": "Input should be a valid string", "type": "string_type"},
        {"loc": ["body", "age"], "msg": "Field required", "type": "missing"},
        {"loc": ["body", "address", "city"], "msg": "Field required", "type": "missing"},
        {"loc": ["body", "address", "zip"], "msg": "Input should be a valid string",
         "type": "string_type"},
        {"loc": ["body", "emails", 1], "msg": "Input should be a valid string",
         "type": "string_type"},
        {"loc": ["query", "dry_run"], "msg": "Input should be a valid boolean",
         "type": "bool_parsing"},
        instance="/api/people/1",
    )  # fmt: skip


def test_missing_and_malformed_bodies_answer_422(client: testing.Client) -> None:
    missing = client.put("/api/people/1")
    malformed = client.put("/api/people/1", body=b"{nope", headers={"Content-Type": "x"})
    assert missing.json() == problem(
        {"loc": ["body"], "msg": "Field required", "type": "missing"}, instance="/api/people/1"
    )
    assert malformed.json()["errors"] == [
        {
            "loc": ["body"],
            "msg": "Invalid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
            "type": "json_invalid",
        }
    ]


def test_typed_dict_body_and_list_response(client: testing.Client) -> None:
    ok = client.post("/api/notes", json={"text": "hi", "pinned": False, "extra": 1})
    assert ok.json() == [{"text": "hi", "pinned": False}] * 2
    bad = client.post("/api/notes", json={"text": "hi", "pinned": "no"})
    assert bad.json()["errors"] == [
        {"loc": ["body", "pinned"], "msg": "Input should be a valid boolean",
         "type": "bool_parsing"}
    ]  # fmt: skip


def test_attrs_body_validators_and_model_response(client: testing.Client) -> None:
    created = client.post("/api/points", json={"x": 1.5})
    assert (created.status_code, created.headers["Location"], created.model(Point)) == (
        201,
        "/api/points/1",
        Point(x=1.5, y=0.0),
    )
    refused = client.post("/api/points", json={"x": -1})
    assert refused.json()["errors"] == [
        {"loc": ["body"], "msg": "Value error, 'x' must be >= 0: -1.0", "type": "value_error"}
    ]


def test_enum_literal_date_uuid_and_repeated_query_values(client: testing.Client) -> None:
    ref = "12345678-1234-5678-1234-567812345678"
    response = client.get(f"/api/search?colour=blue&when=2024-02-29&ref={ref}&tag=1&tag=2")
    assert response.json() == {
        "colour": "blue", "sort": "asc", "when": "2024-02-29", "ref": ref, "tag": [1, 2],
    }  # fmt: skip
    bad = client.get("/api/search?sort=up&when=yesterday&tag=x")
    assert bad.json()["errors"] == [
        {"loc": ["query", "colour"], "msg": "Field required", "type": "missing"},
        {"loc": ["query", "sort"], "msg": "Input should be 'asc', 'desc'", "type": "literal_error"},
        {"loc": ["query", "when"], "msg": "Input should be a valid date", "type": "date_parsing"},
        {"loc": ["query", "tag", 0], "msg": "Input should be a valid integer",
         "type": "int_parsing"},
    ]  # fmt: skip


def test_async_functions_and_named_http_outputs(client: testing.Client) -> None:
    assert client.get("/api/async/21").json() == {"double": 42}
    assert client.get("/api/named/3").text == "n=3"
    assert (client.get("/api/named/x").status_code, client.get("/api/named/x").body) == (404, b"")


def test_returning_an_http_response_stays_possible(client: testing.Client) -> None:
    response = client.get("/api/plain/hey")
    assert (response.status_code, response.text) == (202, "HEY")


@given(st.integers())
def test_any_integer_query_value_round_trips(n: int) -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="n")
    def echo(n: int) -> dict[str, int]:
        return {"n": n}

    with testing.Client(app) as client:
        assert client.get(f"/api/n?n={n}").json() == {"n": n}


@given(st.text().filter(lambda s: not s.strip().lstrip("+-").replace("_", "").isdigit()))
def test_any_non_integer_query_value_is_a_422(text: str) -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="n")
    def echo(n: int) -> dict[str, int]:
        return {"n": n}

    with testing.Client(app) as client:
        response = client.get("/api/n", params={"n": text})
    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"loc": ["query", "n"], "msg": "Input should be a valid integer", "type": "int_parsing"}],
    )


# -- the worker's view --------------------------------------------------------------------


def _function(app: func.FunctionApp, name: str) -> Any:
    return next(f for f in app.get_functions() if f.get_function_name() == name)


def test_the_worker_sees_only_the_bindings_and_an_http_response() -> None:
    app = make_app()
    view = typed_view(_function(app, "add_point"))
    shown = view.get_user_function()
    assert str(inspect.signature(shown)) == (
        "(req: azfunc._http.HttpRequest) -> azfunc._http.HttpResponse"
    )
    assert shown.__annotations__ == {"req": func.HttpRequest, "return": func.HttpResponse}
    assert shown.__name__ == "add_point"
    assert inspect.getfile(shown) == __file__
    put = typed_view(_function(app, "put_person")).get_user_function()
    assert list(inspect.signature(put).parameters) == ["req"]
    named = typed_view(_function(app, "named")).get_user_function()
    assert list(inspect.signature(named).parameters) == ["req", "res"]
    assert analyse_signature(_function(app, "put_person"))[1] == []


def test_untyped_functions_are_left_as_they_are() -> None:
    app = func.FunctionApp()

    @app.route(route="hello/{name}")
    def hello(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(req.route_params["name"])

    function = _function(app, "hello")
    assert typed_view(function) is function


@pytest.mark.parametrize("route_first", [True, False])
def test_decorator_order_does_not_matter(route_first: bool) -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    route = app.route(route="q/{n}", methods=["POST"])
    output = app.queue_output(arg_name="msg", queue_name="outbox", connection="C")

    def enqueue(n: int, body: Address, msg: func.Out[str]) -> Address:
        msg.set(f"{n} {body.city}")
        return body

    (route(output(enqueue)) if route_first else output(route(enqueue)))
    with testing.Client(app) as client:
        response = client.post("/api/q/4", json={"city": "Oslo"})
    assert (response.json(), response.outputs) == ({"city": "Oslo", "zip": None}, {"msg": "4 Oslo"})


def test_a_binding_typed_parameter_is_never_a_query_parameter() -> None:
    app = func.FunctionApp()

    @app.route(route="up")
    @app.blob_input(arg_name="doc", path="c/b", connection="C")
    def upload(req: func.HttpRequest, dco: func.InputStream) -> func.HttpResponse:
        return func.HttpResponse("x")

    codes = [p.code for p in analyse_signature(_function(app, "upload"))[1]]
    assert codes == ["parameter-without-binding", "binding-without-parameter"]


def test_pydantic_is_never_imported_for_plain_models() -> None:
    code = (
        "import sys, dataclasses\n"
        "import azfunc as func\n"
        "from azfunc import testing\n"
        "app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)\n"
        "@dataclasses.dataclass\n"
        "class A:\n    x: int\n"
        "@app.route(route='a')\n"
        "def a(body: A) -> A:\n    return body\n"
        "print(testing.Client(app).post('/api/a', json={'x': 1}).text, 'pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout == '{"x":1} False\n'


def test_pydantic_models_are_validated_by_pydantic() -> None:
    pytest.importorskip("pydantic")
    from tests.typed._pydantic_models import Order, order_app

    app = order_app()
    with testing.Client(app) as client:
        ok = client.post("/api/orders", json=Order(item="pen", qty=2))
        bad = client.post("/api/orders", json={"qty": 0})
    assert (ok.status_code, ok.json(), ok.model(Order)) == (
        200, {"item": "pen", "qty": 2}, Order(item="pen", qty=2),
    )  # fmt: skip
    assert bad.json()["errors"] == [
        {"loc": ["body", "item"], "msg": "Field required", "type": "missing"},
        {"loc": ["body", "qty"], "msg": "Input should be greater than 0", "type": "greater_than"},
    ]


def test_client_response_model_lists_every_error() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="x")
    def x(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(json.dumps({"name": 1}), mimetype="application/json")

    with testing.Client(app) as client, pytest.raises(ValueError) as caught:
        client.get("/api/x").model(Person)
    assert str(caught.value) == (
        "The JSON does not fit Person:\n"
        "- name: Input should be a valid string [string_type]\n"
        "- age: Field required [missing]\n"
        "- address: Field required [missing]"
    )


@dataclasses.dataclass
class Stamp:
    label: str
    at: list[str]


def test_a_value_unlike_its_annotation_is_still_sent_as_json() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    when = datetime.datetime(2024, 5, 1, 12, 30)

    @app.route(route="stamp")
    def stamp() -> Stamp:
        return Stamp(label=Colour.RED, at=[when])  # type: ignore[arg-type, list-item]

    with testing.Client(app) as client:
        assert client.get("/api/stamp").json() == {"label": "red", "at": ["2024-05-01T12:30:00"]}


PEOPLE = st.fixed_dictionaries(
    {
        "name": st.text(),
        "age": st.integers(),
        "address": st.fixed_dictionaries(
            {"city": st.text()}, optional={"zip": st.none() | st.text()}
        ),
        "emails": st.lists(st.text()),
    }
)


@given(PEOPLE)
def test_a_valid_body_converts_and_dumps_back_to_itself(data: dict[str, Any]) -> None:
    person = model_from_json(Person, data)
    assert isinstance(person, Person)
    assert to_jsonable(person) == {**data, "address": {"zip": None, **data["address"]}}


@given(PEOPLE, st.sampled_from(["name", "age", "address", "emails"]), st.just([]))
def test_a_field_of_the_wrong_type_is_named(
    data: dict[str, Any], field: str, wrong: list[Any]
) -> None:
    bad = {**data, field: wrong if field != "emails" else "x"}
    with pytest.raises(ValueError) as caught:
        model_from_json(Person, bad)
    assert f"\n- {field}: " in str(caught.value)


@dataclasses.dataclass
class Tree:
    label: str
    children: list[Tree] = dataclasses.field(default_factory=list)


def test_recursive_models_and_default_factories() -> None:
    data = {"label": "root", "children": [{"label": "leaf", "children": [{"label": 3}]}]}
    with pytest.raises(ValueError) as caught:
        model_from_json(Tree, data)
    assert str(caught.value) == (
        "The JSON does not fit Tree:\n"
        "- children.0.children.0.label: Input should be a valid string [string_type]"
    )
    tree = model_from_json(Tree, {"label": "root", "children": [{"label": "leaf"}]})
    assert tree == Tree(label="root", children=[Tree(label="leaf")])
    first, second = model_from_json(Tree, {"label": "a"}), model_from_json(Tree, {"label": "b"})
    assert (first.children, first.children is second.children) == ([], False)


def test_a_typed_function_takes_the_invocation_context_and_middleware_sees_the_request() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)
    seen: list[str] = []

    @app.middleware
    def record(invocation: Any, call_next: Any) -> Any:
        seen.append(",".join(sorted(invocation.inputs)))
        return call_next(invocation)

    @app.route(route="ctx/{n:int}")
    def ctx(n: int, context: func.Context) -> dict[str, Any]:
        return {"n": n, "function": context.function_name}

    with testing.Client(app) as client:
        response = client.get("/api/ctx/5")
    assert (response.json(), seen) == ({"n": 5, "function": "ctx"}, ["req"])
