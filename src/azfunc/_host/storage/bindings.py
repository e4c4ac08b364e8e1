"""Real ``blob`` / ``table`` inputs and ``queue`` / ``blob`` / ``table`` outputs.

For every invocation of ``azfunc start`` (HTTP, timer, admin, storage triggers), a blob
or table input binding whose connection resolves to a storage account is read before
the function runs, and a queue, blob or table output it set is written after it
succeeded, as the host does. Bindings whose connection does not resolve (no setting,
identity-based, client package missing) keep the local host's behaviour: inputs get
``None`` and outputs are recorded.

* ``blob`` input: the blob's content (``None`` when it does not exist); ``string`` when
  the binding's ``dataType`` is ``string``, else bytes.
* ``table`` input: with ``rowKey``, the entity as a JSON object (``None`` when absent);
  without, a JSON array of the entities of ``partitionKey`` matching ``filter``, at most
  ``take``.
* ``queue`` output: a string or bytes value is one message, a JSON array one message per
  item; the queue is created when missing; ``messageEncoding`` applies.
* ``blob`` output: the value is uploaded, replacing the blob; the container is created
  when missing.
* ``table`` output: each entity (an object, or an array of them) is upserted
  (replaced); ``PartitionKey`` / ``RowKey`` default to the binding's
  ``partitionKey`` / ``rowKey``; the table is created when missing.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from azfunc._host.logs import HOST_LOGGER
from azfunc._host.storage.clients import (
    MISSING_SDK_HINT,
    StorageClients,
    creating,
    encode_message,
    is_not_found,
    missing_sdk,
    send_creating,
)
from azfunc._host.storage.connection import (
    NotLocal,
    StorageAccount,
    is_unreachable,
    resolve_connection,
    unreachable_message,
)
from azfunc._host.storage.expressions import expand, trigger_values
from azfunc._host.storage.options import QueueOptions
from azfunc.decorators._function import Function
from azfunc.decorators.constants import BLOB, QUEUE, TABLE
from azfunc.invocation import InvocationResult
from azfunc.meta import Datum

__all__ = ["StorageBindingError", "StorageBindings"]

_logger = logging.getLogger(HOST_LOGGER)
_SERVICE = {QUEUE: "queue", BLOB: "blob", TABLE: "table"}
_PREVIEW = 120


class StorageBindingError(RuntimeError):
    """A storage binding could not be read or written; ``str()`` says which and why."""


def _preview(data: object) -> str:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    return text if len(text) <= _PREVIEW else f"{text[:_PREVIEW]}... ({len(text)} characters)"


def _datum_content(datum: Datum) -> str | bytes:
    value = datum.value
    if isinstance(value, (bytes, str)):
        return value
    return json.dumps(value, default=str)


def _queue_messages(datum: Datum) -> list[str | bytes]:
    if datum.type == "json":
        try:
            document = json.loads(datum.value) if isinstance(datum.value, str) else datum.value
        except ValueError:
            document = None
        if isinstance(document, list):
            return [item if isinstance(item, str) else json.dumps(item) for item in document]
    return [_datum_content(datum)]


def _entities(datum: Datum) -> list[dict[str, Any]]:
    value = datum.value
    document = json.loads(value) if isinstance(value, (str, bytes)) else value
    items = document if isinstance(document, list) else [document]
    if not all(isinstance(item, dict) for item in items):
        raise StorageBindingError(
            f"a table output takes a JSON object or an array of objects, not {_preview(value)}"
        )
    return [dict(item) for item in items]


def _entity_json(entity: Any) -> dict[str, Any]:
    document = dict(entity)
    timestamp = getattr(entity, "metadata", {}).get("timestamp")
    if timestamp is not None:
        document.setdefault("Timestamp", timestamp.isoformat())
    return document


@attrs.frozen
class _Target:
    binding: str
    binding_type: str
    fields: Mapping[str, Any]
    account: StorageAccount


class StorageBindings:
    """Reads and writes the storage bindings of invocations (see the module doc).

    :param clients: The storage clients.
    :param options: host.json ``extensions.queues`` (the message encoding).
    :param settings: The app settings (the environment).
    """

    def __init__(
        self,
        clients: StorageClients,
        options: QueueOptions,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.clients = clients
        self.options = options
        self.settings = os.environ if settings is None else settings
        self._targets_of: dict[tuple[str, str], list[_Target]] = {}

    def account(self, binding_type: str, fields: Mapping[str, Any]) -> StorageAccount | NotLocal:
        """The account of a storage binding, or why it is not used locally."""
        resolved = resolve_connection(fields.get("connection"), self.settings)
        if isinstance(resolved, StorageAccount):
            package = missing_sdk(_SERVICE[binding_type])
            if package is not None:
                return NotLocal(f"the package {package} is not installed; {MISSING_SDK_HINT}")
        return resolved

    def _targets(self, function: Function, direction: str) -> list[_Target]:
        """The connected storage bindings of ``function`` in ``direction`` (``in``/``out``);
        worked out once per function (the first time, each unconnected one is logged)."""
        key = (function.get_function_name(), direction)
        found = self._targets_of.get(key)
        if found is None:
            found = self._targets_of[key] = self._find_targets(function, direction)
        return found

    def _find_targets(self, function: Function, direction: str) -> list[_Target]:
        targets = []
        trigger = function.get_trigger()
        for binding in function.get_bindings():
            if binding is trigger or str(binding.type) not in _SERVICE:
                continue
            fields = binding.get_dict_repr()
            if str(fields.get("direction", "")).lower() != direction:
                continue
            account = self.account(str(binding.type), fields)
            if isinstance(account, NotLocal):
                _logger.info(
                    "Function %r: %s binding %r is not connected (%s); %s.",
                    function.get_function_name(),
                    binding.type,
                    binding.name,
                    account.reason,
                    "it gets None" if direction == "in" else "its values are recorded",
                )
                continue
            targets.append(_Target(binding.name, str(binding.type), fields, account))
        return targets

    def _call(self, target: _Target, what: str, call: Callable[[], Any]) -> Any:
        """Run one client call; storage errors become a :class:`StorageBindingError`."""
        try:
            return call()
        except Exception as error:
            if is_unreachable(error):
                message = unreachable_message(target.account, _SERVICE[target.binding_type], what)
            else:
                message = f"{what} failed: {getattr(error, 'message', None) or error}"
            raise StorageBindingError(message) from error

    # -- inputs --------------------------------------------------------------------------

    async def inputs(
        self,
        function: Function,
        inputs: Mapping[str, object],
        trigger_metadata: Mapping[str, object] | None,
    ) -> dict[str, object]:
        """``inputs`` with the value of each connected blob and table input that is
        ``None`` read from storage.

        :raises StorageBindingError: storage does not answer or refused a read.
        :raises ValueError: a binding expression cannot be filled.
        """
        filled = dict(inputs)
        targets = [t for t in self._targets(function, "in") if filled.get(t.binding) is None]
        if not targets:
            return filled
        trigger = function.get_trigger()
        values = trigger_values(trigger_metadata, filled.get(trigger.name) if trigger else None)
        name = function.get_function_name()
        for target in targets:
            filled[target.binding] = await asyncio.to_thread(self._read, name, target, values)
        return filled

    def _expand(self, name: str, target: _Target, key: str, values: Mapping[str, object]) -> str:
        text = str(target.fields.get(key) or "")
        return expand(
            text, values, what=f"{key} of binding {target.binding!r} of function {name!r}"
        )

    def _read(self, name: str, target: _Target, values: Mapping[str, object]) -> object:
        if target.binding_type == BLOB:
            path = self._expand(name, target, "path", values)
            container, _, blob = path.partition("/")
            what = f"blob input {target.binding!r} of function {name!r} ({path})"
            client = self.clients.container(target.account, container).get_blob_client(blob)

            def download() -> bytes | None:
                try:
                    return bytes(client.download_blob().readall())
                except Exception as error:
                    if is_not_found(error):
                        return None
                    raise

            content = self._call(target, what, download)
            if content is None:
                return None
            if str(target.fields.get("dataType", "")).lower() == "string":
                return Datum(content.decode("utf-8", "replace"), "string")
            return Datum(content, "bytes")
        table_name = self._expand(name, target, "tableName", values)
        what = f"table input {target.binding!r} of function {name!r} (table {table_name!r})"
        client = self.clients.table(target.account, table_name)
        partition = self._expand(name, target, "partitionKey", values)
        row = self._expand(name, target, "rowKey", values)
        if row:

            def get() -> Any:
                try:
                    return client.get_entity(partition, row)
                except Exception as error:
                    if is_not_found(error):
                        return None
                    raise

            entity = self._call(target, what, get)
            return (
                None
                if entity is None
                else Datum(json.dumps(_entity_json(entity), default=str), "json")
            )
        conditions = []
        if partition:
            conditions.append("PartitionKey eq '{}'".format(partition.replace("'", "''")))
        extra = self._expand(name, target, "filter", values)
        if extra:
            conditions.append(f"({extra})")
        take = target.fields.get("take")
        limit = int(take) if isinstance(take, (int, str)) and str(take).isdigit() else None

        def query() -> list[dict[str, Any]]:
            try:
                found = (
                    client.query_entities(" and ".join(conditions))
                    if conditions
                    else client.list_entities()
                )
                rows: list[dict[str, Any]] = []
                for entity in found:
                    if limit is not None and len(rows) >= limit:
                        break
                    rows.append(_entity_json(entity))
                return rows
            except Exception as error:
                if is_not_found(error):
                    return []
                raise

        return Datum(json.dumps(self._call(target, what, query), default=str), "json")

    # -- outputs -------------------------------------------------------------------------

    async def send(
        self, result: InvocationResult, trigger_metadata: Mapping[str, object] | None
    ) -> InvocationResult:
        """Write the connected outputs of a successful invocation; return the result
        without them (the rest are recorded), or failed when storage refused one."""
        if result.error is not None:
            return result
        targets = [
            t for t in self._targets(result.function, "out") if t.binding in result.encoded_outputs
        ]
        if not targets:
            return result
        values = trigger_values(trigger_metadata)
        remaining = dict(result.encoded_outputs)
        try:
            for target in targets:
                datum = remaining.pop(target.binding)
                await asyncio.to_thread(self._write, result.function_name, target, datum, values)
        except (StorageBindingError, ValueError) as error:
            return attrs.evolve(result, error=error, encoded_outputs=remaining)
        return attrs.evolve(result, encoded_outputs=remaining)

    def _write(
        self, name: str, target: _Target, datum: Datum, values: Mapping[str, object]
    ) -> None:
        if target.binding_type == QUEUE:
            queue_name = self._expand(name, target, "queueName", values)
            client = self.clients.queue(target.account, queue_name)
            messages = _queue_messages(datum)
            what = f"queue output {target.binding!r} of function {name!r} (queue {queue_name!r})"

            def put() -> None:
                for message in messages:
                    send_creating(client, encode_message(message, self.options.message_encoding))

            self._call(target, what, put)
            where, shown = f"queue {queue_name!r}", "; ".join(_preview(m) for m in messages)
        elif target.binding_type == BLOB:
            path = self._expand(name, target, "path", values)
            container, _, blob = path.partition("/")
            content = _datum_content(datum)
            container_client = self.clients.container(target.account, container)
            what = f"blob output {target.binding!r} of function {name!r} ({path})"

            def upload() -> None:
                creating(
                    lambda: container_client.upload_blob(blob, content, overwrite=True),
                    container_client.create_container,
                )

            self._call(target, what, upload)
            where, shown = f"blob {path!r}", _preview(content)
        else:
            table_name = self._expand(name, target, "tableName", values)
            client = self.clients.table(target.account, table_name)
            entities = _entities(datum)
            for entity in entities:
                for key, field in (("PartitionKey", "partitionKey"), ("RowKey", "rowKey")):
                    if key not in entity and target.fields.get(field):
                        entity[key] = self._expand(name, target, field, values)
                    if key not in entity:
                        raise StorageBindingError(
                            f"Function {name!r}: an entity for table output {target.binding!r} "
                            f"has no {key}; set it in the entity or the binding's {field}."
                        )
            what = f"table output {target.binding!r} of function {name!r} (table {table_name!r})"

            def upsert() -> None:
                for entity in entities:
                    creating(functools.partial(client.upsert_entity, entity), client.create_table)

            self._call(target, what, upsert)
            where, shown = f"table {table_name!r}", _preview(json.dumps(entities, default=str))
        _logger.info(
            "  sent %s %r to %s at %s: %s",
            target.binding_type,
            target.binding,
            where,
            target.account.endpoint(_SERVICE[target.binding_type]),
            shown,
        )
