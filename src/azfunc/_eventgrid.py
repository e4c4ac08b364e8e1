"""Event Grid event types: received events (Event Grid and CloudEvents schema) and
events to send."""

from __future__ import annotations

import datetime
from typing import Any

from azfunc import _abc

__all__ = ["CloudEvent", "EventGridEvent", "EventGridOutputEvent"]


class EventGridEvent(_abc.EventGridEvent):
    """An event in the Event Grid schema, as an Event Grid trigger receives it.

    :param id: The event id.
    :param data: The event payload.
    :param topic: The resource path of the event source.
    :param subject: The publisher-defined path of the event's subject.
    :param event_type: The registered event type.
    :param event_time: When the publisher generated the event.
    :param data_version: The schema version of ``data``.
    """

    def __init__(
        self,
        *,
        id: str,
        data: Any,
        topic: str,
        subject: str,
        event_type: str,
        event_time: datetime.datetime | None,
        data_version: str,
    ) -> None:
        self.__id = id
        self.__data = data
        self.__topic = topic
        self.__subject = subject
        self.__event_type = event_type
        self.__event_time = event_time
        self.__data_version = data_version

    @property
    def id(self) -> str:
        """The event id."""
        return self.__id

    def get_json(self) -> Any:
        """Return the event's ``data`` (already decoded from JSON)."""
        return self.__data

    @property
    def topic(self) -> str:
        """The resource path of the event source."""
        return self.__topic

    @property
    def subject(self) -> str:
        """The publisher-defined path of the event's subject."""
        return self.__subject

    @property
    def event_type(self) -> str:
        """The registered event type."""
        return self.__event_type

    @property
    def event_time(self) -> datetime.datetime | None:
        """When the publisher generated the event."""
        return self.__event_time

    @property
    def data_version(self) -> str:
        """The schema version of ``data``."""
        return self.__data_version

    def __repr__(self) -> str:
        return (
            f"<azure.EventGridEvent id={self.id} topic={self.topic} "
            f"subject={self.subject} at 0x{id(self):0x}>"
        )


class EventGridOutputEvent(_abc.EventGridOutputEvent):
    """An event in the Event Grid schema to send through an Event Grid output binding.

    :param id: The event id.
    :param data: The event payload; it must be JSON-serialisable.
    :param subject: The publisher-defined path of the event's subject.
    :param event_type: The registered event type.
    :param event_time: When the event was generated.
    :param data_version: The schema version of ``data``.
    """

    def __init__(
        self,
        *,
        id: str,
        data: Any,
        subject: str,
        event_type: str,
        event_time: datetime.datetime | None,
        data_version: str,
    ) -> None:
        self.__id = id
        self.__data = data
        self.__subject = subject
        self.__event_type = event_type
        self.__event_time = event_time
        self.__data_version = data_version

    @property
    def id(self) -> str:
        """The event id."""
        return self.__id

    def get_json(self) -> Any:
        """Return the event's ``data``."""
        return self.__data

    @property
    def subject(self) -> str:
        """The publisher-defined path of the event's subject."""
        return self.__subject

    @property
    def event_type(self) -> str:
        """The registered event type."""
        return self.__event_type

    @property
    def event_time(self) -> datetime.datetime | None:
        """When the event was generated."""
        return self.__event_time

    @property
    def data_version(self) -> str:
        """The schema version of ``data``."""
        return self.__data_version

    def __repr__(self) -> str:
        # The reference prints "EventGridEvent" here too.
        return (
            f"<azure.EventGridEvent id={self.id} event_type={self.event_type} "
            f"subject={self.subject} at 0x{id(self):0x}>"
        )


class CloudEvent(_abc.CloudEvent):
    """An event in the CloudEvents 1.0 schema, as an Event Grid trigger receives it.

    :param id: The event id.
    :param source: The context in which the event happened (a URI reference).
    :param type: The event type.
    :param specversion: The CloudEvents version, ``"1.0"``.
    :param data: The event payload.
    :param time: When the event happened.
    :param subject: The subject of the event within ``source``.
    :param datacontenttype: The media type of ``data``.
    :param dataschema: The URI of the schema ``data`` follows.
    :param extensions: Extension attributes, available as :attr:`extension_attrs`.
    """

    def __init__(
        self,
        *,
        id: str,
        source: str,
        type: str,
        specversion: str,
        data: Any,
        time: datetime.datetime | None = None,
        subject: str | None = None,
        datacontenttype: str | None = None,
        dataschema: str | None = None,
        **extensions: Any,
    ) -> None:
        self.__id = id
        self.__source = source
        self.__type = type
        self.__specversion = specversion
        self.__data = data
        self.__time = time
        self.__subject = subject
        self.__datacontenttype = datacontenttype
        self.__dataschema = dataschema
        self.__extensions = extensions

    @property
    def id(self) -> str:
        """The event id."""
        return self.__id

    @property
    def source(self) -> str:
        """The context in which the event happened (a URI reference)."""
        return self.__source

    @property
    def type(self) -> str:
        """The event type."""
        return self.__type

    @property
    def specversion(self) -> str:
        """The CloudEvents version the event uses."""
        return self.__specversion

    @property
    def time(self) -> datetime.datetime | None:
        """When the event happened."""
        return self.__time

    @property
    def subject(self) -> str | None:
        """The subject of the event within ``source``."""
        return self.__subject

    @property
    def datacontenttype(self) -> str | None:
        """The media type of ``data``."""
        return self.__datacontenttype

    @property
    def dataschema(self) -> str | None:
        """The URI of the schema ``data`` follows."""
        return self.__dataschema

    @property
    def extension_attrs(self) -> dict[str, Any]:
        """The extension attributes (a copy)."""
        return dict(self.__extensions)

    def get_json(self) -> Any:
        """Return the event's ``data``."""
        return self.__data

    def __repr__(self) -> str:
        return (
            f"<azure.CloudEvent id={self.id} source={self.source} "
            f"type={self.type} at 0x{id(self):0x}>"
        )
