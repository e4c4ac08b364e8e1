"""Cosmos DB trigger, input and output binding classes, v4 extension and v3 (``_v3``) forms.

The emitted key order follows each class's ``__init__`` signature, which for the
v3 trigger and output differs from the decorator's parameter order (as in the reference).
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import COSMOS_DB, COSMOS_DB_TRIGGER
from azfunc.decorators.core import DataType, InputBinding, OutputBinding, Trigger


class CosmosDBTriggerV3(Trigger):
    """``cosmosDBTrigger`` for the Cosmos DB extension 3.x (collections)."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB_TRIGGER

    def __init__(
        self,
        name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        leases_collection_throughput: int | None = None,
        checkpoint_interval: int | None = None,
        checkpoint_document_count: int | None = None,
        feed_poll_delay: int | None = None,
        lease_renew_interval: int | None = None,
        lease_acquire_interval: int | None = None,
        lease_expiration_interval: int | None = None,
        max_items_per_invocation: int | None = None,
        start_from_beginning: bool | None = None,
        create_lease_collection_if_not_exists: bool | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        lease_collection_name: str | None = None,
        lease_connection_string_setting: str | None = None,
        lease_database_name: str | None = None,
        lease_collection_prefix: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.database_name = database_name
        self.collection_name = collection_name
        self.connection_string_setting = connection_string_setting
        self.leases_collection_throughput = leases_collection_throughput
        self.checkpoint_interval = checkpoint_interval
        self.checkpoint_document_count = checkpoint_document_count
        self.feed_poll_delay = feed_poll_delay
        self.lease_renew_interval = lease_renew_interval
        self.lease_acquire_interval = lease_acquire_interval
        self.lease_expiration_interval = lease_expiration_interval
        self.max_items_per_invocation = max_items_per_invocation
        self.start_from_beginning = start_from_beginning
        self.create_lease_collection_if_not_exists = create_lease_collection_if_not_exists
        self.preferred_locations = preferred_locations
        self.lease_collection_name = lease_collection_name
        self.lease_connection_string_setting = lease_connection_string_setting
        self.lease_database_name = lease_database_name
        self.lease_collection_prefix = lease_collection_prefix
        super().__init__(name=name, data_type=data_type)


class CosmosDBOutputV3(OutputBinding):
    """``cosmosDB`` (OUT) for the Cosmos DB extension 3.x."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB

    def __init__(
        self,
        name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        create_if_not_exists: bool | None = None,
        collection_throughput: int | None = None,
        use_multiple_write_locations: bool | None = None,
        preferred_locations: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.database_name = database_name
        self.collection_name = collection_name
        self.connection_string_setting = connection_string_setting
        self.create_if_not_exists = create_if_not_exists
        self.collection_throughput = collection_throughput
        self.use_multiple_write_locations = use_multiple_write_locations
        self.preferred_locations = preferred_locations
        self.partition_key = partition_key
        super().__init__(name=name, data_type=data_type)


class CosmosDBInputV3(InputBinding):
    """``cosmosDB`` (IN) for the Cosmos DB extension 3.x."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB

    def __init__(
        self,
        name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        id: str | None = None,
        sql_query: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.database_name = database_name
        self.collection_name = collection_name
        self.connection_string_setting = connection_string_setting
        self.id = id
        self.sql_query = sql_query
        self.partition_key = partition_key
        super().__init__(name=name, data_type=data_type)


class CosmosDBTrigger(Trigger):
    """``cosmosDBTrigger`` for the Cosmos DB extension 4.x (containers)."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB_TRIGGER

    def __init__(
        self,
        name: str,
        connection: str,
        database_name: str,
        container_name: str,
        lease_connection: str | None = None,
        lease_database_name: str | None = None,
        lease_container_name: str | None = None,
        create_lease_container_if_not_exists: bool | None = None,
        leases_container_throughput: int | None = None,
        lease_container_prefix: str | None = None,
        feed_poll_delay: int | None = None,
        lease_acquire_interval: int | None = None,
        lease_expiration_interval: int | None = None,
        lease_renew_interval: int | None = None,
        max_items_per_invocation: int | None = None,
        start_from_beginning: bool | str | None = None,
        start_from_time: str | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.database_name = database_name
        self.container_name = container_name
        self.lease_connection = lease_connection
        self.lease_database_name = lease_database_name
        self.lease_container_name = lease_container_name
        self.create_lease_container_if_not_exists = create_lease_container_if_not_exists
        self.leases_container_throughput = leases_container_throughput
        self.lease_container_prefix = lease_container_prefix
        self.feed_poll_delay = feed_poll_delay
        self.lease_acquire_interval = lease_acquire_interval
        self.lease_expiration_interval = lease_expiration_interval
        self.lease_renew_interval = lease_renew_interval
        self.max_items_per_invocation = max_items_per_invocation
        self.start_from_beginning = start_from_beginning
        self.start_from_time = start_from_time
        self.preferred_locations = preferred_locations
        super().__init__(name=name, data_type=data_type)


class CosmosDBOutput(OutputBinding):
    """``cosmosDB`` (OUT) for the Cosmos DB extension 4.x."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB

    def __init__(
        self,
        name: str,
        connection: str,
        database_name: str,
        container_name: str,
        create_if_not_exists: bool | None = None,
        partition_key: str | None = None,
        container_throughput: int | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.database_name = database_name
        self.container_name = container_name
        self.create_if_not_exists = create_if_not_exists
        self.partition_key = partition_key
        self.container_throughput = container_throughput
        self.preferred_locations = preferred_locations
        super().__init__(name=name, data_type=data_type)


class CosmosDBInput(InputBinding):
    """``cosmosDB`` (IN) for the Cosmos DB extension 4.x."""

    @staticmethod
    def get_binding_name() -> str:
        return COSMOS_DB

    def __init__(
        self,
        name: str,
        connection: str,
        database_name: str,
        container_name: str,
        partition_key: str | None = None,
        id: str | None = None,
        sql_query: str | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.connection = connection
        self.database_name = database_name
        self.container_name = container_name
        self.partition_key = partition_key
        self.id = id
        self.sql_query = sql_query
        self.preferred_locations = preferred_locations
        super().__init__(name=name, data_type=data_type)
