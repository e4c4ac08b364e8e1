"""The binding contract: enums, :class:`Binding` and its trigger/input/output/setting kinds.

A binding class names its constructor parameters after the snake_case form of its
function.json keys; :class:`~azfunc.decorators.utils.BuildDictMeta` turns them into
the dict repr. Third-party bindings subclass :class:`Trigger`, :class:`InputBinding`
or :class:`OutputBinding` the same way.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, overload

from azfunc.decorators.utils import (
    ABCBuildDictMeta,
    InitParams,
    StringifyEnum,
    init_param_names,
    parse_singular_param_to_enum,
    to_camel_case,
)

SCRIPT_FILE_NAME = "function_app.py"


class BindingDirection(StringifyEnum):
    """Whether the host passes data into the function (IN) or takes it out (OUT)."""

    IN = 0
    OUT = 1
    INOUT = 2


class DataType(StringifyEnum):
    """How the host hands a binding's payload to the worker (emitted as ``dataType``)."""

    UNDEFINED = 0
    STRING = 1
    BINARY = 2
    STREAM = 3


class AuthLevel(StringifyEnum):
    """Which key an HTTP request must carry: none, a function key, or the master key."""

    FUNCTION = "function"
    ANONYMOUS = "anonymous"
    ADMIN = "admin"


class Cardinality(StringifyEnum):
    """Whether a trigger delivers one event per invocation or a batch."""

    ONE = "one"
    MANY = "many"


class AccessRights(StringifyEnum):
    """Service Bus access rights of the connection."""

    MANAGE = "manage"
    LISTEN = "listen"


class BlobSource(StringifyEnum):
    """How a blob trigger learns about new blobs (emitted as the member *value*)."""

    EVENT_GRID = "EventGrid"
    LOGS_AND_CONTAINER_SCAN = "LogsAndContainerScan"


class McpPropertyType(StringifyEnum):
    """JSON schema type of an MCP tool property; ``DATETIME`` is an alias of ``STRING``."""

    INTEGER = "integer"
    FLOAT = "float"
    STRING = "string"
    BOOLEAN = "boolean"
    OBJECT = "object"
    DATETIME = "string"


class _LazyDict:
    """A binding's or setting's ``_dict``: made on first read, then the instance's own.

    A registered function keeps its bindings until the worker indexes the app; the dict
    repr is needed only then, so it is not built (nor held in memory) before.
    """

    def _initial(self, instance: Any) -> dict[str, Any]:
        raise NotImplementedError

    @overload
    def __get__(self, instance: None, owner: type) -> _LazyDict: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> dict[str, Any]: ...
    def __get__(self, instance: object, owner: type | None = None) -> _LazyDict | dict[str, Any]:
        if instance is None:
            return self
        state = self._initial(instance)
        instance.__dict__["_dict"] = state
        return state


class _BindingDict(_LazyDict):
    """Starts with ``direction``, ``dataType`` and ``type`` as they were when the binding was
    made (as in the reference, later changes to them are not emitted)."""

    def _initial(self, instance: Any) -> dict[str, Any]:
        seed = instance.__dict__.get("_dict_seed")
        if seed is None:  # a subclass that did not call Binding.__init__
            seed = (instance._direction, instance._data_type, instance.type)
        return dict(zip(("direction", "dataType", "type"), seed, strict=True))


class _SettingDict(_LazyDict):
    """Starts with ``setting_name``."""

    def _initial(self, instance: Any) -> dict[str, Any]:
        return {"setting_name": instance.setting_name}


class Binding(ABC, metaclass=ABCBuildDictMeta):
    """One entry of a function's ``bindings`` in function.json.

    Subclasses implement :meth:`get_binding_name` and take their fields as
    ``__init__`` keyword parameters named after the snake_case function.json keys.

    :param name: The function parameter the binding feeds (``arg_name``), or ``$return``.
    :param direction: :class:`BindingDirection` of the data flow.
    :param data_type: A :class:`DataType` member or its name in any case.
    :param type: The binding type, used only when :meth:`get_binding_name` returns ``None``.
    :raises KeyError: ``data_type`` is a string that names no :class:`DataType` member.
    """

    EXCLUDED_INIT_PARAMS = {"self", "kwargs", "type", "data_type", "direction"}
    init_params = InitParams()

    @staticmethod
    @abstractmethod
    def get_binding_name() -> str | None:
        """Return the binding type string (``"queueTrigger"``), or ``None`` for generic ones."""

    def __init__(
        self,
        name: str,
        direction: BindingDirection,
        data_type: DataType | str | None = None,
        type: str | None = None,
    ) -> None:
        binding_name = self.get_binding_name()
        self.type = binding_name if binding_name is not None else type
        self.name = name
        self._direction = direction
        self._data_type = parse_singular_param_to_enum(data_type, DataType)
        # ``_dict`` (the dict repr being built) is created on first use from this seed: see
        # _BindingDict. A tuple is a third of the dict it stands for.
        self._dict_seed = (self._direction, self._data_type, self.type)

    _dict = _BindingDict()

    @property
    def data_type(self) -> int | None:
        """The :class:`DataType` value (an int), or ``None`` when unset."""
        return self._data_type.value if self._data_type is not None else None

    @property
    def direction(self) -> int:
        """The :class:`BindingDirection` value (an int)."""
        return int(self._direction.value)

    def _fill_dict(self) -> None:
        target = self._dict
        for param in dict.fromkeys(init_param_names(self)):
            if param not in self.EXCLUDED_INIT_PARAMS:
                target[to_camel_case(param)] = getattr(self, param, None)

    def get_dict_repr(self) -> dict[str, Any]:
        """Return this binding as its function.json dict, enum members kept, ``None`` dropped.

        Keys: ``direction``, ``dataType``, ``type``, ``name``, then the ``__init__``
        fields in signature order, then extra keywords in call order, all camelCase.

        :raises ValueError: an extra keyword is neither a word nor snake_case.
        """
        return self._dict


class Trigger(Binding, ABC, metaclass=ABCBuildDictMeta):
    """The one binding that starts a function (direction IN)."""

    @staticmethod
    def is_supported_trigger_type(trigger_instance: Binding, trigger_type: type[Trigger]) -> bool:
        """Tell whether ``trigger_instance`` is a ``trigger_type`` or carries its type string."""
        return (
            isinstance(trigger_instance, trigger_type)
            or trigger_instance.type == trigger_type.get_binding_name()
        )

    def __init__(
        self, name: str, data_type: DataType | str | None = None, type: str | None = None
    ) -> None:
        super().__init__(name=name, direction=BindingDirection.IN, data_type=data_type, type=type)


class InputBinding(Binding, ABC, metaclass=ABCBuildDictMeta):
    """A binding that passes data into the function (direction IN)."""

    def __init__(
        self, name: str, data_type: DataType | str | None = None, type: str | None = None
    ) -> None:
        super().__init__(name=name, direction=BindingDirection.IN, data_type=data_type, type=type)


class OutputBinding(Binding, ABC, metaclass=ABCBuildDictMeta):
    """A binding that takes data out of the function (direction OUT)."""

    def __init__(
        self, name: str, data_type: DataType | str | None = None, type: str | None = None
    ) -> None:
        super().__init__(name=name, direction=BindingDirection.OUT, data_type=data_type, type=type)


class Setting(ABC, metaclass=ABCBuildDictMeta):
    """Function metadata that is not a binding (retry policy, function name).

    Its dict repr keeps the raw parameter names (no camelCase) after ``setting_name``.

    :param setting_name: The key the setting is looked up by (``"retry_policy"``).
    """

    EXCLUDED_INIT_PARAMS = {"self", "kwargs", "setting_name"}
    init_params = InitParams()

    def __init__(self, setting_name: str) -> None:
        self.setting_name = setting_name
        # ``_dict`` is created on first use: see _SettingDict.

    _dict = _SettingDict()

    def get_setting_name(self) -> str:
        """Return the key this setting is looked up by."""
        return self.setting_name

    def _fill_dict(self) -> None:
        target = self._dict
        for param in dict.fromkeys(init_param_names(self)):
            if param not in self.EXCLUDED_INIT_PARAMS:
                target[param] = getattr(self, param, None)

    def get_dict_repr(self) -> dict[str, Any]:
        """Return ``{"setting_name": ..., <param>: <value>, ...}`` without ``None`` values."""
        return self._dict

    def get_settings_value(self, settings_attribute_key: str) -> Any:
        """Return the value of one field of this setting, or ``None`` when it is absent."""
        return self.get_dict_repr().get(settings_attribute_key)
