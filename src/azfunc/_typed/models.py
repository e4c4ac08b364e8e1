"""Models and simple types as typed HTTP functions use them: turn request values into
them, collecting every field error (:mod:`azfunc._typed.dump` turns values into JSON,
:mod:`azfunc._typed.schema` describes them with JSON Schema).

A *model* is a dataclass, a ``TypedDict``, an attrs class, or a pydantic v2
``BaseModel`` (read through its own API, so pydantic is never imported here). A
*simple type* is ``str``, ``int``, ``float``, ``bool``, ``uuid.UUID``, ``datetime``,
``date``, an ``Enum``, a ``Literal``, ``Any``, or an optional or union of those.

Each annotation is compiled once into a :data:`Converter`: a function that takes a
value and the location of it (``("body", "price")``), appends a :class:`FieldError`
for every problem it finds and returns the converted value, or :data:`INVALID`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import enum
import inspect
import types
import typing
import uuid
from collections.abc import Callable
from typing import Any, TypeGuard

import attrs

__all__ = [
    "EMPTY",
    "INVALID",
    "OPTIONAL_KEY",
    "REQUIRED",
    "UNION_TYPES",
    "Converter",
    "FieldError",
    "compile_converter",
    "fields_of",
    "is_class",
    "is_model",
    "is_model_like",
    "is_pydantic",
    "is_typed_dict",
    "model_from_json",
]


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


#: What a converter returns for a value it rejected (its errors are in the list).
INVALID: Any = _Invalid()
#: The default of a field that has none: the field is required.
REQUIRED: Any = dataclasses.MISSING


@attrs.frozen
class FieldError:
    """One reason a value was rejected.

    Attributes:
        loc: Where the value is: ``("query", "limit")``, ``("body", "tags", 0)``.
        msg: What is wrong with it, for people.
        type: A stable code: ``missing``, ``int_parsing``, ``string_type``, ….
    """

    loc: tuple[str | int, ...]
    msg: str
    type: str

    def as_dict(self) -> dict[str, Any]:
        """The error as the ``errors`` member of a problem document has it."""
        return {"loc": list(self.loc), "msg": self.msg, "type": self.type}


Loc = tuple[str | int, ...]
#: ``converter(value, loc, errors) -> converted value or INVALID``.
Converter = Callable[[Any, Loc, list[FieldError]], Any]

#: The marker of a parameter without annotation.
EMPTY = inspect.Parameter.empty
_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})
#: The origins of ``Optional[X]``, ``Union[X, Y]`` and ``X | Y``.
UNION_TYPES: tuple[Any, ...] = (typing.Union, types.UnionType)


def is_class(tp: object) -> TypeGuard[type]:
    """Tell whether ``tp`` is a class, not a parametrised generic such as ``list[int]``
    (which Python 3.10 also calls a ``type``, and ``issubclass`` refuses)."""
    return isinstance(tp, type) and not isinstance(tp, types.GenericAlias)


def is_pydantic(tp: object) -> bool:
    return is_class(tp) and callable(getattr(tp, "model_validate", None)) and any(
        base.__module__.startswith("pydantic") for base in tp.__mro__[1:]
    )


def is_typed_dict(tp: object) -> bool:
    return is_class(tp) and issubclass(tp, dict) and hasattr(tp, "__required_keys__")


def is_model(tp: object) -> bool:
    """Tell whether ``tp`` is a model class: a dataclass, ``TypedDict``, attrs class or
    pydantic ``BaseModel``."""
    return is_class(tp) and (
        dataclasses.is_dataclass(tp) or attrs.has(tp) or is_typed_dict(tp) or is_pydantic(tp)
    )


def is_model_like(tp: object) -> bool:
    """Tell whether ``tp`` is read from a JSON body rather than a query string: a model,
    ``dict``, or a list of models (optional or not)."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in UNION_TYPES:
        return any(is_model_like(a) for a in args if a is not type(None))
    if origin is typing.Annotated:
        return is_model_like(args[0])
    if tp is dict or origin is dict or is_model(tp):
        return True
    return origin in (list, tuple, set, frozenset) and bool(args) and is_model_like(args[0])


# -- conversion ----------------------------------------------------------------------------


def _error(errors: list[FieldError], loc: Loc, msg: str, code: str) -> Any:
    errors.append(FieldError(loc, msg, code))
    return INVALID


def _any(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
    return value


def _str(text: bool) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is str:
            return value
        return _error(errors, loc, "Input should be a valid string", "string_type")

    return convert


def _number(kind: type, other: type, what: str, code: str) -> Callable[[bool], Converter]:
    """The converter maker of ``int`` (``other``: an integral ``float`` is taken) or
    ``float`` (``other``: any ``int`` is taken); from text, ``kind(value)`` decides."""

    def make(text: bool) -> Converter:
        def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
            found = type(value)
            if found is kind:
                return value
            if found is other and (kind is float or value.is_integer()):
                return kind(value)
            if text and found is str:
                try:
                    return kind(value)
                except ValueError:
                    pass
            return _error(errors, loc, f"Input should be a valid {what}", code)

        return convert

    return make


_int = _number(int, float, "integer", "int_parsing")
_float = _number(float, int, "number", "float_parsing")


def _bool(text: bool) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is bool:
            return value
        if text and type(value) is str:
            lowered = value.lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        return _error(errors, loc, "Input should be a valid boolean", "bool_parsing")

    return convert


def _none(text: bool) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if value is None:
            return None
        return _error(errors, loc, "Input should be null", "none_required")

    return convert


def _parsed(parse: Callable[[str], Any], what: str, code: str) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is str:
            try:
                return parse(value)
            except ValueError:
                pass
        return _error(errors, loc, f"Input should be a valid {what}", code)

    return convert


def _iso_datetime(value: str) -> datetime.datetime:
    if value.endswith(("Z", "z")):  # fromisoformat reads "Z" only from Python 3.11
        value = value[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(value)


_SIMPLE: dict[object, Callable[[bool], Converter]] = {
    str: _str,
    int: _int,
    float: _float,
    bool: _bool,
    type(None): _none,
    None: _none,
    uuid.UUID: lambda text: _parsed(uuid.UUID, "UUID", "uuid_parsing"),
    datetime.datetime: lambda text: _parsed(_iso_datetime, "datetime", "datetime_parsing"),
    datetime.date: lambda text: _parsed(datetime.date.fromisoformat, "date", "date_parsing"),
}


def _literal(options: tuple[Any, ...], text: bool) -> Converter:
    by_text = {str(o).lower() if isinstance(o, bool) else str(o): o for o in options}
    shown = ", ".join(repr(o) for o in options)

    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if value in options and type(value) in {type(o) for o in options}:
            return value
        if text and type(value) is str and value in by_text:
            return by_text[value]
        return _error(errors, loc, f"Input should be {shown}", "literal_error")

    return convert


def _enum(tp: type[enum.Enum], text: bool) -> Converter:
    values = [member.value for member in tp]
    inner = _literal(tuple(values), text)

    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        found = inner(value, loc, errors)
        return INVALID if found is INVALID else tp(found)

    return convert


def _union(members: list[Converter]) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        tried: list[FieldError] = []
        for member in members:
            found = member(value, loc, tried)
            if found is not INVALID:
                return found
        errors.extend(tried)
        return INVALID

    return convert


def _optional(member: Converter) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        return None if value is None else member(value, loc, errors)

    return convert


def _sequence(item: Converter, build: type) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is not list:
            return _error(errors, loc, "Input should be a valid list", "list_type")
        count = len(errors)
        items = [item(element, (*loc, i), errors) for i, element in enumerate(value)]
        if len(errors) != count:
            return INVALID
        return items if build is list else build(items)

    return convert


def _mapping(item: Converter) -> Converter:
    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is not dict:
            return _error(errors, loc, "Input should be a valid object", "dict_type")
        count = len(errors)
        items = {key: item(element, (*loc, key), errors) for key, element in value.items()}
        return INVALID if len(errors) != count else items

    return convert


#: One field of a model: (name in the JSON object, keyword argument, converter, default).
_Field = tuple[str, str, Converter, Any]


def fields_of(tp: type) -> tuple[list[tuple[str, str, object, Any]], bool]:
    """The fields of a dataclass, attrs class or TypedDict: (key, keyword, annotation,
    default or REQUIRED), and whether the result is the dict itself (TypedDict)."""
    hints = typing.get_type_hints(tp)
    if dataclasses.is_dataclass(tp):
        fields = []
        for field in dataclasses.fields(tp):
            if not field.init:
                continue
            default = field.default
            if field.default_factory is not dataclasses.MISSING:
                default = field.default_factory
            fields.append((field.name, field.name, hints.get(field.name, Any), default))
        return fields, False
    if attrs.has(tp):
        found = []
        for attribute in attrs.fields(tp):
            if not attribute.init:
                continue
            default = attribute.default
            if default is attrs.NOTHING:
                default = REQUIRED
            elif isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory
            annotation = hints.get(attribute.name, attribute.type or Any)
            found.append((attribute.name, attribute.alias or attribute.name, annotation, default))
        return found, False
    required = tp.__required_keys__  # type: ignore[attr-defined]
    return [
        (name, name, annotation, REQUIRED if name in required else OPTIONAL_KEY)
        for name, annotation in hints.items()
    ], True


class _OptionalKey:
    pass


#: The default of a ``TypedDict`` key that is not required: the key may be absent.
OPTIONAL_KEY: Any = _OptionalKey()


def _model(tp: type, cache: dict[object, Converter]) -> Converter:
    fields: list[_Field] = []
    key = (tp, False)  # a model's fields are JSON values, whether in a body or a query
    cache[key] = lambda value, loc, errors: convert(value, loc, errors)  # a recursive model
    try:
        raw, is_dict = fields_of(tp)
        for name, keyword, annotation, default in raw:
            fields.append((name, keyword, _compile(annotation, False, cache), default))
    except Exception:
        del cache[key]  # no placeholder left behind for the next try
        raise
    name = tp.__name__

    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        if type(value) is not dict:
            return _error(errors, loc, f"Input should be an object ({name})", "model_type")
        count = len(errors)
        arguments: dict[str, Any] = {}
        for key, keyword, field, default in fields:
            if key in value:
                arguments[keyword] = field(value[key], (*loc, key), errors)
            elif default is REQUIRED:
                _error(errors, (*loc, key), "Field required", "missing")
            # else the class applies its own default (a TypedDict's key stays absent)
        if len(errors) != count:
            return INVALID
        if is_dict:
            return arguments
        try:
            return tp(**arguments)
        except (ValueError, TypeError) as error:  # __post_init__ or an attrs validator
            return _error(errors, loc, f"Value error, {error}", "value_error")

    return convert


def _pydantic(tp: Any) -> Converter:
    from pydantic import ValidationError  # present: tp is a pydantic model

    def convert(value: Any, loc: Loc, errors: list[FieldError]) -> Any:
        try:
            return tp.model_validate(value)
        except ValidationError as error:
            for found in error.errors(include_url=False):
                errors.append(FieldError((*loc, *found["loc"]), found["msg"], found["type"]))
            return INVALID

    return convert


def _compile(tp: object, text: bool, cache: dict[object, Converter]) -> Converter:
    key = (tp, text)
    try:
        if key in cache:
            return cache[key]
    except TypeError:  # an unhashable annotation
        pass
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    converter: Converter
    if tp is Any or tp is object or tp is EMPTY:
        converter = _any
    elif tp in _SIMPLE:
        converter = _SIMPLE[tp](text)
    elif origin is typing.Annotated:
        converter = _compile(args[0], text, cache)
    elif origin in UNION_TYPES:
        members = [a for a in args if a is not type(None)]
        inner = (
            _compile(members[0], text, cache)
            if len(members) == 1
            else _union([_compile(a, text, cache) for a in members])
        )
        converter = _optional(inner) if len(members) < len(args) else inner
    elif origin is typing.Literal:
        converter = _literal(args, text)
    elif is_class(tp) and issubclass(tp, enum.Enum):
        converter = _enum(tp, text)
    elif tp in (list, tuple, set, frozenset) or origin in (list, tuple, set, frozenset):
        build = typing.cast(type, origin or tp)
        converter = _sequence(_compile(args[0] if args else Any, text, cache), build)
    elif tp is dict or origin is dict:
        converter = _mapping(_compile(args[1] if len(args) == 2 else Any, text, cache))
    elif is_pydantic(tp):
        converter = _pydantic(tp)
    elif is_model(tp):
        converter = _model(typing.cast(type, tp), cache)
    else:
        raise TypeError(
            f"{tp!r} is neither a model (dataclass, TypedDict, attrs class, pydantic model) "
            "nor a simple type (str, int, float, bool, UUID, datetime, date, Enum, Literal)"
        )
    with contextlib.suppress(TypeError):  # an unhashable annotation
        cache[key] = converter
    return converter


_CACHE: dict[object, Converter] = {}


def compile_converter(tp: object, *, text: bool = False) -> Converter:
    """Compile the converter of annotation ``tp``.

    :param tp: The annotation (resolved, not a string).
    :param text: The values are query or route strings: ``"3"`` is an ``int``,
        ``"true"`` a ``bool``; otherwise they are decoded JSON.
    :raises TypeError: ``tp`` is neither a model nor a simple type.
    """
    return _compile(tp, text, _CACHE)


def model_from_json(tp: object, data: Any) -> Any:
    """Return ``data`` (decoded JSON) as annotation ``tp`` says, converted and validated
    as a typed body is.

    :raises TypeError: ``tp`` is neither a model nor a simple type.
    :raises ValueError: ``data`` does not fit ``tp``; the message lists every field error.
    """
    errors: list[FieldError] = []
    value = compile_converter(tp)(data, (), errors)
    if errors:
        lines = "\n".join(
            f"- {'.'.join(map(str, e.loc)) or '(the value)'}: {e.msg} [{e.type}]" for e in errors
        )
        shown = getattr(tp, "__name__", None) or repr(tp)
        raise ValueError(f"The JSON does not fit {shown}:\n{lines}")
    return value
