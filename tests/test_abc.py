"""The abstract interfaces in azfunc._abc: their abstract members and base classes."""

from __future__ import annotations

import abc
import sys
import typing

import pytest

from azfunc import _abc

# Abstract members of each interface, as azure-functions 1.26.0 declares them.
ABSTRACT_MEMBERS = {
    "Out": {"get", "set"},
    "TraceContext": {"attributes", "trace_parent", "trace_state"},
    "RetryContext": {"exception", "max_retry_count", "retry_count"},
    "Context": {
        "function_directory",
        "function_name",
        "invocation_id",
        "retry_context",
        "thread_local_storage",
        "trace_context",
    },
    "HttpRequest": {"get_body", "get_json", "headers", "method", "params", "route_params", "url"},
    "HttpResponse": {"charset", "get_body", "headers", "mimetype", "status_code"},
    "TimerRequest": {"past_due"},
    "InputStream": {"length", "name", "read", "uri"},
    "QueueMessage": {
        "dequeue_count",
        "expiration_time",
        "get_body",
        "get_json",
        "id",
        "insertion_time",
        "pop_receipt",
        "time_next_visible",
    },
    "EventGridEvent": {
        "data_version",
        "event_time",
        "event_type",
        "get_json",
        "id",
        "subject",
        "topic",
    },
    "EventGridOutputEvent": {
        "data_version",
        "event_time",
        "event_type",
        "get_json",
        "id",
        "subject",
    },
    "CloudEvent": {
        "datacontenttype",
        "dataschema",
        "get_json",
        "id",
        "source",
        "specversion",
        "subject",
        "time",
        "type",
    },
    "Document": {"__getitem__", "__setitem__", "from_dict", "from_json", "to_dict", "to_json"},
    "EventHubEvent": {
        "enqueued_time",
        "get_body",
        "iothub_metadata",
        "offset",
        "partition_key",
        "sequence_number",
    },
    "OrchestrationContext": {"body"},
    "ServiceBusMessage": {
        "application_properties",
        "content_type",
        "correlation_id",
        "dead_letter_error_description",
        "dead_letter_reason",
        "dead_letter_source",
        "delivery_count",
        "enqueued_sequence_number",
        "enqueued_time_utc",
        "expiration_time",
        "expires_at_utc",
        "get_body",
        "label",
        "lock_token",
        "locked_until",
        "message_id",
        "metadata",
        "partition_key",
        "reply_to",
        "reply_to_session_id",
        "scheduled_enqueue_time",
        "scheduled_enqueue_time_utc",
        "sequence_number",
        "session_id",
        "state",
        "subject",
        "time_to_live",
        "to",
        "transaction_partition_key",
        "user_properties",
    },
}


@pytest.mark.parametrize("name", sorted(ABSTRACT_MEMBERS))
def test_abstract_members_match_the_reference(name: str) -> None:
    cls = getattr(_abc, name)
    assert set(cls.__abstractmethods__) == ABSTRACT_MEMBERS[name]


@pytest.mark.parametrize("name", sorted(set(ABSTRACT_MEMBERS) - {"InputStream"}))
def test_interfaces_cannot_be_instantiated(name: str) -> None:
    with pytest.raises(TypeError, match="abstract"):
        getattr(_abc, name)()


def test_document_list_is_an_abc_without_members() -> None:
    assert issubclass(_abc.DocumentList, abc.ABC)
    assert _abc.DocumentList.__abstractmethods__ == frozenset()


def test_rpc_exception_is_a_plain_instantiable_class() -> None:
    error = _abc.RpcException()  # type: ignore[abstract]

    assert type(_abc.RpcException) is type
    assert [error.source, error.stack_trace, error.message] == [None, None, None]


def test_input_stream_is_a_buffered_io_base() -> None:
    names = [f"{c.__module__}.{c.__qualname__}" for c in _abc.InputStream.__mro__]

    assert names == [
        "azfunc._abc.InputStream",
        "io.BufferedIOBase",
        "_io._BufferedIOBase",
        "io.IOBase",
        "_io._IOBase",
        "abc.ABC",
        "builtins.object",
    ]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 fixed io's ABC check")
def test_input_stream_can_be_instantiated_before_python_312() -> None:
    # io's C base class skips the abstract-method check before Python 3.12, in the
    # reference too.
    stream = _abc.InputStream()  # type: ignore[abstract]

    assert stream.read() is None


@pytest.mark.skipif(sys.version_info < (3, 12), reason="io skips the ABC check before 3.12")
def test_input_stream_cannot_be_instantiated_from_python_312() -> None:
    with pytest.raises(TypeError, match="abstract"):
        _abc.InputStream()  # type: ignore[abstract]


def test_document_is_not_a_mapping_abc() -> None:
    import collections.abc

    assert _abc.Document.__mro__ == (_abc.Document, abc.ABC, object)
    assert not issubclass(_abc.Document, collections.abc.Mapping)


def test_out_is_generic_in_one_type_parameter() -> None:
    assert typing.get_origin(_abc.Out[str]) is _abc.Out
    assert typing.get_args(_abc.Out[str]) == (str,)


def test_a_subclass_implementing_every_member_can_be_instantiated() -> None:
    class Timer(_abc.TimerRequest):
        @property
        def past_due(self) -> bool:
            return True

    assert Timer().past_due is True


def test_every_interface_is_listed_in_all() -> None:
    assert sorted(_abc.__all__) == sorted([*ABSTRACT_MEMBERS, "DocumentList", "RpcException"])
