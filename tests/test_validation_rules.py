"""The rule families of issue 24, on apps built in the test: resource names (with
hypothesis over the names Azure allows and refuses), cardinality, decorator order, and
blocking calls; the broken-app corpus (tests/broken_apps) has one app per rule too."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import given, settings

import azfunc as func
from azfunc._validation.bindings import _STORAGE, _storage_fix
from azfunc.testing import index

#: Storage names Azure allows: 3-63 of a-z, 0-9 and single hyphens between them.
STORAGE_NAMES = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,5}\Z").filter(
    lambda name: 3 <= len(name) <= 63
)


def queue_codes(name: str) -> list[str]:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name=name, connection="AzureWebJobsStorage")
    def ingest(msg: func.QueueMessage) -> None: ...

    return [p.code for p in index(app).problems]


@settings(max_examples=60, deadline=None)
@given(STORAGE_NAMES)
def test_names_azure_allows_pass(name: str) -> None:
    assert queue_codes(name) == []


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=70).filter(lambda n: "{" not in n and "%" not in n))
def test_names_azure_refuses_fail_and_the_fix_is_valid(name: str) -> None:
    valid = bool(_STORAGE.match(name))
    assert queue_codes(name) == ([] if valid else ["queue-name-invalid"])
    suggestion = re.findall(r"Use e\.g\. '([^']*)'\.", _storage_fix(name))
    assert all(_STORAGE.match(s) for s in suggestion)


def test_binding_expressions_and_unknown_settings_are_left_to_the_host() -> None:
    assert queue_codes("{queueTrigger}") == []
    assert queue_codes("%QUEUE_NAME%") == []


def test_cardinality_many_with_typing_list_is_fine_and_one_event_is_not() -> None:
    app = func.FunctionApp()

    @app.event_hub_message_trigger(
        arg_name="events", event_hub_name="hub", connection="Hub", cardinality="many"
    )
    def batch(events: typing.List[func.EventHubEvent]) -> None: ...  # noqa: UP006

    @app.kafka_trigger(arg_name="event", topic="t", broker_list="b", cardinality="many")
    def single(event: func.KafkaEvent) -> None: ...

    assert [(p.code, p.function) for p in index(app).problems] == [
        ("cardinality-mismatch", "single")
    ]


def wrap(handler: typing.Any) -> typing.Any:
    return handler


def test_decorators_below_the_apps_are_fine() -> None:
    app = func.FunctionApp()

    @app.route(route="ok")
    @wrap
    def below(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse("ok")

    assert index(app).problems == []


def test_blocking_calls_only_in_async_functions() -> None:
    import time

    app = func.FunctionApp()

    @app.route(route="sync")
    def plain(req: func.HttpRequest) -> func.HttpResponse:
        time.sleep(0)
        return func.HttpResponse("ok")

    @app.route(route="async")
    async def coroutine(req: func.HttpRequest) -> func.HttpResponse:
        time.sleep(0)
        return func.HttpResponse("ok")

    found = [(p.code, p.function, p.severity) for p in index(app).problems]
    assert found == [("blocking-call-in-async", "coroutine", "warning")]


def test_storage_names_at_the_edges() -> None:
    allowed = ["abc", "a-b-c", "0rders", "a" * 63]
    refused = ["ab", "Orders", "a--b", "-abc", "abc-", "a" * 64, "orders_in", "ordérs"]
    assert [queue_codes(n) for n in allowed] == [[]] * len(allowed)
    assert [queue_codes(n) for n in refused] == [["queue-name-invalid"]] * len(refused)


def test_the_test_kit_honours_inline_ignores_for_its_warnings() -> None:
    import time
    import warnings

    app = func.FunctionApp()

    @app.route(route="async")
    async def coroutine(req: func.HttpRequest) -> func.HttpResponse:
        time.sleep(0)  # azfunc: ignore[blocking-call-in-async] a test of the kit
        time.sleep(0)
        return func.HttpResponse("ok")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        index(app).enforce()
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    ignored = next(n for n, text in enumerate(lines, 1) if "a test of the kit" in text)
    assert [str(w.message).split(": ", 1)[0] for w in caught] == [
        f"tests/test_validation_rules.py:{ignored + 1}"
    ]


def test_decorators_of_an_app_reached_through_a_module_are_the_apps() -> None:
    import types

    # decorator names resolve in the function's module: make both module-level here
    app = func.FunctionApp()
    globals().update(shop=types.SimpleNamespace(app=app), shop_app=app)
    try:

        @shop.app.function_name("through_module")  # type: ignore[name-defined]  # noqa: F821
        @shop_app.route(route="ok")  # type: ignore[name-defined]  # noqa: F821
        def handler(req: func.HttpRequest) -> func.HttpResponse:
            return func.HttpResponse("ok")

        @wrap
        @shop_app.route(route="wrapped")  # type: ignore[name-defined]  # noqa: F821
        def wrapped(req: func.HttpRequest) -> func.HttpResponse:
            return func.HttpResponse("ok")

        assert [(p.code, p.function) for p in index(app).problems] == [
            ("decorator-order", "wrapped")
        ]
    finally:
        del globals()["shop"], globals()["shop_app"]
