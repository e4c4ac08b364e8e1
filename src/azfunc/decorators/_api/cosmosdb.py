"""Cosmos DB decorators, for the 4.x extension and (``_v3``) the 3.x extension."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
from azfunc.decorators.cosmosdb import (
    CosmosDBInput,
    CosmosDBInputV3,
    CosmosDBOutput,
    CosmosDBOutputV3,
    CosmosDBTrigger,
    CosmosDBTriggerV3,
)


class _CosmosDBTriggers(DecoratorApi):
    def cosmos_db_trigger_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        lease_collection_name: str | None = None,
        lease_connection_string_setting: str | None = None,
        lease_database_name: str | None = None,
        create_lease_collection_if_not_exists: bool | None = None,
        leases_collection_throughput: int | None = None,
        lease_collection_prefix: str | None = None,
        checkpoint_interval: int | None = None,
        checkpoint_document_count: int | None = None,
        feed_poll_delay: int | None = None,
        lease_renew_interval: int | None = None,
        lease_acquire_interval: int | None = None,
        lease_expiration_interval: int | None = None,
        max_items_per_invocation: int | None = None,
        start_from_beginning: bool | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for changes in a Cosmos DB collection (extension 3.x).

        Emits a ``cosmosDBTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.DocumentList`.
        :param database_name: Database of the monitored collection.
        :param collection_name: Monitored collection.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param lease_collection_name: Collection that stores leases (``leases`` by default).
        :param lease_connection_string_setting: App setting of the lease account.
        :param lease_database_name: Database of the lease collection.
        :param create_lease_collection_if_not_exists: Create the lease collection if missing.
        :param leases_collection_throughput: Request units of a created lease collection.
        :param lease_collection_prefix: Prefix of leases, to share a lease collection.
        :param checkpoint_interval: Milliseconds between lease checkpoints.
        :param checkpoint_document_count: Documents processed between lease checkpoints.
        :param feed_poll_delay: Milliseconds between polls for new changes.
        :param lease_renew_interval: Milliseconds between lease renewals.
        :param lease_acquire_interval: Milliseconds between partition-balancing tasks.
        :param lease_expiration_interval: Milliseconds a lease is held without renewal.
        :param max_items_per_invocation: Maximum documents per invocation.
        :param start_from_beginning: Read the change feed from the beginning.
        :param preferred_locations: Comma-separated preferred regions.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_trigger(
            CosmosDBTriggerV3(
                name=arg_name,
                database_name=database_name,
                collection_name=collection_name,
                connection_string_setting=connection_string_setting,
                lease_collection_name=lease_collection_name,
                lease_connection_string_setting=lease_connection_string_setting,
                lease_database_name=lease_database_name,
                create_lease_collection_if_not_exists=create_lease_collection_if_not_exists,
                leases_collection_throughput=leases_collection_throughput,
                lease_collection_prefix=lease_collection_prefix,
                checkpoint_interval=checkpoint_interval,
                checkpoint_document_count=checkpoint_document_count,
                feed_poll_delay=feed_poll_delay,
                lease_renew_interval=lease_renew_interval,
                lease_acquire_interval=lease_acquire_interval,
                lease_expiration_interval=lease_expiration_interval,
                max_items_per_invocation=max_items_per_invocation,
                start_from_beginning=start_from_beginning,
                preferred_locations=preferred_locations,
                data_type=data_type,
                **kwargs,
            )
        )

    def cosmos_db_trigger(
        self,
        arg_name: str,
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
    ) -> FunctionDecorator:
        """Run the function for changes in a Cosmos DB container (extension 4.x).

        Emits a ``cosmosDBTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.DocumentList`.
        :param connection: Name of the app setting (or prefix) that locates the account.
        :param database_name: Database of the monitored container.
        :param container_name: Monitored container.
        :param lease_connection: App setting (or prefix) of the lease account.
        :param lease_database_name: Database of the lease container.
        :param lease_container_name: Container that stores leases (``leases`` by default).
        :param create_lease_container_if_not_exists: Create the lease container if missing.
        :param leases_container_throughput: Request units of a created lease container.
        :param lease_container_prefix: Prefix of leases, to share a lease container.
        :param feed_poll_delay: Milliseconds between polls for new changes.
        :param lease_acquire_interval: Milliseconds between partition-balancing tasks.
        :param lease_expiration_interval: Milliseconds a lease is held without renewal.
        :param lease_renew_interval: Milliseconds between lease renewals.
        :param max_items_per_invocation: Maximum documents per invocation.
        :param start_from_beginning: Read the change feed from the beginning.
        :param start_from_time: ISO 8601 UTC time to start reading from, as a string
            (``"2021-02-16T14:19:29Z"``).
        :param preferred_locations: Comma-separated preferred regions.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_trigger(
            CosmosDBTrigger(
                name=arg_name,
                connection=connection,
                database_name=database_name,
                container_name=container_name,
                lease_connection=lease_connection,
                lease_database_name=lease_database_name,
                lease_container_name=lease_container_name,
                create_lease_container_if_not_exists=create_lease_container_if_not_exists,
                leases_container_throughput=leases_container_throughput,
                lease_container_prefix=lease_container_prefix,
                feed_poll_delay=feed_poll_delay,
                lease_acquire_interval=lease_acquire_interval,
                lease_expiration_interval=lease_expiration_interval,
                lease_renew_interval=lease_renew_interval,
                max_items_per_invocation=max_items_per_invocation,
                start_from_beginning=start_from_beginning,
                start_from_time=start_from_time,
                preferred_locations=preferred_locations,
                data_type=data_type,
                **kwargs,
            )
        )


class _CosmosDBBindings(DecoratorApi):
    def cosmos_db_output_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        create_if_not_exists: bool | None = None,
        partition_key: str | None = None,
        collection_throughput: int | None = None,
        use_multiple_write_locations: bool | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Write documents to a Cosmos DB collection from the function (extension 3.x).

        Emits a ``cosmosDB`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[func.Document]``) or ``$return``.
        :param database_name: Database of the collection.
        :param collection_name: Collection to write to.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param create_if_not_exists: Create the collection if missing.
        :param partition_key: Partition key path of a created collection.
        :param collection_throughput: Request units of a created collection.
        :param use_multiple_write_locations: Use multi-region writes.
        :param preferred_locations: Comma-separated preferred regions.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_binding(
            CosmosDBOutputV3(
                name=arg_name,
                database_name=database_name,
                collection_name=collection_name,
                connection_string_setting=connection_string_setting,
                create_if_not_exists=create_if_not_exists,
                partition_key=partition_key,
                collection_throughput=collection_throughput,
                use_multiple_write_locations=use_multiple_write_locations,
                preferred_locations=preferred_locations,
                data_type=data_type,
                **kwargs,
            )
        )

    def cosmos_db_output(
        self,
        arg_name: str,
        connection: str,
        database_name: str,
        container_name: str,
        create_if_not_exists: bool | None = None,
        partition_key: str | None = None,
        container_throughput: int | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Write documents to a Cosmos DB container from the function (extension 4.x).

        Emits a ``cosmosDB`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[func.Document]``) or ``$return``.
        :param connection: Name of the app setting (or prefix) that locates the account.
        :param database_name: Database of the container.
        :param container_name: Container to write to.
        :param create_if_not_exists: Create the container if missing.
        :param partition_key: Partition key path of a created container.
        :param container_throughput: Request units of a created container.
        :param preferred_locations: Comma-separated preferred regions.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_binding(
            CosmosDBOutput(
                name=arg_name,
                connection=connection,
                database_name=database_name,
                container_name=container_name,
                create_if_not_exists=create_if_not_exists,
                partition_key=partition_key,
                container_throughput=container_throughput,
                preferred_locations=preferred_locations,
                data_type=data_type,
                **kwargs,
            )
        )

    def cosmos_db_input_v3(
        self,
        arg_name: str,
        database_name: str,
        collection_name: str,
        connection_string_setting: str,
        id: str | None = None,
        sql_query: str | None = None,
        partition_key: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read documents from a Cosmos DB collection into the function (extension 3.x).

        Emits a ``cosmosDB`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.DocumentList`.
        :param database_name: Database of the collection.
        :param collection_name: Collection to read.
        :param connection_string_setting: Name of the app setting with the connection string.
        :param id: Id of the one document to read; may use binding expressions.
        :param sql_query: SQL query that selects the documents.
        :param partition_key: Partition key value of the lookup.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_binding(
            CosmosDBInputV3(
                name=arg_name,
                database_name=database_name,
                collection_name=collection_name,
                connection_string_setting=connection_string_setting,
                id=id,
                sql_query=sql_query,
                partition_key=partition_key,
                data_type=data_type,
                **kwargs,
            )
        )

    def cosmos_db_input(
        self,
        arg_name: str,
        connection: str,
        database_name: str,
        container_name: str,
        partition_key: str | None = None,
        id: str | None = None,
        sql_query: str | None = None,
        preferred_locations: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read documents from a Cosmos DB container into the function (extension 4.x).

        Emits a ``cosmosDB`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.DocumentList`.
        :param connection: Name of the app setting (or prefix) that locates the account.
        :param database_name: Database of the container.
        :param container_name: Container to read.
        :param partition_key: Partition key value of the lookup.
        :param id: Id of the one document to read; may use binding expressions.
        :param sql_query: SQL query that selects the documents.
        :param preferred_locations: Comma-separated preferred regions.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/cosmosdb-v4-update
        """
        return self._add_binding(
            CosmosDBInput(
                name=arg_name,
                connection=connection,
                database_name=database_name,
                container_name=container_name,
                partition_key=partition_key,
                id=id,
                sql_query=sql_query,
                preferred_locations=preferred_locations,
                data_type=data_type,
                **kwargs,
            )
        )
