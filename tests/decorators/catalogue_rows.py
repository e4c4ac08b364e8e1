"""Rows of the decorator catalogue: (decorator method, arguments, what it emits).

"What it emits" is the list of function.json entries (bindings, as JSON) and setting
dicts the decorator adds to a function, in order. These values were checked against
azure-functions 1.26.0. Rows for the remaining service areas live in
``catalogue_rows_more.py``.
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.core import AccessRights, BlobSource, Cardinality, DataType
from azfunc.decorators.http import HttpMethod

Row = tuple[str, dict[str, Any], list[dict[str, Any]]]
ErrorRow = tuple[str, dict[str, Any], type[Exception], str]

IN = {"direction": "IN"}
OUT = {"direction": "OUT"}

ROWS: list[Row] = [
    # HTTP
    (
        "route",
        {},
        [
            {**IN, "type": "httpTrigger", "name": "req"},
            {**OUT, "type": "http", "name": "$return"},
        ],
    ),
    (
        "route",
        {
            "route": "items/{id:int}",
            "trigger_arg_name": "request",
            "binding_arg_name": "res",
            "methods": ["get", HttpMethod.POST],
            "auth_level": "admin",
            "trigger_extra_fields": {"data_type": DataType.STRING, "web_hook_type": "github"},
            "binding_extra_fields": {"foo_bar": "baz", "dropped": None},
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "httpTrigger",
                "name": "request",
                "methods": ["GET", "POST"],
                "authLevel": "ADMIN",
                "route": "items/{id:int}",
                "webHookType": "github",
            },
            {**OUT, "type": "http", "name": "res", "fooBar": "baz"},
        ],
    ),
    # Timer and warm-up
    (
        "timer_trigger",
        {"arg_name": "timer", "schedule": "0 */5 * * * *"},
        [{**IN, "type": "timerTrigger", "name": "timer", "schedule": "0 */5 * * * *"}],
    ),
    (
        "schedule",
        {
            "arg_name": "timer",
            "schedule": "0 0 * * * *",
            "run_on_startup": False,
            "use_monitor": True,
            "data_type": "string",
            "extra_key": 1,
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "timerTrigger",
                "name": "timer",
                "schedule": "0 0 * * * *",
                "runOnStartup": False,
                "useMonitor": True,
                "extraKey": 1,
            }
        ],
    ),
    ("warm_up_trigger", {"arg_name": "ctx"}, [{**IN, "type": "warmupTrigger", "name": "ctx"}]),
    (
        "warm_up_trigger",
        {"arg_name": "ctx", "data_type": DataType.UNDEFINED, "custom": "x"},
        [{**IN, "dataType": "UNDEFINED", "type": "warmupTrigger", "name": "ctx", "custom": "x"}],
    ),
    # Storage queue
    (
        "queue_trigger",
        {"arg_name": "msg", "queue_name": "in", "connection": "Storage"},
        [{**IN, "type": "queueTrigger", "name": "msg", "queueName": "in", "connection": "Storage"}],
    ),
    (
        "queue_trigger",
        {
            "arg_name": "msg",
            "queue_name": "in",
            "connection": "Storage",
            "data_type": "BINARY",
            "visibility_timeout": "00:00:30",
        },
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "queueTrigger",
                "name": "msg",
                "queueName": "in",
                "connection": "Storage",
                "visibilityTimeout": "00:00:30",
            }
        ],
    ),
    (
        "queue_output",
        {"arg_name": "out", "queue_name": "q", "connection": "Storage"},
        [{**OUT, "type": "queue", "name": "out", "queueName": "q", "connection": "Storage"}],
    ),
    (
        "queue_output",
        {"arg_name": "out", "queue_name": "q", "connection": "Storage", "data_type": "string"},
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "queue",
                "name": "out",
                "queueName": "q",
                "connection": "Storage",
            }
        ],
    ),
    # Blob
    (
        "blob_trigger",
        {"arg_name": "blob", "path": "c/{name}", "connection": "Storage"},
        [
            {
                **IN,
                "type": "blobTrigger",
                "name": "blob",
                "path": "c/{name}",
                "connection": "Storage",
            }
        ],
    ),
    (
        "blob_trigger",
        {
            "arg_name": "blob",
            "path": "c/{name}",
            "connection": "Storage",
            "source": BlobSource.EVENT_GRID,
            "data_type": DataType.BINARY,
        },
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "blobTrigger",
                "name": "blob",
                "path": "c/{name}",
                "connection": "Storage",
                "source": "EventGrid",
            }
        ],
    ),
    (
        "blob_trigger",
        {"arg_name": "b", "path": "p", "connection": "C", "source": "anything"},
        [
            {
                **IN,
                "type": "blobTrigger",
                "name": "b",
                "path": "p",
                "connection": "C",
                "source": "anything",
            }
        ],
    ),
    (
        "blob_input",
        {"arg_name": "inp", "path": "c/in", "connection": "C"},
        [{**IN, "type": "blob", "name": "inp", "path": "c/in", "connection": "C"}],
    ),
    (
        "blob_input",
        {"arg_name": "inp", "path": "c/in", "connection": "C", "data_type": "binary", "x_y": 2},
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "blob",
                "name": "inp",
                "path": "c/in",
                "connection": "C",
                "xY": 2,
            }
        ],
    ),
    (
        "blob_output",
        {"arg_name": "outp", "path": "c/out", "connection": "C"},
        [{**OUT, "type": "blob", "name": "outp", "path": "c/out", "connection": "C"}],
    ),
    (
        "blob_output",
        {"arg_name": "outp", "path": "c/out", "connection": "C", "data_type": DataType.STRING},
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "blob",
                "name": "outp",
                "path": "c/out",
                "connection": "C",
            }
        ],
    ),
    # Table
    (
        "table_input",
        {"arg_name": "rows", "connection": "C", "table_name": "t"},
        [{**IN, "type": "table", "name": "rows", "connection": "C", "tableName": "t"}],
    ),
    (
        "table_input",
        {
            "arg_name": "rows",
            "connection": "C",
            "table_name": "t",
            "row_key": "r",
            "partition_key": "p",
            "take": 5,
            "filter": "a eq 1",
            "data_type": "string",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "table",
                "name": "rows",
                "connection": "C",
                "tableName": "t",
                "rowKey": "r",
                "partitionKey": "p",
                "take": 5,
                "filter": "a eq 1",
            }
        ],
    ),
    (
        "table_output",
        {"arg_name": "row", "connection": "C", "table_name": "t"},
        [{**OUT, "type": "table", "name": "row", "connection": "C", "tableName": "t"}],
    ),
    (
        "table_output",
        {
            "arg_name": "row",
            "connection": "C",
            "table_name": "t",
            "row_key": "r",
            "partition_key": "p",
            "data_type": DataType.STRING,
        },
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "table",
                "name": "row",
                "connection": "C",
                "tableName": "t",
                "rowKey": "r",
                "partitionKey": "p",
            }
        ],
    ),
    # Service Bus
    (
        "service_bus_queue_trigger",
        {"arg_name": "msg", "connection": "SB", "queue_name": "q"},
        [{**IN, "type": "serviceBusTrigger", "name": "msg", "connection": "SB", "queueName": "q"}],
    ),
    (
        "service_bus_queue_trigger",
        {
            "arg_name": "msg",
            "connection": "SB",
            "queue_name": "q",
            "data_type": "string",
            "access_rights": "manage",
            "is_sessions_enabled": True,
            "cardinality": Cardinality.MANY,
            "auto_complete_messages": False,
            "max_message_count": 5,
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "serviceBusTrigger",
                "name": "msg",
                "connection": "SB",
                "queueName": "q",
                "accessRights": "MANAGE",
                "isSessionsEnabled": True,
                "cardinality": "MANY",
                "autoCompleteMessages": False,
                "maxMessageCount": 5,
            }
        ],
    ),
    (
        "service_bus_topic_trigger",
        {"arg_name": "msg", "connection": "SB", "topic_name": "t", "subscription_name": "s"},
        [
            {
                **IN,
                "type": "serviceBusTrigger",
                "name": "msg",
                "connection": "SB",
                "topicName": "t",
                "subscriptionName": "s",
            }
        ],
    ),
    (
        "service_bus_topic_trigger",
        {
            "arg_name": "msg",
            "connection": "SB",
            "topic_name": "t",
            "subscription_name": "s",
            "data_type": DataType.BINARY,
            "access_rights": AccessRights.LISTEN,
            "is_sessions_enabled": False,
            "cardinality": "one",
            "auto_complete_messages": True,
            "custom_flag": True,
        },
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "serviceBusTrigger",
                "name": "msg",
                "connection": "SB",
                "topicName": "t",
                "subscriptionName": "s",
                "accessRights": "LISTEN",
                "isSessionsEnabled": False,
                "cardinality": "ONE",
                "autoCompleteMessages": True,
                "customFlag": True,
            }
        ],
    ),
    (
        "service_bus_queue_output",
        {"arg_name": "out", "connection": "SB", "queue_name": "q"},
        [{**OUT, "type": "serviceBus", "name": "out", "connection": "SB", "queueName": "q"}],
    ),
    (
        "service_bus_queue_output",
        {
            "arg_name": "out",
            "connection": "SB",
            "queue_name": "q",
            "data_type": "string",
            "access_rights": "Manage",
        },
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "serviceBus",
                "name": "out",
                "connection": "SB",
                "queueName": "q",
                "accessRights": "MANAGE",
            }
        ],
    ),
    (
        "service_bus_topic_output",
        {"arg_name": "out", "connection": "SB", "topic_name": "t"},
        [{**OUT, "type": "serviceBus", "name": "out", "connection": "SB", "topicName": "t"}],
    ),
    (
        "service_bus_topic_output",
        {
            "arg_name": "out",
            "connection": "SB",
            "topic_name": "t",
            "subscription_name": "s",
            "data_type": "binary",
            "access_rights": "listen",
        },
        [
            {
                **OUT,
                "dataType": "BINARY",
                "type": "serviceBus",
                "name": "out",
                "connection": "SB",
                "topicName": "t",
                "subscriptionName": "s",
                "accessRights": "LISTEN",
            }
        ],
    ),
    # Event Hubs
    (
        "event_hub_message_trigger",
        {"arg_name": "ev", "connection": "EH", "event_hub_name": "hub"},
        [
            {
                **IN,
                "type": "eventHubTrigger",
                "name": "ev",
                "connection": "EH",
                "eventHubName": "hub",
            }
        ],
    ),
    (
        "event_hub_message_trigger",
        {
            "arg_name": "ev",
            "connection": "EH",
            "event_hub_name": "hub",
            "data_type": "binary",
            "cardinality": "many",
            "consumer_group": "$Default",
            "max_batch_size": 10,
        },
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "eventHubTrigger",
                "name": "ev",
                "connection": "EH",
                "eventHubName": "hub",
                "cardinality": "MANY",
                "consumerGroup": "$Default",
                "maxBatchSize": 10,
            }
        ],
    ),
    (
        "event_hub_output",
        {"arg_name": "out", "connection": "EH", "event_hub_name": "hub"},
        [{**OUT, "type": "eventHub", "name": "out", "connection": "EH", "eventHubName": "hub"}],
    ),
    (
        "event_hub_output",
        {"arg_name": "out", "connection": "EH", "event_hub_name": "hub", "data_type": "string"},
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "eventHub",
                "name": "out",
                "connection": "EH",
                "eventHubName": "hub",
            }
        ],
    ),
    # Event Grid
    ("event_grid_trigger", {"arg_name": "ev"}, [{**IN, "type": "eventGridTrigger", "name": "ev"}]),
    (
        "event_grid_trigger",
        {"arg_name": "ev", "data_type": "string", "event_schema": "CloudEvent"},
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "eventGridTrigger",
                "name": "ev",
                "eventSchema": "CloudEvent",
            }
        ],
    ),
    (
        "event_grid_output",
        {"arg_name": "out", "connection": "EG"},
        [{**OUT, "type": "eventGrid", "name": "out", "connection": "EG"}],
    ),
    (
        "event_grid_output",
        {
            "arg_name": "out",
            "topic_endpoint_uri": "EG_URI",
            "topic_key_setting": "EG_KEY",
            "data_type": DataType.STRING,
        },
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "eventGrid",
                "name": "out",
                "topicEndpointUri": "EG_URI",
                "topicKeySetting": "EG_KEY",
            }
        ],
    ),
    # Cosmos DB, extension 4.x
    (
        "cosmos_db_trigger",
        {"arg_name": "docs", "connection": "CDB", "database_name": "db", "container_name": "c"},
        [
            {
                **IN,
                "type": "cosmosDBTrigger",
                "name": "docs",
                "connection": "CDB",
                "databaseName": "db",
                "containerName": "c",
            }
        ],
    ),
    (
        "cosmos_db_trigger",
        {
            "arg_name": "docs",
            "connection": "CosmosConn",
            "database_name": "db",
            "container_name": "c",
            "lease_connection": "LC",
            "lease_database_name": "ldb",
            "lease_container_name": "leases",
            "create_lease_container_if_not_exists": True,
            "leases_container_throughput": 400,
            "lease_container_prefix": "p",
            "feed_poll_delay": 5000,
            "lease_acquire_interval": 1,
            "lease_expiration_interval": 2,
            "lease_renew_interval": 3,
            "max_items_per_invocation": 10,
            "start_from_beginning": False,
            "start_from_time": "2021-02-16T14:19:29Z",
            "preferred_locations": "East US",
            "data_type": "string",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "cosmosDBTrigger",
                "name": "docs",
                "connection": "CosmosConn",
                "databaseName": "db",
                "containerName": "c",
                "leaseConnection": "LC",
                "leaseDatabaseName": "ldb",
                "leaseContainerName": "leases",
                "createLeaseContainerIfNotExists": True,
                "leasesContainerThroughput": 400,
                "leaseContainerPrefix": "p",
                "feedPollDelay": 5000,
                "leaseAcquireInterval": 1,
                "leaseExpirationInterval": 2,
                "leaseRenewInterval": 3,
                "maxItemsPerInvocation": 10,
                "startFromBeginning": False,
                "startFromTime": "2021-02-16T14:19:29Z",
                "preferredLocations": "East US",
            }
        ],
    ),
    (
        "cosmos_db_input",
        {"arg_name": "docs", "connection": "CDB", "database_name": "db", "container_name": "c"},
        [
            {
                **IN,
                "type": "cosmosDB",
                "name": "docs",
                "connection": "CDB",
                "databaseName": "db",
                "containerName": "c",
            }
        ],
    ),
    (
        "cosmos_db_input",
        {
            "arg_name": "docs",
            "connection": "CDB",
            "database_name": "db",
            "container_name": "c",
            "partition_key": "{pk}",
            "id": "{id}",
            "sql_query": "SELECT * FROM c",
            "preferred_locations": "West US",
            "data_type": "string",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "cosmosDB",
                "name": "docs",
                "connection": "CDB",
                "databaseName": "db",
                "containerName": "c",
                "partitionKey": "{pk}",
                "id": "{id}",
                "sqlQuery": "SELECT * FROM c",
                "preferredLocations": "West US",
            }
        ],
    ),
    (
        "cosmos_db_output",
        {"arg_name": "doc", "connection": "CDB", "database_name": "db", "container_name": "c"},
        [
            {
                **OUT,
                "type": "cosmosDB",
                "name": "doc",
                "connection": "CDB",
                "databaseName": "db",
                "containerName": "c",
            }
        ],
    ),
    (
        "cosmos_db_output",
        {
            "arg_name": "doc",
            "connection": "CDB",
            "database_name": "db",
            "container_name": "c",
            "create_if_not_exists": True,
            "partition_key": "/id",
            "container_throughput": 400,
            "preferred_locations": "West US",
            "data_type": "string",
        },
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "cosmosDB",
                "name": "doc",
                "connection": "CDB",
                "databaseName": "db",
                "containerName": "c",
                "createIfNotExists": True,
                "partitionKey": "/id",
                "containerThroughput": 400,
                "preferredLocations": "West US",
            }
        ],
    ),
    # Cosmos DB, extension 3.x
    (
        "cosmos_db_trigger_v3",
        {
            "arg_name": "docs",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
        },
        [
            {
                **IN,
                "type": "cosmosDBTrigger",
                "name": "docs",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
            }
        ],
    ),
    (
        "cosmos_db_trigger_v3",
        {
            "arg_name": "docs",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
            "lease_collection_name": "leases",
            "lease_connection_string_setting": "LCS",
            "lease_database_name": "ldb",
            "create_lease_collection_if_not_exists": True,
            "leases_collection_throughput": 400,
            "lease_collection_prefix": "p",
            "checkpoint_interval": 1,
            "checkpoint_document_count": 2,
            "feed_poll_delay": 3,
            "lease_renew_interval": 4,
            "lease_acquire_interval": 5,
            "lease_expiration_interval": 6,
            "max_items_per_invocation": 7,
            "start_from_beginning": True,
            "preferred_locations": "East US",
            "data_type": "string",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "cosmosDBTrigger",
                "name": "docs",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
                "leasesCollectionThroughput": 400,
                "checkpointInterval": 1,
                "checkpointDocumentCount": 2,
                "feedPollDelay": 3,
                "leaseRenewInterval": 4,
                "leaseAcquireInterval": 5,
                "leaseExpirationInterval": 6,
                "maxItemsPerInvocation": 7,
                "startFromBeginning": True,
                "createLeaseCollectionIfNotExists": True,
                "preferredLocations": "East US",
                "leaseCollectionName": "leases",
                "leaseConnectionStringSetting": "LCS",
                "leaseDatabaseName": "ldb",
                "leaseCollectionPrefix": "p",
            }
        ],
    ),
    (
        "cosmos_db_input_v3",
        {
            "arg_name": "docs",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
        },
        [
            {
                **IN,
                "type": "cosmosDB",
                "name": "docs",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
            }
        ],
    ),
    (
        "cosmos_db_input_v3",
        {
            "arg_name": "docs",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
            "id": "1",
            "sql_query": "SELECT 1",
            "partition_key": "pk",
            "data_type": "string",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "cosmosDB",
                "name": "docs",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
                "id": "1",
                "sqlQuery": "SELECT 1",
                "partitionKey": "pk",
            }
        ],
    ),
    (
        "cosmos_db_output_v3",
        {
            "arg_name": "outp",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
        },
        [
            {
                **OUT,
                "type": "cosmosDB",
                "name": "outp",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
            }
        ],
    ),
    (
        "cosmos_db_output_v3",
        {
            "arg_name": "outp",
            "database_name": "db",
            "collection_name": "coll",
            "connection_string_setting": "CS",
            "create_if_not_exists": True,
            "partition_key": "pk",
            "collection_throughput": 400,
            "use_multiple_write_locations": True,
            "preferred_locations": "x",
            "data_type": "string",
        },
        [
            {
                **OUT,
                "dataType": "STRING",
                "type": "cosmosDB",
                "name": "outp",
                "databaseName": "db",
                "collectionName": "coll",
                "connectionStringSetting": "CS",
                "createIfNotExists": True,
                "collectionThroughput": 400,
                "useMultipleWriteLocations": True,
                "preferredLocations": "x",
                "partitionKey": "pk",
            }
        ],
    ),
    # Generic
    (
        "generic_trigger",
        {"arg_name": "msg", "type": "queueTrigger"},
        [{**IN, "type": "queueTrigger", "name": "msg"}],
    ),
    (
        "generic_trigger",
        {
            "arg_name": "msg",
            "type": "queueTrigger",
            "data_type": "string",
            "queue_name": "q",
            "connection": "C",
        },
        [
            {
                **IN,
                "dataType": "STRING",
                "type": "queueTrigger",
                "name": "msg",
                "queueName": "q",
                "connection": "C",
            }
        ],
    ),
    (
        "generic_input_binding",
        {"arg_name": "inp", "type": "blob"},
        [{**IN, "type": "blob", "name": "inp"}],
    ),
    (
        "generic_input_binding",
        {
            "arg_name": "inp",
            "type": "blob",
            "data_type": "binary",
            "path": "c/x",
            "connection": "C",
        },
        [
            {
                **IN,
                "dataType": "BINARY",
                "type": "blob",
                "name": "inp",
                "path": "c/x",
                "connection": "C",
            }
        ],
    ),
    (
        "generic_output_binding",
        {"arg_name": "out", "type": "queue"},
        [{**OUT, "type": "queue", "name": "out"}],
    ),
    (
        "generic_output_binding",
        {"arg_name": "out", "type": "queue", "data_type": "string", "queue_name": "q"},
        [{**OUT, "dataType": "STRING", "type": "queue", "name": "out", "queueName": "q"}],
    ),
    # Settings
    (
        "function_name",
        {"name": "renamed"},
        [{"setting_name": "function_name", "function_name": "renamed"}],
    ),
    (
        "function_name",
        {"name": "renamed", "setting_extra_fields": {"some_key": "v", "gone": None}},
        [{"setting_name": "function_name", "function_name": "renamed", "some_key": "v"}],
    ),
    (
        "retry",
        {"strategy": "fixed_delay", "max_retry_count": "3"},
        [{"setting_name": "retry_policy", "strategy": "fixed_delay", "max_retry_count": "3"}],
    ),
    (
        "retry",
        {
            "strategy": "exponential_backoff",
            "max_retry_count": "5",
            "delay_interval": "00:00:01",
            "minimum_interval": "00:00:02",
            "maximum_interval": "00:15:00",
            "setting_extra_fields": {"extra_one": 1},
        },
        [
            {
                "setting_name": "retry_policy",
                "strategy": "exponential_backoff",
                "max_retry_count": "5",
                "delay_interval": "00:00:01",
                "minimum_interval": "00:00:02",
                "maximum_interval": "00:15:00",
                "extra_one": 1,
            }
        ],
    ),
]

_EVENT_GRID_ERROR = (
    "Specify either the 'Connection' property or both 'TopicKeySetting' and "
    "'TopicEndpointUri' properties, but not both."
)

ERROR_ROWS: list[ErrorRow] = [
    (
        "queue_trigger",
        {"arg_name": "m", "queue_name": "q", "connection": "c", "data_type": "text"},
        KeyError,
        "Can not parse str 'text' to DataType. Allowed values are "
        "['UNDEFINED', 'STRING', 'BINARY', 'STREAM']",
    ),
    (
        "route",
        {"auth_level": "bogus"},
        KeyError,
        "Can not parse str 'bogus' to AuthLevel. Allowed values are "
        "['FUNCTION', 'ANONYMOUS', 'ADMIN']",
    ),
    (
        "route",
        {"methods": ["FETCH"]},
        KeyError,
        "Can not parse '['FETCH']' to Optional[Iterable[HttpMethod]]. Please ensure param all "
        "list elements exist in ['GET', 'POST', 'DELETE', 'HEAD', 'PATCH', 'PUT', 'OPTIONS']",
    ),
    (
        "service_bus_queue_trigger",
        {"arg_name": "m", "connection": "c", "queue_name": "q", "access_rights": "read"},
        KeyError,
        "Can not parse str 'read' to AccessRights. Allowed values are ['MANAGE', 'LISTEN']",
    ),
    (
        "event_hub_message_trigger",
        {"arg_name": "e", "connection": "c", "event_hub_name": "h", "cardinality": "all"},
        KeyError,
        "Can not parse str 'all' to Cardinality. Allowed values are ['ONE', 'MANY']",
    ),
    ("event_grid_output", {"arg_name": "o"}, ValueError, _EVENT_GRID_ERROR),
    (
        "event_grid_output",
        {"arg_name": "o", "topic_endpoint_uri": "U", "topic_key_setting": "K", "connection": "C"},
        ValueError,
        _EVENT_GRID_ERROR,
    ),
    (
        "event_grid_output",
        {"arg_name": "o", "topic_endpoint_uri": "U"},
        ValueError,
        _EVENT_GRID_ERROR,
    ),
    (
        "event_grid_output",
        {"arg_name": "o", "topic_key_setting": "K", "connection": "C"},
        ValueError,
        _EVENT_GRID_ERROR,
    ),
    (
        "table_input",
        {"arg_name": "r", "connection": "c", "table_name": "t", "select": "x"},
        TypeError,
        "_TableBindings.table_input() got an unexpected keyword argument 'select'",
    ),
    (
        "route",
        {"trigger_extra_fields": {"route": "x"}},
        TypeError,
        "azfunc.decorators.http.HttpTrigger() got multiple values for keyword argument 'route'",
    ),
]
