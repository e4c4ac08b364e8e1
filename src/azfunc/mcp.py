"""Model Context Protocol (MCP) trigger converters and the contexts they deliver.

The ``mcp`` package is optional: results that are ``mcp`` SDK objects
(``CallToolResult``, content blocks) are recognised by the module their class comes
from and serialised with their ``model_dump``; nothing here imports ``mcp``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _jsonutils, meta
from azfunc._datum import text_or_bytes_datum
from azfunc._mcp_call import is_call_tool_result, is_mcp_sdk_type, serialize_content_block
from azfunc._raw_annotation import check_raw_payload_annotation
from azfunc.decorators.constants import MCP_PROMPT_TRIGGER, MCP_RESOURCE_TRIGGER, MCP_TOOL_TRIGGER
from azfunc.meta import Datum

__all__ = ["MCPResourceTriggerConverter", "MCPToolContext", "PromptInvocationContext"]


class MCPToolContext(dict[str, Any]):
    """The arguments and context of an MCP tool call, as a dict."""


class PromptInvocationContext:
    """The invocation of an MCP prompt: its name, arguments and session.

    :param data: The invocation as a dict or as JSON text; anything that is not a
        JSON object gives an empty context.
    :raises ValueError: ``data`` is a string that is not valid JSON.
    """

    def __init__(self, data: dict[str, Any] | str) -> None:
        if isinstance(data, str):
            data = _jsonutils.loads(data)
        self._data: dict[str, Any] = data if isinstance(data, dict) else {}

    @property
    def name(self) -> str:
        """The prompt's name (``""`` if absent)."""
        name: str = self._data.get("name", "")
        return name

    @property
    def arguments(self) -> dict[str, Any]:
        """The prompt's arguments (``{}`` if absent)."""
        arguments: dict[str, Any] = self._data.get("arguments", {})
        return arguments

    @property
    def sessionid(self) -> str | None:
        """The MCP session id, if the host passed one."""
        sessionid: str | None = self._data.get("sessionid")
        return sessionid

    @property
    def transport(self) -> Any:
        """The transport details (for example ``{"name": "sse"}``), if passed."""
        return self._data.get("transport")

    def __repr__(self) -> str:
        return f"PromptInvocationContext(name={self.name!r}, arguments={self.arguments!r})"


def _raw_value(data: Datum) -> Any:
    """The datum's value as the host sent it: JSON stays text, other types decode."""
    if data.type in ("json", "string", "bytes"):
        return data.value
    return data.python_value


# The reference's private names, kept for code that imports them; one detector serves
# the converters and the ``mcp_tool`` call wrapper.
_is_mcp_sdk_type = is_mcp_sdk_type
_is_mcp_call_tool_result = is_call_tool_result
_serialize_content_block = serialize_content_block


def _encode_text_result(obj: Any) -> Datum:
    """``None`` → ``""``, ``str`` and ``bytes`` as they are, anything else ``str(obj)``."""
    if obj is None:
        return Datum("", "string")
    datum = text_or_bytes_datum(obj)
    return datum if datum is not None else Datum(str(obj), "string")


class _MCPTriggerConverter(meta.InConverter, binding=None):
    """What the three MCP triggers share: raw input, text output, implicit output."""

    _input_types: tuple[type, ...] = (str, dict, bytes)

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        """Accept the raw payload types.

        :raises TypeError: ``pytype`` is not a class, as in the reference.
        """
        return check_raw_payload_annotation(cls, pytype, cls._input_types)

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> Any:
        return _raw_value(data)

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return _encode_text_result(obj)

    @classmethod
    def has_implicit_output(cls) -> bool:
        return True


class _MCPToolTriggerConverter(_MCPTriggerConverter, binding=MCP_TOOL_TRIGGER, trigger=True):
    """Serves ``mcpToolTrigger``: raw arguments in; text, ``mcp`` SDK results or content
    blocks (as JSON) out."""

    _input_types = (str, dict, bytes, MCPToolContext)

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Encode a tool result.

        :raises TypeError: A list starting with an ``mcp`` content block holds an item
            that is not one.
        """
        if _is_mcp_call_tool_result(obj) or _is_mcp_sdk_type(obj):
            return Datum(_jsonutils.dumps(_serialize_content_block(obj)), "string")
        if isinstance(obj, list) and obj and _is_mcp_sdk_type(obj[0]):
            blocks = [_serialize_content_block(item) for item in obj]
            return Datum(_jsonutils.dumps(blocks), "string")
        return _encode_text_result(obj)


class MCPResourceTriggerConverter(_MCPTriggerConverter, binding=MCP_RESOURCE_TRIGGER, trigger=True):
    """Serves ``mcpResourceTrigger``: raw request in; text or bytes out."""


class _MCPPromptTriggerConverter(_MCPTriggerConverter, binding=MCP_PROMPT_TRIGGER, trigger=True):
    """Serves ``mcpPromptTrigger``: a :class:`PromptInvocationContext` in; text out."""

    _input_types = (str, dict, bytes, MCPToolContext, PromptInvocationContext)

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> PromptInvocationContext:
        value = data.value
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        return PromptInvocationContext(value)


def __getattr__(name: str) -> Any:
    # The reference imports the mcp SDK when this module loads and keeps ``_mcp_types``
    # (``mcp.types`` or None) and ``_MCP_SDK_AVAILABLE``; azfunc looks only when asked.
    if name in ("_mcp_types", "_MCP_SDK_AVAILABLE"):
        import importlib

        try:
            mcp_types: Any = importlib.import_module("mcp.types")
        except ImportError:
            mcp_types = None
        return mcp_types if name == "_mcp_types" else mcp_types is not None
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
