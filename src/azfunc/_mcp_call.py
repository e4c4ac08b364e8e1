"""Calling an MCP tool function and encoding what it returns (shared by decorators and converters).

The host invokes an ``mcpToolTrigger`` function with one JSON string, the invocation
context ``{"name": ..., "arguments": {...}, "sessionId": ..., ...}``. :func:`make_tool_wrapper`
turns the user's tool function (``def get_weather(city: str, days: int = 3)``) into the
function the worker calls: it takes the other bindings' values and ``context``, passes the
matching ``arguments`` by name, and returns the result encoded by :func:`encode_tool_result`.

Results are encoded as a plain string, or, when the tool uses a result schema, as a JSON
envelope ``{"type": ..., "content": <JSON string>, "structuredContent": <JSON string or null>}``.
Objects of the ``mcp`` SDK are recognised by their module (``mcp.types`` in mcp 1.x,
``mcp_types`` in mcp 2.x), so the SDK is never imported here.

This module imports only the standard library.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

__all__ = [
    "CONTEXT_PARAMETER",
    "encode_tool_result",
    "is_call_tool_result",
    "is_mcp_sdk_class",
    "is_mcp_sdk_type",
    "make_tool_wrapper",
    "parse_tool_context",
    "serialize_content_block",
]

#: Name of the tool trigger binding, and of the wrapper parameter that receives the context.
CONTEXT_PARAMETER = "context"

_SDK_MODULE_PREFIXES = ("mcp.types", "mcp_types")


def _is_sdk_module(module: object) -> bool:
    return isinstance(module, str) and any(
        module == prefix or module.startswith(prefix + ".") for prefix in _SDK_MODULE_PREFIXES
    )


def is_mcp_sdk_class(cls: Any) -> bool:
    """Tell whether ``cls`` is, or subclasses, a class of the MCP SDK's types module.

    Both layouts count: ``mcp.types`` (mcp 1.x) and ``mcp_types`` (mcp 2.x). The module
    is read from the class, so ``mcp`` is never imported.
    """
    return isinstance(cls, type) and any(
        _is_sdk_module(getattr(klass, "__module__", None)) for klass in cls.__mro__
    )


def is_mcp_sdk_type(obj: Any) -> bool:
    """Tell whether ``obj`` is an instance of an MCP SDK type (``TextContent``, ...)."""
    return is_mcp_sdk_class(type(obj))


def is_call_tool_result(obj: Any) -> bool:
    """Tell whether ``obj`` is an MCP SDK ``CallToolResult``."""
    return is_mcp_sdk_type(obj) and any(
        klass.__name__ == "CallToolResult" for klass in type(obj).__mro__
    )


def serialize_content_block(block: Any) -> dict[str, Any]:
    """Return an MCP SDK object as a JSON-ready dict (pydantic ``model_dump``, no None fields).

    :raises TypeError: ``block`` is not an MCP SDK object.
    """
    if not is_mcp_sdk_type(block):
        raise TypeError(f"Unable to serialize content block of type {type(block).__name__}")
    dumped: dict[str, Any] = block.model_dump(mode="json", exclude_none=True)
    return dumped


def _structured_payload(obj: Any) -> Any:
    """Return a result as JSON-ready data: a dataclass as a dict, an object as its attributes."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if hasattr(obj, "__dict__") and not isinstance(obj, type):
        return vars(obj)
    return obj


def _envelope(kind: str, content: str, structured: str | None) -> str:
    return json.dumps({"type": kind, "content": content, "structuredContent": structured})


def encode_tool_result(result: Any, use_result_schema: bool) -> str:
    """Encode what a tool function returned as the string the host sends to the client.

    ``None`` becomes ``""``. Without a result schema, a string is returned unchanged and
    anything else as ``str(result)``. With one, the result is wrapped in an envelope:

    - an SDK ``CallToolResult``: type ``call_tool_result``, its dump as content, its
      ``structuredContent`` as structured content;
    - a non-empty list of SDK content blocks: type ``call_tool_result``, content
      ``{"content": [...]}``, no structured content;
    - one SDK content block: its ``type``, its dump as content and structured content;
    - anything else (dataclass, object, dict, list, number, string): type ``text``, content
      ``{"type": "text", "text": <JSON>}`` and the JSON as structured content (a string
      result is the text itself).

    :raises TypeError: a list mixes SDK content blocks with other values, or a value is
        not JSON serialisable.
    """
    if result is None:
        return ""
    if not use_result_schema:
        return result if isinstance(result, str) else str(result)
    if is_call_tool_result(result):
        structured = getattr(result, "structuredContent", None)
        return _envelope(
            "call_tool_result",
            json.dumps(serialize_content_block(result)),
            json.dumps(structured) if structured is not None else None,
        )
    if isinstance(result, list) and any(is_mcp_sdk_type(item) for item in result):
        blocks = [serialize_content_block(item) for item in result]
        return _envelope("call_tool_result", json.dumps({"content": blocks}), None)
    if is_mcp_sdk_type(result):
        text = json.dumps(serialize_content_block(result))
        return _envelope(str(getattr(result, "type", "text")), text, text)
    text = result if isinstance(result, str) else json.dumps(_structured_payload(result))
    return _envelope("text", json.dumps({"type": "text", "text": text}), text)


def parse_tool_context(context: Any) -> dict[str, Any]:
    """Return the invocation context as a dict: parsed from JSON text, or copied from a mapping.

    :raises TypeError: ``context`` is neither JSON text nor a mapping, or the JSON is no object.
    :raises ValueError: ``context`` is not valid JSON.
    """
    parsed = json.loads(context) if isinstance(context, (str, bytes, bytearray)) else context
    if not isinstance(parsed, Mapping):
        raise TypeError(
            f"The MCP tool context must be a JSON object with 'arguments', got {context!r}."
        )
    return dict(parsed)


def make_tool_wrapper(
    func: Callable[..., Any],
    *,
    binding_names: Sequence[str],
    context_parameters: Mapping[str, Callable[[dict[str, Any]], Any]],
    use_result_schema: bool,
) -> Callable[..., Awaitable[str]]:
    """Return the async function the worker calls for an MCP tool function ``func``.

    The wrapper's signature is ``(<binding_names...>, context)``. It parses ``context``,
    passes each entry of its ``arguments`` whose name is a parameter of ``func``, passes
    each context parameter ``factory(context_dict)``, and passes every other keyword (the
    values of other bindings) unchanged. It awaits ``func`` if it is async and returns
    :func:`encode_tool_result` of the result.

    :param func: The user's tool function; it may be sync or async.
    :param binding_names: Parameters of ``func`` fed by other bindings, in order.
    :param context_parameters: Parameters that receive the whole context, with the factory
        that builds their value (``MCPToolContext``) from the parsed dict.
    :param use_result_schema: Encode results in the structured envelope.
    """
    accepted = {
        name
        for name, param in inspect.signature(func).parameters.items()
        if param.kind not in (param.VAR_POSITIONAL, param.VAR_KEYWORD)
    }
    positional = [*binding_names, CONTEXT_PARAMETER]

    @functools.wraps(func)
    async def tool_wrapper(*args: Any, **kwargs: Any) -> str:
        if len(args) > len(positional):
            raise TypeError(
                f"{func.__name__}() takes {len(positional)} positional arguments "
                f"({', '.join(positional)}) but {len(args)} were given"
            )
        kwargs.update(zip(positional, args, strict=False))
        if CONTEXT_PARAMETER not in kwargs:
            raise TypeError(f"{func.__name__}() missing the MCP tool argument 'context'")
        context = parse_tool_context(kwargs.pop(CONTEXT_PARAMETER))
        arguments = context.get("arguments") or {}
        call_kwargs = {
            name: value
            for name, value in arguments.items()
            if name in accepted and name not in context_parameters
        }
        for name, factory in context_parameters.items():
            call_kwargs[name] = factory(context)
        call_kwargs.update(kwargs)
        result = func(**call_kwargs)
        if inspect.isawaitable(result):
            result = await result
        return encode_tool_result(result, use_result_schema)

    tool_wrapper.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in positional]
    )
    return tool_wrapper
