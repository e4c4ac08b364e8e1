"""Converter of the Logic Apps connector trigger (``connectorTrigger``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _jsonutils, meta
from azfunc._raw_annotation import check_raw_payload_annotation
from azfunc.decorators.constants import CONNECTOR_TRIGGER
from azfunc.meta import Datum

__all__ = ["ConnectorTriggerConverter"]


def _raw_value(data: Datum) -> Any:
    """The datum's value as the host sent it: JSON stays text, other types decode."""
    if data.type in ("json", "string", "bytes"):
        return data.value
    return data.python_value


class ConnectorTriggerConverter(meta.InConverter, binding=CONNECTOR_TRIGGER, trigger=True):
    """Passes a connector trigger's payload through unparsed (``str``, ``bytes`` or the raw
    value) and returns the function's result as text."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        """Accept ``str``, ``dict`` and ``bytes``.

        :raises TypeError: ``pytype`` is not a class, as in the reference.
        """
        return check_raw_payload_annotation(cls, pytype, (str, dict, bytes))

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> Any:
        return _raw_value(data)

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Encode the function's result: ``None`` as ``""``, a dict as JSON text, bytes as
        bytes, anything else as ``str(obj)``."""
        if obj is None:
            return Datum("", "string")
        if isinstance(obj, str):
            return Datum(obj, "string")
        if isinstance(obj, (bytes, bytearray)):
            return Datum(bytes(obj), "bytes")
        if isinstance(obj, dict):
            return Datum(_jsonutils.dumps(obj), "string")
        return Datum(str(obj), "string")

    @classmethod
    def has_implicit_output(cls) -> bool:
        return True
