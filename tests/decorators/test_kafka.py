"""Kafka binding classes: exact dict reprs, enum parsing and the reference's enum values."""

from __future__ import annotations

import pytest

from azfunc.decorators.core import BindingDirection, Cardinality, DataType
from azfunc.decorators.kafka import (
    BrokerAuthenticationMode,
    BrokerProtocol,
    KafkaMessageKeyType,
    KafkaOutput,
    KafkaTrigger,
    OAuthBearerMethod,
)


def test_trigger_defaults_are_always_emitted() -> None:
    trigger = KafkaTrigger(name="event", topic="orders", broker_list="BrokerList")
    assert list(trigger.get_dict_repr().items()) == [
        ("direction", BindingDirection.IN),
        ("type", "kafkaTrigger"),
        ("name", "event"),
        ("topic", "orders"),
        ("brokerList", "BrokerList"),
        ("keyDataType", KafkaMessageKeyType.STRING),
        ("authenticationMode", BrokerAuthenticationMode.NOTSET),
        ("protocol", BrokerProtocol.NOTSET),
        ("cardinality", Cardinality.ONE),
        ("lagThreshold", 1000),
    ]


def test_trigger_parses_enum_names_in_any_case() -> None:
    trigger = KafkaTrigger(
        name="event",
        topic="orders",
        broker_list="BrokerList",
        key_data_type="binary",
        o_auth_bearer_method="Oidc",
        authentication_mode="scramsha512",
        protocol=BrokerProtocol.SSL,
        cardinality="MANY",
        lag_threshold=5,
        data_type="string",
        custom_field=1,
    )
    assert trigger.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "dataType": DataType.STRING,
        "type": "kafkaTrigger",
        "name": "event",
        "topic": "orders",
        "brokerList": "BrokerList",
        "keyDataType": KafkaMessageKeyType.BINARY,
        "oAuthBearerMethod": OAuthBearerMethod.OIDC,
        "authenticationMode": BrokerAuthenticationMode.SCRAMSHA512,
        "protocol": BrokerProtocol.SSL,
        "cardinality": Cardinality.MANY,
        "lagThreshold": 5,
        "customField": 1,
    }


def test_output_defaults_are_always_emitted() -> None:
    output = KafkaOutput(name="out", topic="orders", broker_list="BrokerList")
    assert list(output.get_dict_repr().items()) == [
        ("direction", BindingDirection.OUT),
        ("type", "kafka"),
        ("name", "out"),
        ("topic", "orders"),
        ("brokerList", "BrokerList"),
        ("keyDataType", KafkaMessageKeyType.STRING),
        ("maxMessageBytes", 1_000_000),
        ("batchSize", 10_000),
        ("enableIdempotence", False),
        ("messageTimeoutMs", 300_000),
        ("requestTimeoutMs", 5_000),
        ("maxRetries", 2_147_483_647),
        ("authenticationMode", BrokerAuthenticationMode.NOTSET),
        ("protocol", BrokerProtocol.NOTSET),
        ("lingerMs", 5),
    ]


def test_unknown_enum_name_is_a_key_error() -> None:
    with pytest.raises(KeyError) as caught:
        KafkaOutput(name="out", topic="t", broker_list="b", protocol="tls")
    assert caught.value.args[0] == (
        "Can not parse str 'tls' to BrokerProtocol. Allowed values are "
        "['NOTSET', 'PLAINTEXT', 'SSL', 'SASLPLAINTEXT', 'SASLSSL']"
    )


def test_enum_values_are_the_references() -> None:
    assert [(m.name, m.value) for m in OAuthBearerMethod] == [("DEFAULT", (0,)), ("OIDC", 1)]
    assert [(m.name, m.value) for m in BrokerAuthenticationMode] == [
        ("NOTSET", -1),
        ("GSSAPI", 0),
        ("PLAIN", 1),
        ("SCRAMSHA256", 2),
        ("SCRAMSHA512", 3),
    ]
    assert [(m.name, m.value) for m in BrokerProtocol] == [
        ("NOTSET", -1),
        ("PLAINTEXT", 0),
        ("SSL", 1),
        ("SASLPLAINTEXT", 2),
        ("SASLSSL", 3),
    ]
    assert [(m.name, m.value) for m in KafkaMessageKeyType] == [
        ("INT", 0),
        ("LONG", 1),
        ("STRING", 2),
        ("BINARY", 3),
    ]
    assert str(OAuthBearerMethod.DEFAULT) == "DEFAULT"
