"""Durable decorators: native metadata, kept bindings, and the lazy adapters to the SDK."""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

import azfunc as func

SDK = "azure.durable_functions"


def bindings(builder: Any) -> list[dict[str, Any]]:
    return [json.loads(b) for b in builder.build().get_raw_bindings()]


@pytest.fixture
def fake_sdk(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    """Install a stand-in ``azure.durable_functions`` that records what it is asked to do."""
    calls = types.SimpleNamespace(created=[], clients=[])

    class Factory:
        def __init__(self, kind: str) -> None:
            self.kind = kind

        def create(self, fn: Any) -> Any:
            calls.created.append((self.kind, fn.__name__))
            return lambda context: f"{self.kind}:{fn(context)}"

    class DurableOrchestrationClient:
        def __init__(self, starter: str) -> None:
            calls.clients.append(starter)
            self.starter = starter

    module = types.ModuleType(SDK)
    module.Orchestrator = Factory("orchestrator")  # type: ignore[attr-defined]
    module.Entity = Factory("entity")  # type: ignore[attr-defined]
    module.DurableOrchestrationClient = DurableOrchestrationClient  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, SDK, module)
    return calls


@pytest.fixture
def no_sdk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(sys.modules, SDK, None)  # makes `import azure.durable_functions` fail
    yield


def test_decorating_never_imports_the_sdk(no_sdk: None) -> None:
    app = func.FunctionApp()

    @app.function_name("orch_fn")
    @app.orchestration_trigger(context_name="context", orchestration="MyOrch")
    def orch(context: Any) -> Iterator[Any]:
        yield context

    assert [f.get_function_name() for f in app.get_functions()] == ["orch_fn"]
    assert bindings(orch) == [
        {
            "direction": "IN",
            "type": "orchestrationTrigger",
            "name": "context",
            "orchestration": "MyOrch",
        }
    ]


def test_bindings_stacked_below_a_durable_decorator_are_kept(no_sdk: None) -> None:
    app = func.FunctionApp()

    @app.durable_client_input(client_name="client", task_hub="hub", connection_name="conn")
    @app.route(route="start")
    async def starter(req: func.HttpRequest, client: Any) -> str:
        return "ok"

    @app.activity_trigger(input_name="name")
    @app.function_name("hello")
    @app.queue_output(arg_name="out", queue_name="q", connection="C")
    def activity(name: str, out: Any) -> str:
        return name

    functions = {f.get_function_name(): f for f in app.get_functions()}
    assert [
        b["type"] for b in json.loads(functions["starter"].get_function_json())["bindings"]
    ] == ["httpTrigger", "http", "durableClient"]
    assert [b["type"] for b in json.loads(functions["hello"].get_function_json())["bindings"]] == [
        "queue",
        "activityTrigger",
    ]


def test_missing_sdk_is_reported_when_the_function_runs(no_sdk: None) -> None:
    app = func.FunctionApp()

    @app.entity_trigger(context_name="context", entity_name="Counter")
    def counter(context: Any) -> None: ...

    with pytest.raises(ImportError) as caught:
        counter.build().get_user_function()("{}")
    assert str(caught.value) == (
        "Attempted to use a Durable Functions decorator, but the `azure-functions-durable` "
        "SDK package could not be found. Please install `azure-functions-durable` to use "
        "Durable Functions. Function 'counter' needs it to run: "
        "pip install azure-functions-durable"
    )


def test_orchestrator_and_entity_run_through_the_sdk(fake_sdk: Any) -> None:
    app = func.FunctionApp()

    @app.orchestration_trigger(context_name="ctx")
    def orch(ctx: Any) -> str:
        return f"orch({ctx})"

    @app.entity_trigger(context_name="context")
    def entity(context: Any) -> str:
        return f"entity({context})"

    handle = orch.build().get_user_function()
    assert str(inspect.signature(handle)) == "(ctx) -> str"
    assert handle.__name__ == "orch"
    assert handle("a") == "orchestrator:orch(a)"
    assert handle(ctx="b") == "orchestrator:orch(b)"
    assert entity.build().get_user_function()("c") == "entity:entity(c)"
    assert fake_sdk.created == [("orchestrator", "orch"), ("entity", "entity")]


def test_direct_calls_reach_the_user_function_through_wrapped(no_sdk: None) -> None:
    app = func.FunctionApp()

    @app.orchestration_trigger(context_name="context")
    def orch(context: Any) -> Iterator[Any]:
        yield f"step {context}"

    assert list(orch.__wrapped__("1")) == ["step 1"]


def test_activity_runs_unchanged(no_sdk: None) -> None:
    app = func.FunctionApp()

    @app.activity_trigger(input_name="name", activity="Hello")
    def hello(name: str) -> str:
        return f"Hello {name}"

    assert hello.build().get_user_function() is hello.__wrapped__
    assert hello("Ada") == "Hello Ada"


def test_client_argument_becomes_the_sdk_client(fake_sdk: Any) -> None:
    app = func.FunctionApp()

    @app.route(route="start")
    @app.durable_client_input(client_name="client")
    async def start(req: str, client: Any) -> str:
        return f"{req}:{client.starter}"

    wrapper = start.build().get_user_function()
    assert str(inspect.signature(wrapper)) == "(req: str, client: str) -> str"
    assert inspect.iscoroutinefunction(wrapper)
    assert asyncio.run(wrapper(req="r", client='{"hub": 1}')) == 'r:{"hub": 1}'
    assert asyncio.run(wrapper("r", "positional")) == "r:positional"
    assert fake_sdk.clients == ['{"hub": 1}', "positional"]


def test_sync_client_functions_stay_sync(fake_sdk: Any) -> None:
    app = func.FunctionApp()

    @app.timer_trigger(schedule="0 0 * * * *", arg_name="timer")
    @app.durable_client_input(client_name="client")
    def tick(timer: Any, client: Any) -> str:
        return str(client.starter)

    wrapper = tick.build().get_user_function()
    assert not inspect.iscoroutinefunction(wrapper)
    assert wrapper(timer=None, client="c") == "c"


# --- the reference's private helpers for the SDK's own decorators -------------------------


@pytest.mark.parametrize("owner", [func.FunctionApp, func.Blueprint])
def test_get_durable_blueprint_returns_a_new_sdk_blueprint(
    fake_sdk: Any, owner: type[func.Blueprint]
) -> None:
    class Blueprint:
        pass

    sys.modules[SDK].Blueprint = Blueprint  # type: ignore[attr-defined]
    app = owner()
    first, second = app._get_durable_blueprint(), app._get_durable_blueprint()
    assert (type(first), type(second), first is second) == (Blueprint, Blueprint, False)


def test_get_durable_blueprint_without_the_sdk(no_sdk: None) -> None:
    with pytest.raises(ImportError) as caught:
        func.FunctionApp()._get_durable_blueprint()
    assert str(caught.value) == (
        "Attempted to use a Durable Functions decorator, but the `azure-functions-durable` "
        "SDK package could not be found. Please install `azure-functions-durable` to use "
        "Durable Functions. Install it with: pip install azure-functions-durable"
    )


def test_invoke_df_decorator_puts_the_sdk_builder_in_place(no_sdk: None) -> None:
    app = func.FunctionApp()
    sdk_blueprint = func.Blueprint()  # what the SDK's Blueprint does, azfunc's own does
    received: list[Any] = []

    def df_decorator(fn: Any) -> Any:
        received.append(fn)
        return sdk_blueprint.activity_trigger(input_name="name", activity="Hello")(fn)

    @app.function_name("first")
    @app.timer_trigger(schedule="0 0 * * * *", arg_name="timer")
    def first(timer: Any) -> None: ...

    @app.function_name("kept")  # above the SDK decorator: applied to its builder
    @app._invoke_df_decorator(df_decorator)
    @app.function_name("dropped")  # below the SDK decorator: lost, as in the reference
    def hello(name: str) -> str:
        return f"Hello {name}"

    assert received == [hello.__wrapped__]
    assert app._function_builders == [first, hello]
    assert hello._owner is app
    functions = app.get_functions()
    assert [f.get_function_name() for f in functions] == ["first", "kept"]
    assert json.loads(functions[1].get_function_json()) == {
        "scriptFile": "function_app.py",
        "bindings": [
            {"direction": "IN", "type": "activityTrigger", "name": "name", "activity": "Hello"}
        ],
    }
    assert hello("Ada") == "Hello Ada"


def test_invoke_df_decorator_returns_what_the_sdk_decorator_returns() -> None:
    app = func.Blueprint()
    result = app._invoke_df_decorator(lambda fn: ("wrapped", fn.__name__))(lambda: None)
    assert (result, app._function_builders) == (("wrapped", "<lambda>"), [result])
