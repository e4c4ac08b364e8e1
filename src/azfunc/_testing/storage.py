"""Builders for HTTP requests, Storage queue messages, blobs, timers and warm-up calls.

Each ``*_payload`` function returns the :class:`~azfunc._testing.payload.Payload` the
host would send; the function of the same name without the suffix decodes it through
the real converter and returns what the function's parameter receives.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Mapping
from typing import Any

from azfunc import _jsonutils
from azfunc._http_build import flatten_pairs
from azfunc._storage_build import blob_trigger_input, queue_trigger_input
from azfunc._testing.payload import (
    DEFAULT_TIME,
    Payload,
    body_datum,
    decoded,
    json_datum,
    metadata,
    string_datum,
    time_text,
)
from azfunc._typed.dump import jsonable_model
from azfunc.blob import InputStream
from azfunc.decorators.constants import (
    BLOB,
    BLOB_TRIGGER,
    HTTP_TRIGGER,
    QUEUE_TRIGGER,
    TIMER_TRIGGER,
    WARMUP_TRIGGER,
)
from azfunc.http import HttpRequest
from azfunc.meta import Datum
from azfunc.queue import QueueMessage
from azfunc.timer import TimerRequest
from azfunc.warmup import WarmUpContext

__all__ = [
    "BASE_URL",
    "blob",
    "blob_payload",
    "http_request",
    "http_request_payload",
    "json_body",
    "queue_message",
    "queue_message_payload",
    "timer_request",
    "timer_request_payload",
    "warmup_context",
    "warmup_context_payload",
]

#: Scheme, host and port of the URLs built from a path (the local host's address).
BASE_URL = "http://localhost:7071"

#: Default message id, pop receipt, blob ETag: fixed, so built objects compare equal.
DEFAULT_MESSAGE_ID = "00000000-0000-0000-0000-000000000001"
DEFAULT_POP_RECEIPT = "AgAAAAMAAAAAAAAA"
DEFAULT_ETAG = '"0x8DC0A5C6F3A1B2C"'

_MISSING: Any = object()

JsonBody = dict[str, Any] | list[Any]


def _text(body: str | bytes | bytearray | JsonBody) -> str | bytes | bytearray:
    """``body`` with dicts and lists serialised to JSON text."""
    if isinstance(body, (dict, list)):
        return _jsonutils.dumps(body)
    return body


# -- HTTP ------------------------------------------------------------------------------


def json_body(
    caller: str, body: Any, json: Any, headers: Mapping[str, str] | None
) -> tuple[Any, dict[str, str]]:
    """Return the body and the headers of a request given ``body=`` or ``json=``: ``json``
    (plain JSON values, or models as typed HTTP functions take them) is serialised and
    sets ``Content-Type: application/json`` unless a header has one.

    :raises TypeError: both are given; the message names ``caller``.
    """
    header_map = dict(headers or {})
    if json is _MISSING:
        return body, header_map
    if body is not None:
        raise TypeError(
            f"{caller} got both body= and json=; pass the body one way: "
            "json= serialises a value, body= takes str or bytes as they are"
        )
    if not any(name.lower() == "content-type" for name in header_map):
        header_map["Content-Type"] = "application/json"
    return _jsonutils.dumps(jsonable_model(json)), header_map


def _full_url(url: str, params: Mapping[str, str] | None) -> tuple[str, dict[str, str]]:
    """The absolute URL (query included) and the query parameters, as the host gives both:
    repeated names joined by ``,``."""
    parts = urllib.parse.urlsplit(url if "://" in url else BASE_URL + "/" + url.lstrip("/"))
    if params:
        added = urllib.parse.urlencode(params)
        parts = parts._replace(query=f"{parts.query}&{added}" if parts.query else added)
    query = flatten_pairs(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    return urllib.parse.urlunsplit(parts), query


def http_request_payload(
    method: str = "GET",
    url: str = "/api/",
    *,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    route_params: Mapping[str, str] | None = None,
    body: str | bytes | bytearray | None = None,
    json: Any = _MISSING,
) -> Payload[HttpRequest]:
    """Return the ``http`` datum the host sends for an HTTP-triggered function.

    :param method: The HTTP method, upper-cased in the payload.
    :param url: A path (``/api/users/42?x=1``, made absolute with :data:`BASE_URL`) or a
        full URL. Its query string becomes the request's :attr:`~azfunc.HttpRequest.params`.
    :param headers: Request headers.
    :param params: Query parameters appended to the URL's query string.
    :param route_params: Values of the route template's placeholders.
    :param body: The body; ``str`` is encoded as UTF-8. It is sent as a ``bytes`` datum,
        as the host does for the Python worker (which asks for raw body bytes).
    :param json: A value to send as a JSON body instead of ``body``; sets
        ``Content-Type: application/json`` unless ``headers`` has one.
    :raises TypeError: Both ``body`` and ``json`` are given.
    """
    body, header_map = json_body("http_request_payload()", body, json, headers)
    full_url, query = _full_url(url, params)
    value: dict[str, Any] = {
        "method": string_datum(method.upper()),
        "url": string_datum(full_url),
        "headers": {name: string_datum(text) for name, text in header_map.items()},
        "query": {name: string_datum(text) for name, text in query.items()},
        "params": {name: string_datum(text) for name, text in (route_params or {}).items()},
    }
    if body is not None:
        value["body"] = body_datum(body.encode("utf-8") if isinstance(body, str) else body)
    return Payload(
        binding=HTTP_TRIGGER,
        data=Datum(value, "http"),
        trigger_metadata=metadata(
            Query=json_datum(query),
            Headers=json_datum(header_map),
            **{name: string_datum(text) for name, text in (route_params or {}).items()},
        ),
    )


# -- Storage queues -----------------------------------------------------------------------


def queue_message_payload(
    body: str | bytes | bytearray | JsonBody = "",
    *,
    id: str | None = DEFAULT_MESSAGE_ID,
    dequeue_count: int | None = 1,
    insertion_time: datetime.datetime | None = DEFAULT_TIME,
    expiration_time: datetime.datetime | None = DEFAULT_TIME + datetime.timedelta(days=7),
    next_visible_time: datetime.datetime | None = DEFAULT_TIME + datetime.timedelta(minutes=10),
    pop_receipt: str | None = DEFAULT_POP_RECEIPT,
) -> Payload[QueueMessage]:
    """Return what the host sends for a ``queueTrigger``: the body and the message's facts.

    :param body: The message text or bytes; a dict or list is sent as JSON text.
    :param id: The message id.
    :param dequeue_count: How many times the message has been dequeued (1 on first delivery).
    :param insertion_time: When the message was queued.
    :param expiration_time: When it expires (7 days after insertion by default).
    :param next_visible_time: When it becomes visible again.
    :param pop_receipt: The pop receipt.

    Every field given as ``None`` is left out, as the host leaves out what it lacks.
    """
    data, trigger_metadata = queue_trigger_input(
        _text(body),
        id=id,
        dequeue_count=dequeue_count,
        insertion_time=insertion_time,
        expiration_time=expiration_time,
        next_visible_time=next_visible_time,
        pop_receipt=pop_receipt,
    )
    return Payload(binding=QUEUE_TRIGGER, data=data, trigger_metadata=trigger_metadata)


# -- Blobs ----------------------------------------------------------------------------------


def blob_payload(
    content: str | bytes | bytearray = b"",
    *,
    name: str = "samples-workitems/blob.txt",
    uri: str | None = None,
    content_type: str = "application/octet-stream",
    properties: Mapping[str, Any] | None = None,
    metadata: Mapping[str, str] | None = None,
    trigger: bool = True,
) -> Payload[InputStream]:
    """Return what the host sends for a blob: the content and, for a trigger, its facts.

    :param content: The blob content; ``str`` is sent as a ``string`` datum (a
        ``data_type=STRING`` binding), bytes as ``bytes``.
    :param name: The blob path, ``container/blob``.
    :param uri: The blob URI; by default a storage account URL ending in ``name``.
    :param content_type: The ``ContentType`` property.
    :param properties: Blob properties to add to or replace the defaults
        (``ContentLength``, ``ContentType``, ``ETag``, ``LastModified``, ``BlobType``).
    :param metadata: The blob's user-defined metadata.
    :param trigger: ``True`` for a ``blobTrigger`` (content plus metadata); ``False``
        for a ``blob`` input binding, which gets the content only.
    """
    if not trigger:
        return Payload(binding=BLOB, data=body_datum(content))
    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    blob_properties: dict[str, Any] = {
        "ContentLength": size,
        "ContentType": content_type,
        "ETag": DEFAULT_ETAG,
        "LastModified": time_text(DEFAULT_TIME),
        "BlobType": "BlockBlob",
        **(properties or {}),
    }
    data, trigger_metadata = blob_trigger_input(
        content,
        name=name,
        uri=uri or f"https://devstoreaccount1.blob.core.windows.net/{name}",
        properties=blob_properties,
        blob_metadata=metadata or {},
    )
    return Payload(binding=BLOB_TRIGGER, data=data, trigger_metadata=trigger_metadata)


# -- Timers and warm-up -------------------------------------------------------------------


def timer_request_payload(
    *,
    past_due: bool = False,
    last_run: datetime.datetime = DEFAULT_TIME - datetime.timedelta(minutes=5),
    next_run: datetime.datetime = DEFAULT_TIME + datetime.timedelta(minutes=5),
    last_updated: datetime.datetime | None = None,
    monitor: bool = True,
    adjust_for_dst: bool = True,
) -> Payload[TimerRequest]:
    """Return the timer info the host sends for a ``timerTrigger``.

    :param past_due: Whether the invocation runs later than scheduled.
    :param last_run: ``ScheduleStatus.Last``, the previous occurrence.
    :param next_run: ``ScheduleStatus.Next``, the next occurrence.
    :param last_updated: ``ScheduleStatus.LastUpdated``; ``last_run`` by default.
    :param monitor: ``False`` for a trigger with ``use_monitor=False``: the host then
        sends no schedule status.
    :param adjust_for_dst: ``Schedule.AdjustForDST``.
    """
    status = {
        "Last": time_text(last_run),
        "Next": time_text(next_run),
        "LastUpdated": time_text(last_updated or last_run),
    }
    info = {
        "Schedule": {"AdjustForDST": adjust_for_dst},
        "ScheduleStatus": status if monitor else None,
        "IsPastDue": past_due,
    }
    return Payload(binding=TIMER_TRIGGER, data=json_datum(info))


def warmup_context_payload() -> Payload[WarmUpContext]:
    """Return what the host sends for a ``warmupTrigger`` (an empty JSON object as text)."""
    return Payload(binding=WARMUP_TRIGGER, data=string_datum("{}"))


http_request = decoded(
    http_request_payload,
    "the :class:`~azfunc.HttpRequest` an HTTP-triggered function receives",
    note="; the request is decoded from that payload by the HTTP trigger's converter",
)

queue_message = decoded(
    queue_message_payload,
    "the :class:`~azfunc.QueueMessage` a queue-triggered function receives",
)

blob = decoded(blob_payload, "the :class:`~azfunc.InputStream` a blob trigger (or input) delivers")

timer_request = decoded(
    timer_request_payload,
    "the :class:`~azfunc.TimerRequest` a timer-triggered function receives",
)

warmup_context = decoded(
    warmup_context_payload,
    "the :class:`~azfunc.warmup.WarmUpContext` a warm-up function receives",
)
