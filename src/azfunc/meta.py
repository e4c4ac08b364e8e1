"""Typed binding data and the converters between it and Python values.

The host hands every binding's payload over as a :class:`Datum` (a value and a
type name such as ``"string"`` or ``"json"``), plus trigger metadata: a mapping
of names to more datums. A converter decodes a datum into what the function's
parameter asks for and encodes return and ``Out`` values back into a datum.

A converter class registers itself, under the binding type it serves, when its
class statement runs::

    class QueueMessageInConverter(InConverter, binding="queueTrigger", trigger=True):
        ...

:func:`get_binding_registry` returns the registry the worker looks converters up in.
"""

from __future__ import annotations

import abc
import builtins
import collections.abc
import datetime
import typing
from collections.abc import Mapping
from typing import Any, ClassVar, TypeAlias

import attrs

from azfunc import _jsonutils, _utils
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc._utils import try_parse_datetime_with_formats as try_parse_datetime_with_formats
from azfunc._utils import try_parse_timedelta_with_formats as try_parse_timedelta_with_formats

__all__ = [
    "ConverterRegistry",
    "Datum",
    "InConverter",
    "OutConverter",
    "get_binding_registry",
    "is_iterable_type_annotation",
    "iterable_item_types",
]

#: Datum types whose value is a protobuf-like object with a list attribute.
_COLLECTION_FIELDS = {
    "collection_string": "string",
    "collection_bytes": "bytes",
    "collection_double": "double",
    "collection_sint64": "sint64",
}
_SCALAR_TYPES = frozenset({"bytes", "string", "int", "double"})
_REPR_VALUE_WIDTH = 10

PythonType: TypeAlias = "type | tuple[type, ...]"


@attrs.define(unsafe_hash=True, repr=False)
class Datum:
    """A binding value as the host sends it: the raw ``value`` and its ``type`` name.

    Two datums are equal when they are of the same class with equal value and type.

    Attributes:
        value: The payload (``str``, ``bytes``, ``int``, ``float``, JSON text, a
            collection object, or for HTTP a dict of further datums).
        type: The host's name for the payload's type (``"string"``, ``"bytes"``,
            ``"json"``, ``"collection_bytes"``, ``"http"``, …) or ``None``.
    """

    value: Any
    type: str | None

    @property
    def python_value(self) -> Any:
        """The value as a Python object: JSON is decoded, collections become lists.

        ``None`` when the value or the type is ``None``.
        """
        if self.value is None or self.type is None:
            return None
        if self.type in _SCALAR_TYPES:
            return self.value
        if self.type == "json":
            return _jsonutils.loads(self.value)
        field = _COLLECTION_FIELDS.get(self.type)
        if field is not None:
            return list(getattr(self.value, field))
        return self.value

    @property
    def python_type(self) -> builtins.type:
        """The type of :attr:`python_value`."""
        return type(self.python_value)

    def __repr__(self) -> str:
        value = repr(self.value)
        if len(value) > _REPR_VALUE_WIDTH:
            value = value[:_REPR_VALUE_WIDTH] + "..."
        return f"<Datum {self.type} {value}>"


@attrs.define
class ConverterRegistry:
    """The converters known to the worker, by binding type (``"queueTrigger"``, …).

    Converter classes add themselves through their class keywords; there is one
    registry, returned by :func:`get_binding_registry`.

    Attributes:
        _converters: Converter class by binding type name.
    """

    _converters: dict[str, type[_BaseConverter]] = attrs.Factory(dict)

    def register(
        self, binding: str, converter: type[_BaseConverter], *, replace: bool = False
    ) -> None:
        """Make ``converter`` the converter of ``binding``.

        :param binding: A binding type name as function.json spells it.
        :param converter: The converter class.
        :param replace: Whether an existing entry may be overwritten.
        :raises RuntimeError: ``binding`` already has a converter and ``replace`` is false.
        """
        if not replace and binding in self._converters:
            raise RuntimeError(
                f"cannot register a converter for {binding!r} binding: "
                f"another converter for this binding has already been registered"
            )
        self._converters[binding] = converter

    def get(self, binding_name: str) -> type[_BaseConverter] | None:
        """Return the converter of ``binding_name``, or ``None`` if it has none."""
        return self._converters.get(binding_name)

    def bindings(self) -> list[str]:
        """Return the binding type names that have a converter, in registration order."""
        return list(self._converters)

    def __contains__(self, binding_name: object) -> bool:
        return binding_name in self._converters

    # What else callers used on the reference's registry (its converter metaclass):

    @property
    def _bindings(self) -> dict[str, type[_BaseConverter]]:
        """The converter class by binding type name (the reference's attribute)."""
        return self._converters

    @staticmethod
    def has_trigger_support(converter: type[_BaseConverter]) -> bool:
        """Return ``converter.has_trigger_support()``, as the reference's registry does."""
        return converter.has_trigger_support()


_REGISTRY = ConverterRegistry()

#: The modules whose converter classes fill the registry when they are defined. ``import
#: azfunc`` loads none of them; :func:`get_binding_registry` imports them all the first time
#: it is called, so the registry it returns is always complete.
CONVERTER_MODULES = (
    "azfunc.blob",
    "azfunc.connectors",
    "azfunc.cosmosdb",
    "azfunc.durable_functions",
    "azfunc.eventgrid",
    "azfunc.eventhub",
    "azfunc.http",
    "azfunc.kafka",
    "azfunc.mcp",
    "azfunc.mysql",
    "azfunc.queue",
    "azfunc.servicebus",
    "azfunc.sql",
    "azfunc.timer",
    "azfunc.warmup",
)
_loaded = False


def get_binding_registry() -> ConverterRegistry:
    """Return the registry of converters, keyed by binding type name.

    The first call imports every module of :data:`CONVERTER_MODULES` (their converters
    register as they are defined), so the registry holds all of azfunc's converters.
    """
    global _loaded
    if not _loaded:
        import importlib

        _loaded = True  # before the imports: they register through _REGISTRY directly
        for name in CONVERTER_MODULES:
            importlib.import_module(name)
    return _REGISTRY


class _BindingsView:
    """``_ConverterMeta._bindings``: the registry's live ``{binding type: converter}`` dict."""

    def __get__(self, instance: object, owner: type | None = None) -> dict[str, Any]:
        return get_binding_registry()._converters


class _ConverterMeta(abc.ABCMeta):
    """The metaclass of converters, kept for the reference's names.

    Registration happens in :meth:`_BaseConverter.__init_subclass__`; this class only
    answers the reference's lookups: ``_bindings`` (the registry's dict, read-only view),
    :meth:`get` and :meth:`has_trigger_support`.
    """

    _bindings = _BindingsView()

    @classmethod
    def get(cls, binding_name: str) -> type[_BaseConverter] | None:
        """Return the converter of ``binding_name``, or ``None`` if it has none."""
        return get_binding_registry().get(binding_name)

    def has_trigger_support(cls) -> bool:
        """Return whether the converter class can serve a trigger binding."""
        return getattr(cls, "_trigger", None) is not None


class _BaseConverter(abc.ABC, metaclass=_ConverterMeta):
    """Shared helpers of the converters; subclass :class:`InConverter` / :class:`OutConverter`."""

    #: The ``trigger`` class keyword: ``True``, a second binding name, or ``None``.
    _trigger: ClassVar[str | bool | None] = None

    def __init_subclass__(
        cls, *, binding: str | None, trigger: str | bool | None = None, **kwargs: Any
    ) -> None:
        """Register a converter class under ``binding`` (and ``trigger``, if a name).

        :param binding: The binding type the class converts, or ``None`` for an
            abstract intermediate class that should not be registered.
        :param trigger: ``True`` if the binding is a trigger; a string registers the
            class under that second binding type too (and implies trigger support).
        :raises RuntimeError: Another converter is already registered for ``binding``.
        """
        super().__init_subclass__(**kwargs)
        cls._trigger = trigger
        if binding is not None:
            _REGISTRY.register(binding, cls)
            if isinstance(trigger, str):
                _REGISTRY.register(trigger, cls, replace=True)

    @classmethod
    def has_trigger_support(cls) -> bool:
        """Return whether the converter can serve a trigger binding."""
        return cls._trigger is not None

    @classmethod
    def _is_type_or_iterable_of(cls, pytype: object, valid: PythonType) -> bool:
        """Return whether ``pytype`` is a subclass of ``valid`` or an iterable generic
        (``list[X]``, ``typing.List[X]``, …) whose item classes all are.

        For the converters whose reference check raises ``TypeError`` on generics
        (Cosmos DB, SQL, MySQL); the others use :meth:`_is_type_or_typing_iterable_of`.
        """
        if isinstance(pytype, type) and typing.get_origin(pytype) is None:
            return issubclass(pytype, valid)
        items = iterable_item_types(pytype)
        return bool(items) and all(issubclass(item, valid) for item in items)

    @classmethod
    def _is_type_or_typing_iterable_of(
        cls, pytype: object, valid: PythonType, items: PythonType | None = None
    ) -> bool:
        """Return whether ``pytype`` is a subclass of ``valid`` or a ``typing`` iterable
        generic of ``items`` (default ``valid``), by :func:`is_iterable_type_annotation`,
        as the reference's converters check."""
        if isinstance(pytype, type) and typing.get_origin(pytype) is None:
            return issubclass(pytype, valid)
        return is_iterable_type_annotation(pytype, valid if items is None else items)

    @classmethod
    def _decode_typed_data(
        cls, data: Datum, *, python_type: PythonType, context: str = "data"
    ) -> Any:
        """Decode ``data`` and coerce the result to ``python_type``.

        With a tuple of types the value is checked, not coerced. A datum of type
        ``None`` decodes to ``None``.

        :raises ValueError: The datum type is not decodable (``bytes`` included), or
            the value does not convert to ``python_type``.
        """
        if data.type is None:
            return None
        if data.type == "json":
            result = _jsonutils.loads(data.value)
        elif data.type in ("string", "int", "double") or data.type in _COLLECTION_FIELDS:
            result = data.value
        else:
            raise ValueError(f"unsupported type of {context}: {data.type}")

        if isinstance(python_type, tuple):
            if not isinstance(result, python_type):
                expected = ", ".join(t.__name__ for t in python_type)
                raise ValueError(
                    f"unexpected value type in {context}: "
                    f"{type(result).__name__}, expected one of: {expected}"
                )
            return result
        try:
            return python_type(result)
        except (TypeError, ValueError) as err:
            raise ValueError(
                f"cannot convert value of {context} into {python_type.__name__}: {err}"
            ) from err

    @classmethod
    def _decode_trigger_metadata_field(
        cls, trigger_metadata: Mapping[str, Datum], field: str, *, python_type: PythonType
    ) -> Any:
        """Decode the trigger metadata entry ``field``; ``None`` if it is missing."""
        data = trigger_metadata.get(field)
        if data is None:
            return None
        return cls._decode_typed_data(
            data, python_type=python_type, context=f"field {field!r} in trigger metadata"
        )

    @classmethod
    def _metadata_text(cls, trigger_metadata: Mapping[str, Datum], field: str) -> str | None:
        """The trigger metadata entry ``field`` as text; ``None`` if it is missing."""
        text: str | None = cls._decode_trigger_metadata_field(
            trigger_metadata, field, python_type=str
        )
        return text

    @classmethod
    def _parse_datetime_metadata(
        cls, trigger_metadata: Mapping[str, Datum], field: str
    ) -> datetime.datetime | None:
        """Parse the trigger metadata entry ``field`` with :meth:`_parse_datetime`."""
        return cls._parse_datetime(cls._metadata_text(trigger_metadata, field))

    @classmethod
    def _parse_timedelta_metadata(
        cls, trigger_metadata: Mapping[str, Datum], field: str
    ) -> datetime.timedelta | None:
        """Parse the trigger metadata entry ``field`` with :meth:`_parse_timedelta`."""
        return cls._parse_timedelta(cls._metadata_text(trigger_metadata, field))

    @classmethod
    def _parse_datetime_utc(
        cls, datetime_str: str
    ) -> tuple[datetime.datetime | None, Exception | None]:
        """Parse ``datetime_str`` with the reference's UTC ``strptime`` formats.

        A timestamp ending in ``Z``, ``+00:00`` or ``-00:00``, ISO or ``MM/DD/YYYY hh:mm:ss``,
        with an optional fraction of up to six digits.

        :returns: ``(naive datetime, None)``, or ``(None, error)`` with the ``ValueError``
            of the last format tried.
        """
        value, _, error = try_parse_datetime_with_formats(datetime_str, _utils.UTC_FORMATS)
        return value, error

    @classmethod
    def _parse_datetime_local(
        cls, datetime_str: str
    ) -> tuple[datetime.datetime | None, Exception | None]:
        """Parse ``datetime_str`` with the reference's zone-less ``strptime`` formats.

        ``YYYY-MM-DDThh:mm:ss`` or ``MM/DD/YYYYThh:mm:ss``, with an optional fraction.

        :returns: ``(naive datetime, None)``, or ``(None, error)`` with the ``ValueError``
            of the last format tried.
        """
        value, _, error = try_parse_datetime_with_formats(datetime_str, _utils.LOCAL_FORMATS)
        return value, error

    @classmethod
    def _parse_timedelta_internal(
        cls, timedelta_str: str
    ) -> tuple[datetime.timedelta | None, Exception | None]:
        """Parse ``timedelta_str`` as ``hh:mm:ss``, ``mm:ss`` or whole seconds (``int()``).

        :returns: ``(timedelta, None)``, or ``(None, error)`` with the ``ValueError`` of
            ``int(timedelta_str)``.
        """
        value, _, _ = try_parse_timedelta_with_formats(timedelta_str, _utils.TIMEDELTA_FORMATS)
        if value is not None:
            return value, None
        try:
            return datetime.timedelta(seconds=int(timedelta_str)), None
        except ValueError as err:
            return None, err

    @classmethod
    def _parse_datetime(cls, datetime_str: str | None) -> datetime.datetime | None:
        """Parse a timestamp; see :func:`azfunc._utils.parse_datetime`."""
        return _utils.parse_datetime(datetime_str)

    @classmethod
    def _parse_timedelta(cls, timedelta_str: str | None) -> datetime.timedelta | None:
        """Parse a duration; see :func:`azfunc._utils.parse_timedelta`."""
        return _utils.parse_timedelta(timedelta_str)


class InConverter(_BaseConverter, binding=None):
    """Decodes a binding's :class:`Datum` into the value a function parameter receives."""

    @classmethod
    @abc.abstractmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        """Return whether a parameter annotated ``pytype`` can receive this binding."""

    @classmethod
    @abc.abstractmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> Any:
        """Turn ``data`` (and the trigger metadata, for triggers) into a Python value."""

    @classmethod
    def has_implicit_output(cls) -> bool:
        """Return whether the binding sends the function's return value back without an
        explicit output binding (as durable triggers do). ``False`` by default."""
        return False


class OutConverter(_BaseConverter, binding=None):
    """Encodes a returned or ``Out`` value into the :class:`Datum` the host receives."""

    @classmethod
    @abc.abstractmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        """Return whether a value annotated ``pytype`` can be sent to this binding."""

    @classmethod
    @abc.abstractmethod
    def encode(cls, obj: Any, *, expected_type: type | None) -> Datum | None:
        """Turn ``obj`` into a datum for the host.

        :raises NotImplementedError: The converter cannot encode ``obj``'s type.
        """


def is_iterable_type_annotation(annotation: object, pytype: object) -> bool:
    """Return whether ``annotation`` is a ``typing`` iterable generic of ``pytype`` or a base.

    True for ``typing.List[QueueMessage]`` or ``typing.Iterable[QueueMessage]`` with
    ``pytype=QueueMessage`` (or a subclass of it); ``pytype`` may also be a tuple of
    types, any of which may match, and an item may be a ``Union`` that ``pytype`` is part
    of. As in azure-functions 1.26.0, only ``typing`` generics count (``list[X]`` and
    ``collections.abc.Iterable[X]`` do not), every type argument is an item
    (``Dict[str, int]`` is an iterable of ``str`` and of ``int``), and tuples are not
    iterable annotations. Forward references and nested generics, for which the
    reference raises ``TypeError``, give False.
    """
    if type(annotation).__module__ != "typing":
        return False
    args = _typing_iterable_args(annotation)
    candidates = pytype if isinstance(pytype, tuple) else (pytype,)
    return any(
        isinstance(candidate, type) and issubclass(candidate, item)
        for candidate in candidates
        for arg in args
        for item in _arg_classes(arg)
    )


def _typing_iterable_args(annotation: object) -> tuple[object, ...]:
    origin = typing.get_origin(annotation)
    if (
        not isinstance(origin, type)
        or not issubclass(origin, collections.abc.Iterable)
        or issubclass(origin, tuple)
    ):
        return ()
    return typing.get_args(annotation)


def _arg_classes(arg: object) -> tuple[type, ...]:
    """The classes a type argument stands for: itself, or the members of a ``Union``."""
    if typing.get_origin(arg) is typing.Union:
        return tuple(
            member
            for member in typing.get_args(arg)
            if isinstance(member, type) and typing.get_origin(member) is None
        )
    if isinstance(arg, type) and typing.get_origin(arg) is None:
        return (arg,)
    return ()


def iterable_item_types(annotation: object) -> tuple[type, ...]:
    """Return the item classes of an iterable generic annotation, else ``()``.

    ``list[str]`` and ``typing.List[str]`` give ``(str,)``; ``dict[str, int]`` gives
    ``(str, int)``. Tuples, unions, bare classes and non-class arguments give nothing.

    .. versionadded:: 0.1 (azfunc addition)
    """
    origin = typing.get_origin(annotation)
    if (
        not isinstance(origin, type)
        or not issubclass(origin, collections.abc.Iterable)
        or issubclass(origin, tuple)
    ):
        return ()
    return tuple(
        arg
        for arg in typing.get_args(annotation)
        if isinstance(arg, type) and typing.get_origin(arg) is None
    )
