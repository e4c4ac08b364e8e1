"""MCP trigger converters and contexts; the ``mcp`` SDK is not needed (a stand-in is used)."""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Iterator
from typing import Any, Optional

import pytest

from azfunc import mcp
from azfunc.meta import Datum

Tool = mcp._MCPToolTriggerConverter
Resource = mcp.MCPResourceTriggerConverter
Prompt = mcp._MCPPromptTriggerConverter


class _Model:
    """Duck-typed stand-in for a pydantic model of the ``mcp`` SDK."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        def dump(value: Any) -> Any:
            if isinstance(value, _Model):
                return value.model_dump(mode=mode, exclude_none=exclude_none)
            if isinstance(value, list):
                return [dump(item) for item in value]
            return value

        return {
            key: dump(value)
            for key, value in self.__dict__.items()
            if not (exclude_none and value is None)
        }


@pytest.fixture
def sdk() -> Iterator[types.SimpleNamespace]:
    """Classes whose ``__module__`` is ``mcp.types``, as the SDK's are."""
    classes = {
        name: type(name, (_Model,), {"__module__": "mcp.types"})
        for name in ("TextContent", "ImageContent", "CallToolResult")
    }
    yield types.SimpleNamespace(**classes)


def test_mcp_package_is_not_imported() -> None:
    code = "import sys, azfunc.mcp; print('mcp' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "False\n"
    assert mcp._is_mcp_sdk_type(object()) is False


def test_tool_context_is_a_dict() -> None:
    ctx = mcp.MCPToolContext(arguments={"x": 1})
    assert isinstance(ctx, dict)
    assert ctx == {"arguments": {"x": 1}}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"name": "p", "arguments": {"a": "1"}, "sessionid": "s", "transport": {"name": "sse"}},
            (
                "p",
                {"a": "1"},
                "s",
                {"name": "sse"},
                "PromptInvocationContext(name='p', arguments={'a': '1'})",
            ),
        ),
        ('{"name": "q"}', ("q", {}, None, None, "PromptInvocationContext(name='q', arguments={})")),
        ("[1]", ("", {}, None, None, "PromptInvocationContext(name='', arguments={})")),
        ({}, ("", {}, None, None, "PromptInvocationContext(name='', arguments={})")),
        (5, ("", {}, None, None, "PromptInvocationContext(name='', arguments={})")),
    ],
)
def test_prompt_invocation_context(data: Any, expected: tuple[object, ...]) -> None:
    ctx = mcp.PromptInvocationContext(data)
    assert (ctx.name, ctx.arguments, ctx.sessionid, ctx.transport, repr(ctx)) == expected


@pytest.mark.parametrize("conv", [Tool, Resource])
@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum('{"name":"n","arguments":{"x":1}}', "json"), '{"name":"n","arguments":{"x":1}}'),
        (Datum("s", "string"), "s"),
        (Datum(b"b", "bytes"), b"b"),
        (Datum(5, "int"), 5),
        (Datum(None, None), None),
    ],
)
def test_tool_and_resource_decode_raw(conv: Any, datum: Datum, expected: object) -> None:
    assert conv.decode(datum, trigger_metadata=None) == expected


@pytest.mark.parametrize(
    ("datum", "name", "arguments"),
    [
        (Datum('{"name":"n","arguments":{"x":1}}', "json"), "n", {"x": 1}),
        (Datum(b'{"name":"b"}', "bytes"), "b", {}),
        (Datum(5, "int"), "", {}),
        (Datum(None, None), "", {}),
    ],
)
def test_prompt_decode(datum: Datum, name: str, arguments: dict[str, Any]) -> None:
    ctx = Prompt.decode(datum, trigger_metadata=None)
    assert (type(ctx), ctx.name, ctx.arguments) == (mcp.PromptInvocationContext, name, arguments)


def test_prompt_decode_rejects_non_json_text() -> None:
    with pytest.raises(ValueError):
        Prompt.decode(Datum("s", "string"), trigger_metadata=None)


@pytest.mark.parametrize("conv", [Tool, Resource, Prompt])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Datum("", "string")),
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(b"x"), Datum(b"x", "bytes")),
        ({"a": 1}, Datum("{'a': 1}", "string")),
        ([{"a": 1}], Datum("[{'a': 1}]", "string")),
        ([], Datum("[]", "string")),
        (5, Datum("5", "string")),
    ],
)
def test_encode_plain_values(conv: Any, value: object, expected: Datum) -> None:
    assert conv.encode(value, expected_type=None) == expected


def test_tool_encodes_sdk_results(sdk: types.SimpleNamespace) -> None:
    text = sdk.TextContent(type="text", text="hi", annotations=None)
    assert Tool.encode(text, expected_type=None) == Datum(
        '{"type": "text", "text": "hi"}', "string"
    )
    blocks = [
        sdk.TextContent(type="text", text="a"),
        sdk.ImageContent(type="image", data="ZZ", mimeType="image/png"),
    ]
    assert Tool.encode(blocks, expected_type=None) == Datum(
        '[{"type": "text", "text": "a"}, {"type": "image", "data": "ZZ", "mimeType": "image/png"}]',
        "string",
    )
    result = sdk.CallToolResult(
        content=[sdk.TextContent(type="text", text="a", meta=None)],
        structuredContent={"k": 1},
        isError=False,
    )
    assert Tool.encode(result, expected_type=None) == Datum(
        '{"content": [{"type": "text", "text": "a"}], "structuredContent": {"k": 1}, '
        '"isError": false}',
        "string",
    )
    assert mcp._is_mcp_call_tool_result(result) is True
    assert mcp._is_mcp_call_tool_result(text) is False


def test_tool_rejects_mixed_block_lists(sdk: types.SimpleNamespace) -> None:
    with pytest.raises(TypeError) as info:
        Tool.encode([sdk.TextContent(type="text", text="a"), 5], expected_type=None)
    assert str(info.value) == "Unable to serialize content block of type int"


def test_resource_and_prompt_use_str_for_sdk_objects(sdk: types.SimpleNamespace) -> None:
    text = sdk.TextContent(type="text", text="hi")
    for conv in (Resource, Prompt):
        assert conv.encode(text, expected_type=None) == Datum(str(text), "string")


@pytest.mark.parametrize("annotation", [Optional[str], "str", None, 42])  # noqa: UP045
def test_annotation_that_is_not_a_class_raises_type_error(annotation: object) -> None:
    # The reference raises TypeError('issubclass() arg 1 must be a class') here.
    messages = {}
    for conv in (Tool, Resource, Prompt):
        with pytest.raises(TypeError) as info:
            conv.check_input_type_annotation(annotation)  # type: ignore[arg-type]
        messages[conv.__name__] = str(info.value)
    start = "issubclass() arg 1 must be a class: "
    middle = (
        f" cannot check the trigger parameter's annotation {annotation!r}, which is not "
        "a class. Annotate the parameter with one of str, dict, bytes"
    )
    assert messages == {
        "_MCPToolTriggerConverter": f"{start}_MCPToolTriggerConverter{middle}, MCPToolContext.",
        "MCPResourceTriggerConverter": f"{start}MCPResourceTriggerConverter{middle}.",
        "_MCPPromptTriggerConverter": (
            f"{start}_MCPPromptTriggerConverter{middle}, MCPToolContext, PromptInvocationContext."
        ),
    }


def test_flags_and_annotations() -> None:
    candidates = (str, dict, bytes, mcp.MCPToolContext, mcp.PromptInvocationContext, int)
    table = {
        conv.__name__: (
            conv.has_trigger_support(),
            conv.has_implicit_output(),
            [conv.check_input_type_annotation(t) for t in candidates],
        )
        for conv in (Tool, Resource, Prompt)
    }
    assert table == {
        "_MCPToolTriggerConverter": (True, True, [True] * 4 + [False] * 2),
        "MCPResourceTriggerConverter": (True, True, [True] * 4 + [False] * 2),
        "_MCPPromptTriggerConverter": (True, True, [True] * 5 + [False]),
    }
