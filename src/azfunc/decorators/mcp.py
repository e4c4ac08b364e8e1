"""MCP (Model Context Protocol) trigger classes and the tool-inference helpers.

``app.mcp_tool()`` derives a tool from a Python function: its name, its docstring as
description, and one tool property per parameter. The helpers below do the inference:

- ``int`` → ``integer``, ``float`` → ``number``, ``str`` → ``string``, ``bool`` →
  ``boolean``, ``object`` → ``object``, ``datetime`` → ``string``; any other or no
  annotation → ``string``;
- ``Optional[X]`` and ``Union[X, ..., None]`` count as ``X`` and make the property
  optional, as does a default value; as in the reference, ``X | None`` written with
  builtin types (``int | None``) and string annotations (``from __future__ import
  annotations``) are "any other annotation";
- ``List[X]`` / ``list[X]`` (and bare ``typing.List``) make an array of ``X``;
- parameters annotated with ``MCPToolContext`` receive the whole invocation context and
  are not tool properties.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp
"""

from __future__ import annotations

import datetime
import inspect
import json
import textwrap
import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, Union, get_args, get_origin

from azfunc._mcp_call import is_mcp_sdk_class
from azfunc.decorators.constants import (
    MCP_PROMPT_TRIGGER,
    MCP_RESOURCE_TRIGGER,
    MCP_TOOL_TRIGGER,
)
from azfunc.decorators.core import DataType, McpPropertyType, Trigger
from azfunc.decorators.utils import parse_singular_param_to_enum

__all__ = [
    "MCPPromptTrigger",
    "MCPResourceTrigger",
    "PromptArgument",
    "build_property_metadata",
    "check_as_array",
    "check_is_required",
    "check_property_type",
    "has_mcp_content_marker",
    "mcp_content",
    "should_create_structured_content",
    "unwrap_optional",
]

T = TypeVar("T")

#: Tool property type of each Python type; anything else is ``"string"``.
_TYPE_MAPPING: dict[Any, str] = {
    int: "integer",
    float: "number",
    str: "string",
    bool: "boolean",
    object: "object",
    datetime.datetime: "string",
}

#: Attribute on the user function holding ``mcp_tool_property`` overrides, keyed by
#: parameter name (the reference's name, so functions decorated by either library agree).
TOOL_PROPERTIES_ATTRIBUTE = "__mcp_tool_properties__"

_NONE_TYPE = type(None)
# Only typing.Union, as in the reference: ``int | None`` (a types.UnionType) infers
# "string" and required, while ``typing.List[int] | None`` is a typing.Union.
_UNION_TYPES: tuple[Any, ...] = (Union,)
_ANY_UNION: tuple[Any, ...] = (Union, types.UnionType)


@dataclass
class PromptArgument:
    """One argument of an MCP prompt, as ``mcp_prompt_trigger(prompt_arguments=[...])`` lists it.

    :param name: Argument name the client fills in.
    :param description: What the argument means, shown to the client.
    :param required: Whether the client must supply it.
    """

    name: str
    description: str | None = None
    required: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"name", "description", "required"}``, as the host reads it."""
        return {"name": self.name, "description": self.description, "required": self.required}

    def serializer(obj: Any) -> Any:  # a plain function, as in the reference
        """The reference's ``json.dumps`` default: ``PromptArgument.serializer(obj)`` gives
        ``obj.to_dict()`` for a :class:`PromptArgument` and ``None`` for anything else."""
        return obj.to_dict() if isinstance(obj, PromptArgument) else None


def _prompt_arguments_json(arguments: Iterable[PromptArgument] | str | None) -> str | None:
    """Serialise prompt arguments to the compact JSON string the host reads (None if empty)."""
    if arguments is None or isinstance(arguments, str):
        return arguments or None
    items = list(arguments)
    for item in items:
        if not isinstance(item, PromptArgument):
            raise TypeError(
                f"prompt_arguments must hold PromptArgument objects, got {item!r} of type "
                f"{type(item).__name__}; write PromptArgument(name=..., description=..., "
                "required=...)."
            )
    if not items:
        return None
    return json.dumps([item.to_dict() for item in items], separators=(",", ":"))


class _MCPToolTrigger(Trigger):
    """``mcpToolTrigger``: run the function when an MCP client calls the tool.

    :param tool_properties: The tool's properties as a JSON string (a list of
        ``{"propertyName", "propertyType", "description", "isArray", "isRequired"}``).
    :param metadata: Extra tool metadata, as a JSON string.
    :param use_result_schema: Whether results are sent as structured MCP content; always
        emitted.
    """

    @staticmethod
    def get_binding_name() -> str:
        return MCP_TOOL_TRIGGER

    def __init__(
        self,
        name: str,
        tool_name: str,
        description: str | None = None,
        tool_properties: str | None = None,
        metadata: str | None = None,
        use_result_schema: bool = False,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.tool_name = tool_name
        self.description = description
        self.tool_properties = tool_properties
        self.metadata = metadata
        self.use_result_schema = use_result_schema
        super().__init__(name=name, data_type=data_type)


class MCPResourceTrigger(Trigger):
    """``mcpResourceTrigger``: run the function when an MCP client reads the resource.

    :param use_result_schema: Emitted only when given.
    """

    @staticmethod
    def get_binding_name() -> str:
        return MCP_RESOURCE_TRIGGER

    def __init__(
        self,
        name: str,
        uri: str,
        resource_name: str,
        title: str | None = None,
        description: str | None = None,
        mime_type: str | None = None,
        size: int | None = None,
        metadata: str | None = None,
        use_result_schema: bool | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.uri = uri
        self.resource_name = resource_name
        self.title = title
        self.description = description
        self.mime_type = mime_type
        self.size = size
        self.metadata = metadata
        self.use_result_schema = use_result_schema
        super().__init__(name=name, data_type=data_type)


class MCPPromptTrigger(Trigger):
    """``mcpPromptTrigger``: run the function when an MCP client gets the prompt.

    :param prompt_arguments: The prompt's arguments as the host reads them: the compact
        JSON string that ``mcp_prompt_trigger`` passes (see
        :func:`_prompt_arguments_json`). Kept as given, as in the reference.
    """

    @staticmethod
    def get_binding_name() -> str:
        return MCP_PROMPT_TRIGGER

    def __init__(
        self,
        name: str,
        prompt_name: str,
        prompt_arguments: Iterable[PromptArgument] | str | None = None,
        title: str | None = None,
        description: str | None = None,
        metadata: str | None = None,
        icons: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.prompt_name = prompt_name
        # Kept as given, as in the reference; the decorator passes the JSON string.
        self.prompt_arguments = prompt_arguments
        self.title = title
        self.description = description
        self.metadata = metadata
        self.icons = icons
        super().__init__(name=name, data_type=data_type)


# --- inference helpers (public names of the reference) ----------------------------------


def _is_union(pytype: Any) -> bool:
    return get_origin(pytype) in _UNION_TYPES


def _is_optional(pytype: Any) -> bool:
    return _is_union(pytype) and _NONE_TYPE in get_args(pytype)


def unwrap_optional(pytype: Any) -> Any:
    """Return ``X`` for ``Optional[X]`` (the first non-None member of a union with None).

    Other annotations, including unions without ``None``, are returned unchanged.
    """
    if _is_optional(pytype):
        return next(arg for arg in get_args(pytype) if arg is not _NONE_TYPE)
    return pytype


def check_as_array(param_type_hint: Any) -> bool:
    """Tell whether the annotation is a list (``List[X]``, ``list[X]``), optional or not.

    A bare ``list`` is not an array property (it has no item type); bare ``typing.List`` is.
    """
    return get_origin(unwrap_optional(param_type_hint)) is list


def check_property_type(pytype: Any, as_array: bool) -> str:
    """Return the tool property type (``"integer"``, ...) of an annotation.

    :param as_array: The annotation is a list; the type of its items is returned.
    """
    hint = unwrap_optional(pytype)
    if as_array:
        args = get_args(hint)
        hint = unwrap_optional(args[0]) if args else None
    return _TYPE_MAPPING.get(hint, "string") if _is_hashable(hint) else "string"


def _is_hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def check_is_required(param: inspect.Parameter, param_type_hint: Any) -> bool:
    """Tell whether a tool property is required: no default value and not optional."""
    return param.default is inspect.Parameter.empty and not _is_optional(param_type_hint)


def is_tool_context_annotation(annotation: Any) -> bool:
    """Tell whether a parameter annotation asks for the whole MCP invocation context.

    Matches ``MCPToolContext`` (a ``dict`` subclass of that name) without importing it.
    """
    return (
        isinstance(annotation, type)
        and annotation.__name__ == "MCPToolContext"
        and issubclass(annotation, dict)
    )


def build_property_metadata(
    sig: inspect.Signature,
    skip_param_names: Iterable[str],
    explicit_properties: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Return the tool properties of a signature, one dict per parameter.

    :param sig: The user function's signature (annotations evaluated).
    :param skip_param_names: Parameters fed by other bindings; they are no properties.
    :param explicit_properties: ``mcp_tool_property`` overrides by parameter name; their
        non-None values replace the inferred ones.
    """
    skip = set(skip_param_names)
    properties = []
    for param in sig.parameters.values():
        if param.name in skip or is_tool_context_annotation(param.annotation):
            continue
        hint = param.annotation
        as_array = check_as_array(hint)
        inferred = {
            "propertyName": param.name,
            "propertyType": check_property_type(hint, as_array),
            "description": "",
            "isArray": as_array,
            "isRequired": check_is_required(param, hint),
        }
        overrides = explicit_properties.get(param.name, {})
        inferred.update({k: v for k, v in overrides.items() if v is not None})
        properties.append(inferred)
    return properties


def has_mcp_content_marker(obj: Any) -> bool:
    """Tell whether ``obj`` (a class, or an instance of one) is marked with :func:`mcp_content`."""
    cls = obj if isinstance(obj, type) else type(obj)
    return bool(getattr(cls, "__mcp_content__", False))


def should_create_structured_content(obj: Any) -> bool:
    """Tell whether a tool result should be sent as structured content.

    ``None`` and plain JSON values (str, int, float, bool, dict, list) are not; objects of
    an :func:`mcp_content` class are.
    """
    if obj is None or isinstance(obj, (str, int, float, bool, dict, list)):
        return False
    return has_mcp_content_marker(obj)


def mcp_content(cls: type[T]) -> type[T]:
    """Mark a class whose instances an MCP tool returns as structured content.

    A tool whose return annotation is such a class (or ``Optional``/``Union`` of one) gets
    ``useResultSchema: true``; its results are sent with ``structuredContent``.
    """
    cls.__mcp_content__ = True  # type: ignore[attr-defined]
    return cls


# --- tool-level inference used by app.mcp_tool -------------------------------------------


def tool_signature(func: Callable[..., Any]) -> inspect.Signature:
    """Return the signature of ``func`` with string annotations evaluated where possible.

    Annotations that cannot be evaluated (``from __future__ import annotations`` naming
    a type only imported under ``TYPE_CHECKING``) stay strings and infer ``"string"``.
    """
    try:
        return inspect.signature(func, eval_str=True)
    except (NameError, SyntaxError, TypeError, AttributeError):
        return inspect.signature(func)


def tool_description(func: Callable[..., Any]) -> str:
    """Return the tool description: the dedented, stripped docstring, or ``""``."""
    return textwrap.dedent(func.__doc__ or "").strip()


def uses_result_schema(return_annotation: Any) -> bool:
    """Tell whether a return annotation asks for structured results.

    True for an MCP SDK class (``mcp.types``), an :func:`mcp_content` class, a
    ``typing.Union`` containing one (``A | B`` at the top is no union here, as in the
    reference), or a list of MCP SDK classes or of unions containing one, where
    ``list[TextContent | ImageContent]`` counts as ``List[Union[TextContent, ImageContent]]``
    (a deviation: the reference sent such results as one text block).
    """
    if _is_union(return_annotation):
        return any(_is_structured_class(arg) for arg in get_args(return_annotation))
    if get_origin(return_annotation) is list:
        return any(
            is_mcp_sdk_class(member)
            for item in get_args(return_annotation)
            for member in (get_args(item) if get_origin(item) in _ANY_UNION else (item,))
        )
    return _is_structured_class(return_annotation)


def _is_structured_class(annotation: Any) -> bool:
    return isinstance(annotation, type) and (
        is_mcp_sdk_class(annotation) or has_mcp_content_marker(annotation)
    )


def tool_property_override(
    description: str | None,
    property_type: McpPropertyType | str | None,
    is_required: bool,
    as_array: bool,
) -> dict[str, Any]:
    """Return the override record ``mcp_tool_property`` stores for one parameter.

    :raises KeyError: ``property_type`` is a string that names no :class:`McpPropertyType`.
    """
    parsed = parse_singular_param_to_enum(property_type, McpPropertyType)
    return {
        "description": description,
        "propertyType": parsed.value if parsed is not None else None,
        "isRequired": is_required,
        "isArray": as_array,
    }


def __getattr__(name: str) -> Any:
    # The reference imports MCPToolContext here; azfunc.mcp (a converter module, which
    # decorators do not import at import time) defines it.
    if name == "MCPToolContext":
        from azfunc.mcp import MCPToolContext

        return MCPToolContext
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
