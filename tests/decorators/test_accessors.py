"""The public accessors the runner and the checks read functions, builders and apps with."""

from __future__ import annotations

from typing import Any

import pytest

from azfunc import Blueprint, FunctionApp
from azfunc.decorators.function_app import Function, FunctionBuilder


def _queue_app() -> tuple[FunctionApp, Blueprint, Any, Any]:
    app = FunctionApp()
    bp = Blueprint()

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def own(msg: str) -> None: ...

    @bp.queue_trigger(arg_name="msg", queue_name="q2", connection="C")
    def lent(msg: str) -> None: ...

    return app, bp, own, lent


def test_builder_function_and_owner() -> None:
    app, bp, own, lent = _queue_app()
    assert isinstance(own.function, Function)
    assert own.function.get_function_name() == "own"
    assert (own.owner, lent.owner) == (app, bp)


def test_builder_function_and_owner_are_read_only() -> None:
    _, _, own, _ = _queue_app()
    with pytest.raises(AttributeError):
        own.function = None
    with pytest.raises(AttributeError):
        own.owner = None


def test_bare_builder_has_no_owner() -> None:
    assert FunctionBuilder(lambda: None, "function_app.py").owner is None


def test_get_function_builders_returns_a_new_list_in_registration_order() -> None:
    app, bp, own, lent = _queue_app()
    app.register_functions(bp)
    builders = app.get_function_builders()
    builders.clear()
    assert app.get_function_builders() == [own, lent]
    assert bp.get_function_builders() == [lent]


def test_build_function_builds_as_get_functions_does() -> None:
    app, bp, _, _ = _queue_app()
    app.register_functions(bp)
    built = [app.build_function(b) for b in app.get_function_builders()]
    assert [f.get_function_json() for f in built] == [
        f.get_function_json() for f in app.get_functions()
    ]
    assert [f.get_app() for f in built] == [app, app]


def test_build_function_raises_for_a_function_without_trigger() -> None:
    app = FunctionApp()

    @app.function_name("lonely")
    def lonely() -> None: ...

    with pytest.raises(ValueError) as caught:
        app.build_function(lonely)
    assert str(caught.value) == (
        "Function lonely does not have a trigger. A valid function must have one and only "
        "one trigger registered."
    )


def test_startup_and_shutdown_hooks_include_registered_blueprints() -> None:
    app, bp = FunctionApp(), Blueprint()

    def app_start() -> None: ...
    def bp_start() -> None: ...
    def app_stop() -> None: ...

    app.on_startup(app_start)
    bp.on_startup(bp_start)
    app.on_shutdown(app_stop)
    app.register_functions(bp)
    assert app.get_startup_hooks() == [app_start, bp_start]
    assert app.get_shutdown_hooks() == [app_stop]
    assert bp.get_startup_hooks() == [bp_start]


def test_with_user_function_copies_and_leaves_the_function_unchanged() -> None:
    app, _, own, _ = _queue_app()
    function = app.get_functions()[0]

    def stand_in(msg: str) -> str:
        return "wrapped"

    view = function.with_user_function(stand_in)
    assert view is not function
    assert view.get_user_function() is stand_in
    assert function.get_user_function() is own.__wrapped__
    assert view.get_function_json() == function.get_function_json()
    assert (view.get_app(), view.get_middleware()) == (app, function.get_middleware())


def test_durable_can_still_assign_the_builders_function_callable() -> None:
    # azure-functions-durable sets builder._function._func to its own handler.
    _, _, own, _ = _queue_app()

    def handler(msg: str) -> None: ...

    own._function._func = handler
    assert own.function.get_user_function() is handler
