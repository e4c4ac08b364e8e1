"""The interface of a Kafka event (:class:`AbstractKafkaEvent`)."""

from __future__ import annotations

import abc

__all__ = ["AbstractKafkaEvent"]


class AbstractKafkaEvent(abc.ABC):
    """A record read from a Kafka topic."""

    @abc.abstractmethod
    def get_body(self) -> bytes:
        """Return the record value."""

    @property
    @abc.abstractmethod
    def key(self) -> str | None:
        """The record key."""

    @property
    @abc.abstractmethod
    def offset(self) -> int | None:
        """The record's offset within its partition."""

    @property
    @abc.abstractmethod
    def partition(self) -> int | None:
        """The partition the record was read from."""

    @property
    @abc.abstractmethod
    def topic(self) -> str | None:
        """The topic the record was read from."""

    @property
    @abc.abstractmethod
    def timestamp(self) -> str | None:
        """The record timestamp, as the host sends it (not parsed)."""
