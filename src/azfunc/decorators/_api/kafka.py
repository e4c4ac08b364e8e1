"""Kafka decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import Cardinality, DataType
from azfunc.decorators.kafka import (
    BrokerAuthenticationMode,
    BrokerProtocol,
    KafkaMessageKeyType,
    KafkaOutput,
    KafkaTrigger,
    OAuthBearerMethod,
)


class _KafkaTriggers(DecoratorApi):
    def kafka_trigger(
        self,
        arg_name: str,
        topic: str,
        broker_list: str,
        event_hub_connection_string: str | None = None,
        consumer_group: str | None = None,
        avro_schema: str | None = None,
        key_avro_schema: str | None = None,
        key_data_type: KafkaMessageKeyType | str | None = KafkaMessageKeyType.STRING,
        username: str | None = None,
        password: str | None = None,
        ssl_key_location: str | None = None,
        ssl_ca_location: str | None = None,
        ssl_certificate_location: str | None = None,
        ssl_key_password: str | None = None,
        ssl_certificate_pem: str | None = None,
        ssl_key_pem: str | None = None,
        ssl_ca_pem: str | None = None,
        ssl_certificate_and_key_pem: str | None = None,
        schema_registry_url: str | None = None,
        schema_registry_username: str | None = None,
        schema_registry_password: str | None = None,
        o_auth_bearer_method: OAuthBearerMethod | str | None = None,
        o_auth_bearer_client_id: str | None = None,
        o_auth_bearer_client_secret: str | None = None,
        o_auth_bearer_scope: str | None = None,
        o_auth_bearer_token_endpoint_url: str | None = None,
        o_auth_bearer_extensions: str | None = None,
        authentication_mode: BrokerAuthenticationMode | str | None = "NotSet",
        protocol: BrokerProtocol | str | None = "NotSet",
        cardinality: Cardinality | str | None = "One",
        lag_threshold: int = 1000,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function for events on a Kafka topic (or an Event Hubs Kafka endpoint).

        Emits a ``kafkaTrigger`` binding (direction IN) into function.json. The fields
        ``keyDataType``, ``authenticationMode``, ``protocol``, ``cardinality`` and
        ``lagThreshold`` are always emitted, with their defaults when not given.

        :param arg_name: Parameter that receives the :class:`~azfunc.KafkaEvent`, or
            ``list[KafkaEvent]`` when ``cardinality="many"``.
        :param topic: Topic to consume.
        :param broker_list: Brokers as ``host:port[,host:port]``, or ``%setting%``.
        :param event_hub_connection_string: Name of the app setting with an Event Hubs
            connection string, when the brokers are an Event Hubs namespace.
        :param consumer_group: Kafka consumer group of the trigger.
        :param avro_schema: Avro schema of the message value (JSON text).
        :param key_avro_schema: Avro schema of the message key (JSON text).
        :param key_data_type: Type of the message key: INT, LONG, STRING or BINARY.
        :param username: SASL user name (an app setting reference such as ``%KafkaUser%``).
        :param password: SASL password (an app setting reference).
        :param ssl_key_location: Path of the client's private key (PEM) for SSL.
        :param ssl_ca_location: Path of the CA certificate file for verifying the brokers.
        :param ssl_certificate_location: Path of the client's certificate (PEM).
        :param ssl_key_password: Password of the client's private key.
        :param ssl_certificate_pem: Client certificate as PEM text.
        :param ssl_key_pem: Client private key as PEM text.
        :param ssl_ca_pem: CA certificate as PEM text.
        :param ssl_certificate_and_key_pem: Client certificate and key as one PEM text.
        :param schema_registry_url: URL of the Avro schema registry.
        :param schema_registry_username: User name for the schema registry.
        :param schema_registry_password: Password for the schema registry.
        :param o_auth_bearer_method: How the OAuth bearer token is obtained: DEFAULT or OIDC.
        :param o_auth_bearer_client_id: OIDC client id.
        :param o_auth_bearer_client_secret: OIDC client secret.
        :param o_auth_bearer_scope: OIDC scope of the access request.
        :param o_auth_bearer_token_endpoint_url: OIDC token endpoint URL.
        :param o_auth_bearer_extensions: Extra OAuth bearer key=value pairs, comma-separated.
        :param authentication_mode: SASL mechanism: NOTSET, GSSAPI, PLAIN, SCRAMSHA256 or
            SCRAMSHA512.
        :param protocol: Security protocol: NOTSET, PLAINTEXT, SSL, SASLPLAINTEXT or SASLSSL.
        :param cardinality: ONE event per invocation, or MANY (a batch).
        :param lag_threshold: Consumer lag (in messages) at which the scale controller adds
            an instance.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum argument is a string that names no member of its enum.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-kafka-trigger
        """
        return self._add_trigger(
            KafkaTrigger(
                name=arg_name,
                topic=topic,
                broker_list=broker_list,
                event_hub_connection_string=event_hub_connection_string,
                consumer_group=consumer_group,
                avro_schema=avro_schema,
                key_avro_schema=key_avro_schema,
                key_data_type=key_data_type,
                username=username,
                password=password,
                ssl_key_location=ssl_key_location,
                ssl_ca_location=ssl_ca_location,
                ssl_certificate_location=ssl_certificate_location,
                ssl_key_password=ssl_key_password,
                ssl_certificate_pem=ssl_certificate_pem,
                ssl_key_pem=ssl_key_pem,
                ssl_ca_pem=ssl_ca_pem,
                ssl_certificate_and_key_pem=ssl_certificate_and_key_pem,
                schema_registry_url=schema_registry_url,
                schema_registry_username=schema_registry_username,
                schema_registry_password=schema_registry_password,
                o_auth_bearer_method=o_auth_bearer_method,
                o_auth_bearer_client_id=o_auth_bearer_client_id,
                o_auth_bearer_client_secret=o_auth_bearer_client_secret,
                o_auth_bearer_scope=o_auth_bearer_scope,
                o_auth_bearer_token_endpoint_url=o_auth_bearer_token_endpoint_url,
                o_auth_bearer_extensions=o_auth_bearer_extensions,
                authentication_mode=authentication_mode,
                protocol=protocol,
                cardinality=cardinality,
                lag_threshold=lag_threshold,
                data_type=data_type,
                **kwargs,
            )
        )


class _KafkaBindings(DecoratorApi):
    def kafka_output(
        self,
        arg_name: str,
        topic: str,
        broker_list: str,
        avro_schema: str | None = None,
        key_avro_schema: str | None = None,
        key_data_type: KafkaMessageKeyType | str | None = KafkaMessageKeyType.STRING,
        username: str | None = None,
        password: str | None = None,
        ssl_key_location: str | None = None,
        ssl_ca_location: str | None = None,
        ssl_certificate_location: str | None = None,
        ssl_key_password: str | None = None,
        ssl_certificate_pem: str | None = None,
        ssl_key_pem: str | None = None,
        ssl_ca_pem: str | None = None,
        ssl_certificate_and_key_pem: str | None = None,
        schema_registry_url: str | None = None,
        schema_registry_username: str | None = None,
        schema_registry_password: str | None = None,
        o_auth_bearer_method: OAuthBearerMethod | str | None = None,
        o_auth_bearer_client_id: str | None = None,
        o_auth_bearer_client_secret: str | None = None,
        o_auth_bearer_scope: str | None = None,
        o_auth_bearer_token_endpoint_url: str | None = None,
        o_auth_bearer_extensions: str | None = None,
        max_message_bytes: int = 1_000_000,
        batch_size: int = 10_000,
        enable_idempotence: bool = False,
        message_timeout_ms: int = 300_000,
        request_timeout_ms: int = 5_000,
        max_retries: int = 2_147_483_647,
        authentication_mode: BrokerAuthenticationMode | str | None = "NOTSET",
        protocol: BrokerProtocol | str | None = "NOTSET",
        linger_ms: int = 5,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Produce events to a Kafka topic from the function.

        Emits a ``kafka`` binding (direction OUT) into function.json. The producer
        settings (``keyDataType``, ``maxMessageBytes`` ... ``lingerMs``) are always emitted,
        with their defaults when not given.

        :param arg_name: ``Out`` parameter (``func.Out[str]``) or ``$return``.
        :param topic: Topic to produce to.
        :param broker_list: Brokers as ``host:port[,host:port]``, or ``%setting%``.
        :param avro_schema: Avro schema of the message value (JSON text).
        :param key_avro_schema: Avro schema of the message key (JSON text).
        :param key_data_type: Type of the message key: INT, LONG, STRING or BINARY.
        :param username: SASL user name (an app setting reference such as ``%KafkaUser%``).
        :param password: SASL password (an app setting reference).
        :param ssl_key_location: Path of the client's private key (PEM) for SSL.
        :param ssl_ca_location: Path of the CA certificate file for verifying the brokers.
        :param ssl_certificate_location: Path of the client's certificate (PEM).
        :param ssl_key_password: Password of the client's private key.
        :param ssl_certificate_pem: Client certificate as PEM text.
        :param ssl_key_pem: Client private key as PEM text.
        :param ssl_ca_pem: CA certificate as PEM text.
        :param ssl_certificate_and_key_pem: Client certificate and key as one PEM text.
        :param schema_registry_url: URL of the Avro schema registry.
        :param schema_registry_username: User name for the schema registry.
        :param schema_registry_password: Password for the schema registry.
        :param o_auth_bearer_method: How the OAuth bearer token is obtained: DEFAULT or OIDC.
        :param o_auth_bearer_client_id: OIDC client id.
        :param o_auth_bearer_client_secret: OIDC client secret.
        :param o_auth_bearer_scope: OIDC scope of the access request.
        :param o_auth_bearer_token_endpoint_url: OIDC token endpoint URL.
        :param o_auth_bearer_extensions: Extra OAuth bearer key=value pairs, comma-separated.
        :param max_message_bytes: Largest message the producer sends, in bytes.
        :param batch_size: Most messages batched in one message set.
        :param enable_idempotence: Produce each message exactly once, in order.
        :param message_timeout_ms: How long a message may wait for delivery, in milliseconds.
        :param request_timeout_ms: Acknowledgement timeout of a produce request, in
            milliseconds.
        :param max_retries: How many times a failed message is resent.
        :param authentication_mode: SASL mechanism: NOTSET, GSSAPI, PLAIN, SCRAMSHA256 or
            SCRAMSHA512.
        :param protocol: Security protocol: NOTSET, PLAINTEXT, SSL, SASLPLAINTEXT or SASLSSL.
        :param linger_ms: How long the producer waits to fill a batch, in milliseconds.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: an enum argument is a string that names no member of its enum.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-kafka-output
        """
        return self._add_binding(
            KafkaOutput(
                name=arg_name,
                topic=topic,
                broker_list=broker_list,
                avro_schema=avro_schema,
                key_avro_schema=key_avro_schema,
                key_data_type=key_data_type,
                username=username,
                password=password,
                ssl_key_location=ssl_key_location,
                ssl_ca_location=ssl_ca_location,
                ssl_certificate_location=ssl_certificate_location,
                ssl_key_password=ssl_key_password,
                ssl_certificate_pem=ssl_certificate_pem,
                ssl_key_pem=ssl_key_pem,
                ssl_ca_pem=ssl_ca_pem,
                ssl_certificate_and_key_pem=ssl_certificate_and_key_pem,
                schema_registry_url=schema_registry_url,
                schema_registry_username=schema_registry_username,
                schema_registry_password=schema_registry_password,
                o_auth_bearer_method=o_auth_bearer_method,
                o_auth_bearer_client_id=o_auth_bearer_client_id,
                o_auth_bearer_client_secret=o_auth_bearer_client_secret,
                o_auth_bearer_scope=o_auth_bearer_scope,
                o_auth_bearer_token_endpoint_url=o_auth_bearer_token_endpoint_url,
                o_auth_bearer_extensions=o_auth_bearer_extensions,
                max_message_bytes=max_message_bytes,
                batch_size=batch_size,
                enable_idempotence=enable_idempotence,
                message_timeout_ms=message_timeout_ms,
                request_timeout_ms=request_timeout_ms,
                max_retries=max_retries,
                authentication_mode=authentication_mode,
                protocol=protocol,
                linger_ms=linger_ms,
                data_type=data_type,
                **kwargs,
            )
        )
