"""app.mcp_tool: tool inference, mcp_tool_property overrides, the call wrapper and result envelopes.

Written without ``from __future__ import annotations`` so the annotations under test are real
objects, as in most user code; one test covers string annotations.
"""

# ruff: noqa: UP006, UP035, UP045 - the typing forms are what is under test

import asyncio
import dataclasses
import inspect
import json
import sys
import warnings
from typing import Any, List, Optional, Union

import pytest

import azfunc as func
from azfunc._mcp_call import encode_tool_result, is_call_tool_result, is_mcp_sdk_type
from azfunc.decorators.core import McpPropertyType
from azfunc.decorators.mcp import mcp_content
from azfunc.mcp import MCPToolContext

INDENT = "        " if sys.version_info < (3, 13) else ""


def trigger_of(builder: Any) -> dict[str, Any]:
    function = builder.build()
    binding: dict[str, Any] = json.loads(function.get_raw_bindings()[-1])
    return binding


def properties_of(builder: Any) -> list[dict[str, Any]]:
    found = [json.loads(b) for b in builder.build().get_raw_bindings()]
    tool = next(b for b in found if b["type"] == "mcpToolTrigger")
    result: list[dict[str, Any]] = json.loads(tool["toolProperties"])
    return result


def call(builder: Any, arguments: dict[str, Any], **bindings: Any) -> Any:
    context = json.dumps({"arguments": arguments, "sessionId": "s1"})
    return asyncio.run(builder.build().get_user_function()(context=context, **bindings))


# --- inference -----------------------------------------------------------------------------


def test_tool_is_inferred_from_the_signature_and_docstring() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    @app.mcp_tool_property(
        arg_name="city", description="City name", property_type=McpPropertyType.STRING
    )
    def get_weather(
        city: str,
        days: int = 3,
        tags: Optional[List[str]] = None,
        ctx: MCPToolContext = None,  # type: ignore[assignment]
    ) -> str:
        """Get the weather
        for a city."""
        return city

    assert json.loads(get_weather.build().get_function_json()) == {
        "scriptFile": "function_app.py",
        "bindings": [
            {
                "direction": "IN",
                "type": "mcpToolTrigger",
                "name": "context",
                "toolName": "get_weather",
                # Python 3.13 strips docstring indentation when compiling
                "description": "Get the weather\n" + INDENT + "for a city.",
                "toolProperties": json.dumps(
                    [
                        {
                            "propertyName": "city",
                            "propertyType": "string",
                            "description": "City name",
                            "isArray": False,
                            "isRequired": True,
                        },
                        {
                            "propertyName": "days",
                            "propertyType": "integer",
                            "description": "",
                            "isArray": False,
                            "isRequired": False,
                        },
                        {
                            "propertyName": "tags",
                            "propertyType": "string",
                            "description": "",
                            "isArray": True,
                            "isRequired": False,
                        },
                    ]
                ),
                "useResultSchema": False,
            }
        ],
    }


def test_pep_604_optionals_infer_as_in_the_reference() -> None:
    # The reference knows typing.Union only: 'int | None' is "any other annotation",
    # while 'List[int] | None' is a typing.Union (typing's own '|').
    app = func.FunctionApp()

    @app.mcp_tool()
    def tool(
        count: int | None, names: list[str] | None = None, ids: List[int] | None = None
    ) -> None: ...

    assert properties_of(tool) == [
        {
            "propertyName": "count",
            "propertyType": "string",
            "description": "",
            "isArray": False,
            "isRequired": True,
        },
        {
            "propertyName": "names",
            "propertyType": "string",
            "description": "",
            "isArray": False,
            "isRequired": False,
        },
        {
            "propertyName": "ids",
            "propertyType": "integer",
            "description": "",
            "isArray": True,
            "isRequired": False,
        },
    ]


def test_string_annotations_infer_string_but_the_context_is_passed() -> None:
    # Metadata as in the reference (string annotations are not evaluated); the wrapper
    # evaluates them, so a quoted MCPToolContext still receives the context (the
    # reference called the function without it).
    app = func.FunctionApp()
    seen: dict[str, Any] = {}

    def tool(count: "int", ctx: "MCPToolContext") -> str:
        seen["ctx"] = ctx
        return str(count)

    builder = app.mcp_tool()(tool)
    assert properties_of(builder) == [
        {
            "propertyName": "count",
            "propertyType": "string",
            "description": "",
            "isArray": False,
            "isRequired": True,
        },
        {
            "propertyName": "ctx",
            "propertyType": "string",
            "description": "",
            "isArray": False,
            "isRequired": True,
        },
    ]
    assert call(builder, {"count": 2}) == "2"
    assert seen["ctx"] == {"arguments": {"count": 2}, "sessionId": "s1"}


def test_binding_parameters_below_are_not_properties() -> None:
    app = func.FunctionApp()

    @app.mcp_tool(metadata='{"tags": ["x"]}')
    @app.queue_output(arg_name="out", queue_name="q", connection="C")
    def tool(a: int, out: func.Out[str]) -> str:
        """Doc."""
        out.set(str(a))
        return "ok"

    trigger = trigger_of(tool)
    assert (trigger["description"], trigger["metadata"]) == ("Doc.", '{"tags": ["x"]}')
    assert [p["propertyName"] for p in properties_of(tool)] == ["a"]
    wrapper = tool.build().get_user_function()
    assert str(inspect.signature(wrapper)) == "(out, context)"

    class Sink:
        value = None

        def set(self, value: str) -> None:
            self.value = value  # type: ignore[assignment, unused-ignore]

    sink = Sink()
    assert call(tool, {"a": 5}, out=sink) == "ok"
    assert sink.value == "5"


# --- mcp_tool_property ---------------------------------------------------------------------


def test_property_overrides_replace_inferred_values() -> None:
    app = func.FunctionApp()

    def tool(city, days: int = 1):  # type: ignore[no-untyped-def]
        return None

    assert app.mcp_tool_property(arg_name="city", property_type="integer")(tool) is tool
    app.mcp_tool_property(arg_name="days", is_required=False, as_array=True)(tool)
    app.mcp_tool_property(arg_name="city", description="later wins")(tool)
    assert properties_of(app.mcp_tool()(tool)) == [
        {
            "propertyName": "city",
            "propertyType": "string",
            "description": "later wins",
            "isArray": False,
            "isRequired": True,
        },
        {
            "propertyName": "days",
            "propertyType": "integer",
            "description": "",
            "isArray": True,
            "isRequired": False,
        },
    ]


def test_property_override_on_a_builder_below_the_tool() -> None:
    app = func.FunctionApp()

    def tool(a: int, b: str) -> None: ...

    builder = app.queue_output(arg_name="o", queue_name="q", connection="c")(tool)
    assert app.mcp_tool_property(arg_name="a", description="A")(builder) is builder
    assert properties_of(app.mcp_tool()(builder))[0]["description"] == "A"


def test_property_override_above_the_tool_warns() -> None:
    app = func.FunctionApp()

    def tool(a: int) -> None: ...

    builder = app.mcp_tool()(tool)
    with pytest.warns(UserWarning, match=r"applied above mcp_tool\(\) on function 'tool'"):
        app.mcp_tool_property(arg_name="a", description="late")(builder)
    assert properties_of(builder)[0]["description"] == ""


def test_property_override_of_an_unknown_parameter_warns() -> None:
    app = func.FunctionApp()

    def tool(a: int) -> None: ...

    app.mcp_tool_property(arg_name="zzz")(tool)
    with pytest.warns(UserWarning) as caught:
        app.mcp_tool()(tool)
    assert str(caught[0].message) == (
        "mcp_tool_property names ['zzz'] but function 'tool' has no such parameter "
        "(it has ['a']); the override is ignored."
    )
    assert caught[0].filename == __file__


def test_unknown_property_type_name_is_a_key_error() -> None:
    with pytest.raises(KeyError) as caught:
        func.FunctionApp().mcp_tool_property(arg_name="a", property_type="decimal")
    assert caught.value.args[0] == (
        "Can not parse str 'decimal' to McpPropertyType. Allowed values are "
        "['INTEGER', 'FLOAT', 'STRING', 'BOOLEAN', 'OBJECT']"
    )


def test_prompt_arguments_must_be_prompt_argument_objects() -> None:
    with pytest.raises(TypeError) as caught:
        func.FunctionApp().mcp_prompt_trigger(
            arg_name="c",
            prompt_name="p",
            prompt_arguments=[{"name": "x"}],  # type: ignore[list-item]
        )
    assert str(caught.value) == (
        "prompt_arguments must hold PromptArgument objects, got {'name': 'x'} of type dict; "
        "write PromptArgument(name=..., description=..., required=...)."
    )


# --- the call wrapper ----------------------------------------------------------------------


def test_wrapper_passes_arguments_and_the_context() -> None:
    app = func.FunctionApp()
    seen: dict[str, Any] = {}

    @app.mcp_tool()
    def tool(city: str, days: int = 3, ctx: MCPToolContext = None) -> str:  # type: ignore[assignment]
        seen["ctx"] = ctx
        return f"{city}:{days}"

    assert call(tool, {"city": "Oslo", "ignored": 1}) == "Oslo:3"
    assert type(seen["ctx"]) is MCPToolContext
    assert seen["ctx"] == {"arguments": {"city": "Oslo", "ignored": 1}, "sessionId": "s1"}
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'city'"):
        call(tool, {})


def test_decorated_name_keeps_the_user_function() -> None:
    app = func.FunctionApp()

    def tool(n: int) -> int:
        return n * 2

    builder = app.mcp_tool()(tool)
    assert builder.__wrapped__ is tool
    assert builder.__wrapped__(4) == 8
    assert inspect.iscoroutinefunction(builder.build().get_user_function())
    # The builder is typed as the user function, but the worker's wrapper answers calls.
    assert asyncio.run(builder('{"arguments": {"n": 4}}')) == "8"  # type: ignore[arg-type]


def test_async_tools_are_awaited_and_results_stringified() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    async def tool(n: int) -> Any:
        return [None, "text", 5, [1, "a"], {"k": 1}][n]

    assert [call(tool, {"n": n}) for n in range(5)] == ["", "text", "5", "[1, 'a']", "{'k': 1}"]


# --- result envelopes ----------------------------------------------------------------------


@mcp_content
@dataclasses.dataclass
class Reading:
    city: str
    degrees: float = 20.5


def envelope(kind: str, text: str) -> str:
    return json.dumps(
        {
            "type": kind,
            "content": json.dumps({"type": "text", "text": text}),
            "structuredContent": text,
        }
    )


def test_mcp_content_return_annotation_turns_the_schema_on() -> None:
    app = func.FunctionApp()

    @app.mcp_tool()
    def tool(city: str) -> Optional[Reading]:
        return Reading(city)

    assert trigger_of(tool)["useResultSchema"] is True
    assert call(tool, {"city": "Oslo"}) == envelope("text", '{"city": "Oslo", "degrees": 20.5}')


def test_pep_604_union_return_annotation_leaves_the_schema_off() -> None:
    # As in the reference, which knows typing.Union only; Optional[Reading] turns it on.
    app = func.FunctionApp()

    @app.mcp_tool()
    def tool() -> Reading | None: ...

    @app.mcp_tool()
    def other() -> Optional[Reading]: ...

    assert (trigger_of(tool)["useResultSchema"], trigger_of(other)["useResultSchema"]) == (
        False,
        True,
    )


def test_plain_results_with_a_schema() -> None:
    app = func.FunctionApp()

    class Plain:
        def __init__(self) -> None:
            self.a = 1

    @app.mcp_tool(use_result_schema=True)
    def tool(n: int) -> Any:
        return ["str", 5, True, {"k": [1, None]}, Plain(), (1, 2), [1, "a"], None][n]

    assert [call(tool, {"n": n}) for n in range(8)] == [
        envelope("text", "str"),
        envelope("text", "5"),
        envelope("text", "true"),
        envelope("text", '{"k": [1, null]}'),
        envelope("text", '{"a": 1}'),
        envelope("text", "[1, 2]"),
        envelope("text", '[1, "a"]'),
        "",
    ]
    with pytest.raises(TypeError, match="Object of type bytes is not JSON serializable"):
        encode_tool_result(b"raw", True)


class TextContent:
    """Stands in for mcp 2.x's mcp_types TextContent (a pydantic model)."""

    def __init__(self, text: str, meta: Any = None) -> None:
        self.type, self.text, self.meta = "text", text, meta

    def model_dump(self, mode: str, exclude_none: bool) -> dict[str, Any]:
        assert (mode, exclude_none) == ("json", True)
        return {k: v for k, v in vars(self).items() if v is not None}


class CallToolResult:
    """Stands in for mcp 1.x's mcp.types CallToolResult."""

    def __init__(self, content: list[Any], structured: Any = None) -> None:
        self.content, self.structuredContent, self.isError = content, structured, False

    def model_dump(self, mode: str, exclude_none: bool) -> dict[str, Any]:
        dumped = {
            "content": [block.model_dump(mode, exclude_none) for block in self.content],
            "structuredContent": self.structuredContent,
            "isError": self.isError,
        }
        return {k: v for k, v in dumped.items() if v is not None}


class ImageContent(TextContent):
    """Stands in for mcp 1.x's mcp.types ImageContent."""


TextContent.__module__ = "mcp_types._types"
CallToolResult.__module__ = "mcp.types"
ImageContent.__module__ = "mcp.types"


def test_sdk_types_are_recognised_by_module() -> None:
    assert is_mcp_sdk_type(TextContent("x")) and is_mcp_sdk_type(CallToolResult([]))
    assert is_call_tool_result(CallToolResult([])) and not is_call_tool_result(TextContent("x"))
    assert not is_mcp_sdk_type(Reading("x"))


def test_sdk_return_annotations_turn_the_schema_on() -> None:
    app = func.FunctionApp()

    def one() -> TextContent:
        raise NotImplementedError

    def many() -> List[TextContent]:
        raise NotImplementedError

    def result() -> Optional[CallToolResult]:
        raise NotImplementedError

    def listed_content() -> List[Reading]:  # like the reference: no schema
        raise NotImplementedError

    assert [
        trigger_of(app.mcp_tool()(f))["useResultSchema"]
        for f in (one, many, result, listed_content)
    ] == [True, True, True, False]


def test_lists_of_unions_of_sdk_types_turn_the_schema_on() -> None:
    app = func.FunctionApp()

    def pep_604() -> list[TextContent | ImageContent]:
        raise NotImplementedError

    def typing_union() -> List[Union[TextContent, ImageContent]]:  # noqa: UP007
        raise NotImplementedError

    def with_a_plain_type() -> list[int | TextContent]:
        raise NotImplementedError

    def optional_items() -> list[Optional[CallToolResult]]:
        raise NotImplementedError

    def no_sdk_type() -> list[int | str]:
        raise NotImplementedError

    def content_marker_items() -> list[Reading | int]:  # like the reference: no schema
        raise NotImplementedError

    functions = (
        pep_604, typing_union, with_a_plain_type, optional_items, no_sdk_type,
        content_marker_items,
    )  # fmt: skip
    assert [trigger_of(app.mcp_tool()(f))["useResultSchema"] for f in functions] == [
        True, True, True, True, False, False,
    ]  # fmt: skip


def test_list_of_pep_604_union_metadata_is_the_reference_metadata_for_typing_union() -> None:
    # What azure-functions 1.26.0 emits for list[Union[TextContent, ImageContent]].
    app = func.FunctionApp()

    @app.mcp_tool()
    def render(text: str, size: int = 3) -> list[TextContent | ImageContent]:
        """Render text."""
        raise NotImplementedError

    assert render.build().get_function_json() == (
        '{"scriptFile": "function_app.py", "bindings": [{"direction": "IN", '
        '"type": "mcpToolTrigger", "name": "context", "toolName": "render", '
        '"description": "Render text.", "toolProperties": "[{\\"propertyName\\": '
        '\\"text\\", \\"propertyType\\": \\"string\\", \\"description\\": \\"\\", '
        '\\"isArray\\": false, \\"isRequired\\": true}, {\\"propertyName\\": \\"size\\", '
        '\\"propertyType\\": \\"integer\\", \\"description\\": \\"\\", '
        '\\"isArray\\": false, \\"isRequired\\": false}]", "useResultSchema": true}]}'
    )


def test_sdk_results_are_sent_in_envelopes() -> None:
    block = TextContent("é", meta={"k": 1})
    block_json = '{"type": "text", "text": "\\u00e9", "meta": {"k": 1}}'
    assert encode_tool_result(block, True) == json.dumps(
        {"type": "text", "content": block_json, "structuredContent": block_json}
    )
    assert encode_tool_result([TextContent("a"), TextContent("b")], True) == json.dumps(
        {
            "type": "call_tool_result",
            "content": json.dumps(
                {"content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}
            ),
            "structuredContent": None,
        }
    )
    assert encode_tool_result(CallToolResult([TextContent("x")], {"k": 1}), True) == json.dumps(
        {
            "type": "call_tool_result",
            "content": json.dumps(
                {
                    "content": [{"type": "text", "text": "x"}],
                    "structuredContent": {"k": 1},
                    "isError": False,
                }
            ),
            "structuredContent": '{"k": 1}',
        }
    )
    with pytest.raises(TypeError) as caught:
        encode_tool_result([TextContent("a"), "plain"], True)
    assert str(caught.value) == "Unable to serialize content block of type str"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert encode_tool_result(TextContent("a"), False).startswith("<")
