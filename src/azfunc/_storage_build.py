"""What the host sends for a Storage queue message and a blob: the trigger datum and its
metadata. The testing kit's builders (:mod:`azfunc._testing.storage`) and the local
host's storage listeners (:mod:`azfunc._host.storage`) both build them here.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#message-metadata
and https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger#metadata
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from azfunc._datum import body_datum, int_datum, json_datum, metadata, string_datum, time_datum
from azfunc.meta import Datum

__all__ = ["blob_trigger_input", "queue_trigger_input"]


def queue_trigger_input(
    body: str | bytes | bytearray,
    *,
    id: str | None,
    dequeue_count: int | None,
    insertion_time: datetime.datetime | None,
    expiration_time: datetime.datetime | None,
    next_visible_time: datetime.datetime | None,
    pop_receipt: str | None,
) -> tuple[Datum, dict[str, Datum]]:
    """The ``queueTrigger`` datum (``string`` for text, ``bytes`` otherwise) and its
    metadata; a fact given as ``None`` is left out, as the host leaves out what it lacks."""
    return body_datum(body), metadata(
        Id=None if id is None else string_datum(id),
        DequeueCount=None if dequeue_count is None else int_datum(dequeue_count),
        ExpirationTime=None if expiration_time is None else time_datum(expiration_time),
        InsertionTime=None if insertion_time is None else time_datum(insertion_time),
        NextVisibleTime=None if next_visible_time is None else time_datum(next_visible_time),
        PopReceipt=None if pop_receipt is None else string_datum(pop_receipt),
    )


def blob_trigger_input(
    content: str | bytes | bytearray,
    *,
    name: str,
    uri: str,
    properties: Mapping[str, Any],
    blob_metadata: Mapping[str, str],
) -> tuple[Datum, dict[str, Datum]]:
    """The ``blobTrigger`` datum (``string`` for a ``data_type=STRING`` binding's text,
    ``bytes`` otherwise) and its metadata: ``BlobTrigger`` (``container/blob``), ``Uri``,
    ``Properties`` and ``Metadata`` as JSON."""
    return body_datum(content), {
        "BlobTrigger": string_datum(name),
        "Uri": string_datum(uri),
        "Properties": json_datum(dict(properties)),
        "Metadata": json_datum(dict(blob_metadata)),
    }
