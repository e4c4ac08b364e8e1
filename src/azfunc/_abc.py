"""Abstract public interfaces of azfunc: what a binding value or an invocation offers.

These classes hold no behaviour. The concrete types live next to their service
(:mod:`azfunc._http`, :mod:`azfunc._queue`, …) and in :mod:`azfunc._context`;
converters check annotations against the classes defined here.
"""

from __future__ import annotations

import abc
import datetime
import io
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from typing_extensions import Self

if TYPE_CHECKING:
    from azfunc._http import HttpResponseHeaders

__all__ = [
    "CloudEvent",
    "Context",
    "Document",
    "DocumentList",
    "EventGridEvent",
    "EventGridOutputEvent",
    "EventHubEvent",
    "HttpRequest",
    "HttpResponse",
    "InputStream",
    "OrchestrationContext",
    "Out",
    "QueueMessage",
    "RetryContext",
    "RpcException",
    "ServiceBusMessage",
    "TimerRequest",
    "TraceContext",
]

T = TypeVar("T")


class Out(abc.ABC, Generic[T]):
    """An output binding the function writes to instead of returning a value.

    Annotate a parameter as ``func.Out[str]`` (or another type) and call
    :meth:`set` once; the host sends the value when the function returns.
    """

    @abc.abstractmethod
    def set(self, val: T) -> None:
        """Store the value to send to the output binding.

        :param val: The value; its type must suit the binding's converter.
        """

    @abc.abstractmethod
    def get(self) -> T:
        """Return the value stored by :meth:`set`."""


class RpcException:
    """The exception a previous attempt of a retried invocation raised.

    A plain class, not an ABC: the members are marked abstract for documentation
    only, and instances can be created (their members then return ``None``).
    """

    @property
    @abc.abstractmethod
    def source(self) -> str:
        """Where the exception was raised."""

    @property
    @abc.abstractmethod
    def stack_trace(self) -> str:
        """The formatted stack trace of the exception."""

    @property
    @abc.abstractmethod
    def message(self) -> str:
        """The exception's message."""


class TraceContext(abc.ABC):
    """The W3C Trace Context of an invocation (``traceparent``/``tracestate``)."""

    @property
    @abc.abstractmethod
    def trace_state(self) -> str:
        """The ``tracestate`` value: vendor-specific trace data."""

    @property
    @abc.abstractmethod
    def trace_parent(self) -> str:
        """The ``traceparent`` value: version, trace id, parent id and flags."""

    @property
    @abc.abstractmethod
    def attributes(self) -> dict[str, str]:
        """Extra attributes the host attached to the trace."""


class RetryContext(abc.ABC):
    """How often the host has retried the current invocation, and why."""

    @property
    @abc.abstractmethod
    def retry_count(self) -> int:
        """The number of the current retry; ``0`` on the first attempt."""

    @property
    @abc.abstractmethod
    def max_retry_count(self) -> int:
        """The retry policy's maximum number of retries."""

    @property
    @abc.abstractmethod
    def exception(self) -> RpcException:
        """The exception that caused the current retry."""


class Context(abc.ABC):
    """Facts about the running invocation, passed to a parameter named ``context``."""

    @property
    @abc.abstractmethod
    def invocation_id(self) -> str:
        """The id the host gave this invocation."""

    @property
    @abc.abstractmethod
    def thread_local_storage(self) -> threading.local:
        """Thread-local storage of the invocation.

        Set its ``invocation_id`` attribute in threads you start, so that the
        logs they write are attributed to this invocation.
        """

    @property
    @abc.abstractmethod
    def function_name(self) -> str:
        """The name of the running function."""

    @property
    @abc.abstractmethod
    def function_directory(self) -> str:
        """The directory the function app runs from."""

    @property
    @abc.abstractmethod
    def trace_context(self) -> TraceContext:
        """The distributed-tracing context of the invocation."""

    @property
    @abc.abstractmethod
    def retry_context(self) -> RetryContext:
        """The retry state of the invocation."""


class HttpRequest(abc.ABC):
    """An HTTP request that triggered the function."""

    @property
    @abc.abstractmethod
    def method(self) -> str:
        """The request method, upper-cased (``"GET"``)."""

    @property
    @abc.abstractmethod
    def url(self) -> str:
        """The full request URL."""

    @property
    @abc.abstractmethod
    def headers(self) -> Mapping[str, str]:
        """The request headers, looked up case-insensitively."""

    @property
    @abc.abstractmethod
    def params(self) -> Mapping[str, str]:
        """The query-string parameters."""

    @property
    @abc.abstractmethod
    def route_params(self) -> Mapping[str, str]:
        """The values of the route template's ``{placeholders}``."""

    @abc.abstractmethod
    def get_body(self) -> bytes:
        """Return the request body."""

    @abc.abstractmethod
    def get_json(self) -> Any:
        """Return the request body decoded as JSON.

        :raises ValueError: The body is not valid JSON.
        """


class HttpResponse(abc.ABC):
    """An HTTP response the function returns or sets on an output binding."""

    @property
    @abc.abstractmethod
    def status_code(self) -> int:
        """The HTTP status code."""

    @property
    @abc.abstractmethod
    def mimetype(self) -> str:
        """The media type of the body, without parameters (``"text/plain"``)."""

    @property
    @abc.abstractmethod
    def charset(self) -> str:
        """The character set used to encode a ``str`` body."""

    @property
    @abc.abstractmethod
    def headers(self) -> HttpResponseHeaders:
        """The response headers: case-insensitive and multi-valued."""

    @abc.abstractmethod
    def get_body(self) -> bytes:
        """Return the encoded response body."""


class TimerRequest(abc.ABC):
    """The invocation of a timer-triggered function."""

    @property
    @abc.abstractmethod
    def past_due(self) -> bool:
        """Whether this invocation runs later than its schedule said."""


class InputStream(io.BufferedIOBase, abc.ABC):
    """A read-only stream over a blob's content."""

    @abc.abstractmethod
    def read(self, size: int | None = -1) -> bytes:
        """Read and return up to ``size`` bytes; all remaining bytes when ``size`` is ``-1``."""

    @property
    @abc.abstractmethod
    def name(self) -> str | None:
        """The blob's path, ``container/name``."""

    @property
    @abc.abstractmethod
    def length(self) -> int | None:
        """The blob's size in bytes."""

    @property
    @abc.abstractmethod
    def uri(self) -> str | None:
        """The blob's URI."""


class QueueMessage(abc.ABC):
    """A message of an Azure Storage queue."""

    @property
    @abc.abstractmethod
    def id(self) -> str | None:
        """The message id."""

    @abc.abstractmethod
    def get_body(self) -> str | bytes:
        """Return the message content."""

    @abc.abstractmethod
    def get_json(self) -> Any:
        """Return the message content decoded as JSON.

        :raises ValueError: The content is not valid JSON.
        """

    @property
    @abc.abstractmethod
    def dequeue_count(self) -> int | None:
        """How many times the message has been taken off the queue."""

    @property
    @abc.abstractmethod
    def expiration_time(self) -> datetime.datetime | None:
        """When the message expires."""

    @property
    @abc.abstractmethod
    def insertion_time(self) -> datetime.datetime | None:
        """When the message was added to the queue."""

    @property
    @abc.abstractmethod
    def time_next_visible(self) -> datetime.datetime | None:
        """When the message becomes visible on the queue again."""

    @property
    @abc.abstractmethod
    def pop_receipt(self) -> str | None:
        """The receipt needed to delete or update the message."""


class EventGridEvent(abc.ABC):
    """An event in the Event Grid schema, received by a trigger."""

    @property
    @abc.abstractmethod
    def id(self) -> str:
        """The event id."""

    @abc.abstractmethod
    def get_json(self) -> Any:
        """Return the event's ``data``."""

    @property
    @abc.abstractmethod
    def topic(self) -> str:
        """The resource path of the event source."""

    @property
    @abc.abstractmethod
    def subject(self) -> str:
        """The publisher-defined path of the event's subject."""

    @property
    @abc.abstractmethod
    def event_type(self) -> str:
        """The registered event type."""

    @property
    @abc.abstractmethod
    def event_time(self) -> datetime.datetime | None:
        """When the publisher generated the event."""

    @property
    @abc.abstractmethod
    def data_version(self) -> str:
        """The schema version of ``data``."""


class EventGridOutputEvent(abc.ABC):
    """An event in the Event Grid schema, sent through an output binding."""

    @property
    @abc.abstractmethod
    def id(self) -> str:
        """The event id."""

    @abc.abstractmethod
    def get_json(self) -> Any:
        """Return the event's ``data``."""

    @property
    @abc.abstractmethod
    def subject(self) -> str:
        """The publisher-defined path of the event's subject."""

    @property
    @abc.abstractmethod
    def event_type(self) -> str:
        """The registered event type."""

    @property
    @abc.abstractmethod
    def event_time(self) -> datetime.datetime | None:
        """When the event was generated."""

    @property
    @abc.abstractmethod
    def data_version(self) -> str:
        """The schema version of ``data``."""


class CloudEvent(abc.ABC):
    """An event in the CloudEvents 1.0 schema."""

    @property
    @abc.abstractmethod
    def id(self) -> str:
        """The event id."""

    @property
    @abc.abstractmethod
    def source(self) -> str:
        """The context in which the event happened (a URI reference)."""

    @property
    @abc.abstractmethod
    def type(self) -> str:
        """The event type."""

    @property
    @abc.abstractmethod
    def specversion(self) -> str:
        """The CloudEvents version the event uses."""

    @property
    @abc.abstractmethod
    def time(self) -> datetime.datetime | None:
        """When the event happened."""

    @property
    @abc.abstractmethod
    def subject(self) -> str | None:
        """The subject of the event within ``source``."""

    @property
    @abc.abstractmethod
    def datacontenttype(self) -> str | None:
        """The media type of ``data``."""

    @property
    @abc.abstractmethod
    def dataschema(self) -> str | None:
        """The URI of the schema ``data`` follows."""

    @abc.abstractmethod
    def get_json(self) -> Any:
        """Return the event's ``data``."""


class Document(abc.ABC):
    """A Cosmos DB document: item access plus JSON conversion."""

    @classmethod
    @abc.abstractmethod
    def from_json(cls, json_data: str) -> Self:
        """Build a document from a JSON object text.

        :param json_data: The JSON text of one object.
        """

    @classmethod
    @abc.abstractmethod
    def from_dict(cls, dct: dict[str, Any]) -> Self:
        """Build a document from a dictionary.

        :param dct: The document's fields.
        """

    @abc.abstractmethod
    def __getitem__(self, key: str) -> Any:
        """Return the field ``key``."""

    @abc.abstractmethod
    def __setitem__(self, key: str, value: Any) -> None:
        """Set the field ``key`` to ``value``."""

    @abc.abstractmethod
    def to_json(self) -> str:
        """Return the document as JSON text."""

    @abc.abstractmethod
    def to_dict(self) -> dict[str, Any]:
        """Return the document as a dictionary."""


class DocumentList(abc.ABC):  # noqa: B024 - a marker interface, as in the reference
    """A list of Cosmos DB documents (a marker interface with no members)."""


class EventHubEvent(abc.ABC):
    """An event read from an Event Hub."""

    @abc.abstractmethod
    def get_body(self) -> bytes:
        """Return the event body."""

    @property
    @abc.abstractmethod
    def partition_key(self) -> str | None:
        """The partition key the sender chose."""

    @property
    @abc.abstractmethod
    def sequence_number(self) -> int | None:
        """The event's sequence number within its partition."""

    @property
    @abc.abstractmethod
    def iothub_metadata(self) -> Mapping[str, str] | None:
        """IoT Hub system properties, when the event came from an IoT Hub."""

    @property
    @abc.abstractmethod
    def enqueued_time(self) -> datetime.datetime | None:
        """When the event was enqueued."""

    @property
    @abc.abstractmethod
    def offset(self) -> str | None:
        """The event's offset within its partition."""


class OrchestrationContext(abc.ABC):
    """The context a Durable Functions orchestrator receives."""

    @property
    @abc.abstractmethod
    def body(self) -> str:
        """The orchestration state as JSON text."""


class ServiceBusMessage(abc.ABC):
    """A message of a Service Bus queue or topic subscription."""

    @abc.abstractmethod
    def get_body(self) -> str | bytes:
        """Return the message body."""

    @property
    @abc.abstractmethod
    def application_properties(self) -> dict[str, Any]:
        """The application-defined properties of the message."""

    @property
    @abc.abstractmethod
    def content_type(self) -> str | None:
        """The media type of the body."""

    @property
    @abc.abstractmethod
    def correlation_id(self) -> str | None:
        """The correlation id the sender set."""

    @property
    @abc.abstractmethod
    def dead_letter_error_description(self) -> str | None:
        """The description given when the message was dead-lettered."""

    @property
    @abc.abstractmethod
    def dead_letter_reason(self) -> str | None:
        """The reason given when the message was dead-lettered."""

    @property
    @abc.abstractmethod
    def dead_letter_source(self) -> str | None:
        """The entity the message was dead-lettered from."""

    @property
    @abc.abstractmethod
    def delivery_count(self) -> int | None:
        """How many times delivery of the message was attempted."""

    @property
    @abc.abstractmethod
    def enqueued_sequence_number(self) -> int | None:
        """The sequence number given when the message was enqueued."""

    @property
    @abc.abstractmethod
    def enqueued_time_utc(self) -> datetime.datetime | None:
        """When the message was enqueued (UTC)."""

    @property
    @abc.abstractmethod
    def expires_at_utc(self) -> datetime.datetime | None:
        """When the message expires (UTC)."""

    @property
    @abc.abstractmethod
    def expiration_time(self) -> datetime.datetime | None:
        """When the message expires (same as :attr:`expires_at_utc`)."""

    @property
    @abc.abstractmethod
    def label(self) -> str | None:
        """The application-specific label."""

    @property
    @abc.abstractmethod
    def locked_until(self) -> datetime.datetime | None:
        """When the lock on the message ends (UTC)."""

    @property
    @abc.abstractmethod
    def lock_token(self) -> str | None:
        """The token of the lock held on the message."""

    @property
    @abc.abstractmethod
    def message_id(self) -> str:
        """The message id."""

    @property
    @abc.abstractmethod
    def partition_key(self) -> str | None:
        """The partition key of a partitioned entity."""

    @property
    @abc.abstractmethod
    def reply_to(self) -> str | None:
        """The entity to send replies to."""

    @property
    @abc.abstractmethod
    def reply_to_session_id(self) -> str | None:
        """The session to send replies to."""

    @property
    @abc.abstractmethod
    def scheduled_enqueue_time(self) -> datetime.datetime | None:
        """When the message is scheduled to be enqueued (same as the ``_utc`` form)."""

    @property
    @abc.abstractmethod
    def scheduled_enqueue_time_utc(self) -> datetime.datetime | None:
        """When the message is scheduled to be enqueued (UTC)."""

    @property
    @abc.abstractmethod
    def sequence_number(self) -> int | None:
        """The unique number Service Bus assigned to the message."""

    @property
    @abc.abstractmethod
    def session_id(self) -> str | None:
        """The session the message belongs to."""

    @property
    @abc.abstractmethod
    def state(self) -> int | None:
        """The message state: active, deferred or scheduled."""

    @property
    @abc.abstractmethod
    def subject(self) -> str | None:
        """The application-specific subject."""

    @property
    @abc.abstractmethod
    def time_to_live(self) -> datetime.timedelta | None:
        """How long the message lives before it expires."""

    @property
    @abc.abstractmethod
    def to(self) -> str | None:
        """The address the message is sent to."""

    @property
    @abc.abstractmethod
    def transaction_partition_key(self) -> str | None:
        """The partition key of a transaction that spans entities."""

    @property
    @abc.abstractmethod
    def user_properties(self) -> dict[str, Any]:
        """The user-defined properties of the message."""

    @property
    @abc.abstractmethod
    def metadata(self) -> dict[str, Any] | None:
        """The trigger metadata the host passed with the message."""
