"""The one encoding most output converters share: text and bytes as they are."""

from __future__ import annotations

from azfunc.meta import Datum

__all__ = ["text_or_bytes_datum"]


def text_or_bytes_datum(obj: object) -> Datum | None:
    """Return ``obj`` as a ``string`` datum (a ``str``) or a ``bytes`` datum (``bytes``
    or ``bytearray``), or ``None`` for any other type, for the converter to handle."""
    if isinstance(obj, str):
        return Datum(obj, "string")
    if isinstance(obj, (bytes, bytearray)):
        return Datum(bytes(obj), "bytes")
    return None
