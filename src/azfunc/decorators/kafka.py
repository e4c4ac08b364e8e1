"""Kafka trigger and output binding classes, with the Kafka enums.

Every enum field accepts a member or its name in any case (``"plain"``, ``"SaslSsl"``).

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-kafka
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import KAFKA, KAFKA_TRIGGER
from azfunc.decorators.core import Cardinality, DataType, OutputBinding, Trigger
from azfunc.decorators.utils import StringifyEnum, parse_singular_param_to_enum


class BrokerAuthenticationMode(StringifyEnum):
    """SASL mechanism used to authenticate with the brokers."""

    NOTSET = -1
    GSSAPI = 0
    PLAIN = 1
    SCRAMSHA256 = 2
    SCRAMSHA512 = 3


class BrokerProtocol(StringifyEnum):
    """Security protocol used to talk to the brokers."""

    NOTSET = -1
    PLAINTEXT = 0
    SSL = 1
    SASLPLAINTEXT = 2
    SASLSSL = 3


class OAuthBearerMethod(StringifyEnum):
    """How an OAuth bearer token is obtained (``OIDC`` or the client library's default)."""

    # A one-tuple, as in azure-functions 1.26.0 (a trailing-comma artefact there); kept so
    # that ``OAuthBearerMethod.DEFAULT.value`` compares equal. function.json uses the name.
    DEFAULT = (0,)
    OIDC = 1


class KafkaMessageKeyType(StringifyEnum):
    """Type of the Kafka message key."""

    INT = 0
    LONG = 1
    STRING = 2
    BINARY = 3


class KafkaTrigger(Trigger):
    """``kafkaTrigger``: run the function for events on a Kafka topic.

    :raises KeyError: an enum field is a string that names no member of its enum.
    """

    @staticmethod
    def get_binding_name() -> str:
        return KAFKA_TRIGGER

    def __init__(
        self,
        name: str,
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
    ) -> None:
        self.topic = topic
        self.broker_list = broker_list
        self.event_hub_connection_string = event_hub_connection_string
        self.consumer_group = consumer_group
        self.avro_schema = avro_schema
        self.key_avro_schema = key_avro_schema
        self.key_data_type = parse_singular_param_to_enum(key_data_type, KafkaMessageKeyType)
        self.username = username
        self.password = password
        self.ssl_key_location = ssl_key_location
        self.ssl_ca_location = ssl_ca_location
        self.ssl_certificate_location = ssl_certificate_location
        self.ssl_key_password = ssl_key_password
        self.ssl_certificate_pem = ssl_certificate_pem
        self.ssl_key_pem = ssl_key_pem
        self.ssl_ca_pem = ssl_ca_pem
        self.ssl_certificate_and_key_pem = ssl_certificate_and_key_pem
        self.schema_registry_url = schema_registry_url
        self.schema_registry_username = schema_registry_username
        self.schema_registry_password = schema_registry_password
        self.o_auth_bearer_method = parse_singular_param_to_enum(
            o_auth_bearer_method, OAuthBearerMethod
        )
        self.o_auth_bearer_client_id = o_auth_bearer_client_id
        self.o_auth_bearer_client_secret = o_auth_bearer_client_secret
        self.o_auth_bearer_scope = o_auth_bearer_scope
        self.o_auth_bearer_token_endpoint_url = o_auth_bearer_token_endpoint_url
        self.o_auth_bearer_extensions = o_auth_bearer_extensions
        self.authentication_mode = parse_singular_param_to_enum(
            authentication_mode, BrokerAuthenticationMode
        )
        self.protocol = parse_singular_param_to_enum(protocol, BrokerProtocol)
        self.cardinality = parse_singular_param_to_enum(cardinality, Cardinality)
        self.lag_threshold = lag_threshold
        super().__init__(name=name, data_type=data_type)


class KafkaOutput(OutputBinding):
    """``kafka``: events the function produces to a Kafka topic.

    :raises KeyError: an enum field is a string that names no member of its enum.
    """

    @staticmethod
    def get_binding_name() -> str:
        return KAFKA

    def __init__(
        self,
        name: str,
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
    ) -> None:
        self.topic = topic
        self.broker_list = broker_list
        self.avro_schema = avro_schema
        self.key_avro_schema = key_avro_schema
        self.key_data_type = parse_singular_param_to_enum(key_data_type, KafkaMessageKeyType)
        self.username = username
        self.password = password
        self.ssl_key_location = ssl_key_location
        self.ssl_ca_location = ssl_ca_location
        self.ssl_certificate_location = ssl_certificate_location
        self.ssl_key_password = ssl_key_password
        self.ssl_certificate_pem = ssl_certificate_pem
        self.ssl_key_pem = ssl_key_pem
        self.ssl_ca_pem = ssl_ca_pem
        self.ssl_certificate_and_key_pem = ssl_certificate_and_key_pem
        self.schema_registry_url = schema_registry_url
        self.schema_registry_username = schema_registry_username
        self.schema_registry_password = schema_registry_password
        self.o_auth_bearer_method = parse_singular_param_to_enum(
            o_auth_bearer_method, OAuthBearerMethod
        )
        self.o_auth_bearer_client_id = o_auth_bearer_client_id
        self.o_auth_bearer_client_secret = o_auth_bearer_client_secret
        self.o_auth_bearer_scope = o_auth_bearer_scope
        self.o_auth_bearer_token_endpoint_url = o_auth_bearer_token_endpoint_url
        self.o_auth_bearer_extensions = o_auth_bearer_extensions
        self.max_message_bytes = max_message_bytes
        self.batch_size = batch_size
        self.enable_idempotence = enable_idempotence
        self.message_timeout_ms = message_timeout_ms
        self.request_timeout_ms = request_timeout_ms
        self.max_retries = max_retries
        self.authentication_mode = parse_singular_param_to_enum(
            authentication_mode, BrokerAuthenticationMode
        )
        self.protocol = parse_singular_param_to_enum(protocol, BrokerProtocol)
        self.linger_ms = linger_ms
        super().__init__(name=name, data_type=data_type)
