"""The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of models and simple types:
:func:`json_schema`."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import inspect
import typing
import uuid
from typing import Any

from azfunc._typed.dump import to_jsonable
from azfunc._typed.models import (
    EMPTY,
    OPTIONAL_KEY,
    REQUIRED,
    UNION_TYPES,
    fields_of,
    is_class,
    is_model,
    is_pydantic,
)

__all__ = ["json_schema"]

_SCHEMAS: dict[object, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
    None: {"type": "null"},
    uuid.UUID: {"type": "string", "format": "uuid"},
    datetime.datetime: {"type": "string", "format": "date-time"},
    datetime.date: {"type": "string", "format": "date"},
}


def _jsonable_default(value: Any) -> tuple[bool, Any]:
    try:
        return True, to_jsonable(value)
    except TypeError:
        return False, None


def json_schema(tp: object, components: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON Schema (2020-12, as OpenAPI 3.1 uses it) of annotation ``tp``;
    each model is put in ``components`` under its class name and referred to there."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any or tp is object or tp is EMPTY:
        return {}
    if tp in _SCHEMAS:
        return dict(_SCHEMAS[tp])
    if origin is typing.Annotated:
        return json_schema(args[0], components)
    if origin in UNION_TYPES:
        return {"anyOf": [json_schema(a, components) for a in args]}
    if origin is typing.Literal:
        return {"enum": [to_jsonable(a) for a in args]}
    if is_class(tp) and issubclass(tp, enum.Enum):
        return {"enum": [to_jsonable(m.value) for m in tp], "title": tp.__name__}
    if tp in (list, tuple, set, frozenset) or origin in (list, tuple, set, frozenset):
        schema: dict[str, Any] = {"type": "array"}
        if args:
            schema["items"] = json_schema(args[0], components)
        return schema
    if tp is dict or origin is dict:
        schema = {"type": "object"}
        if len(args) == 2:
            schema["additionalProperties"] = json_schema(args[1], components)
        return schema
    if is_class(tp) and is_pydantic(tp):
        return _pydantic_schema(tp, components)
    if is_class(tp) and is_model(tp):
        return _model_schema(tp, components)
    return {}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _model_schema(tp: type, components: dict[str, Any]) -> dict[str, Any]:
    name = tp.__name__
    if name in components:
        return _ref(name)
    components[name] = {}  # a placeholder while the fields are described (recursion)
    properties: dict[str, Any] = {}
    required: list[str] = []
    fields, _ = fields_of(tp)
    for key, _keyword, annotation, default in fields:
        schema = json_schema(annotation, components)
        if default is REQUIRED:
            required.append(key)
        elif default is not OPTIONAL_KEY and not callable(default):
            ok, shown = _jsonable_default(default)
            if ok:
                schema = {**schema, "default": shown}
        properties[key] = schema
    schema = {"type": "object", "title": name, "properties": properties}
    if required:
        schema["required"] = required
    doc = _own_doc(tp)
    if doc:
        schema["description"] = doc
    components[name] = schema
    return _ref(name)


def _own_doc(tp: type) -> str | None:
    doc = tp.__dict__.get("__doc__")
    if not doc or (dataclasses.is_dataclass(tp) and doc.startswith(f"{tp.__name__}(")):
        return None  # the signature dataclasses writes when there is no docstring
    return inspect.cleandoc(doc)


def _pydantic_schema(tp: Any, components: dict[str, Any]) -> dict[str, Any]:
    name = tp.__name__
    if name not in components:
        schema = tp.model_json_schema(ref_template="#/components/schemas/{model}")
        for def_name, definition in schema.pop("$defs", {}).items():
            components.setdefault(def_name, definition)
        components[name] = schema
    return _ref(name)



