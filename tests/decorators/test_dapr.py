"""Dapr binding classes: exact dict reprs, and the topic-route default."""

from __future__ import annotations

from typing import Any

import pytest

from azfunc import FunctionApp
from azfunc.decorators.core import Binding, BindingDirection
from azfunc.decorators.dapr import (
    DaprBindingOutput,
    DaprBindingTrigger,
    DaprInvokeOutput,
    DaprPublishOutput,
    DaprSecretInput,
    DaprServiceInvocationTrigger,
    DaprStateInput,
    DaprStateOutput,
    DaprTopicTrigger,
)

IN, OUT = BindingDirection.IN, BindingDirection.OUT
CASES: list[tuple[type[Binding], dict[str, Any], list[tuple[str, Any]]]] = [
    (
        DaprServiceInvocationTrigger,
        {"method_name": "CheckStock"},
        [
            ("direction", IN),
            ("type", "daprServiceInvocationTrigger"),
            ("name", "x"),
            ("methodName", "CheckStock"),
        ],
    ),
    (
        DaprBindingTrigger,
        {"binding_name": "queue"},
        [
            ("direction", IN),
            ("type", "daprBindingTrigger"),
            ("name", "x"),
            ("bindingName", "queue"),
        ],
    ),
    (
        DaprTopicTrigger,
        {"pub_sub_name": "pubsub", "topic": "orders", "route": "/in"},
        [
            ("direction", IN),
            ("type", "daprTopicTrigger"),
            ("name", "x"),
            ("pubSubName", "pubsub"),
            ("topic", "orders"),
            ("route", "/in"),
        ],
    ),
    (
        DaprStateInput,
        {"state_store": "store", "key": "k", "dapr_address": "http://dapr"},
        [
            ("direction", IN),
            ("type", "daprState"),
            ("name", "x"),
            ("stateStore", "store"),
            ("key", "k"),
            ("daprAddress", "http://dapr"),
        ],
    ),
    (
        DaprSecretInput,
        {"secret_store_name": "secrets", "key": "k", "metadata": "m"},
        [
            ("direction", IN),
            ("type", "daprSecret"),
            ("name", "x"),
            ("secretStoreName", "secrets"),
            ("key", "k"),
            ("metadata", "m"),
        ],
    ),
    (
        DaprStateOutput,
        {"state_store": "store", "key": "k"},
        [
            ("direction", OUT),
            ("type", "daprState"),
            ("name", "x"),
            ("stateStore", "store"),
            ("key", "k"),
        ],
    ),
    (
        DaprInvokeOutput,
        {"app_id": "app", "method_name": "m", "http_verb": "post", "dapr_address": "a"},
        [
            ("direction", OUT),
            ("type", "daprInvoke"),
            ("name", "x"),
            ("appId", "app"),
            ("methodName", "m"),
            ("httpVerb", "post"),
            ("daprAddress", "a"),
        ],
    ),
    (
        DaprPublishOutput,
        {"pub_sub_name": "pubsub", "topic": "t"},
        [
            ("direction", OUT),
            ("type", "daprPublish"),
            ("name", "x"),
            ("pubSubName", "pubsub"),
            ("topic", "t"),
        ],
    ),
    (
        DaprBindingOutput,
        {"binding_name": "b", "operation": "create"},
        [
            ("direction", OUT),
            ("type", "daprBinding"),
            ("name", "x"),
            ("bindingName", "b"),
            ("operation", "create"),
        ],
    ),
]


@pytest.mark.parametrize(("cls", "fields", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_dict_repr(cls: type[Binding], fields: dict[str, Any], expected: Any) -> None:
    binding = cls(name="x", **fields)
    assert list(binding.get_dict_repr().items()) == expected


@pytest.mark.parametrize("route", [None, ""])
def test_topic_trigger_decorator_routes_to_the_topic_by_default(route: str | None) -> None:
    app = FunctionApp()

    @app.dapr_topic_trigger(arg_name="event", pub_sub_name="pubsub", topic="orders", route=route)
    def handler(event: str) -> None: ...

    assert handler.build().get_trigger().get_dict_repr()["route"] == "orders"


def test_topic_trigger_built_directly_keeps_its_route() -> None:
    # As in the reference: only the decorator fills in the topic.
    absent = DaprTopicTrigger(name="event", pub_sub_name="pubsub", topic="orders")
    empty = DaprTopicTrigger(name="event", pub_sub_name="pubsub", topic="orders", route="")
    assert ("route" in absent.get_dict_repr(), empty.get_dict_repr()["route"]) == (False, "")
