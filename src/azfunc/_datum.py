"""The encodings and payload decodings several converters share, and the typed values of
payloads and trigger metadata that the testing kit's builders and the local host's storage
listeners send."""

from __future__ import annotations

import builtins
import collections.abc
import datetime
from collections.abc import Callable, Mapping
from typing import Any

from azfunc import _jsonutils
from azfunc.meta import Datum

__all__ = [
    "IsoTimestampWriter",
    "body_datum",
    "event_bodies",
    "event_body",
    "int_datum",
    "json_datum",
    "message_list_datum",
    "metadata",
    "str_or_bytes_datum",
    "string_datum",
    "text_or_bytes_datum",
    "time_datum",
    "time_text",
    "unsupported_event_payload",
]


def text_or_bytes_datum(obj: object) -> Datum | None:
    """Return ``obj`` as a ``string`` datum (a ``str``) or a ``bytes`` datum (``bytes``
    or ``bytearray``), or ``None`` for any other type, for the converter to handle."""
    if isinstance(obj, (bytes, bytearray)):
        return Datum(bytes(obj), "bytes")
    return str_or_bytes_datum(obj)


def str_or_bytes_datum(obj: object) -> Datum | None:
    """Return a ``str`` as a ``string`` datum and ``bytes`` (not ``bytearray``, as the
    reference's queue, Event Grid and Service Bus converters) as a ``bytes`` datum;
    ``None`` for any other type, for the converter to handle."""
    if isinstance(obj, str):
        return Datum(obj, "string")
    if isinstance(obj, bytes):
        return Datum(obj, "bytes")
    return None


def message_list_datum(
    obj: object,
    message_type: type,
    to_json: Callable[[Any], dict[str, Any]],
    *,
    unsupported: str,
) -> Datum:
    """Encode what a message output binding accepts: ``str``, ``bytes``, one message, or
    an iterable of ``str`` and messages (a ``json`` array).

    :param message_type: The message class (``QueueMessage``, ``EventGridOutputEvent``).
    :param to_json: Turns one message into the JSON object the host expects.
    :param unsupported: The message of the error for any other type of ``obj``.
    :raises NotImplementedError: ``obj`` or one of its items has another type; an item's
        error has the reference's text.
    """
    datum = str_or_bytes_datum(obj)
    if datum is not None:
        return datum
    if isinstance(obj, message_type):
        return Datum(_jsonutils.dumps(to_json(obj)), "json")
    if isinstance(obj, collections.abc.Iterable):
        items: list[Any] = []
        for item in obj:
            if isinstance(item, str):
                items.append(item)
            elif isinstance(item, message_type):
                items.append(to_json(item))
            else:
                # The reference's text, "queue" included for every binding.
                raise NotImplementedError(
                    f"invalid data type in output queue message list: {type(item)}"
                )
        return Datum(_jsonutils.dumps(items), "json")
    raise NotImplementedError(unsupported)


def unsupported_event_payload(data_type: str | None) -> NotImplementedError:
    """The error of the event converters (Event Hub, Kafka) for a payload of another type."""
    return NotImplementedError(f"unsupported event data payload type: {data_type}")


def event_body(data: Datum) -> bytes:
    """The body of one event: ``string`` and ``json`` as UTF-8, ``bytes`` as they are.

    :raises NotImplementedError: ``data`` has another type.
    """
    if data.type in ("string", "json"):
        body: bytes = data.value.encode("utf-8")
        return body
    if data.type == "bytes":
        raw: bytes = data.value
        return raw
    raise unsupported_event_payload(data.type)


def event_bodies(data: Datum) -> list[bytes] | None:
    """The bodies of a batch of events, or ``None`` if ``data`` is no collection."""
    if data.type == "collection_bytes":
        return list(data.value.bytes)
    if data.type == "collection_string":
        return [item.encode("utf-8") for item in data.value.string]
    return None


class IsoTimestampWriter:
    """The reference's timestamp writer of the queue and Event Grid output converters."""

    @classmethod
    def _format_datetime(cls, dt: datetime.datetime | None) -> str | None:
        """Return ``dt.isoformat()``; ``None`` for ``None``."""
        return None if dt is None else dt.isoformat()


class TriggerMetadataValues:
    """The ``metadata`` property of the trigger data types (Event Hub, Kafka, Service Bus):
    the host's trigger metadata as Python values, computed on first access.

    A subclass stores the metadata in ``_trigger_metadata`` and may override
    :meth:`_metadata_value`.
    """

    _trigger_metadata: Mapping[str, Datum] | None = None
    _metadata_values: dict[str, Any] | None = None

    @staticmethod
    def _metadata_value(datum: Datum) -> Any:
        """One entry's Python value: the datum's ``python_value``."""
        return datum.python_value

    @property
    def metadata(self) -> dict[str, Any] | None:
        """The trigger metadata as Python values, by key.

        ``None`` when the value was built without trigger metadata.
        """
        if self._trigger_metadata is None:
            return None
        if self._metadata_values is None:
            self._metadata_values = {
                key: self._metadata_value(datum) for key, datum in self._trigger_metadata.items()
            }
        return self._metadata_values


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
