"""The fake invocation context: every field settable through flat keywords."""

from __future__ import annotations

import uuid

from azfunc import testing
from azfunc._runtime.invocation_context import thread_local_storage


def test_context_sets_every_field() -> None:
    ctx = testing.context(
        invocation_id="inv-1",
        function_name="ingest",
        function_directory="/app",
        retry_count=2,
        max_retry_count=5,
        retry_exception=testing.SimpleRpcException(message="boom"),
        trace_parent="00-abc-def-01",
        trace_state="k=v",
        trace_attributes={"a": "b"},
    )
    assert ctx == testing.SimpleContext(
        invocation_id="inv-1",
        function_name="ingest",
        function_directory="/app",
        trace_context=testing.SimpleTraceContext(
            trace_parent="00-abc-def-01", trace_state="k=v", attributes={"a": "b"}
        ),
        retry_context=testing.SimpleRetryContext(
            retry_count=2, max_retry_count=5, exception=testing.SimpleRpcException(message="boom")
        ),
    )
    assert (ctx.thread_local_storage, thread_local_storage.invocation_id) == (
        thread_local_storage,
        "inv-1",
    )


def test_context_defaults_to_a_fresh_invocation_id_and_a_first_attempt() -> None:
    first, second = testing.context(), testing.context()
    assert first.invocation_id != second.invocation_id
    assert str(uuid.UUID(first.invocation_id)) == first.invocation_id
    assert (first.retry_context, first.trace_context) == (
        testing.SimpleRetryContext(),
        testing.SimpleTraceContext(),
    )


def test_retry_exception_records_a_python_exception() -> None:
    try:
        raise ConnectionError("refused")
    except ConnectionError as error:
        ctx = testing.context(retry_count=1, retry_exception=error)
    exception = ctx.retry_context.exception
    assert (exception.source, exception.message) == ("builtins.ConnectionError", "refused")
    assert exception.stack_trace.startswith("Traceback (most recent call last):\n")
    assert exception.stack_trace.endswith("ConnectionError: refused\n")
