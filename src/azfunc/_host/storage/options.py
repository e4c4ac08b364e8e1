"""host.json ``extensions.queues``: how the queue (and blob) triggers poll and retry.

Defaults and limits are the host's (Storage extension 5.x):

=====================  ==============  ====================================================
key                    default         meaning
=====================  ==============  ====================================================
``batchSize``          16 (1-32)       messages fetched in one request
``newBatchThreshold``  batchSize / 2   fetch again once this few messages are still running
``maxPollingInterval`` ``00:01:00``    longest wait between polls of an empty queue
                                       (at least ``00:00:00.100``; a number is milliseconds)
``visibilityTimeout``  ``00:00:00``    how long a failed message stays invisible
``maxDequeueCount``    5               deliveries before a message goes to ``<queue>-poison``
``messageEncoding``    ``base64``      ``base64`` or ``none``: how message text is encoded
=====================  ==============  ====================================================

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue#host-json
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from azfunc._config.reader import ConfigReader
from azfunc._utils import parse_timespan

__all__ = ["Backoff", "QueueOptions", "QueueOptionsError", "Stopping", "read_queue_options"]

#: The shortest wait between polls, and the wait after a poll that found messages.
MIN_POLLING_INTERVAL = datetime.timedelta(milliseconds=100)


class QueueOptionsError(ValueError):
    """host.json ``extensions.queues`` has a value the host rejects."""


@attrs.frozen(kw_only=True)
class QueueOptions:
    """The queue trigger settings of host.json ``extensions.queues`` (see the table above)."""

    batch_size: int = 16
    new_batch_threshold: int = 8
    max_polling_interval: datetime.timedelta = datetime.timedelta(minutes=1)
    visibility_timeout: datetime.timedelta = datetime.timedelta(0)
    max_dequeue_count: int = 5
    message_encoding: str = "base64"


def _get_ci(mapping: Mapping[str, Any], key: str) -> object:
    return next((v for k, v in mapping.items() if k.lower() == key.lower()), None)


def read_queue_options(raw: Mapping[str, Any], path: Path | None) -> QueueOptions:
    """Read ``extensions.queues`` of the host.json document ``raw``.

    :raises QueueOptionsError: a value has the wrong type or is out of the host's range;
        the message names the file, the key and the accepted values.
    """
    reader = ConfigReader(path or Path("host.json"), "host.json", QueueOptionsError)
    extensions = reader.mapping(_get_ci(raw, "extensions"), "extensions")
    queues = reader.mapping(_get_ci(extensions, "queues"), "extensions.queues")

    def integer(key: str, default: int, low: int, high: int) -> int:
        value = _get_ci(queues, key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise reader.fail(
                f"extensions.queues.{key}",
                f"is {value!r}",
                f"It must be a whole number {low}-{high}.",
            )
        return value

    def timespan(key: str, default: datetime.timedelta) -> datetime.timedelta:
        value = _get_ci(queues, key)
        if value is None:
            return default
        if isinstance(value, int) and not isinstance(value, bool):  # milliseconds (1.x form)
            return datetime.timedelta(milliseconds=value)
        try:
            return parse_timespan(str(value)) if isinstance(value, str) else parse_timespan("?")
        except ValueError:
            raise reader.fail(
                f"extensions.queues.{key}",
                f"is {value!r}",
                "It must be a TimeSpan such as '00:00:02' or '00:00:00.500'.",
            ) from None

    batch_size = integer("batchSize", 16, 1, 32)
    threshold = integer("newBatchThreshold", batch_size // 2, 0, 100_000)
    polling = timespan("maxPollingInterval", datetime.timedelta(minutes=1))
    if polling < MIN_POLLING_INTERVAL:
        raise reader.fail(
            "extensions.queues.maxPollingInterval",
            f"is {polling}",
            "The host's minimum is 00:00:00.100 (100 ms).",
        )
    encoding = _get_ci(queues, "messageEncoding")
    if encoding is not None and (
        not isinstance(encoding, str) or encoding.lower() not in ("base64", "none")
    ):
        raise reader.fail(
            "extensions.queues.messageEncoding",
            f"is {encoding!r}",
            "It must be 'base64' or 'none'.",
        )
    return QueueOptions(
        batch_size=batch_size,
        new_batch_threshold=threshold,
        max_polling_interval=polling,
        visibility_timeout=timespan("visibilityTimeout", datetime.timedelta(0)),
        max_dequeue_count=integer("maxDequeueCount", 5, 1, 100_000),
        message_encoding="base64" if encoding is None else encoding.lower(),
    )


class Backoff:
    """The host's randomized exponential back-off between polls.

    After a poll that found work the next one comes after :data:`MIN_POLLING_INTERVAL`;
    after each empty poll the wait doubles (with up to 20 % less at random), never above
    ``maximum``. So a message put on an idle queue is seen within ``maximum`` plus one poll.
    """

    def __init__(self, maximum: datetime.timedelta) -> None:
        self.minimum = min(MIN_POLLING_INTERVAL, maximum).total_seconds()
        self.maximum = maximum.total_seconds()
        self._current = self.minimum

    def found(self) -> float:
        """The wait after a poll that found something: back to the minimum."""
        self._current = self.minimum
        return self.minimum

    def empty(self) -> float:
        """The wait after an empty (or failed) poll."""
        wait = self._current
        self._current = min(self.maximum, self._current * 2)
        return min(self.maximum, wait * random.uniform(0.8, 1.0) if wait > self.minimum else wait)


class Stopping:
    """The stop signal of a listener: it finishes what it started, then returns."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def _get(self) -> asyncio.Event:
        if self._event is None:  # made on the loop that runs the listener
            self._event = asyncio.Event()
        return self._event

    def set(self) -> None:
        """Ask the listener to stop."""
        self._get().set()

    def __bool__(self) -> bool:
        return self._get().is_set()

    async def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less if asked to stop meanwhile."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._get().wait(), seconds)
