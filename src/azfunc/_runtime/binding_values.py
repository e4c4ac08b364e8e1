"""Binding values on their way in and out: plain Python values or :class:`Datum` s,
decoded and encoded through the converter of each binding, as the worker does.

A binding without a registered converter is generic: it carries ``str``, ``bytes``
or JSON, as in the worker.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping

from azfunc import _abc, _jsonutils
from azfunc._runtime.signature import converter_for, takes_generic_value
from azfunc.meta import Datum

__all__ = ["decode_input", "encode_output", "to_datum", "to_trigger_metadata"]


def to_datum(value: object) -> Datum:
    """Wrap a plain Python value in the :class:`Datum` the host would send for it.

    ``str`` → ``string``; ``bytes`` → ``bytes``; ``int`` → ``int``; ``float`` →
    ``double``; ``dict``/``list``/``bool`` → ``json``; ``None`` → an empty datum; a
    :class:`Datum` is returned as it is.

    :raises TypeError: the value has no datum form; pass a :class:`Datum` instead.
    """
    if isinstance(value, Datum):
        return value
    if value is None:
        return Datum(None, None)
    if isinstance(value, str):
        return Datum(value, "string")
    if isinstance(value, (bytes, bytearray)):
        return Datum(bytes(value), "bytes")
    if isinstance(value, (bool, dict, list, tuple)):
        return Datum(_jsonutils.dumps(value), "json")
    if isinstance(value, int):
        return Datum(value, "int")
    if isinstance(value, float):
        return Datum(value, "double")
    raise TypeError(
        f"cannot turn {value!r} of type {type(value).__name__} into binding data: pass "
        "a str, bytes, int, float, dict, list, a value of the parameter's type, or an "
        "azfunc.meta.Datum"
    )


def to_trigger_metadata(metadata: Mapping[str, object] | None) -> dict[str, Datum]:
    """Turn trigger metadata given as plain values or datums into datums."""
    return {key: to_datum(value) for key, value in (metadata or {}).items()}


def _is_instance(value: object, annotation: object) -> bool:
    """Whether ``value`` already is what a parameter annotated ``annotation`` wants."""
    if annotation is None:
        return not isinstance(value, Datum)
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        return isinstance(value, annotation)
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if isinstance(a, type)]
    if isinstance(origin, type) and isinstance(value, origin) and args:
        return all(isinstance(item, tuple(args)) for item in value)  # type: ignore[attr-defined]
    return False


def _generic_decode(data: Datum) -> object:
    if data.type == "json":
        return data.value  # JSON text, as the worker's generic binding hands it over
    return data.python_value


def decode_input(
    binding_type: str,
    value: object,
    *,
    annotation: object,
    trigger_metadata: Mapping[str, Datum] | None,
) -> object:
    """Return what a parameter annotated ``annotation`` receives for ``value``.

    A value that already has the annotated type is passed as it is; anything else is
    turned into a :class:`Datum` and decoded by the binding's converter, except for a
    ``str`` or ``bytes`` parameter, which gets the raw value as the worker's generic
    binding gives it (see :func:`~azfunc._runtime.signature.takes_generic_value`). A stream
    decoded for a ``str`` or ``bytes`` parameter is read.

    :raises TypeError: the value has no datum form.
    :raises ValueError: the converter cannot decode it (its own message).
    """
    if not isinstance(value, Datum) and _is_instance(value, annotation):
        return value
    data = to_datum(value)
    converter = converter_for(binding_type)
    decoded = (
        _generic_decode(data)
        if converter is None
        or not hasattr(converter, "decode")
        or takes_generic_value(binding_type, annotation)
        else converter.decode(data, trigger_metadata=trigger_metadata)
    )
    if annotation in (str, bytes) and isinstance(decoded, _abc.InputStream):
        content = decoded.read()
        return content.decode("utf-8") if annotation is str else content
    if annotation is str and isinstance(decoded, bytes):
        return decoded.decode("utf-8")
    return decoded


def encode_output(
    binding_type: str, value: object, *, expected_type: object, is_return: bool = False
) -> Datum | None:
    """Encode a returned or ``Out`` value for the host through the binding's converter.

    As in the worker, an ``Out[str]`` or ``Out[bytes]`` parameter goes through the
    generic binding instead (see :func:`~azfunc._runtime.signature.takes_generic_value`); a
    return value (``is_return``) always goes through the converter.

    :raises NotImplementedError: the converter cannot encode the value's type.
    :raises TypeError: a generic binding got a value that is not str, bytes or JSON-able.
    """
    converter = converter_for(binding_type)
    generic = not is_return and takes_generic_value(binding_type, expected_type)
    if converter is not None and hasattr(converter, "encode") and not generic:
        expected = expected_type if isinstance(expected_type, type) else None
        encoded: Datum | None = converter.encode(value, expected_type=expected)
        return encoded
    if isinstance(value, (str, bytes, bytearray)):
        return to_datum(value)
    try:
        return Datum(json.dumps(value), "json")
    except TypeError as error:
        raise TypeError(
            f"cannot send {type(value).__name__} to the {binding_type!r} binding: it has no "
            "converter, so it takes str, bytes or JSON-serialisable values"
        ) from error
