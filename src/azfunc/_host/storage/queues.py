"""The queue trigger: poll a storage queue and run the function for each message.

As the host does (see :mod:`azfunc._host.storage.options` for the settings):

* messages are fetched ``batchSize`` at a time, invisible for 10 minutes, a lease
  renewed every 5 minutes while the function runs; a new batch is fetched once no more
  than ``newBatchThreshold`` are still running;
* an empty poll doubles the wait before the next, up to ``maxPollingInterval``; a poll
  that found messages resets it to 100 ms;
* a message whose invocation succeeded is deleted; one that failed becomes visible
  again after ``visibilityTimeout``, and once it has been dequeued ``maxDequeueCount``
  times it is moved to ``<queue>-poison`` (created when missing);
* the message text is Base64-decoded unless ``messageEncoding`` is ``none``; a message
  that is not Base64 goes to the poison queue at once;
* the function gets the message with its trigger metadata (``Id``, ``DequeueCount``,
  ``InsertionTime``, ``ExpirationTime``, ``NextVisibleTime``, ``PopReceipt``,
  ``QueueTrigger``).

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from typing import Any

from azfunc._datum import string_datum
from azfunc._host.invoker import Invoker
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.storage.clients import StorageClients, decode_message, is_not_found, send_creating
from azfunc._host.storage.connection import ListenerHealth, StorageAccount
from azfunc._host.storage.options import Backoff, QueueOptions, Stopping
from azfunc._runtime.signature import bind_signature
from azfunc._storage_build import queue_trigger_input
from azfunc.decorators._function import Function
from azfunc.decorators.constants import QUEUE_TRIGGER

__all__ = ["MESSAGE_LEASE", "QueueListener", "poison_queue_name"]

_logger = logging.getLogger(HOST_LOGGER)

#: How long a fetched message stays invisible; renewed every half of it while its
#: invocation runs.
MESSAGE_LEASE = datetime.timedelta(minutes=10)


def poison_queue_name(queue: str) -> str:
    """The host's poison queue of ``queue``."""
    return f"{queue}-poison"


def _text_or_bytes(content: bytes) -> str | bytes:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content


class QueueListener:
    """Polls one queue for one function until cancelled.

    :param function: The queue-triggered function.
    :param queue_name: The queue (``%Setting%`` resolved).
    :param account: The storage account.
    :param options: host.json ``extensions.queues``.
    :param clients: The storage clients.
    :param invoker: Runs the invocations.
    """

    def __init__(
        self,
        function: Function,
        queue_name: str,
        account: StorageAccount,
        options: QueueOptions,
        clients: StorageClients,
        invoker: Invoker,
    ) -> None:
        self.function = function
        self.name = function.get_function_name()
        self.queue_name = queue_name
        self.account = account
        self.options = options
        self.clients = clients
        self.invoker = invoker
        trigger = function.get_trigger()
        assert trigger is not None
        self.trigger_name = trigger.name
        self.others = [
            p.name
            for p in bind_signature(function).parameters
            if not p.is_out and p.binding is not trigger
        ]
        self._queue: Any = clients.queue(account, queue_name)
        self._running: set[asyncio.Task[None]] = set()
        self.lease = MESSAGE_LEASE
        self.stopping = Stopping()
        self.health = ListenerHealth(
            account, "queue", f"queue trigger {self.name!r} (queue {queue_name!r})", _logger
        )

    def describe(self) -> str:
        """The startup line."""
        polling = self.options.max_polling_interval.total_seconds()
        return (
            f"Queue trigger {self.name!r}: polling queue {self.queue_name!r} at "
            f"{self.account.describe('queue')}, batch {self.options.batch_size}, new batch at "
            f"{self.options.new_batch_threshold}, max polling interval {polling:g} s, "
            f"max dequeue count {self.options.max_dequeue_count}"
        )

    def _fetch(self) -> list[Any]:
        try:
            return list(
                self._queue.receive_messages(
                    messages_per_page=self.options.batch_size,
                    max_messages=self.options.batch_size,
                    visibility_timeout=int(self.lease.total_seconds()),
                )
            )
        except Exception as error:
            if is_not_found(error):  # no queue yet: empty
                return []
            raise

    async def run(self) -> None:
        """Poll until :meth:`stop`, then wait for the running invocations; storage that
        does not answer is retried with back-off."""
        backoff = Backoff(self.options.max_polling_interval)
        while not self.stopping:
            try:
                messages = await asyncio.to_thread(self._fetch)
            except Exception as error:
                self.health.failed(error)
                await self.stopping.wait(backoff.empty())
                continue
            self.health.answered()
            for message in messages:
                task = asyncio.get_running_loop().create_task(self._process(message))
                self._running.add(task)
                task.add_done_callback(self._running.discard)
            while len(self._running) > self.options.new_batch_threshold:
                await asyncio.wait(set(self._running), return_when=asyncio.FIRST_COMPLETED)
            await self.stopping.wait(backoff.found() if messages else backoff.empty())
        if self._running:
            await asyncio.wait(set(self._running))

    async def _process(self, message: Any) -> None:
        try:
            content = decode_message(message.content, self.options.message_encoding)
        except (ValueError, TypeError):
            _logger.error(
                "Queue trigger %r: message %s is not %s-encoded (host.json "
                "extensions.queues.messageEncoding); moving it to queue %r.",
                self.name,
                message.id,
                self.options.message_encoding,
                poison_queue_name(self.queue_name),
            )
            await asyncio.to_thread(self._to_poison, message, message.pop_receipt)
            return
        body = _text_or_bytes(content)
        data, metadata = queue_trigger_input(
            body,
            id=message.id,
            dequeue_count=message.dequeue_count,
            insertion_time=message.inserted_on,
            expiration_time=message.expires_on,
            next_visible_time=message.next_visible_on,
            pop_receipt=message.pop_receipt,
        )
        metadata["QueueTrigger"] = string_datum(body if isinstance(body, str) else content.hex())
        inputs: dict[str, object] = dict.fromkeys(self.others)
        inputs[self.trigger_name] = data
        inserted = message.inserted_on.isoformat() if message.inserted_on else "?"
        detail = (
            f"Trigger Details: MessageId: {message.id}, DequeueCount: {message.dequeue_count}, "
            f"InsertedOn: {inserted}, Queue: {self.queue_name}"
        )
        receipt = [message.pop_receipt]  # the latest pop receipt: each renewal changes it
        renewing = asyncio.Lock()
        renewal = asyncio.get_running_loop().create_task(self._renew(message, receipt, renewing))
        try:
            result = await self.invoker.run(
                self.function,
                inputs,
                trigger_type=QUEUE_TRIGGER,
                detail=detail,
                trigger_metadata=metadata,
            )
        finally:
            async with renewing:  # not in the middle of a renewal
                renewal.cancel()
        try:
            if result is not None and result.ok:
                await asyncio.to_thread(self._queue.delete_message, message.id, receipt[0])
            elif message.dequeue_count >= self.options.max_dequeue_count:
                _logger.warning(
                    "Message %s has reached MaxDequeueCount of %d. Moving message to queue %r.",
                    message.id,
                    self.options.max_dequeue_count,
                    poison_queue_name(self.queue_name),
                )
                await asyncio.to_thread(self._to_poison, message, receipt[0])
            else:
                await asyncio.to_thread(
                    self._queue.update_message,
                    message.id,
                    receipt[0],
                    visibility_timeout=int(self.options.visibility_timeout.total_seconds()),
                )
        except Exception as error:  # the message comes back when its lease ends
            self.health.failed(error)

    async def _renew(self, message: Any, receipt: list[str], renewing: asyncio.Lock) -> None:
        """Keep ``message`` invisible while its invocation runs, as the host does."""
        seconds = self.lease.total_seconds()
        while True:
            await asyncio.sleep(seconds / 2)
            async with renewing:
                try:
                    updated = await asyncio.to_thread(
                        self._queue.update_message,
                        message.id,
                        receipt[0],
                        visibility_timeout=int(seconds),
                    )
                except Exception as error:
                    self.health.failed(error)
                    continue
                receipt[0] = updated.pop_receipt

    def _to_poison(self, message: Any, receipt: str) -> None:
        poison = self.clients.queue(self.account, poison_queue_name(self.queue_name))
        send_creating(poison, message.content)
        self._queue.delete_message(message.id, receipt)
