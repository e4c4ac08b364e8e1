"""The official Azure Storage clients, imported only when a connection resolves.

The ``storage`` extra installs azure-storage-queue, azure-storage-blob and
azure-data-tables; ``import azfunc`` never imports them. The clients are synchronous:
the listeners call them in threads (``asyncio.to_thread``).
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from azfunc._host.storage.connection import StorageAccount, client_options

__all__ = [
    "MISSING_SDK_HINT",
    "StorageClients",
    "creating",
    "decode_message",
    "encode_message",
    "is_not_found",
    "missing_sdk",
    "send_creating",
]

T = TypeVar("T")

MISSING_SDK_HINT = "install them with `pip install 'azfunc[storage]'`"
_MODULES = {
    "queue": ("azure.storage.queue", "azure-storage-queue"),
    "blob": ("azure.storage.blob", "azure-storage-blob"),
    "table": ("azure.data.tables", "azure-data-tables"),
}


def missing_sdk(service: str) -> str | None:
    """The pip name of the client package ``service`` needs when it is not installed."""
    module, package = _MODULES[service]
    try:
        found = importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        found = False
    return None if found else package


def is_not_found(error: BaseException) -> bool:
    """Whether ``error`` is the SDK's "the queue, container, table or item does not exist"."""
    try:
        from azure.core.exceptions import ResourceNotFoundError
    except ImportError:  # pragma: no cover - only called once the SDK is in use
        return False
    return isinstance(error, ResourceNotFoundError)


def creating(call: Callable[[], T], create: Callable[[], object]) -> T:
    """``call()``; when its queue, container or table does not exist, ``create()`` it and
    call again (as the host's output bindings create what they write to)."""
    try:
        return call()
    except Exception as error:
        if not is_not_found(error):
            raise
        create()
        return call()


def send_creating(queue: Any, text: str) -> None:
    """Put ``text`` on the queue of the ``QueueClient`` ``queue``, creating it when missing."""
    creating(lambda: queue.send_message(text), queue.create_queue)


def encode_message(content: str | bytes, encoding: str) -> str:
    """The text put on a queue for ``content`` under ``messageEncoding``."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    if encoding == "base64":
        return base64.b64encode(raw).decode("ascii")
    return raw.decode("utf-8")


def decode_message(text: str, encoding: str) -> bytes:
    """The content of the queue message ``text`` under ``messageEncoding``.

    :raises ValueError: ``base64`` encoding and ``text`` is not Base64.
    """
    if encoding == "base64":
        return base64.b64decode(text.encode("ascii"), validate=True)
    return text.encode("utf-8")


class StorageClients:
    """One service client per account and service, made on first use (thread-safe)."""

    def __init__(self) -> None:
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def service(self, account: StorageAccount, service: str) -> Any:
        """The ``QueueServiceClient`` / ``BlobServiceClient`` / ``TableServiceClient``."""
        key = (account.connection_string, service)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._make(account, service)
                self._clients[key] = client
            return client

    @staticmethod
    def _make(account: StorageAccount, service: str) -> Any:
        options = client_options()
        if service == "queue":
            from azure.storage.queue import QueueServiceClient

            return QueueServiceClient.from_connection_string(account.connection_string, **options)
        if service == "blob":
            from azure.storage.blob import BlobServiceClient

            return BlobServiceClient.from_connection_string(account.connection_string, **options)
        from azure.data.tables import TableServiceClient

        return TableServiceClient.from_connection_string(account.connection_string, **options)

    def queue(self, account: StorageAccount, name: str) -> Any:
        """A ``QueueClient`` for queue ``name``."""
        return self.service(account, "queue").get_queue_client(name)

    def container(self, account: StorageAccount, name: str) -> Any:
        """A ``ContainerClient`` for container ``name``."""
        return self.service(account, "blob").get_container_client(name)

    def table(self, account: StorageAccount, name: str) -> Any:
        """A ``TableClient`` for table ``name``."""
        return self.service(account, "table").get_table_client(name)

    def close(self) -> None:
        """Close every client."""
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            with contextlib.suppress(Exception):  # closing must not stop the shutdown
                client.close()
