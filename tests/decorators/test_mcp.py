"""MCP trigger classes and the inference helpers of azfunc.decorators.mcp."""

# ruff: noqa: UP006, UP007, UP035, UP045 - the typing forms are what is under test

from __future__ import annotations

import datetime
import inspect
import json
from typing import Any, List, Optional, Union

import pytest

import azfunc as func
from azfunc.decorators.core import BindingDirection, DataType
from azfunc.decorators.mcp import (
    MCPPromptTrigger,
    MCPResourceTrigger,
    PromptArgument,
    _MCPToolTrigger,
    build_property_metadata,
    check_as_array,
    check_is_required,
    check_property_type,
    has_mcp_content_marker,
    mcp_content,
    should_create_structured_content,
    unwrap_optional,
)
from azfunc.mcp import MCPToolContext

IN = BindingDirection.IN


def test_tool_trigger_always_emits_use_result_schema() -> None:
    trigger = _MCPToolTrigger(name="context", tool_name="t", metadata='{"a":1}')
    assert list(trigger.get_dict_repr().items()) == [
        ("direction", IN),
        ("type", "mcpToolTrigger"),
        ("name", "context"),
        ("toolName", "t"),
        ("metadata", '{"a":1}'),
        ("useResultSchema", False),
    ]


def test_resource_trigger_emits_use_result_schema_only_when_given() -> None:
    plain = MCPResourceTrigger(name="c", uri="file://x", resource_name="r", size=10)
    assert plain.get_dict_repr() == {
        "direction": IN,
        "type": "mcpResourceTrigger",
        "name": "c",
        "uri": "file://x",
        "resourceName": "r",
        "size": 10,
    }
    given = MCPResourceTrigger(name="c", uri="u", resource_name="r", use_result_schema=True)
    assert given.get_dict_repr()["useResultSchema"] is True


def test_prompt_decorator_serialises_arguments_compactly() -> None:
    app = func.FunctionApp()

    @app.mcp_prompt_trigger(
        arg_name="c",
        prompt_name="p",
        prompt_arguments=[PromptArgument("a", "desc", True), PromptArgument("b")],
        data_type=DataType.STRING,
    )
    def prompt(c: str) -> str:
        return c

    assert prompt.build().get_trigger().get_dict_repr() == {
        "direction": IN,
        "dataType": DataType.STRING,
        "type": "mcpPromptTrigger",
        "name": "c",
        "promptName": "p",
        "promptArguments": '[{"name":"a","description":"desc","required":true},'
        '{"name":"b","description":null,"required":false}]',
    }


def test_prompt_decorator_omits_empty_arguments() -> None:
    app = func.FunctionApp()

    @app.mcp_prompt_trigger(arg_name="c", prompt_name="p", prompt_arguments=[])
    def prompt(c: str) -> str:
        return c

    assert "promptArguments" not in prompt.build().get_trigger().get_dict_repr()


def test_prompt_trigger_built_directly_keeps_its_arguments() -> None:
    # As in the reference: only the decorator serialises them.
    arguments = [{"name": "a"}]
    trigger = MCPPromptTrigger(name="c", prompt_name="p", prompt_arguments=arguments)  # type: ignore[list-item]
    assert trigger.get_dict_repr()["promptArguments"] == [{"name": "a"}]
    empty = MCPPromptTrigger(name="c", prompt_name="p", prompt_arguments=[])
    assert empty.get_dict_repr()["promptArguments"] == []


def test_prompt_argument() -> None:
    assert PromptArgument("a").to_dict() == {"name": "a", "description": None, "required": False}
    assert repr(PromptArgument("a", "d", True)) == (
        "PromptArgument(name='a', description='d', required=True)"
    )


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (Optional[int], int),
        (Union[int, str, None], int),
        (int | None, int | None),  # the reference knows typing.Union only
        (Union[int, str], Union[int, str]),
        (Optional[List[int]], List[int]),
        (str, str),
    ],
)
def test_unwrap_optional(annotation: Any, expected: Any) -> None:
    assert unwrap_optional(annotation) == expected


@pytest.mark.parametrize(
    ("annotation", "array", "kind"),
    [
        (int, False, "integer"),
        (float, False, "number"),
        (str, False, "string"),
        (bool, False, "boolean"),
        (object, False, "object"),
        (datetime.datetime, False, "string"),
        (dict, False, "string"),
        (list, False, "string"),
        (List, True, "string"),
        (List[int], True, "integer"),
        (list[float], True, "number"),
        (List[int | None], True, "string"),  # as in the reference: typing.Union only
        (Optional[List[bool]], True, "boolean"),
        (list[bool] | None, False, "string"),
        (List[List[int]], True, "string"),
        (inspect.Parameter.empty, False, "string"),
    ],
)
def test_property_type_and_array(annotation: Any, array: bool, kind: str) -> None:
    assert check_as_array(annotation) is array
    assert check_property_type(annotation, array) == kind


def test_check_is_required() -> None:
    def f(a: int, b: int = 1, c: int | None = None, d: int | None = 5, e: int | None = 0) -> None:
        return None

    params = inspect.signature(f, eval_str=True).parameters.values()
    assert [check_is_required(p, p.annotation) for p in params] == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_build_property_metadata_skips_bindings_and_context_and_applies_overrides() -> None:
    def f(a: int, out: str, ctx: MCPToolContext, b: str = "x") -> None: ...

    overrides = {
        "b": {"description": "B", "propertyType": None, "isRequired": True, "isArray": False}
    }
    assert build_property_metadata(inspect.signature(f, eval_str=True), ["out"], overrides) == [
        {
            "propertyName": "a",
            "propertyType": "integer",
            "description": "",
            "isArray": False,
            "isRequired": True,
        },
        {
            "propertyName": "b",
            "propertyType": "string",
            "description": "B",
            "isArray": False,
            "isRequired": True,
        },
    ]


def test_content_marker() -> None:
    @mcp_content
    class Marked:
        pass

    assert has_mcp_content_marker(Marked) and has_mcp_content_marker(Marked())
    assert should_create_structured_content(Marked())
    assert not has_mcp_content_marker(object())
    for plain in (None, "s", 1, 1.5, True, {"a": 1}, [1]):
        assert not should_create_structured_content(plain)
    assert json.dumps(PromptArgument("a").to_dict()) == (
        '{"name": "a", "description": null, "required": false}'
    )
