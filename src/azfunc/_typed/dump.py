"""Returned values as JSON values: :func:`to_jsonable` for any value, and
:func:`compile_dumper` for values of a known annotation, read without looking up their
kind on every call."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import typing
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from azfunc._typed.models import UNION_TYPES, is_class, is_typed_dict

__all__ = ["Dumper", "compile_dumper", "jsonable_model", "to_jsonable"]

_PLAIN = frozenset({str, int, float, bool, type(None)})
Dumper = Callable[[Any], Any]
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(kind)
    if names is None:
        if dataclasses.is_dataclass(kind):
            names = tuple(f.name for f in dataclasses.fields(kind))
        else:
            names = tuple(a.name for a in attrs.fields(kind))
        _FIELD_NAMES[kind] = names
    return names


def to_jsonable(value: Any) -> Any:
    """Return ``value`` as plain JSON values: models become objects, enums their value,
    ``datetime``/``date`` ISO 8601 text, ``UUID`` text, tuples and sets lists.

    :raises TypeError: ``value`` holds something with no JSON form.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if kind in (list, tuple, set, frozenset):
        return [to_jsonable(v) for v in value]
    if kind in _FIELD_NAMES or dataclasses.is_dataclass(kind) or attrs.has(kind):
        return {name: to_jsonable(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    dump = getattr(value, "model_dump", None)
    if callable(dump):  # a pydantic model
        return dump(mode="json")
    if isinstance(value, (int, float, str)):
        return value
    raise TypeError(f"{kind.__name__} {value!r} has no JSON form; return a model, dict or list")


def _is_plain(tp: object) -> bool:
    """Whether values annotated ``tp`` are JSON values already (``str``, ``list[int]``,
    ``dict[str, float | None]``, …), which the JSON encoder takes as they are."""
    if tp in _PLAIN:
        return True
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (list, dict) or origin in UNION_TYPES:
        return bool(args) and all(_is_plain(a) for a in args)
    return False


def _list_dumper(item: Dumper) -> Dumper:
    def dump(value: Any) -> Any:
        if type(value) is list:
            return [item(v) for v in value]
        return to_jsonable(value)

    return dump


def _fields_dumper(tp: type, fields: tuple[tuple[str, Dumper | None], ...]) -> Dumper:
    def dump(value: Any) -> Any:
        if type(value) is tp:
            return {
                name: getattr(value, name) if field is None else field(getattr(value, name))
                for name, field in fields
            }
        return to_jsonable(value)

    return dump


def _keys_dumper(fields: dict[str, Dumper | None]) -> Dumper:
    def dump(value: Any) -> Any:
        if type(value) is dict:
            found = {}
            for key, item in value.items():
                field = fields.get(key, to_jsonable)
                found[str(key)] = item if field is None else field(item)
            return found
        return to_jsonable(value)

    return dump


def _identity(value: Any) -> Any:
    return value


def compile_dumper(tp: object) -> Dumper:
    """Compile what turns a value annotated ``tp`` into JSON values, for a JSON encoder:
    as :func:`to_jsonable`, with the fields of ``tp``'s models read without looking up
    their kind on every call. Values the annotation says are JSON values already
    (``str``, ``list[int]``) are passed as they are: when one is not, the encoder
    raises ``TypeError``, and :func:`to_jsonable` is the way to dump the value then."""
    if _is_plain(tp):
        return _identity
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list and args:
        return _list_dumper(compile_dumper(args[0]))
    if is_class(tp) and (
        dataclasses.is_dataclass(tp) or attrs.has(tp) or is_typed_dict(tp)
    ):
        found = _DUMPERS.get(tp)
        if found is None:
            _DUMPERS[tp] = lambda value: dumper(value)  # a model that holds itself
            try:
                hints = typing.get_type_hints(tp)
            except Exception:
                del _DUMPERS[tp]  # no placeholder left behind for the next try
                raise
            if is_typed_dict(tp):
                dumper = _keys_dumper({name: _field_dumper(h) for name, h in hints.items()})
            else:
                fields = tuple(
                    (name, _field_dumper(hints.get(name, Any))) for name in _field_names(tp)
                )
                dumper = _fields_dumper(tp, fields)
            _DUMPERS[tp] = found = dumper
        return found
    return to_jsonable


def _field_dumper(tp: object) -> Dumper | None:
    return None if _is_plain(tp) else compile_dumper(tp)


_DUMPERS: dict[type, Dumper] = {}



def jsonable_model(value: Any) -> Any:
    """``value`` with its models turned into plain JSON values (:func:`to_jsonable`), or
    ``value`` itself when it holds something else, left for the JSON encoder to judge."""
    try:
        return to_jsonable(value)
    except TypeError:
        return value


