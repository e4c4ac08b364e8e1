"""Storage triggers and bindings of ``azfunc start``, for real, against Azure Storage or Azurite.

:class:`StorageHost` is the one piece the local host plugs in: it runs a
:class:`~azfunc._host.storage.queues.QueueListener` per queue-triggered function and a
:class:`~azfunc._host.storage.blobs.BlobListener` per blob-triggered function whose
connection resolves to a storage account, and its
:class:`~azfunc._host.storage.bindings.StorageBindings` reads and writes the blob, queue
and table bindings of every invocation. Functions whose connection does not resolve
(no setting, identity-based, the ``storage`` extra not installed) are reported at start
and keep the admin endpoint and recorded outputs.

The Azure SDK packages (the ``storage`` extra) are imported only once a connection
resolves.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from azfunc._config.host_json import HostJson
from azfunc._config.local_settings import expand_settings
from azfunc._host.invoker import Invoker
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.storage.bindings import StorageBindings
from azfunc._host.storage.blobs import BlobListener, host_id
from azfunc._host.storage.clients import StorageClients
from azfunc._host.storage.connection import NotLocal, StorageAccount
from azfunc._host.storage.options import QueueOptions, QueueOptionsError, read_queue_options
from azfunc._host.storage.queues import QueueListener
from azfunc.decorators._function import Function
from azfunc.decorators.constants import BLOB_TRIGGER, QUEUE_TRIGGER

__all__ = ["QueueOptionsError", "StorageHost"]

_logger = logging.getLogger(HOST_LOGGER)
_Listener = QueueListener | BlobListener
#: Seconds running storage invocations get at shutdown.
STOP_TIMEOUT = 10.0


class StorageHost:
    """The storage listeners and bindings of one ``azfunc start`` run.

    :param listeners: The trigger listeners to run.
    :param notes: One line per storage-triggered function that is not run locally.
    :param bindings: The storage bindings of every invocation.
    :param clients: The clients, closed at :meth:`stop`.
    """

    def __init__(
        self,
        listeners: Sequence[_Listener],
        notes: Sequence[str],
        bindings: StorageBindings,
        clients: StorageClients,
    ) -> None:
        self.listeners = tuple(listeners)
        self.notes = tuple(notes)
        self.bindings = bindings
        self.clients = clients
        self._tasks: list[asyncio.Task[None]] = []

    @classmethod
    def build(
        cls, functions: Sequence[Function], host_json: HostJson, invoker: Invoker, app_dir: Path
    ) -> StorageHost:
        """The listeners of ``functions`` and the bindings, with host.json's queue options.

        :raises QueueOptionsError: host.json ``extensions.queues`` is not usable.
        """
        options: QueueOptions = read_queue_options(host_json.raw, host_json.path)
        sdk_logger = logging.getLogger("azure")
        if sdk_logger.level == logging.NOTSET:  # the SDK logs every request at INFO
            sdk_logger.setLevel(logging.WARNING)
        clients = StorageClients()
        bindings = StorageBindings(clients, options)
        listeners: list[_Listener] = []
        notes: list[str] = []
        host = host_id(app_dir)
        for function in functions:
            trigger = function.get_trigger()
            if trigger is None or trigger.type not in (QUEUE_TRIGGER, BLOB_TRIGGER):
                continue
            name = function.get_function_name()
            fields = trigger.get_dict_repr()
            kind = "Queue" if trigger.type == QUEUE_TRIGGER else "Blob"
            service = "queue" if trigger.type == QUEUE_TRIGGER else "blob"
            account = bindings.account(service, fields)
            if str(fields.get("source", "")).lower() == "eventgrid":
                account = NotLocal(
                    "its source is Event Grid (source=BlobSource.EVENT_GRID), whose blob "
                    "events do not reach a local host"
                )
            key = "queueName" if trigger.type == QUEUE_TRIGGER else "path"
            try:
                target = expand_settings(
                    str(fields.get(key) or ""), os.environ, what=f"{key} of function {name!r}"
                )
            except ValueError as error:
                notes.append(f"{kind} trigger {name!r} is not run locally: {error}")
                continue
            if not isinstance(account, StorageAccount):
                notes.append(
                    f"{kind} trigger {name!r} is not run locally: {account.reason}. "
                    f"Invoke it with POST /admin/functions/{name}; its outputs are recorded."
                )
                continue
            if trigger.type == QUEUE_TRIGGER:
                listeners.append(
                    QueueListener(function, target, account, options, clients, invoker)
                )
            else:
                listeners.append(
                    BlobListener(function, target, account, options, clients, invoker, host)
                )
        return cls(listeners, notes, bindings, clients)

    def start(self) -> None:
        """Log a line per listener (and per function not run), then start the listeners."""
        for note in self.notes:
            _logger.info("%s", note)
        loop = asyncio.get_running_loop()
        for listener in self.listeners:
            _logger.info("%s", listener.describe())
            self._tasks.append(loop.create_task(listener.run()))

    async def stop(self) -> None:
        """Stop the listeners: they start nothing new, and what runs (invocations, their
        receipts, deletes) gets up to :data:`STOP_TIMEOUT` seconds to finish, after which
        it is cancelled. Then close the clients."""
        for listener in self.listeners:
            listener.stopping.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=STOP_TIMEOUT)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=1)
        self._tasks = []
        await asyncio.to_thread(self.clients.close)
