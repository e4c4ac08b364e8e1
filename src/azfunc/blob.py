"""Blob converter and the stream a blob trigger or input binding delivers."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from azfunc import _abc, _jsonutils, meta
from azfunc._datum import text_or_bytes_datum
from azfunc.decorators.constants import BLOB, BLOB_TRIGGER
from azfunc.meta import Datum

__all__ = ["BlobConverter", "InputStream"]


class InputStream(_abc.InputStream):
    """A read-only, non-seekable stream over a blob's content.

    :param data: The blob content.
    :param name: The blob's path, ``container/name``.
    :param uri: The blob's URI.
    :param length: The blob's size in bytes.
    :param blob_properties: The blob's system properties (``ContentType``, ``ETag``, …).
    :param metadata: The blob's user-defined metadata.
    """

    def __init__(
        self,
        *,
        data: bytes,
        name: str | None = None,
        uri: str | None = None,
        length: int | None = None,
        blob_properties: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self._io = io.BytesIO(data)
        self._name = name
        self._length = length
        self._uri = uri
        self._blob_properties = blob_properties
        self._metadata = metadata

    @property
    def name(self) -> str | None:
        """The blob's path, ``container/name``."""
        return self._name

    @property
    def length(self) -> int | None:
        """The blob's size in bytes."""
        return self._length

    @property
    def uri(self) -> str | None:
        """The blob's URI."""
        return self._uri

    @property
    def blob_properties(self) -> dict[str, Any] | None:
        """The blob's system properties, as the trigger metadata gave them."""
        return self._blob_properties

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The blob's user-defined metadata."""
        return self._metadata

    def read(self, size: int | None = -1) -> bytes:
        """Read and return up to ``size`` bytes; all remaining bytes when ``size`` is ``-1``."""
        return self._io.read(size)

    def read1(self, size: int | None = -1) -> bytes:
        """Same as :meth:`read`."""
        return self._io.read(size)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False


_OUTPUT_TYPES = (str, bytes, bytearray, _abc.InputStream)


def _json_metadata(trigger_metadata: Mapping[str, Datum], field: str) -> dict[str, Any] | None:
    """The JSON object in ``field``, or ``None`` if it is missing, not JSON or not an object."""
    data = trigger_metadata.get(field)
    if data is None or data.type != "json":
        return None
    try:
        value = _jsonutils.loads(data.value)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class BlobConverter(meta.InConverter, meta.OutConverter, binding=BLOB, trigger=BLOB_TRIGGER):
    """Decodes a blob into an :class:`InputStream`, ``bytes`` or ``str``; encodes ``str``,
    ``bytes`` or anything with a ``read()`` method. Serves ``blob`` and ``blobTrigger``."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, (_abc.InputStream, bytes, str))

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and (
            issubclass(pytype, _OUTPUT_TYPES) or callable(getattr(pytype, "read", None))
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        if callable(getattr(obj, "read", None)):
            obj = obj.read()
        if (datum := text_or_bytes_datum(obj)) is not None:
            return datum
        raise NotImplementedError(
            f"cannot write {type(obj).__name__} to a blob: expected str, bytes, bytearray "
            f"or an object with a read() method"
        )

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> InputStream | None:
        if data is None or data.type is None:
            return None
        if data.type == "string":
            content = data.value.encode("utf-8")
        elif data.type == "bytes":
            content = data.value if data.value is not None else b""
        else:
            raise ValueError(
                f'unexpected type of data received for the "blob" binding : {data.type!r}'
            )
        if not trigger_metadata:
            return InputStream(data=content)

        properties = cls._decode_trigger_metadata_field(
            trigger_metadata, "Properties", python_type=dict
        )
        length = None
        if properties:
            raw_length = properties.get("ContentLength") or properties.get("Length")
            length = int(raw_length) if raw_length else None
        return InputStream(
            data=content,
            name=cls._decode_trigger_metadata_field(
                trigger_metadata, "BlobTrigger", python_type=str
            ),
            uri=cls._decode_trigger_metadata_field(trigger_metadata, "Uri", python_type=str),
            length=length,
            blob_properties=properties or None,
            metadata=_json_metadata(trigger_metadata, "Metadata"),
        )
