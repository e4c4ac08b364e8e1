"""Builders for Cosmos DB documents, SQL and MySQL rows, and Durable Functions contexts.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from azfunc import _jsonutils
from azfunc._cosmosdb import DocumentList
from azfunc._durable_functions import EntityContext, OrchestrationContext, df_dumps
from azfunc._mysql import MySqlRowList
from azfunc._sql import SqlRowList
from azfunc._testing.payload import DEFAULT_TIME, Payload, decoded, json_datum, string_datum
from azfunc._testing.storage import BASE_URL, DEFAULT_MESSAGE_ID
from azfunc.decorators.constants import (
    ACTIVITY_TRIGGER,
    COSMOS_DB,
    COSMOS_DB_TRIGGER,
    DURABLE_CLIENT,
    ENTITY_TRIGGER,
    MYSQL,
    MYSQL_TRIGGER,
    ORCHESTRATION_TRIGGER,
    SQL,
    SQL_TRIGGER,
)
from azfunc.meta import Datum

__all__ = [
    "activity_input",
    "activity_input_payload",
    "cosmos_documents",
    "cosmos_documents_payload",
    "durable_client_payload",
    "entity_context",
    "entity_context_payload",
    "mysql_changes_payload",
    "mysql_rows",
    "mysql_rows_payload",
    "orchestration_context",
    "orchestration_context_payload",
    "sql_changes_payload",
    "sql_rows",
    "sql_rows_payload",
]

Row = Mapping[str, Any]

#: The change kinds of the SQL and MySQL triggers, by name and as the host numbers them.
ChangeOperation = Literal["insert", "update", "delete", 0, 1, 2]
_OPERATIONS = {"insert": 0, "update": 1, "delete": 2}


def _rows(rows: Iterable[Row | None]) -> list[dict[str, Any] | None]:
    return [None if row is None else dict(row) for row in rows]


# -- Cosmos DB, SQL, MySQL ---------------------------------------------------------------------


def cosmos_documents_payload(
    documents: Iterable[Row | None], *, trigger: bool = True
) -> Payload[DocumentList]:
    """Return what the host sends for Cosmos DB documents: a JSON array.

    :param documents: The documents (``None`` items stay ``None``, as in the host's data).
    :param trigger: ``True`` for a ``cosmosDBTrigger`` (the change feed); ``False`` for
        a ``cosmosDB`` input binding.
    """
    binding = COSMOS_DB_TRIGGER if trigger else COSMOS_DB
    return Payload(binding=binding, data=json_datum(_rows(documents)))


def sql_rows_payload(rows: Iterable[Row]) -> Payload[SqlRowList]:
    """Return what the host sends for an Azure SQL input binding: the rows as a JSON array."""
    return Payload(binding=SQL, data=json_datum(_rows(rows)))


def mysql_rows_payload(rows: Iterable[Row]) -> Payload[MySqlRowList]:
    """Return what the host sends for a MySQL input binding: the rows as a JSON array."""
    return Payload(binding=MYSQL, data=json_datum(_rows(rows)))


def _changes(changes: Iterable[tuple[ChangeOperation, Row]]) -> list[dict[str, Any]]:
    result = []
    for operation, item in changes:
        code = _OPERATIONS.get(operation, operation) if isinstance(operation, str) else operation
        if code not in (0, 1, 2):
            raise ValueError(
                f"unknown change operation {operation!r}: use 'insert', 'update', 'delete' "
                f"(or the host's numbers 0, 1, 2)"
            )
        result.append({"Item": dict(item), "Operation": code})
    return result


def sql_changes_payload(changes: Iterable[tuple[ChangeOperation, Row]]) -> Payload[str]:
    """Return what the host sends for an Azure SQL trigger: the changes as a JSON array of
    ``{"Item": row, "Operation": 0|1|2}``. The trigger has no converter, so the function
    receives the JSON text.

    :param changes: ``(operation, row)`` pairs; operation ``"insert"``, ``"update"`` or
        ``"delete"`` (or 0, 1, 2).
    :raises ValueError: An operation is none of these.
    """
    return Payload(binding=SQL_TRIGGER, data=json_datum(_changes(changes)))


def mysql_changes_payload(changes: Iterable[tuple[ChangeOperation, Row]]) -> Payload[MySqlRowList]:
    """Return what the host sends for a MySQL trigger: the changes as a JSON array of
    ``{"Item": row, "Operation": 0|1|2}``, decoded into a :class:`~azfunc.MySqlRowList`.

    :raises ValueError: An operation is not ``"insert"``, ``"update"``, ``"delete"``, 0, 1, 2.
    """
    return Payload(binding=MYSQL_TRIGGER, data=json_datum(_changes(changes)))


# -- Durable Functions -------------------------------------------------------------------------


def orchestration_context_payload(
    input: Any = None,
    *,
    name: str = "orchestrator",
    instance_id: str = DEFAULT_MESSAGE_ID,
    history: list[dict[str, Any]] | None = None,
    is_replaying: bool = False,
    parent_instance_id: str | None = None,
    started_at: datetime.datetime = DEFAULT_TIME,
) -> Payload[OrchestrationContext]:
    """Return what the host sends for an ``orchestrationTrigger``: the orchestration
    state as JSON text, which the Durable Functions SDK parses.

    :param input: The orchestration input (any JSON value); sent JSON-encoded, as the
        host does.
    :param name: The orchestrator's function name (in the ``ExecutionStarted`` event).
    :param instance_id: The instance id.
    :param history: The history events; by default those of a first run
        (``OrchestratorStarted`` and ``ExecutionStarted``, at ``started_at``).
    :param is_replaying: Whether the orchestrator is replaying.
    :param parent_instance_id: The parent instance of a sub-orchestration.
    :param started_at: The timestamp of the default history events.
    """
    encoded_input = None if input is None else _jsonutils.dumps(input)
    if history is None:
        stamp = started_at.isoformat()
        history = [
            {"EventType": 12, "EventId": -1, "IsPlayed": False, "Timestamp": stamp},
            {
                "EventType": 0,
                "EventId": -1,
                "IsPlayed": False,
                "Timestamp": stamp,
                "Name": name,
                "Version": "",
                "Input": encoded_input,
                "OrchestrationInstance": {"InstanceId": instance_id},
            },
        ]
    state = {
        "history": history,
        "input": encoded_input,
        "instanceId": instance_id,
        "isReplaying": is_replaying,
        "parentInstanceId": parent_instance_id,
        "upperSchemaVersion": 2,
    }
    return Payload(binding=ORCHESTRATION_TRIGGER, data=string_datum(_jsonutils.dumps(state)))


def entity_context_payload(
    name: str = "entity",
    key: str = "key",
    *,
    state: Any = None,
    operations: Iterable[str | tuple[str, Any]] = (),
) -> Payload[EntityContext]:
    """Return what the host sends for an ``entityTrigger``: the entity and its batch of
    operations as JSON text, which the Durable Functions SDK parses.

    :param name: The entity name.
    :param key: The entity key.
    :param state: The current state (any JSON value); ``None`` for an entity that does
        not exist yet.
    :param operations: The batch: operation names, or ``(name, input)`` pairs; each input
        is sent JSON-encoded twice, as the Durable extension does.
    """
    batch = []
    for operation in operations:
        op_name, op_input = (operation, None) if isinstance(operation, str) else operation
        # The extension sends each operation input JSON-encoded twice (null too), and
        # the SDK decodes it twice.
        batch.append(
            {
                "name": op_name,
                "signal": False,
                "input": _jsonutils.dumps(_jsonutils.dumps(op_input)),
            }
        )
    body = {
        "self": {"name": name, "key": key},
        "state": None if state is None else _jsonutils.dumps(state),
        "exists": state is not None,
        "batch": batch,
    }
    return Payload(binding=ENTITY_TRIGGER, data=string_datum(_jsonutils.dumps(body)))


def activity_input_payload(value: Any = None) -> Payload[Any]:
    """Return what the host sends for an ``activityTrigger``: the input as JSON, written
    with the Durable codec (objects with ``to_json`` travel in an envelope)."""
    return Payload(binding=ACTIVITY_TRIGGER, data=Datum(df_dumps(value), "json"))


def durable_client_payload(
    task_hub_name: str = "TestHubName", *, base_url: str = BASE_URL
) -> Payload[str]:
    """Return what the host sends for a ``durableClient`` input binding: the client's
    connection info as JSON text, which the Durable Functions SDK parses.

    :param task_hub_name: The task hub.
    :param base_url: Scheme, host and port of the management URLs.
    """
    webhooks = f"{base_url}/runtime/webhooks/durabletask"
    instance = f"{webhooks}/instances/INSTANCEID"
    query = "taskHub=" + task_hub_name + "&connection=Storage&code=test-system-key"
    info = {
        "taskHubName": task_hub_name,
        "creationUrls": {
            "createNewInstancePostUri": f"{webhooks}/orchestrators/{{functionName}}"
            f"[/{{instanceId}}]?code=test-system-key",
            "createAndWaitOnNewInstancePostUri": f"{webhooks}/orchestrators/{{functionName}}"
            f"[/{{instanceId}}]?timeout={{timeoutInSeconds}}&pollingInterval="
            f"{{intervalInSeconds}}&code=test-system-key",
        },
        "managementUrls": {
            "id": "INSTANCEID",
            "statusQueryGetUri": f"{instance}?{query}",
            "sendEventPostUri": f"{instance}/raiseEvent/{{eventName}}?{query}",
            "terminatePostUri": f"{instance}/terminate?reason={{text}}&{query}",
            "rewindPostUri": f"{instance}/rewind?reason={{text}}&{query}",
            "purgeHistoryDeleteUri": f"{instance}?{query}",
            "restartPostUri": f"{instance}/restart?{query}",
            "suspendPostUri": f"{instance}/suspend?reason={{text}}&{query}",
            "resumePostUri": f"{instance}/resume?reason={{text}}&{query}",
        },
        "baseUrl": webhooks,
        "requiredQueryStringParameters": query,
        "rpcBaseUrl": f"{base_url.rsplit(':', 1)[0]}:17071/durabletask/",
    }
    return Payload(binding=DURABLE_CLIENT, data=string_datum(_jsonutils.dumps(info)))


cosmos_documents = decoded(
    cosmos_documents_payload,
    "the :class:`~azfunc.DocumentList` a Cosmos DB trigger or input delivers",
)

sql_rows = decoded(
    sql_rows_payload,
    "the :class:`~azfunc.SqlRowList` an Azure SQL input binding delivers",
)

mysql_rows = decoded(
    mysql_rows_payload,
    "the :class:`~azfunc.MySqlRowList` a MySQL input binding delivers",
)

orchestration_context = decoded(
    orchestration_context_payload,
    "the :class:`~azfunc.OrchestrationContext` an orchestrator receives",
)

entity_context = decoded(
    entity_context_payload,
    "the :class:`~azfunc.EntityContext` an entity function receives",
)

activity_input = decoded(
    activity_input_payload,
    "what an activity function receives for ``value``, after the round trip through the "
    "Durable codec (so objects with ``to_json``/``from_json`` are rebuilt)",
)
