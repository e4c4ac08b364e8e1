"""The concrete Context, TraceContext, RetryContext, RpcException and Out of azfunc._context."""

from __future__ import annotations

import threading
import uuid

import attrs
import pytest

from azfunc import _abc
from azfunc._context import (
    SimpleContext,
    SimpleOut,
    SimpleRetryContext,
    SimpleRpcException,
    SimpleTraceContext,
)


def test_context_defaults() -> None:
    context = SimpleContext(invocation_id="inv-1")

    assert context == SimpleContext(
        invocation_id="inv-1",
        function_name="",
        function_directory="",
        trace_context=SimpleTraceContext(trace_parent="", trace_state="", attributes={}),
        retry_context=SimpleRetryContext(
            retry_count=0,
            max_retry_count=0,
            exception=SimpleRpcException(source="", stack_trace="", message=""),
        ),
    )


def test_context_without_invocation_id_gets_a_fresh_uuid() -> None:
    first, second = SimpleContext(), SimpleContext()

    assert str(uuid.UUID(first.invocation_id)) == first.invocation_id
    assert first.invocation_id != second.invocation_id


def test_context_holds_what_it_is_given() -> None:
    trace = SimpleTraceContext(
        trace_parent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        trace_state="congo=t61rcWkgMzE",
        attributes={"k": "v"},
    )
    retry = SimpleRetryContext(
        retry_count=2,
        max_retry_count=5,
        exception=SimpleRpcException(source="app", stack_trace="tb", message="boom"),
    )
    context = SimpleContext(
        invocation_id="inv-2",
        function_name="ingest",
        function_directory="/home/site/wwwroot",
        trace_context=trace,
        retry_context=retry,
    )

    assert (
        context.invocation_id,
        context.function_name,
        context.function_directory,
        context.trace_context.trace_parent,
        context.trace_context.trace_state,
        context.trace_context.attributes,
        context.retry_context.retry_count,
        context.retry_context.max_retry_count,
        context.retry_context.exception.message,
    ) == (
        "inv-2",
        "ingest",
        "/home/site/wwwroot",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "congo=t61rcWkgMzE",
        {"k": "v"},
        2,
        5,
        "boom",
    )


def test_context_types_implement_the_abstract_interfaces() -> None:
    context = SimpleContext()

    assert isinstance(context, _abc.Context)
    assert isinstance(context.trace_context, _abc.TraceContext)
    assert isinstance(context.retry_context, _abc.RetryContext)
    assert isinstance(context.retry_context.exception, _abc.RpcException)
    assert isinstance(SimpleOut[int](), _abc.Out)


def test_context_thread_local_storage_carries_the_invocation_id() -> None:
    context = SimpleContext(invocation_id="inv-3")
    storage = context.thread_local_storage
    seen: list[object] = []

    def worker() -> None:
        seen.append(getattr(storage, "invocation_id", None))
        storage.invocation_id = context.invocation_id
        seen.append(storage.invocation_id)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()

    assert isinstance(storage, threading.local)
    assert storage.invocation_id == "inv-3"
    assert seen == [None, "inv-3"]


def test_each_context_has_its_own_thread_local_storage() -> None:
    assert SimpleContext().thread_local_storage is not SimpleContext().thread_local_storage


def test_thread_local_storage_takes_no_part_in_equality_or_repr() -> None:
    first = SimpleContext(invocation_id="same")
    second = SimpleContext(invocation_id="same")

    assert first == second
    assert hash(first) == hash(second)
    assert "thread_local_storage" not in repr(first)


@pytest.mark.parametrize(
    "record",
    [SimpleContext(), SimpleTraceContext(), SimpleRetryContext(), SimpleRpcException()],
)
def test_context_records_are_frozen(record: attrs.AttrsInstance) -> None:
    field = attrs.fields(type(record))[0].name

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(record, field, "changed")


def test_context_fields_are_keyword_only() -> None:
    with pytest.raises(TypeError, match="positional"):
        SimpleContext("inv")  # type: ignore[call-arg]


def test_out_get_returns_none_until_set() -> None:
    assert SimpleOut[str]().get() is None


def test_out_set_then_get() -> None:
    out = SimpleOut[str]()
    out.set("first")
    out.set("second")

    assert out.get() == "second"


def test_out_takes_an_initial_value() -> None:
    assert SimpleOut[list[int]]([1, 2]).get() == [1, 2]


def test_out_lets_a_function_write_an_output_binding() -> None:
    def main(name: str, msg: _abc.Out[str]) -> None:
        msg.set(f"hello {name}")

    out = SimpleOut[str]()
    main("ada", out)

    assert out == SimpleOut("hello ada")
