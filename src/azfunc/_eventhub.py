"""The Event Hub event a function receives (:class:`azfunc.EventHubEvent`)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from azfunc import _abc
from azfunc._datum import TriggerMetadataValues
from azfunc.meta import Datum

__all__ = ["EventHubEvent"]


class EventHubEvent(TriggerMetadataValues, _abc.EventHubEvent):
    """An event read from an Event Hub (or from an IoT Hub's built-in endpoint).

    :param body: The event content.
    :param trigger_metadata: The host's trigger metadata, exposed as :attr:`metadata`.
    :param enqueued_time: When the event was enqueued.
    :param partition_key: The partition key the sender chose.
    :param sequence_number: The event's sequence number within its partition.
    :param offset: The event's offset within its partition.
    :param iothub_metadata: IoT Hub system properties, without their ``iothub-`` prefix.
    """

    def __init__(
        self,
        *,
        body: bytes,
        trigger_metadata: Mapping[str, Datum] | None = None,
        enqueued_time: datetime.datetime | None = None,
        partition_key: str | None = None,
        sequence_number: int | None = None,
        offset: str | None = None,
        iothub_metadata: Mapping[str, str] | None = None,
    ) -> None:
        self.__body = body
        self._trigger_metadata = trigger_metadata
        self.__enqueued_time = enqueued_time
        self.__partition_key = partition_key
        self.__sequence_number = sequence_number
        self.__offset = offset
        self.__iothub_metadata = iothub_metadata

    def get_body(self) -> bytes:
        """Return the event content."""
        return self.__body

    @property
    def partition_key(self) -> str | None:
        """The partition key the sender chose."""
        return self.__partition_key

    @property
    def sequence_number(self) -> int | None:
        """The event's sequence number within its partition."""
        return self.__sequence_number

    @property
    def iothub_metadata(self) -> Mapping[str, str] | None:
        """IoT Hub system properties (``connection-device-id``, …), when the event came
        from an IoT Hub."""
        return self.__iothub_metadata

    @property
    def enqueued_time(self) -> datetime.datetime | None:
        """When the event was enqueued."""
        return self.__enqueued_time

    @property
    def offset(self) -> str | None:
        """The event's offset within its partition (an ``int`` for batch items)."""
        return self.__offset

    def __repr__(self) -> str:
        return (
            f"<azure.EventHubEvent partition_key={self.partition_key} "
            f"sequence_number={self.sequence_number} "
            f"enqueued_time={self.enqueued_time} at 0x{id(self):0x}>"
        )
