"""The blob trigger: scan a container and run the function once per new or changed blob.

As the host does:

* every blob of the container whose ``container/name`` matches the trigger's path
  pattern (``samples/{name}.txt``) is processed, the ones already there at start
  included; ``{token}`` parts become trigger metadata, so ``{name}`` can be used in the
  function's other bindings;
* a blob is processed once per ETag: a receipt is written for each (function, blob,
  ETag) to the ``azure-webjobs-hosts`` container, under
  ``blobreceipts/<host id>/Host.Functions.<function>/<ETag>/<container>/<blob>``, so a
  restart does not process it again and a change (new ETag) processes it again;
* a failed invocation is retried on the next scan once ``visibilityTimeout`` has
  passed; after ``maxDequeueCount`` (5) failures a message naming the blob goes to the
  ``webjobs-blobtrigger-poison`` queue and the blob is not tried again for that ETag.

The container is scanned with the queue trigger's back-off (100 ms after a scan that
found work, doubling up to ``maxPollingInterval``, at most 10 s). The host id is the
``AzureFunctionsWebHost__hostid`` setting, else the app folder's name.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger
"""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any

import attrs

from azfunc._datum import string_datum, time_text
from azfunc._host.invoker import Invoker
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.storage.clients import (
    StorageClients,
    creating,
    encode_message,
    is_not_found,
    send_creating,
)
from azfunc._host.storage.connection import ListenerHealth, StorageAccount
from azfunc._host.storage.expressions import match_blob_path
from azfunc._host.storage.options import Backoff, QueueOptions, Stopping
from azfunc._runtime.signature import bind_signature
from azfunc._storage_build import blob_trigger_input
from azfunc.decorators._function import Function
from azfunc.decorators.constants import BLOB_TRIGGER

__all__ = ["BLOB_POISON_QUEUE", "RECEIPTS_CONTAINER", "BlobListener", "host_id"]

_logger = logging.getLogger(HOST_LOGGER)

#: The container of the host's receipts (and locks).
RECEIPTS_CONTAINER = "azure-webjobs-hosts"
#: The queue blobs that failed too often are reported to.
BLOB_POISON_QUEUE = "webjobs-blobtrigger-poison"
#: The longest wait between two scans of a container.
MAX_SCAN_INTERVAL = datetime.timedelta(seconds=10)


def host_id(app_dir: Path) -> str:
    """``AzureFunctionsWebHost__hostid``, else the app folder's name, as a host id:
    lower case letters, digits and dashes, at most 32 characters."""
    setting = "AzureFunctionsWebHost__hostid"  # the host's own (mixed-case) setting name
    configured = os.environ.get(setting, "").strip()
    text = configured or app_dir.resolve().name or "azfunc"
    cleaned = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
    return (cleaned or "azfunc")[:32]


@attrs.define
class _Receipt:
    completed: bool = False
    failures: int = 0
    retry_after: float = 0.0


class BlobListener:
    """Scans one container for one blob-triggered function until cancelled.

    :param function: The blob-triggered function.
    :param pattern: Its path pattern, ``%Setting%`` resolved (``samples/{name}``).
    :param account: The storage account.
    :param options: host.json ``extensions.queues`` (retries, poison, back-off).
    :param clients: The storage clients.
    :param invoker: Runs the invocations.
    :param host: The host id of the receipts.
    """

    def __init__(
        self,
        function: Function,
        pattern: str,
        account: StorageAccount,
        options: QueueOptions,
        clients: StorageClients,
        invoker: Invoker,
        host: str,
    ) -> None:
        self.function = function
        self.name = function.get_function_name()
        self.pattern = pattern.strip("/")
        self.container, _, blob_pattern = self.pattern.partition("/")
        self.prefix = blob_pattern.split("{", 1)[0]
        self.account = account
        self.options = options
        self.clients = clients
        self.invoker = invoker
        self.receipt_prefix = f"blobreceipts/{host}/Host.Functions.{self.name}/"
        trigger = function.get_trigger()
        assert trigger is not None
        self.trigger_name = trigger.name
        self.as_string = str(trigger.get_dict_repr().get("dataType", "")).lower() == "string"
        self.others = [
            p.name
            for p in bind_signature(function).parameters
            if not p.is_out and p.binding is not trigger
        ]
        self._receipts: dict[tuple[str, str], _Receipt] | None = None
        self.stopping = Stopping()
        self.health = ListenerHealth(
            account, "blob", f"blob trigger {self.name!r} (container {self.container!r})", _logger
        )

    def describe(self) -> str:
        """The startup line."""
        return (
            f"Blob trigger {self.name!r}: scanning container {self.container!r} for "
            f"{self.pattern!r} at {self.account.describe('blob')}, receipts in "
            f"{RECEIPTS_CONTAINER}/{self.receipt_prefix}"
        )

    # -- receipts ------------------------------------------------------------------------

    def _receipt_name(self, etag: str, path: str) -> str:
        return f"{self.receipt_prefix}{etag}/{path}"

    def _load_receipts(self) -> dict[tuple[str, str], _Receipt]:
        container = self.clients.container(self.account, RECEIPTS_CONTAINER)
        receipts: dict[tuple[str, str], _Receipt] = {}
        try:
            for blob in container.list_blobs(
                name_starts_with=self.receipt_prefix, include=["metadata"]
            ):
                etag, _, path = blob.name[len(self.receipt_prefix) :].partition("/")
                metadata = blob.metadata or {}
                receipts[(etag, path)] = _Receipt(
                    completed=metadata.get("Completed") == "true",
                    failures=int(metadata.get("Failures", "0") or 0),
                )
        except Exception as error:
            if not is_not_found(error):
                raise
        return receipts

    def _write_receipt(self, etag: str, path: str, receipt: _Receipt, invocation_id: str) -> None:
        container = self.clients.container(self.account, RECEIPTS_CONTAINER)
        metadata = {
            "Completed": "true" if receipt.completed else "false",
            "Failures": str(receipt.failures),
            "InvocationId": invocation_id,
        }
        name = self._receipt_name(etag, path)
        creating(
            lambda: container.upload_blob(name, b"", overwrite=True, metadata=metadata),
            container.create_container,
        )

    # -- scanning ------------------------------------------------------------------------

    def _candidates(self) -> list[tuple[Any, str, dict[str, str]]]:
        """The blobs to process now: (blob properties, ``container/name``, tokens)."""
        if self._receipts is None:
            self._receipts = self._load_receipts()
        container = self.clients.container(self.account, self.container)
        found = []
        now = time.monotonic()
        try:
            blobs = list(
                container.list_blobs(name_starts_with=self.prefix or None, include=["metadata"])
            )
        except Exception as error:
            if is_not_found(error):  # no container yet: nothing to do
                return []
            raise
        for blob in blobs:
            path = f"{self.container}/{blob.name}"
            tokens = match_blob_path(self.pattern, path)
            if tokens is None:
                continue
            receipt = self._receipts.get((blob.etag.strip('"'), path))
            if receipt is not None and (receipt.completed or receipt.retry_after > now):
                continue
            found.append((blob, path, tokens))
        return found

    async def run(self) -> None:
        """Scan until :meth:`stop` (finishing the blob it runs); storage that does not
        answer is retried with back-off."""
        backoff = Backoff(min(self.options.max_polling_interval, MAX_SCAN_INTERVAL))
        while not self.stopping:
            try:
                candidates = await asyncio.to_thread(self._candidates)
                self.health.answered()
                for blob, path, tokens in candidates:
                    if self.stopping:
                        break
                    await self._process(blob, path, tokens)
            except Exception as error:
                self.health.failed(error)
                candidates = []
            await self.stopping.wait(backoff.found() if candidates else backoff.empty())

    def _download(self, blob_name: str) -> tuple[bytes, str] | None:
        client = self.clients.container(self.account, self.container).get_blob_client(blob_name)
        try:
            downloader = client.download_blob()
        except Exception as error:
            if is_not_found(error):  # deleted meanwhile
                return None
            raise
        return bytes(downloader.readall()), str(client.url)

    async def _process(self, blob: Any, path: str, tokens: dict[str, str]) -> None:
        downloaded = await asyncio.to_thread(self._download, blob.name)
        if downloaded is None:
            return
        content, url = downloaded
        etag = blob.etag.strip('"')
        quoted = f'"{etag}"'  # the HTTP form, as the host shows it
        settings = blob.content_settings
        properties: dict[str, Any] = {
            "ContentLength": len(content),
            "ContentType": (settings.content_type if settings else None)
            or "application/octet-stream",
            "ETag": quoted,
            "BlobType": "BlockBlob",
        }
        if blob.last_modified is not None:
            properties["LastModified"] = time_text(blob.last_modified)
        data, metadata = blob_trigger_input(
            content.decode("utf-8", "replace") if self.as_string else content,
            name=path,
            uri=url,
            properties=properties,
            blob_metadata=dict(blob.metadata or {}),
        )
        for token, value in tokens.items():
            metadata[token] = string_datum(value)
        inputs: dict[str, object] = dict.fromkeys(self.others)
        inputs[self.trigger_name] = data
        context = self.invoker.new_context(self.function)
        detail = (
            f"Trigger Details: BlobName: {path}, ETag: {quoted}, Length: {len(content)}, "
            f"LastModified: {properties.get('LastModified', '?')}"
        )
        result = await self.invoker.run(
            self.function,
            inputs,
            trigger_type=BLOB_TRIGGER,
            detail=detail,
            context=context,
            trigger_metadata=metadata,
        )
        assert self._receipts is not None
        receipt = self._receipts.setdefault((etag, path), _Receipt())
        if result is not None and result.ok:
            receipt.completed = True
        else:
            receipt.failures += 1
            receipt.retry_after = time.monotonic() + self.options.visibility_timeout.total_seconds()
            if receipt.failures >= self.options.max_dequeue_count:
                receipt.completed = True
                _logger.warning(
                    "Blob %r (ETag %s) failed %d times in function %r; moving a message to "
                    "queue %r.",
                    path,
                    quoted,
                    receipt.failures,
                    self.name,
                    BLOB_POISON_QUEUE,
                )
                await asyncio.to_thread(self._to_poison, blob, etag)
        await asyncio.to_thread(self._write_receipt, etag, path, receipt, context.invocation_id)

    def _to_poison(self, blob: Any, etag: str) -> None:
        message = {
            "Type": "BlobTrigger",
            "FunctionId": f"Host.Functions.{self.name}",
            "BlobType": "BlockBlob",
            "ContainerName": self.container,
            "BlobName": blob.name,
            "ETag": f'"{etag}"',
        }
        queue = self.clients.queue(self.account, BLOB_POISON_QUEUE)
        send_creating(queue, encode_message(json.dumps(message), self.options.message_encoding))
