"""How bindings hold their data: compactly, and emitting what the reference emits."""

from __future__ import annotations

from azfunc.decorators.core import BindingDirection
from azfunc.decorators.http import HttpTrigger
from azfunc.decorators.queue import QueueTrigger


def test_the_dict_repr_keeps_the_direction_and_type_of_construction() -> None:
    trigger = QueueTrigger(name="m", queue_name="q", connection="c")
    trigger.type = "changed"
    trigger._direction = BindingDirection.OUT
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN, "type": "queueTrigger", "name": "m",
        "queueName": "q", "connection": "c"}  # fmt: skip


def test_no_dict_repr_is_built_before_it_is_needed() -> None:
    trigger = QueueTrigger(name="m", queue_name="q", connection="c")
    assert ("_dict" in vars(trigger), "init_params" in vars(trigger)) == (False, False)
    trigger.get_dict_repr()
    assert ("_dict" in vars(trigger), "init_params" in vars(trigger)) == (True, False)


def test_bindings_made_alike_share_their_parameter_names() -> None:
    first = QueueTrigger(name="a", queue_name="q", connection="c")
    second = QueueTrigger(name="b", queue_name="r", connection="d")
    assert vars(first)["_init_params"] is vars(second)["_init_params"]


def test_init_params_reads_as_the_bindings_own_list_which_keeps_changes() -> None:
    trigger = HttpTrigger(name="req", route="items", extra_key="x")
    params = trigger.init_params
    assert params == ["self", "name", "methods", "data_type", "auth_level", "route", "kwargs",
                      "name", "route", "extra_key"]  # fmt: skip
    params.append("added")
    trigger.added = "yes"  # type: ignore[attr-defined]
    assert trigger.init_params is params
    assert trigger.get_dict_repr()["added"] == "yes"
    assert "added" not in HttpTrigger(name="other", route="x", extra_key="y").init_params
