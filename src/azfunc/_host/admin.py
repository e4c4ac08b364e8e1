"""The trigger input of functions invoked without their real trigger source.

``POST /admin/functions/<name>`` with ``{"input": "..."}`` runs any function, as the
Functions host's admin API does. Locally there is no queue, blob or event hub behind
the trigger, so the input text becomes the trigger value, in the type the function's
parameter asks for:

* ``str`` / ``bytes``: the text / its UTF-8 bytes; ``dict`` / ``list``: the text parsed
  as JSON;
* ``func.QueueMessage``, ``func.ServiceBusMessage``, ``func.EventHubEvent``,
  ``func.KafkaEvent``, ``func.InputStream``: one message, event or blob with the text as
  its body and plausible metadata (a fresh id, dequeue count 1, now as the enqueued
  time); ``list[...]`` of those (``cardinality="many"``): a batch of that one item;
* anything else (timer, Event Grid, Cosmos DB, MCP, Dapr, ...): the text is handed to the
  binding's converter as JSON when it parses as JSON, else as a string.

Other input bindings receive ``None``, as when the host finds no data for them.
"""

from __future__ import annotations

import datetime
import json
import typing
import uuid
from collections.abc import Mapping
from typing import Any

from azfunc import _abc
from azfunc._runtime.signature import bind_signature
from azfunc.decorators._function import Function
from azfunc.decorators.constants import TIMER_TRIGGER
from azfunc.meta import Datum

__all__ = ["AdminInputError", "admin_inputs", "timer_payload"]


class AdminInputError(ValueError):
    """The admin request's input does not fit the function's trigger parameter."""


def timer_payload(
    *, past_due: bool, last: datetime.datetime | None, next_: datetime.datetime | None
) -> Datum:
    """The JSON timer info the host sends a timer function (``TimerInfo``)."""

    def iso(moment: datetime.datetime | None) -> str | None:
        return None if moment is None else moment.isoformat()

    now = datetime.datetime.now().astimezone()
    info = {
        "Schedule": {"AdjustForDST": True},
        "ScheduleStatus": {"Last": iso(last), "Next": iso(next_), "LastUpdated": iso(now)},
        "IsPastDue": past_due,
    }
    return Datum(json.dumps(info), "json")


def _item_type(annotation: object) -> tuple[object, bool]:
    """Return ``(item type, is a list)`` of a trigger parameter annotation."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    is_sequence = isinstance(origin, type) and (
        issubclass(origin, (list, tuple))
        or (origin.__module__ == "collections.abc" and not issubclass(origin, Mapping))
    )
    if is_sequence and args:
        return args[0], True
    return annotation, False


def _rich_item(item_type: type, text: str) -> object | None:
    """One message/event/blob of ``item_type`` carrying ``text``, or ``None``."""
    body = text.encode("utf-8")
    now = datetime.datetime.now(datetime.timezone.utc)
    candidates: list[object] = []
    if issubclass(item_type, _abc.QueueMessage):
        from azfunc.queue import QueueMessage

        candidates.append(
            QueueMessage(
                id=str(uuid.uuid4()),
                body=body,
                dequeue_count=1,
                insertion_time=now,
                expiration_time=now + datetime.timedelta(days=7),
                time_next_visible=now + datetime.timedelta(minutes=10),
                pop_receipt=uuid.uuid4().hex,
            )
        )
    elif issubclass(item_type, _abc.ServiceBusMessage):
        from azfunc._servicebus import ServiceBusMessage

        candidates.append(ServiceBusMessage(body=body, content_type="text/plain"))
    elif issubclass(item_type, _abc.EventHubEvent):
        from azfunc._eventhub import EventHubEvent

        candidates.append(
            EventHubEvent(body=body, enqueued_time=now, sequence_number=1, offset="0")
        )
    elif issubclass(item_type, _abc.InputStream):
        from azfunc.blob import InputStream

        candidates.append(InputStream(data=body, name="local/admin-input", length=len(body)))
    else:
        from azfunc.kafka import KafkaEvent

        if issubclass(item_type, KafkaEvent):
            candidates.append(
                KafkaEvent(body=body, offset=0, partition=0, timestamp=now.isoformat())
            )
    return next((c for c in candidates if isinstance(c, item_type)), None)


def _parse_json(function_name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as err:
        raise AdminInputError(
            f"Function {function_name!r} takes its trigger value as parsed JSON, but the "
            f"input {text!r} is not JSON ({err}). Send JSON text as the input string."
        ) from err


def _trigger_value(function_name: str, annotation: object, text: str) -> object:
    if annotation is str:
        return text
    if annotation is bytes:
        return text.encode("utf-8")
    item_type, many = _item_type(annotation)
    if annotation in (dict, list) or typing.get_origin(annotation) is dict:
        return _parse_json(function_name, text)
    if isinstance(item_type, type):
        item = _rich_item(item_type, text)
        if item is not None:
            return [item] if many else item
    try:
        json.loads(text)
    except ValueError:
        return Datum(text, "string")
    return Datum(text, "json")


def admin_inputs(function: Function, text: str | None) -> dict[str, object]:
    """Return the ``inputs`` of an admin invocation of ``function`` with input ``text``.

    :raises AdminInputError: the function wants JSON and ``text`` is not JSON.
    """
    trigger = function.get_trigger()
    signature = bind_signature(function)
    inputs: dict[str, object] = {}
    for parameter in signature.parameters:
        if parameter.is_out:
            continue
        if trigger is not None and parameter.binding is trigger:
            if trigger.type == TIMER_TRIGGER:
                inputs[parameter.name] = timer_payload(past_due=False, last=None, next_=None)
            else:
                inputs[parameter.name] = _trigger_value(
                    signature.function_name, parameter.value_type, text or ""
                )
        else:
            inputs[parameter.name] = None
    return inputs
