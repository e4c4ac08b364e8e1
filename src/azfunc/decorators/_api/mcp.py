"""MCP (Model Context Protocol) decorators: tools, resources and prompts."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from azfunc.decorators._builder import (
    DecoratorApi,
    FunctionBuilder,
    FunctionDecorator,
    _mark_coroutine_function,
)
from azfunc.decorators.core import DataType, McpPropertyType

# The MCP binding classes and helpers (azfunc.decorators.mcp, azfunc._mcp_call) load when
# an MCP decorator is first used: ``import azfunc`` does not need them.
if TYPE_CHECKING:
    from azfunc.decorators.mcp import PromptArgument

F = TypeVar("F", bound=Callable[..., Any])


def _make_tool(
    builder: FunctionBuilder[Any, Any], metadata: str | None, use_result_schema: bool | None
) -> FunctionBuilder[Any, Any]:
    """Add the inferred ``mcpToolTrigger`` to ``builder`` and install the call wrapper."""
    from azfunc._mcp_call import CONTEXT_PARAMETER, make_tool_wrapper
    from azfunc.decorators.mcp import (
        TOOL_PROPERTIES_ATTRIBUTE,
        _MCPToolTrigger,
        build_property_metadata,
        is_tool_context_annotation,
        tool_description,
        tool_signature,
        uses_result_schema,
    )

    func = builder._function.get_user_function()
    # The metadata reads the annotations as written, as the reference does (a string
    # annotation infers "string"); the call wrapper evaluates them to find the
    # MCPToolContext parameters, which the reference failed to pass when quoted.
    signature = inspect.signature(func)
    binding_names = [b.name for b in builder._function.get_bindings()]
    overrides: dict[str, dict[str, Any]] = getattr(func, TOOL_PROPERTIES_ATTRIBUTE, {})
    unknown = sorted(set(overrides) - set(signature.parameters))
    if unknown:
        import warnings  # on first use: Python 3.13 no longer loads it at startup

        warnings.warn(
            f"mcp_tool_property names {unknown} but function {func.__name__!r} has no such "
            f"parameter (it has {list(signature.parameters)}); the override is ignored.",
            stacklevel=3,
        )
    schema = bool(use_result_schema) or uses_result_schema(signature.return_annotation)
    builder.add_trigger(
        _MCPToolTrigger(
            name=CONTEXT_PARAMETER,
            tool_name=func.__name__,
            description=tool_description(func),
            tool_properties=json.dumps(
                build_property_metadata(signature, binding_names, overrides)
            ),
            metadata=metadata,
            use_result_schema=schema,
        )
    )
    builder._function._func = make_tool_wrapper(
        func,
        binding_names=[name for name in binding_names if name.isidentifier()],
        context_parameters={
            name: param.annotation
            for name, param in tool_signature(func).parameters.items()
            if is_tool_context_annotation(param.annotation)
        },
        use_result_schema=schema,
    )
    _mark_coroutine_function(builder)
    return builder


def _store_tool_property(target: F, *, arg_name: str, override: dict[str, Any]) -> F:
    """Record ``override`` for ``arg_name`` on the user function and return ``target`` as is."""
    from azfunc.decorators.mcp import TOOL_PROPERTIES_ATTRIBUTE, _MCPToolTrigger

    if isinstance(target, FunctionBuilder):
        trigger = target._function.get_trigger()
        if isinstance(trigger, _MCPToolTrigger):
            import warnings  # on first use: Python 3.13 no longer loads it at startup

            warnings.warn(
                f"mcp_tool_property(arg_name={arg_name!r}) is applied above mcp_tool() on "
                f"function {target._function.get_function_name()!r} and has no effect; "
                "put it below @app.mcp_tool().",
                stacklevel=2,
            )
            return target
        func: Callable[..., Any] = target._function.get_user_function()
    elif callable(target):
        func = target
    else:
        raise ValueError("Unsupported type for function app decorator found.")
    properties = dict(getattr(func, TOOL_PROPERTIES_ATTRIBUTE, {}))
    properties[arg_name] = override
    setattr(func, TOOL_PROPERTIES_ATTRIBUTE, properties)
    return target


class _McpTriggers(DecoratorApi):
    def mcp_tool_trigger(
        self,
        arg_name: str,
        tool_name: str,
        description: str | None = None,
        tool_properties: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when an MCP client calls a tool described by hand.

        Emits an ``mcpToolTrigger`` binding (direction IN) into function.json;
        ``useResultSchema`` is always emitted (``false`` unless given as a keyword). To
        derive everything from the function's signature, use :meth:`mcp_tool` instead.

        :param arg_name: Parameter that receives the invocation context as JSON text
            (``{"arguments": {...}, ...}``), or as :class:`~azfunc.MCPToolContext`.
        :param tool_name: Tool name MCP clients see.
        :param description: What the tool does, for the model to decide when to call it.
        :param tool_properties: The tool's properties as a JSON string: a list of
            ``{"propertyName", "propertyType", "description", "isArray", "isRequired"}``.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase
            (``metadata``, ``use_result_schema``).
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp-trigger
        """
        from azfunc.decorators.mcp import _MCPToolTrigger

        return self._add_trigger(
            _MCPToolTrigger(
                name=arg_name,
                tool_name=tool_name,
                description=description,
                tool_properties=tool_properties,
                data_type=data_type,
                **kwargs,
            )
        )

    def mcp_tool(
        self, metadata: str | None = None, use_result_schema: bool | None = False
    ) -> FunctionDecorator:
        """Make the function an MCP tool, described by its own signature and docstring.

        Emits an ``mcpToolTrigger`` binding (direction IN) named ``context`` into
        function.json: the tool name is the function's ``__name__``, the description its
        dedented docstring, and each parameter becomes a tool property (types,
        ``Optional``, lists and defaults as :mod:`azfunc.decorators.mcp` describes).
        Parameters fed by bindings applied below this decorator, and parameters annotated
        :class:`~azfunc.MCPToolContext` (which receive the whole invocation context), are
        not properties. Refine a property with :meth:`mcp_tool_property` applied *below*.

        The worker then calls an async wrapper that takes the context JSON, calls the
        function with the matching arguments (awaiting it if async), and returns the
        result as a string: ``str(result)``, or with a result schema a JSON envelope with
        ``structuredContent``. The decorated name's ``__wrapped__`` is the function itself.

        :param metadata: Extra tool metadata as a JSON string, emitted unchanged.
        :param use_result_schema: Send results as structured content. It is switched on
            anyway when the return annotation is an MCP SDK type, an
            :func:`~azfunc.mcp_content` class, or a union with one.
        :raises ValueError: the function already has a trigger.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp-trigger
        """
        return self._configure_function_builder(
            functools.partial(_make_tool, metadata=metadata, use_result_schema=use_result_schema)
        )

    def mcp_tool_property(
        self,
        arg_name: str,
        description: str | None = None,
        property_type: McpPropertyType | str | None = None,
        is_required: bool = True,
        as_array: bool = False,
    ) -> Callable[[F], F]:
        """Describe one tool property of an :meth:`mcp_tool` function beyond its annotation.

        Apply it *below* ``@app.mcp_tool()``; it returns the function unchanged and adds
        no binding. Given values replace the inferred ones; because ``is_required`` and
        ``as_array`` have defaults, a decorated property is required and not an array
        unless they are set.

        :param arg_name: The parameter the property describes.
        :param description: What the property means, shown to the client.
        :param property_type: A :class:`~azfunc.McpPropertyType` member or its name in any
            case; the inferred type when omitted.
        :param is_required: Whether the client must supply the property.
        :param as_array: Whether the property is a list of ``property_type``.
        :raises KeyError: ``property_type`` is a string that names no
            :class:`~azfunc.McpPropertyType` member.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp-trigger
        """
        from azfunc.decorators.mcp import tool_property_override

        return functools.partial(
            _store_tool_property,
            arg_name=arg_name,
            override=tool_property_override(description, property_type, is_required, as_array),
        )

    def mcp_resource_trigger(
        self,
        arg_name: str,
        uri: str,
        resource_name: str,
        title: str | None = None,
        description: str | None = None,
        mime_type: str | None = None,
        size: int | None = None,
        metadata: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when an MCP client reads a resource; return its content.

        Emits an ``mcpResourceTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the request context as JSON text.
        :param uri: The resource URI clients read, e.g. ``"file://readme.md"``.
        :param resource_name: Resource name clients see.
        :param title: Human-readable title.
        :param description: What the resource holds.
        :param mime_type: MIME type of the content, e.g. ``"text/markdown"``.
        :param size: Size of the content in bytes, when known.
        :param metadata: Extra resource metadata as a JSON string, emitted unchanged.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp
        """
        from azfunc.decorators.mcp import MCPResourceTrigger

        return self._add_trigger(
            MCPResourceTrigger(
                name=arg_name,
                uri=uri,
                resource_name=resource_name,
                title=title,
                description=description,
                mime_type=mime_type,
                size=size,
                metadata=metadata,
                data_type=data_type,
                **kwargs,
            )
        )

    def mcp_prompt_trigger(
        self,
        arg_name: str,
        prompt_name: str,
        prompt_arguments: Iterable[PromptArgument] | None = None,
        title: str | None = None,
        description: str | None = None,
        metadata: str | None = None,
        icons: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when an MCP client gets a prompt; return the prompt's messages.

        Emits an ``mcpPromptTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the request, as
            :class:`~azfunc.PromptInvocationContext` (``name``, ``arguments``).
        :param prompt_name: Prompt name clients see.
        :param prompt_arguments: The prompt's arguments as :class:`~azfunc.PromptArgument`
            objects; emitted as a compact JSON string, omitted when empty.
        :param title: Human-readable title.
        :param description: What the prompt is for.
        :param metadata: Extra prompt metadata as a JSON string, emitted unchanged.
        :param icons: Icons of the prompt as a JSON string, emitted unchanged.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises TypeError: ``prompt_arguments`` holds something other than
            :class:`~azfunc.PromptArgument` objects.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-mcp
        """
        from azfunc.decorators.mcp import MCPPromptTrigger, _prompt_arguments_json

        return self._add_trigger(
            MCPPromptTrigger(
                name=arg_name,
                prompt_name=prompt_name,
                prompt_arguments=_prompt_arguments_json(prompt_arguments),
                title=title,
                description=description,
                metadata=metadata,
                icons=icons,
                data_type=data_type,
                **kwargs,
            )
        )
