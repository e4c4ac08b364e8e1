"""The checks of typed HTTP functions (``azfunc check``, ``azfunc index``, the testing kit)."""

from __future__ import annotations

import dataclasses

import azfunc as func
from azfunc._validation.indexing import index


@dataclasses.dataclass
class Thing:
    name: str


class Opaque:
    """Neither a model nor a simple type."""


def _problems(app: func.FunctionApp) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in index(app).problems]


def test_a_typed_function_with_its_bindings_right_has_no_problem() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.route(route="things/{thing_id:int}", methods=["PUT"])
    @app.queue_output(arg_name="msg", queue_name="outbox", connection="C")
    def put(thing_id: int, body: Thing, msg: func.Out[str], verbose: bool = False) -> Thing:
        return body

    assert _problems(app) == []


def test_parameters_azfunc_cannot_serve_are_errors() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.route(route="x/{key}")
    def bad(key: Thing, odd: Opaque, one: Thing, two: dict[str, int]) -> None: ...

    assert _problems(app) == [
        ("typed-parameter-invalid",
         "Function 'bad': parameter 'key' cannot be typed: it is a parameter of the route, "
         "which holds text, but it is annotated Thing, a model. Annotate it with a model or a "
         "simple type, or make it a binding."),
        ("typed-parameter-invalid",
         "Function 'bad': parameter 'odd' cannot be typed: "
         f"{Opaque!r} is neither a model (dataclass, TypedDict, attrs class, pydantic model) "
         "nor a simple type (str, int, float, bool, UUID, datetime, date, Enum, Literal). "
         "Annotate it with a model or a simple type, or make it a binding."),
        ("typed-parameter-invalid",
         "Function 'bad' has 2 body parameters ('one', 'two'); a request has one body. Put "
         "the fields in one model."),
    ]  # fmt: skip


def test_a_typed_function_without_an_http_output_is_an_error() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.generic_trigger(arg_name="req", type="httpTrigger", route="g")
    def generic(req: func.HttpRequest, n: int) -> None: ...

    assert _problems(app) == [
        ("typed-without-http-output",
         "Function 'generic' has typed parameters or a response model but no HTTP output, so "
         "it can neither answer a rejected request (422) nor send the model. Add an HTTP "
         "output binding: app.route adds one; with generic_trigger, add "
         "generic_output_binding(arg_name='$return', type='http')."),
    ]  # fmt: skip


def test_a_misspelt_output_binding_is_still_caught() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.route(route="m")
    @app.queue_output(arg_name="msg", queue_name="outbox", connection="C")
    def send(req: func.HttpRequest, mgs: func.Out[str]) -> None: ...

    assert [code for code, _ in _problems(app)] == ["binding-without-parameter"]


def test_get_functions_raises_nothing_for_typed_functions() -> None:
    app = func.FunctionApp()

    @app.route(route="x/{key}")
    def bad(key: Thing, odd: Opaque) -> Thing: ...

    assert [f.get_function_name() for f in app.get_functions()] == ["bad"]


@dataclasses.dataclass
class Broken:
    part: Missing  # type: ignore[name-defined]  # noqa: F821 - never defined


def test_a_model_whose_annotations_do_not_resolve_is_reported_not_raised() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

    @app.route(route="b")
    def take(body: Broken) -> Broken: ...

    assert _problems(app) == [
        ("typed-parameter-invalid",
         "Function 'take': parameter 'body' cannot be typed: name 'Missing' is not defined. "
         "Annotate it with a model or a simple type, or make it a binding."),
        ("typed-parameter-invalid",
         "Function 'take': its response model cannot be sent: name 'Missing' is not defined. "
         "Import every name the model's annotations use at module level."),
    ]  # fmt: skip
