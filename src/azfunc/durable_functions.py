"""Durable Functions converters: orchestration, entity and activity triggers and the
durable client binding."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from azfunc import meta
from azfunc._datum import text_or_bytes_datum
from azfunc._durable_functions import EntityContext, OrchestrationContext, df_dumps, df_loads
from azfunc.decorators.constants import (
    ACTIVITY_TRIGGER,
    DURABLE_CLIENT,
    ENTITY_TRIGGER,
    ORCHESTRATION_TRIGGER,
)
from azfunc.meta import Datum

__all__ = [
    "ActivityTriggerConverter",
    "DurableClientConverter",
    "EnitityTriggerConverter",
    "OrchestrationTriggerConverter",
]


def _context_body(data: Datum | None, kind: str) -> str | bytes:
    if data is not None and isinstance(data.value, (str, bytes)):
        return data.value
    received = "no datum (None)" if data is None else f"a datum of type {data.type!r}"
    raise NotImplementedError(
        f"cannot decode the {kind} trigger payload: got {received}; the host sends the "
        f"context as JSON text ('json', 'string' or 'bytes')"
    )


class _ContextTriggerConverter(meta.InConverter, meta.OutConverter, binding=None):
    """Gives a durable function its context object and returns its result to the host
    unchanged, as ``json``: the Durable SDK has already produced the JSON the host expects."""

    #: The context class the trigger delivers.
    _context_type: type[OrchestrationContext] | type[EntityContext]
    #: The trigger's kind, as error messages name it.
    _kind: str

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, cls._context_type)

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return True

    @classmethod
    def decode(cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None) -> Any:
        return cls._context_type(_context_body(data, cls._kind))

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return Datum(obj, "json")

    @classmethod
    def has_implicit_output(cls) -> bool:
        return True


class OrchestrationTriggerConverter(
    _ContextTriggerConverter, binding=ORCHESTRATION_TRIGGER, trigger=True
):
    """Gives an orchestrator its :class:`~azfunc.OrchestrationContext` and returns its
    result to the host unchanged, as ``json``."""

    _context_type = OrchestrationContext
    _kind = "orchestration"


class EnitityTriggerConverter(_ContextTriggerConverter, binding=ENTITY_TRIGGER, trigger=True):
    """Gives an entity function its :class:`~azfunc.EntityContext` and returns its result
    to the host unchanged, as ``json``. (The misspelt name is the reference's.)"""

    _context_type = EntityContext
    _kind = "entity"


class ActivityTriggerConverter(
    meta.InConverter, meta.OutConverter, binding=ACTIVITY_TRIGGER, trigger=True
):
    """Decodes an activity's input with :func:`~azfunc._durable_functions.df_loads` and
    encodes its result with :func:`~azfunc._durable_functions.df_dumps`."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return True

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return True

    @classmethod
    def decode(cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None) -> Any:
        """Return the input decoded from JSON; text that is not JSON is returned as is.

        :raises NotImplementedError: The datum is not ``json`` or ``string`` (or is ``None``).
        :raises ValueError: The JSON holds an object envelope that cannot be rebuilt.
        """
        if data is None or data.type not in ("json", "string"):
            received = None if data is None else data.type
            raise NotImplementedError(f"unsupported activity trigger payload type: {received}")
        try:
            return df_loads(data.value)
        except json.JSONDecodeError:
            return data.value
        except Exception as err:
            # Exception type and text of the reference.
            raise ValueError(
                f"activity trigger input must be a string or a valid json serializable "
                f"({data.value})"
            ) from err

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Encode the activity result as JSON.

        :raises ValueError: ``obj`` is not JSON-serialisable and has no ``to_json``.
        """
        try:
            return Datum(df_dumps(obj), "json")
        except TypeError as err:
            raise ValueError(f"activity trigger output must be json serializable ({obj})") from err

    @classmethod
    def has_implicit_output(cls) -> bool:
        return True


# Python type → datum type of the durable client's output values.
_CLIENT_OUTPUT_TYPES: tuple[tuple[type, str], ...] = (
    (dict, "dict"),
    (list, "list"),
    (bool, "bool"),
    (int, "int"),
    (float, "double"),
)


class DurableClientConverter(meta.InConverter, meta.OutConverter, binding=DURABLE_CLIENT):
    """Passes the durable client's connection info (JSON text) through as ``str``."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, (str, bytes))

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, (str, bytes, bytearray))

    @classmethod
    def decode(
        cls, data: Datum | None, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> str | bytes | None:
        """Return the raw value of a ``string``, ``json`` or ``bytes`` datum (JSON is not
        parsed); ``None`` for no datum or a datum of type ``None``.

        :raises ValueError: The datum has another type.
        """
        if data is None:
            return None
        if data.type in ("string", "json", "bytes"):
            value: str | bytes = data.value
            return value
        if data.type is None:
            return None
        raise ValueError(
            f"unexpected type of data received for the 'durableClient' binding: {data.type!r}; "
            f"expected 'string', 'json' or 'bytes'"
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        if (datum := text_or_bytes_datum(obj)) is not None:
            return datum
        if obj is None:
            return Datum(None, None)
        for python_type, datum_type in _CLIENT_OUTPUT_TYPES:
            if isinstance(obj, python_type):
                return Datum(obj, datum_type)
        raise NotImplementedError(
            f"cannot send {type(obj).__name__} through the 'durableClient' binding: expected "
            f"str, bytes, dict, list, bool, int, float or None"
        )

    @classmethod
    def has_trigger_support(cls) -> bool:
        return False
