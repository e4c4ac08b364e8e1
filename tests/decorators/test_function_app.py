"""Building and indexing functions: defaults, blueprints, names, errors, direct calls."""

from __future__ import annotations

import asyncio
import functools
import inspect
import json
import sys
from typing import Any

import pytest

import azfunc as func
from azfunc.decorators.core import AuthLevel, DataType
from azfunc.decorators.eventgrid import EventGridOutput
from azfunc.decorators.function_app import FunctionBuilder, FunctionRegister


def jsons(app: func.FunctionRegister) -> list[dict[str, Any]]:
    return [json.loads(f.get_function_json()) for f in app.get_functions()]


def http_bindings(route: str, auth: str, **trigger: Any) -> list[dict[str, Any]]:
    return [
        {
            "direction": "IN",
            "type": "httpTrigger",
            "name": "req",
            **trigger,
            "authLevel": auth,
            "route": route,
        },
        {"direction": "OUT", "type": "http", "name": "$return"},
    ]


def test_route_defaults_to_the_function_name_and_auth_level_to_the_app() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route()
    def hello(req: func.HttpRequest) -> str:
        return "hi"

    @app.function_name(name="renamed")
    @app.route(methods=["get"], auth_level="admin")
    def other(req: func.HttpRequest) -> str:
        return "x"

    assert jsons(app) == [
        {"scriptFile": "function_app.py", "bindings": http_bindings("hello", "ANONYMOUS")},
        {
            "scriptFile": "function_app.py",
            "bindings": http_bindings("renamed", "ADMIN", methods=["GET"]),
        },
    ]


def test_get_functions_is_repeatable_and_changes_nothing() -> None:
    app = func.FunctionApp()

    @app.route()
    def hello(req: func.HttpRequest) -> str:
        return "hi"

    first, second = jsons(app), jsons(app)
    assert (
        first
        == second
        == [{"scriptFile": "function_app.py", "bindings": http_bindings("hello", "FUNCTION")}]
    )
    trigger = hello._function.get_trigger()
    assert (trigger.route, trigger.auth_level) == (None, None)  # type: ignore[union-attr]


def test_a_built_function_is_a_snapshot_of_its_builder() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def consume(msg: func.QueueMessage) -> None:
        pass

    built = consume.build()
    app.queue_output(arg_name="out", queue_name="o", connection="C")(consume)
    app.function_name(name="renamed")(consume)
    app.with_middleware(lambda invocation, call_next: call_next(invocation))(consume)

    assert [b.name for b in built.get_bindings()] == ["msg"]
    assert (built.get_function_name(), built.get_middleware()) == ("consume", ())
    rebuilt = consume.build()
    assert [b.name for b in rebuilt.get_bindings()] == ["msg", "out"]
    assert (rebuilt.get_function_name(), len(rebuilt.get_middleware())) == ("renamed", 1)
    assert type(built) is type(rebuilt) is type(consume._function)


def test_build_without_auth_level_fills_only_the_route() -> None:
    app = func.FunctionApp()

    @app.route()
    def hello(req: func.HttpRequest) -> str:
        return "hi"

    assert json.loads(hello.build().get_function_json())["bindings"][0] == {
        "direction": "IN",
        "type": "httpTrigger",
        "name": "req",
        "route": "hello",
    }
    assert hello.build().get_user_function() is hello.__wrapped__


def test_one_blueprint_registered_in_two_apps_gets_each_apps_auth_level() -> None:
    bp = func.Blueprint()

    @bp.route(route="shared")
    def shared(req: func.HttpRequest) -> str:
        return "s"

    anonymous, admin = func.FunctionApp("ANONYMOUS"), func.FunctionApp(AuthLevel.ADMIN)
    anonymous.register_functions(bp)
    admin.register_blueprint(bp)
    assert [b["authLevel"] for a in (anonymous, admin) for b in jsons(a)[0]["bindings"][:1]] == [
        "ANONYMOUS",
        "ADMIN",
    ]


def test_blueprint_functions_follow_the_apps_own_in_registration_order() -> None:
    app, bp = func.FunctionApp(), func.Blueprint()

    @bp.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def from_blueprint(msg: func.QueueMessage) -> None: ...

    @app.schedule(arg_name="t", schedule="0 * * * * *")
    def own(t: func.TimerRequest) -> None: ...

    app.register_functions(bp)

    @bp.warm_up_trigger(arg_name="w")
    def added_later(w: object) -> None: ...

    assert [f.get_function_name() for f in app.get_functions()] == ["own", "from_blueprint"]


def test_registering_a_blueprint_twice_gives_duplicate_names() -> None:
    app, bp = func.FunctionApp(), func.Blueprint()

    @bp.warm_up_trigger(arg_name="w")
    def warm(w: object) -> None: ...

    app.register_functions(bp)
    app.register_functions(bp)
    with pytest.raises(ValueError) as caught:
        app.get_functions()
    assert str(caught.value) == (
        "Function warm does not have a unique function name. Please change "
        "@app.function_name() or the function method name to be unique."
    )


def test_duplicate_names_through_function_name() -> None:
    app = func.FunctionApp()

    @app.function_name("same")
    @app.warm_up_trigger(arg_name="w")
    def a(w: object) -> None: ...

    @app.warm_up_trigger(arg_name="w")
    def same(w: object) -> None: ...

    with pytest.raises(ValueError, match=r"^Function same does not have a unique function name"):
        app.get_functions()


def test_register_functions_rejects_apps_and_other_objects() -> None:
    app = func.FunctionApp()

    @app.warm_up_trigger(arg_name="w")
    def warm(w: object) -> None: ...

    with pytest.raises(TypeError) as caught:
        app.register_functions(func.FunctionApp())
    assert str(caught.value) == "functions can not be type of FunctionRegister!"
    with pytest.raises(TypeError) as caught:
        app.register_functions(warm)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "register_functions() takes a Blueprint, got <FunctionBuilder 'warm'> of type "
        "FunctionBuilder. Pass the blueprint whose decorators the functions use: "
        "app.register_functions(bp)."
    )


def test_function_without_trigger() -> None:
    app = func.FunctionApp()

    @app.function_name("renamed")
    @app.queue_output(arg_name="o", queue_name="q", connection="c")
    def lonely() -> None: ...

    with pytest.raises(ValueError) as caught:
        app.get_functions()
    assert str(caught.value) == (
        "Function renamed does not have a trigger. A valid function must have one and only "
        "one trigger registered."
    )


def test_second_trigger() -> None:
    app = func.FunctionApp()
    with pytest.raises(ValueError) as caught:

        @app.warm_up_trigger(arg_name="w")
        @app.queue_trigger(arg_name="m", queue_name="q", connection="c")
        def two(m: object, w: object) -> None: ...

    assert str(caught.value) == (
        "A trigger was already registered to this function. Adding another trigger is not the "
        "correct behavior as a function can only have one trigger. Existing registered trigger "
        "is {'direction': <BindingDirection.IN: 0>, 'type': 'queueTrigger', 'name': 'm', "
        "'queueName': 'q', 'connection': 'c'} and New trigger being added is "
        "{'direction': <BindingDirection.IN: 0>, 'type': 'warmupTrigger', 'name': 'w'}"
    )


def test_failed_decorator_leaves_no_function_behind() -> None:
    app = func.FunctionApp()
    with pytest.raises(ValueError):

        @app.event_grid_output(arg_name="o")
        def broken() -> None: ...

    assert app.get_functions() == []


_EVENT_GRID_ERROR = (
    "Specify either the 'Connection' property or both 'TopicKeySetting' and "
    "'TopicEndpointUri' properties, but not both."
)


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"connection": "C", "topic_endpoint_uri": "U", "topic_key_setting": "K"},
        {"connection": "C", "topic_endpoint_uri": "U"},
        {"topic_key_setting": "K"},
    ],
)
def test_event_grid_output_settings_are_checked_when_the_decorator_is_applied(
    kwargs: dict[str, str],
) -> None:
    # As in the reference: the call returns a decorator; applying it raises.
    app = func.FunctionApp()
    decorator = app.event_grid_output(arg_name="o", **kwargs)
    with pytest.raises(ValueError) as caught:
        decorator(lambda o: None)
    assert str(caught.value) == _EVENT_GRID_ERROR
    assert app._function_builders == []
    with pytest.raises(ValueError) as direct:
        EventGridOutput(name="o", **kwargs)
    assert str(direct.value) == _EVENT_GRID_ERROR


def test_event_grid_output_on_something_not_callable_names_the_type_first() -> None:
    with pytest.raises(ValueError) as caught:
        func.FunctionApp().event_grid_output(arg_name="o")(123)  # type: ignore[arg-type]
    assert str(caught.value) == "Unsupported type for function app decorator found."


@pytest.mark.parametrize("target", ["a string", None, 123])
def test_decorating_something_not_callable(target: object) -> None:
    with pytest.raises(ValueError) as caught:
        func.FunctionApp().route()(target)  # type: ignore[arg-type]
    assert str(caught.value) == "Unsupported type for function app decorator found."


def test_decorating_a_callable_without_name() -> None:
    with pytest.raises(AttributeError):
        func.FunctionApp().route()(functools.partial(print))


def test_decorators_of_two_registers_on_one_function_name_both() -> None:
    app, bp = func.FunctionApp(), func.Blueprint()
    with pytest.raises(ValueError) as caught:

        @bp.queue_output(arg_name="o", queue_name="q", connection="c")
        @app.route()
        def mixed(req: func.HttpRequest) -> str:
            return ""

    assert str(caught.value) == (
        f"Function 'mixed' is already registered with {app!r}; a decorator of {bp!r} cannot be "
        "stacked on it. Use the decorators of one app or blueprint per function, and add a "
        "blueprint's functions to the app with app.register_functions(blueprint)."
    )
    assert repr(app) == f"<FunctionApp at {id(app):#x} with functions ['mixed']>"


def test_late_decorator_attaches_to_its_own_function() -> None:
    app = func.FunctionApp()

    @app.route()
    def first(req: func.HttpRequest, o: func.Out[str]) -> str:
        return ""

    @app.route()
    def second(req: func.HttpRequest) -> str:
        return ""

    app.queue_output(arg_name="o", queue_name="q", connection="c")(first)
    assert [len(f.get_bindings()) for f in app.get_functions()] == [3, 2]


def test_innermost_function_name_wins() -> None:
    app = func.FunctionApp()

    @app.function_name("outer")
    @app.function_name("inner")
    @app.warm_up_trigger(arg_name="w")
    def named(w: object) -> None: ...

    assert [f.get_function_name() for f in app.get_functions()] == ["inner"]


def test_generic_http_trigger_gets_defaults_appended() -> None:
    app = func.FunctionApp(http_auth_level="ADMIN")

    @app.generic_trigger(arg_name="req", type="httpTrigger")
    def f(req: func.HttpRequest) -> None: ...

    assert jsons(app) == [
        {
            "scriptFile": "function_app.py",
            "bindings": [
                {
                    "direction": "IN",
                    "type": "httpTrigger",
                    "name": "req",
                    "route": "f",
                    "authLevel": "ADMIN",
                }
            ],
        }
    ]
    assert app.get_functions()[0].is_http_function()


def test_http_type_and_settings_stay_out_of_function_json() -> None:
    app = func.FunctionApp()

    @app.http_type("wsgi")
    @app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:01")
    @app.route()
    def h(req: func.HttpRequest) -> str:
        return ""

    (function,) = app.get_functions()
    assert function.http_type == "wsgi"
    assert function.get_settings_dict("retry_policy") == {
        "setting_name": "retry_policy",
        "strategy": "fixed_delay",
        "max_retry_count": "3",
        "delay_interval": "00:00:01",
    }
    assert function.get_settings_dict("nothing") is None
    assert function.get_raw_bindings() == [
        '{"direction": "IN", "type": "httpTrigger", "name": "req", "authLevel": "FUNCTION", '
        '"route": "h"}',
        '{"direction": "OUT", "type": "http", "name": "$return"}',
    ]
    assert str(function) == function.get_function_json()


def test_single_method_string_and_string_data_type_in_extra_fields() -> None:
    app = func.FunctionApp()

    @app.route(methods="post", trigger_extra_fields={"data_type": "string"})
    def h(req: func.HttpRequest) -> str:
        return ""

    assert jsons(app)[0]["bindings"][0] == {
        "direction": "IN",
        "dataType": "STRING",
        "type": "httpTrigger",
        "name": "req",
        "methods": ["POST"],
        "authLevel": "FUNCTION",
        "route": "h",
    }


@pytest.mark.parametrize("level", ["anonymous", "Anonymous", AuthLevel.ANONYMOUS])
def test_app_auth_level_accepts_names_in_any_case(level: Any) -> None:
    assert func.FunctionApp(http_auth_level=level).auth_level is AuthLevel.ANONYMOUS


def test_app_auth_level_that_is_no_member() -> None:
    with pytest.raises(KeyError) as caught:
        func.FunctionApp(http_auth_level="public")
    assert caught.value.args[0] == (
        "Can not parse str 'public' to AuthLevel. Allowed values are "
        "['FUNCTION', 'ANONYMOUS', 'ADMIN']"
    )


def test_empty_app_and_plain_function_register() -> None:
    assert func.FunctionApp().get_functions() == []
    assert FunctionRegister(auth_level=None).get_functions() == []  # type: ignore[arg-type]


def test_decorated_function_stays_callable_and_keeps_its_identity() -> None:
    app = func.FunctionApp()

    @app.route()
    def greet(req: str, punctuation: str = "!") -> str:
        """Say hello."""
        return f"hello {req}{punctuation}"

    assert (greet("you"), greet(req="me", punctuation="?")) == ("hello you!", "hello me?")
    assert (greet.__name__, greet.__qualname__.split(".")[-1], greet.__doc__) == (
        "greet",
        "greet",
        "Say hello.",
    )
    assert str(inspect.signature(greet)) == "(req: 'str', punctuation: 'str' = '!') -> 'str'"
    assert not inspect.iscoroutinefunction(greet)


def test_async_decorated_function_is_a_coroutine_function() -> None:
    app = func.FunctionApp()

    @app.route()
    async def agreet(req: str) -> str:
        return f"hi {req}"

    assert asyncio.run(agreet("async")) == "hi async"
    if sys.version_info >= (3, 12):
        assert inspect.iscoroutinefunction(agreet)
    else:
        assert asyncio.iscoroutinefunction(agreet)


def test_function_builder_can_be_called_directly() -> None:
    def add(a: int = 1, b: int = 2) -> int:
        return a + b

    assert (FunctionBuilder(add, "dummy.py")(), FunctionBuilder(add, "dummy.py")(3, 4)) == (3, 7)


def test_function_accessors() -> None:
    app = func.FunctionApp()

    @app.queue_output(arg_name="o", queue_name="q", connection="c", data_type=DataType.STRING)
    @app.queue_trigger(arg_name="m", queue_name="q", connection="c")
    def relay(m: func.QueueMessage, o: func.Out[str]) -> None: ...

    (function,) = app.get_functions()
    assert [b.name for b in function.get_bindings()] == ["m", "o"]
    assert function.get_trigger() is function.get_bindings()[0]
    assert function.get_bindings_dict()["bindings"][1]["dataType"] is DataType.STRING
    assert (function.function_script_file, app.app_script_file) == ("function_app.py",) * 2
    assert not function.is_http_function()


def test_get_functions_gives_the_apps_own_functions_and_copies_what_it_fills() -> None:
    app = func.FunctionApp()
    bp = func.Blueprint()

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def own(msg: func.QueueMessage) -> None: ...

    @app.route(route="r", auth_level=func.AuthLevel.ANONYMOUS)
    def complete_route(req: func.HttpRequest) -> str:
        return ""

    @app.route(route="f")
    def filled_route(req: func.HttpRequest) -> str:
        return ""

    @bp.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def from_blueprint(msg: func.QueueMessage) -> None: ...

    app.register_functions(bp)
    first = app.get_functions()
    # as the reference: the app's own function when nothing is filled in ...
    assert [f is b._function for f, b in zip(first, app._function_builders, strict=True)] == [
        True, True, False, False,
    ]  # fmt: skip
    # ... a copy that carries the app's auth level, leaving the builder unchanged ...
    assert filled_route._function._trigger.auth_level is None
    assert json.loads(first[2].get_function_json())["bindings"][0]["authLevel"] == "FUNCTION"
    # ... and always a copy for a blueprint's function, which other apps may index
    assert first[3].get_app() is app and from_blueprint._function.get_app() is None
    again = app.get_functions()
    assert [f.get_function_json() for f in again] == [f.get_function_json() for f in first]
