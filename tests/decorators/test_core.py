"""The binding contract, as third-party binding classes rely on it."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from azfunc.decorators.core import (
    BindingDirection,
    DataType,
    InputBinding,
    OutputBinding,
    Setting,
    Trigger,
)


class DummyTrigger(Trigger):
    @staticmethod
    def get_binding_name() -> str:
        return "Dummy"

    def __init__(
        self, name: str, data_type: DataType | str = DataType.UNDEFINED, **kwargs: Any
    ) -> None:
        super().__init__(name=name, data_type=data_type)


class ThirdPartyInput(InputBinding):
    """A binding written outside azfunc, the way extension authors write them."""

    @staticmethod
    def get_binding_name() -> str:
        return "thirdParty"

    def __init__(self, name: str, resource_id: str, api_version: str | None = None, **kwargs: Any):
        self.resource_id = resource_id
        self.api_version = api_version
        super().__init__(name=name)


class ThirdPartyOutput(OutputBinding):
    @staticmethod
    def get_binding_name() -> str:
        return "thirdPartyOut"

    def __init__(self, name: str, target: str, **kwargs: Any):
        self.stored_elsewhere = target  # stored under another name: the keyword still counts
        super().__init__(name=name)


def test_dummy_trigger_dict_and_properties() -> None:
    trigger = DummyTrigger(name="dummy")
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "dataType": DataType.UNDEFINED,
        "type": "Dummy",
        "name": "dummy",
    }
    assert (trigger.direction, trigger.data_type, trigger.type) == (0, 0, "Dummy")


def test_third_party_binding_emits_signature_fields_then_extras_in_call_order() -> None:
    binding = ThirdPartyInput(name="x", resource_id="r", zeta=1, api_version="v1", alpha=None)
    assert binding.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": "thirdParty",
        "name": "x",
        "resourceId": "r",
        "apiVersion": "v1",
        "zeta": 1,
    }


def test_keyword_stored_under_another_name_is_still_emitted() -> None:
    assert ThirdPartyOutput(name="o", target="t").get_dict_repr() == {
        "direction": BindingDirection.OUT,
        "type": "thirdPartyOut",
        "name": "o",
        "target": "t",
    }


def test_dict_repr_is_stable_across_calls() -> None:
    binding = ThirdPartyInput(name="x", resource_id="r", extra_key=2)
    assert binding.get_dict_repr() == binding.get_dict_repr()
    assert list(binding.get_dict_repr()) == ["direction", "type", "name", "resourceId", "extraKey"]


def test_binding_classes_keep_their_real_signature() -> None:
    assert list(inspect.signature(ThirdPartyInput).parameters) == [
        "name",
        "resource_id",
        "api_version",
        "kwargs",
    ]


def test_data_type_given_as_a_name_is_parsed() -> None:
    assert DummyTrigger(name="d", data_type="binary").get_dict_repr()["dataType"] is DataType.BINARY


def test_data_type_name_that_is_no_member_raises_key_error() -> None:
    with pytest.raises(KeyError) as caught:
        DummyTrigger(name="d", data_type="text")
    assert caught.value.args[0] == (
        "Can not parse str 'text' to DataType. Allowed values are "
        "['UNDEFINED', 'STRING', 'BINARY', 'STREAM']"
    )


def test_is_supported_trigger_type_by_class_or_type_string() -> None:
    class Other(Trigger):
        @staticmethod
        def get_binding_name() -> str:
            return "Dummy"

        def __init__(self, name: str) -> None:
            super().__init__(name=name)

    assert Trigger.is_supported_trigger_type(DummyTrigger(name="d"), DummyTrigger)
    assert Trigger.is_supported_trigger_type(Other(name="o"), DummyTrigger)
    assert not Trigger.is_supported_trigger_type(
        ThirdPartyInput(name="i", resource_id="r"), DummyTrigger
    )


def test_setting_dict_keeps_raw_parameter_names() -> None:
    class Timeout(Setting):
        def __init__(self, max_seconds: int, soft_limit: int | None = None, **kwargs: Any):
            self.max_seconds = max_seconds
            self.soft_limit = soft_limit
            super().__init__(setting_name="timeout")

    setting = Timeout(max_seconds=5, extra_field="x")
    assert setting.get_dict_repr() == {
        "setting_name": "timeout",
        "max_seconds": 5,
        "extra_field": "x",
    }
    assert (setting.get_setting_name(), setting.get_settings_value("max_seconds")) == ("timeout", 5)
