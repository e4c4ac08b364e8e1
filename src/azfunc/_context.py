"""Concrete invocation types to build in unit tests: a context and an output binding.

The worker provides its own implementations at run time; these are for calling
functions directly::

    out = SimpleOut[str]()
    main(req, out, SimpleContext(function_name="main"))
    assert out.get() == "done"

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import threading
import uuid
from typing import TypeVar, cast

import attrs

from azfunc import _abc

__all__ = [
    "SimpleContext",
    "SimpleOut",
    "SimpleRetryContext",
    "SimpleRpcException",
    "SimpleTraceContext",
]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class SimpleRpcException(_abc.RpcException):
    """The exception of a failed earlier attempt, for :class:`SimpleRetryContext`.

    Attributes:
        source: Where the exception was raised.
        stack_trace: The formatted stack trace.
        message: The exception's message.
    """

    source: str = ""
    stack_trace: str = ""
    message: str = ""


@attrs.frozen(kw_only=True)
class SimpleTraceContext(_abc.TraceContext):
    """A W3C Trace Context; every field is empty unless given.

    Attributes:
        trace_parent: The ``traceparent`` value.
        trace_state: The ``tracestate`` value.
        attributes: Extra trace attributes (not part of the hash).
    """

    trace_parent: str = ""
    trace_state: str = ""
    attributes: dict[str, str] = attrs.field(factory=dict, hash=False)


@attrs.frozen(kw_only=True)
class SimpleRetryContext(_abc.RetryContext):
    """The retry state of an invocation; a first attempt unless told otherwise.

    Attributes:
        retry_count: The number of the current retry, ``0`` on the first attempt.
        max_retry_count: The retry policy's maximum number of retries.
        exception: The exception that caused the current retry.
    """

    retry_count: int = 0
    max_retry_count: int = 0
    exception: _abc.RpcException = attrs.Factory(SimpleRpcException)


def _new_invocation_id() -> str:
    return str(uuid.uuid4())


@attrs.frozen(kw_only=True)
class SimpleContext(_abc.Context):
    """The invocation context a function receives in its ``context`` parameter.

    Every field has a default, so ``SimpleContext()`` works; the invocation id is
    then a fresh UUID. The thread-local storage's ``invocation_id`` attribute is
    set to :attr:`invocation_id`, as the worker does.

    Attributes:
        invocation_id: The invocation's id.
        function_name: The function's name.
        function_directory: The directory the function app runs from.
        trace_context: The distributed-tracing context.
        retry_context: The retry state.
        thread_local_storage: Storage whose ``invocation_id`` attribute threads the
            function starts can set; excluded from equality and hashing.
    """

    invocation_id: str = attrs.field(factory=_new_invocation_id)
    function_name: str = ""
    function_directory: str = ""
    trace_context: _abc.TraceContext = attrs.Factory(SimpleTraceContext)
    retry_context: _abc.RetryContext = attrs.Factory(SimpleRetryContext)
    thread_local_storage: threading.local = attrs.field(
        factory=threading.local, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        self.thread_local_storage.invocation_id = self.invocation_id


@attrs.define
class SimpleOut(_abc.Out[T]):
    """An output binding that keeps the value the function sets.

    :meth:`get` returns ``None`` until :meth:`set` is called (or an initial
    ``value`` is given), as the worker's own implementation does.

    Attributes:
        value: The initial value, ``None`` by default.
    """

    _value: T | None = None

    def set(self, val: T) -> None:
        """Store ``val``, replacing any earlier value."""
        self._value = val

    def get(self) -> T:
        """Return the stored value; ``None`` when nothing was set."""
        return cast(T, self._value)
