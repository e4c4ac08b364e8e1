"""Names of azure-functions 1.26.0 that azfunc keeps for code that reaches for them.

Each test pins the behaviour of one such name, with expected values observed by running the
reference as a black box (``tests/test_surface.py`` checks that the names exist at all).
"""

from __future__ import annotations

import datetime
import types

import pytest

from azfunc import eventhub, kafka, servicebus
from azfunc.meta import Datum

UTC = datetime.timezone.utc


def _collection_bytes(*items: bytes) -> Datum:
    return Datum(types.SimpleNamespace(bytes=list(items)), "collection_bytes")


# -- eventhub --------------------------------------------------------------------------------


def test_eventhub_decode_single_event_keeps_the_body_only() -> None:
    event = eventhub.EventHubConverter.decode_single_event(Datum("hello", "string"), None)
    assert (event.get_body(), event.partition_key, event.iothub_metadata) == (
        b"hello", None, None)


def test_eventhub_decode_multiple_events_gives_one_event_per_body() -> None:
    events = eventhub.EventHubConverter.decode_multiple_events(_collection_bytes(b"a", b"b"), {})
    assert [event.get_body() for event in events] == [b"a", b"b"]


def test_eventhub_decode_multiple_events_rejects_a_single_payload() -> None:
    with pytest.raises(NotImplementedError) as info:
        eventhub.EventHubConverter.decode_multiple_events(Datum("x", "string"), None)
    assert str(info.value) == "unsupported event data payload type: string"


def test_eventhub_trigger_decode_single_event_reads_system_properties() -> None:
    metadata = {
        "SystemProperties": Datum('{"iothub-connection-device-id": "dev"}', "json"),
        "EnqueuedTimeUtc": Datum("2020-01-02T03:04:05Z", "string"),
        "SequenceNumber": Datum(3, "int"),
        "Offset": Datum("7", "string"),
        "PartitionKey": Datum("pk", "string"),
    }
    event = eventhub.EventHubTriggerConverter.decode_single_event(Datum(b"hi", "bytes"), metadata)
    assert (
        event.get_body(), event.partition_key, event.sequence_number, event.offset,
        event.enqueued_time, event.iothub_metadata,
    ) == (b"hi", "pk", 3, "7", datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
          {"connection-device-id": "dev"})


def test_eventhub_trigger_decode_single_event_without_system_properties() -> None:
    event = eventhub.EventHubTriggerConverter.decode_single_event(Datum("x", "string"), {})
    assert (event.get_body(), event.sequence_number, event.iothub_metadata) == (b"x", None, {})


def test_eventhub_trigger_decode_multiple_events_pairs_bodies_and_properties() -> None:
    metadata = {"SystemPropertiesArray": Datum(
        '[{"EnqueuedTimeUtc": "2020-01-02T03:04:05Z", "SequenceNumber": 1, "Offset": "2",'
        ' "PartitionKey": "p", "iothub-x": "y"}, {"SequenceNumber": 2}]', "json")}
    events = eventhub.EventHubTriggerConverter.decode_multiple_events(
        Datum('[{"x": 1}, {"y": 2}]', "json"), metadata)
    assert [
        (e.get_body(), e.partition_key, e.sequence_number, e.offset, e.enqueued_time,
         e.iothub_metadata)
        for e in events
    ] == [
        (b'{"x": 1}', "p", 1, 2, datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC), {"x": "y"}),
        (b'{"y": 2}', None, 2, None, None, {}),
    ]


def test_eventhub_trigger_decode_multiple_events_without_properties() -> None:
    with pytest.raises(AssertionError) as info:
        eventhub.EventHubTriggerConverter.decode_multiple_events(_collection_bytes(b"a"), {})
    assert str(info.value) == "Number of bodies and metadata mismatched"


def test_eventhub_trigger_cardinality_follows_the_system_properties_keys() -> None:
    converter = eventhub.EventHubTriggerConverter
    keys = [{"SystemProperties": 1}, {"SystemPropertiesArray": 1}, {}]
    assert [(converter._is_cardinality_one(k), converter._is_cardinality_many(k))  # type: ignore[arg-type]
            for k in keys] == [(True, False), (False, True), (False, False)]


def test_eventhub_marshall_event_body() -> None:
    marshall = eventhub.EventHubTriggerConverter._marshall_event_body
    assert [marshall({"a": 1}, "json"), marshall(None, "json"), marshall("é", "string"),
            marshall("x", "collection_string"), marshall(b"x", "bytes"), marshall(5, "int")] == [
        b'{"a": 1}', b"null", b"\xc3\xa9", b"x", b"x", 5]


def test_eventhub_iothub_metadata_helpers() -> None:
    converter = eventhub.EventHubTriggerConverter
    system = '{"iothub-connection-device-id": "dev", "iothub-n": 1, "x": 1}'
    assert converter._extract_iothub_from_dict({"iothub-a": 1, "b": 2, "iothub-": 3}) == {
        "a": 1, "": 3}
    assert converter._extract_iothub_from_system_properties(system) == {
        "connection-device-id": "dev", "n": 1}
    assert converter._extract_iothub_from_trigger_metadata({
        "iothub-a": Datum("1", "string"), "iothub-b": Datum(2, "int"),
        "iothub-c": Datum(None, None), "d": Datum("x", "string"),
    }) == {"a": "1", "b": "2", "c": None}
    assert [
        converter._decode_iothub_metadata(metadata) for metadata in (
            {"iothub-a": Datum("1", "string"), "SystemProperties": Datum(system, "json")},
            {"SystemProperties": Datum(system, "json")},
            {"SystemProperties": Datum('{"iothub-a": "v"}', "string")},
            {},
        )
    ] == [{"a": "1"}, {"connection-device-id": "dev", "n": 1}, {"a": "v"}, {}]


# -- servicebus ------------------------------------------------------------------------------


def _batch_metadata() -> dict[str, Datum]:
    return {
        "UserPropertiesArray": Datum("[{}, {}]", "json"),
        "MessageIdArray": Datum(types.SimpleNamespace(string=["a", "b"]), "collection_string"),
        "SequenceNumberArray": Datum(types.SimpleNamespace(sint64=[1, 2]), "collection_sint64"),
    }


def test_servicebus_decode_single_and_multiple_messages() -> None:
    converter = servicebus.ServiceBusMessageInConverter
    single = converter.decode_single_message(
        Datum("x", "string"),
        trigger_metadata={"UserProperties": Datum("{}", "json"),
                          "MessageId": Datum("m1", "string")})
    batch = converter.decode_multiple_messages(
        Datum('[{"a": 1}, "x"]', "json"), trigger_metadata=_batch_metadata())
    assert (single.get_body(), single.message_id) == (b"x", "m1")
    assert [(m.get_body(), m.message_id, m.sequence_number) for m in batch] == [
        (b'{"a": 1}', "a", 1), (b'"x"', "b", 2)]


def test_servicebus_batch_helpers() -> None:
    converter = servicebus.ServiceBusMessageInConverter
    metadata = _batch_metadata()
    assert [converter._is_cardinality_one(metadata), converter._is_cardinality_many(metadata),
            converter._get_event_count(metadata)] == [False, True, 2]
    assert [
        converter._get_from_metadata_array(metadata, "MessageIdArray", 1),
        converter._get_from_metadata_array(metadata, "SequenceNumberArray", 0),
        converter._get_from_metadata_array(metadata, "NoArray", 0),
        converter._get_from_metadata_array(metadata, "MessageIdArray", 5),
        converter._get_from_metadata_array({"X": Datum("abc", "string")}, "X", 0),
        converter._get_from_metadata_array({"X": Datum('[{"a": 1}]', "json")}, "X", 0),
    ] == ["b", 1, None, None, None, {"a": 1}]
    messages = converter._extract_messages(["a", "b"], "collection_string", metadata)
    assert [(m.get_body(), m.message_id) for m in messages] == [(b"a", "a"), (b"b", "b")]


def test_servicebus_marshall_message_bodies() -> None:
    converter = servicebus.ServiceBusMessageInConverter
    assert [
        converter._marshall_message_body(b"x", "bytes"),
        converter._marshall_message_body({"a": 1}, "json"),
        converter._marshall_message_bodies(["a", "b"], "collection_string"),
        converter._marshall_message_bodies([b"a"], "collection_bytes"),
        converter._marshall_message_bodies([{"a": 1}, "x"], "json"),
    ] == [b"x", b'{"a": 1}', [b"a", b"b"], [b"a"], [b'{"a": 1}', b'"x"']]
    with pytest.raises(NotImplementedError) as body_info:
        converter._marshall_message_body("x", "string")
    with pytest.raises(NotImplementedError) as bodies_info:
        converter._marshall_message_bodies(["a"], "string")
    assert (str(body_info.value), str(bodies_info.value)) == (
        "unable to marshall message body with data_type string",
        "unable to marshall message bodies with data_type string",
    )


# -- kafka -----------------------------------------------------------------------------------


def test_kafka_decode_single_event_and_multiple_events() -> None:
    single = kafka.KafkaConverter.decode_single_event(Datum("hello", "string"), None)
    batch = kafka.KafkaConverter.decode_multiple_events(_collection_bytes(b"a", b"b"), None)
    assert (single.get_body(), [event.get_body() for event in batch]) == (b"hello", [b"a", b"b"])
    with pytest.raises(NotImplementedError) as info:
        kafka.KafkaConverter.decode_single_event(_collection_bytes(b"a"), None)
    assert str(info.value) == "unsupported event data payload type: collection_bytes"


def test_kafka_decode_multiple_events_rejects_a_single_payload() -> None:
    # The reference returns [] here, dropping the payload.
    with pytest.raises(NotImplementedError) as info:
        kafka.KafkaConverter.decode_multiple_events(Datum("hello", "string"), None)
    assert str(info.value) == "unsupported event data payload type: string"


def test_kafka_trigger_decode_single_event_reads_metadata() -> None:
    metadata = {
        "Key": Datum("k", "string"), "Offset": Datum(1, "int"), "Partition": Datum(2, "int"),
        "Topic": Datum("t", "string"), "Timestamp": Datum("ts", "string"),
    }
    event = kafka.KafkaTriggerConverter.decode_single_event(Datum(b"hi", "bytes"), metadata)
    assert (event.get_body(), event.key, event.offset, event.partition, event.topic,
            event.timestamp) == (b"hi", "k", 1, 2, "t", "ts")


def test_kafka_get_parsed_props_checks_the_length() -> None:
    parse = kafka.KafkaTriggerConverter.get_parsed_props
    assert parse(Datum("[1, 2]", "json"), [b"a", b"b"]) == [1, 2]
    assert parse(Datum("[1, 2]", "string"), [b"a", b"b"]) == [1, 2]
    assert parse(None, []) == []
    with pytest.raises(AssertionError) as info:
        parse(Datum("[1, 2]", "json"), [b"a"])
    assert str(info.value) == "Number of bodies and metadata mismatched"


# -- decorators ------------------------------------------------------------------------------


def test_function_app_module_has_the_names_the_reference_imports_there() -> None:
    from azfunc.decorators import function_app, queue
    from azfunc.decorators.core import SCRIPT_FILE_NAME

    assert (function_app.QueueTrigger, function_app.SCRIPT_FILE_NAME) == (
        queue.QueueTrigger, SCRIPT_FILE_NAME)


def test_get_user_function_unwraps_a_function_builder_only() -> None:
    from azfunc import FunctionApp
    from azfunc.decorators.function_app import _get_user_function

    def plain(req: object) -> None:
        pass

    app = FunctionApp()
    built = app.route()(plain)
    assert [_get_user_function(built), _get_user_function(plain), _get_user_function(None)] == [
        plain, plain, None]


def test_build_dict_meta_clean_nones_and_skip_none() -> None:
    from azfunc.decorators.utils import ABCBuildDictMeta, BuildDictMeta

    value = {"a": None, "b": [1, None, {"c": None, "d": 0}], "e": "", "f": (1, None)}
    assert BuildDictMeta.clean_nones(value) == {"b": [1, {"d": 0}], "e": "", "f": (1, None)}
    assert ABCBuildDictMeta.clean_nones([None, {"a": None}, []]) == [{}, []]

    def get_dict_repr(self: object) -> dict[str, object]:
        return {"a": None, "b": 1}

    assert BuildDictMeta.skip_none(get_dict_repr)(None) == {"b": 1}


def test_build_dict_meta_add_to_dict_records_the_arguments() -> None:
    from azfunc.decorators.utils import BuildDictMeta

    class Plain:
        def __init__(self, a: int, c: int = 1, **kwargs: object) -> None:
            self.c = "mine"

    init = BuildDictMeta.add_to_dict(Plain.__init__)
    instance = Plain.__new__(Plain)
    assert init(instance, 1, c=5, zz=9) is None
    assert vars(instance) == {
        "c": "mine", "zz": 9, "init_params": ["self", "a", "c", "kwargs", "c", "zz"]}


def test_prompt_argument_serializer_is_a_json_default() -> None:
    from azfunc.decorators.mcp import PromptArgument

    argument = PromptArgument("a", "desc", True)
    expected = {"name": "a", "description": "desc", "required": True}
    assert [PromptArgument.serializer(argument), PromptArgument.serializer(1),
            argument.serializer()] == [expected, None, expected]


def test_decorators_mcp_and_mcp_module_names() -> None:
    import importlib.util

    from azfunc import mcp
    from azfunc.decorators import mcp as decorators_mcp

    available = importlib.util.find_spec("mcp") is not None
    assert decorators_mcp.MCPToolContext is mcp.MCPToolContext
    assert (mcp._MCP_SDK_AVAILABLE, mcp._mcp_types is None) == (available, not available)
    with pytest.raises(AttributeError):
        decorators_mcp.NoSuchName  # noqa: B018


# -- converters ------------------------------------------------------------------------------


def test_out_converters_format_datetime_as_isoformat() -> None:
    from azfunc.eventgrid import EventGridEventOutConverter
    from azfunc.queue import QueueMessageOutConverter

    for converter in (EventGridEventOutConverter, QueueMessageOutConverter):
        assert [
            converter._format_datetime(None),
            converter._format_datetime(datetime.datetime(2020, 1, 2, 3, 4, 5, 6)),
            converter._format_datetime(datetime.datetime(2020, 1, 2, tzinfo=UTC)),
        ] == [None, "2020-01-02T03:04:05.000006", "2020-01-02T00:00:00+00:00"]


def test_validate_function_fills_the_http_defaults_in_place() -> None:
    from azfunc import FunctionApp
    from azfunc.decorators.core import AuthLevel

    def handler(req: object) -> None:
        pass

    builder = FunctionApp().route()(handler)
    function = builder._function
    assert builder._validate_function(AuthLevel.ADMIN) is None
    assert builder._function is function
    assert function.get_function_json() == (
        '{"scriptFile": "function_app.py", "bindings": [{"direction": "IN", "type": '
        '"httpTrigger", "name": "req", "authLevel": "ADMIN", "route": "handler"}, '
        '{"direction": "OUT", "type": "http", "name": "$return"}]}'
    )


def test_validate_function_requires_a_trigger() -> None:
    from azfunc.decorators.function_app import FunctionBuilder

    def handler(req: object) -> None:
        pass

    with pytest.raises(ValueError) as info:
        FunctionBuilder(handler, "function_app.py")._validate_function()
    assert str(info.value) == (
        "Function handler does not have a trigger. A valid function must have one and only "
        "one trigger registered."
    )


# -- WSGI / ASGI -----------------------------------------------------------------------------


def _request() -> object:
    from azfunc import HttpRequest

    return HttpRequest(
        "POST", "https://example.com:8443/api/x?q=1",
        headers={"Content-Type": "text/plain", "X-Foo": "bar", "Host": "h"}, body=b"abc",
    )


def test_wsgi_request_helpers() -> None:
    from urllib.parse import urlparse

    from azfunc._http_wsgi import WsgiRequest

    request = WsgiRequest(_request())  # type: ignore[arg-type]
    assert request._get_http_headers({"Content-Type": "t", "X-Foo": "a", "x-foo": "b"}) == {
        "HTTP_CONTENT_TYPE": "t", "HTTP_X_FOO": "b"}
    ports = [
        request._get_port(urlparse(url), headers) for url, headers in (
            ("https://e.com/x", {}), ("http://e.com/x", {}), ("https://e.com:81/x", {}),
            ("https://e.com:81/x", {"x-forwarded-port": "99"}),
            ("https://e.com:81/x", {"x-forwarded-port": "abc, 7"}),
            ("https://e.com:81/x", {"x-forwarded-port": "99.5"}),
            ("https://e.com:81/x", {"x-forwarded-port": ""}),
        )
    ]
    assert ports == [443, 80, 81, 99, 7, 99, 81]


def test_wsgi_request_get_port_defaults_to_80_for_a_bad_forwarded_port(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from urllib.parse import urlparse

    from azfunc._http_wsgi import WsgiRequest

    request = WsgiRequest(_request())  # type: ignore[arg-type]
    assert request._get_port(urlparse("https://e.com:81/x"), {"x-forwarded-port": "-1"}) == 80
    assert caplog.messages == [
        "Invalid X-Forwarded-Port header value: ['-1']. Using default port 80"]


def test_wsgi_request_caches_the_environ() -> None:
    import io

    from azfunc._http_wsgi import WsgiRequest

    request = WsgiRequest(_request())  # type: ignore[arg-type]
    assert request._environ_cache is None
    environ = request.to_environ(io.StringIO())
    assert (request._environ_cache is environ, request.to_environ(io.StringIO()) is environ) == (
        True, True)


def test_asgi_request_helpers() -> None:
    from azfunc._http_asgi import AsgiRequest

    request = AsgiRequest(_request())  # type: ignore[arg-type]
    assert request._get_encoded_http_headers() == [
        (b"content-type", b"text/plain"), (b"x-foo", b"bar"), (b"host", b"h")]
    assert request._get_server_address() == ("example.com", 8443)


def test_middlewares_keep_the_reference_flags_and_logger() -> None:
    import logging

    from azfunc._http_asgi import AsgiMiddleware
    from azfunc._http_wsgi import WsgiMiddleware

    async def asgi_app(scope: object, receive: object, send: object) -> None:
        pass

    def wsgi_app(environ: object, start_response: object) -> list[bytes]:
        return []

    assert (WsgiMiddleware._usage_reported, AsgiMiddleware._usage_reported) == (False, False)
    assert (WsgiMiddleware(wsgi_app)._usage_reported,  # type: ignore[arg-type]
            AsgiMiddleware(asgi_app)._usage_reported) == (True, True)  # type: ignore[arg-type]
    assert isinstance(WsgiMiddleware._logger, logging.Logger)
    assert isinstance(AsgiMiddleware._logger, logging.Logger)
