"""Datums as the host types them: the encoding most output converters share (text and
bytes as they are), and the typed values of payloads and trigger metadata that the
testing kit's builders and the local host's storage listeners send."""

from __future__ import annotations

import builtins
import datetime

from azfunc import _jsonutils
from azfunc.meta import Datum

__all__ = [
    "body_datum",
    "int_datum",
    "json_datum",
    "metadata",
    "string_datum",
    "text_or_bytes_datum",
    "time_datum",
    "time_text",
]


def text_or_bytes_datum(obj: object) -> Datum | None:
    """Return ``obj`` as a ``string`` datum (a ``str``) or a ``bytes`` datum (``bytes``
    or ``bytearray``), or ``None`` for any other type, for the converter to handle."""
    if isinstance(obj, str):
        return Datum(obj, "string")
    if isinstance(obj, (bytes, bytearray)):
        return Datum(bytes(obj), "bytes")
    return None


def string_datum(value: str) -> Datum:
    """A ``string`` datum."""
    return Datum(value, "string")


def int_datum(value: int) -> Datum:
    """An ``int`` datum (the host sends .NET ``int`` and ``long`` values this way)."""
    return Datum(value, "int")


def json_datum(value: object) -> Datum:
    """A ``json`` datum holding ``value`` serialised."""
    return Datum(_jsonutils.dumps(value), "json")


def time_text(value: datetime.datetime) -> str:
    """ISO 8601 text of ``value``: an aware value in UTC (``+00:00``), a naive one without
    a zone, the forms azure-functions 1.26.0 reads (it rejects other offsets)."""
    if value.utcoffset() is not None:
        value = value.astimezone(datetime.timezone.utc)
    return value.isoformat()


def time_datum(value: datetime.datetime) -> Datum:
    """A ``json`` datum of a timestamp: the host JSON-serialises ``DateTime`` values."""
    return json_datum(time_text(value))


def body_datum(body: str | bytes | bytearray) -> Datum:
    """A message body: ``str`` as ``string``, bytes as ``bytes``."""
    if isinstance(body, str):
        return string_datum(body)
    return Datum(builtins.bytes(body), "bytes")


def metadata(**entries: Datum | None) -> dict[str, Datum]:
    """The trigger metadata from ``Name=datum`` pairs, leaving out ``None`` entries
    (the host omits values it does not have)."""
    return {name: datum for name, datum in entries.items() if datum is not None}
