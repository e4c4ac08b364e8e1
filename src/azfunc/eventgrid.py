"""Event Grid converters: trigger events in either schema, and output events."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _abc, _eventgrid, _jsonutils, _utils, meta
from azfunc._datum import IsoTimestampWriter, message_list_datum
from azfunc._jsonutils import json as json  # the reference's module-level name
from azfunc.decorators.constants import EVENT_GRID, EVENT_GRID_TRIGGER
from azfunc.meta import Datum

__all__ = ["EventGridEventInConverter", "EventGridEventOutConverter"]

_CLOUD_EVENT_KEYS = frozenset(
    {"id", "source", "type", "specversion", "time", "subject", "datacontenttype",
     "dataschema", "data"}
)  # fmt: skip


def _field(body: Mapping[str, Any], key: str) -> Any:
    """The value of ``key`` in a decoded event, ``None`` if absent (the host omits some)."""
    return body.get(key)


class EventGridEventInConverter(meta.InConverter, binding=EVENT_GRID_TRIGGER, trigger=True):
    """Decodes an Event Grid trigger payload: a :class:`~azfunc.CloudEvent` when it has
    ``specversion``, else an :class:`~azfunc.EventGridEvent`."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(
            pytype, (_abc.EventGridEvent, _abc.CloudEvent)
        )

    @classmethod
    def decode(
        cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None
    ) -> _eventgrid.EventGridEvent | _eventgrid.CloudEvent:
        if data.type != "json":
            raise NotImplementedError(f"unsupported event grid payload type: {data.type}")
        body = _jsonutils.loads(data.value)
        if not isinstance(body, dict):
            raise ValueError(
                f"cannot decode an Event Grid event from a JSON {type(body).__name__}: "
                f"the trigger expects one event object"
            )
        if "specversion" in body:
            return _eventgrid.CloudEvent(
                id=_field(body, "id"),
                source=_field(body, "source"),
                type=_field(body, "type"),
                specversion=_field(body, "specversion"),
                time=_utils.parse_datetime(_field(body, "time")),
                subject=_field(body, "subject"),
                datacontenttype=_field(body, "datacontenttype"),
                dataschema=_field(body, "dataschema"),
                data=_field(body, "data"),
                **{k: v for k, v in body.items() if k not in _CLOUD_EVENT_KEYS},
            )
        return _eventgrid.EventGridEvent(
            id=_field(body, "id"),
            topic=_field(body, "topic"),
            subject=_field(body, "subject"),
            event_type=_field(body, "eventType"),
            event_time=_utils.parse_datetime(_field(body, "eventTime")),
            data=_field(body, "data"),
            data_version=_field(body, "dataVersion"),
        )


def _output_json(event: _abc.EventGridOutputEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "subject": event.subject,
        "dataVersion": event.data_version,
        "eventType": event.event_type,
        "data": event.get_json(),
        "eventTime": event.event_time.isoformat() if event.event_time else None,
    }


class EventGridEventOutConverter(IsoTimestampWriter, meta.OutConverter, binding=EVENT_GRID):
    """Encodes ``str``, ``bytes``, :class:`~azfunc.EventGridOutputEvent` or an iterable of
    ``str`` and events for an Event Grid output binding."""

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return cls._is_type_or_typing_iterable_of(
            pytype,
            (str, bytes, _abc.EventGridOutputEvent),
            items=(str, _eventgrid.EventGridOutputEvent),
        )

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        return message_list_datum(
            obj,
            _abc.EventGridOutputEvent,
            _output_json,
            unsupported=f"cannot send {type(obj).__name__} to an Event Grid output binding: "
            "expected str, bytes, EventGridOutputEvent, or an iterable of str and "
            "EventGridOutputEvent",
        )
