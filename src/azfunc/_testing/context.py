"""The fake invocation context: :func:`context` builds a :class:`SimpleContext` from flat
keywords (retry count, trace parent, …) instead of nested records.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Mapping

from azfunc import _abc
from azfunc._context import (
    SimpleContext,
    SimpleRetryContext,
    SimpleRpcException,
    SimpleTraceContext,
)
from azfunc._runtime.invocation_context import thread_local_storage

__all__ = ["context"]


def _rpc_exception(error: BaseException | _abc.RpcException | None) -> _abc.RpcException:
    if error is None:
        return SimpleRpcException()
    if isinstance(error, _abc.RpcException):
        return error
    return SimpleRpcException(
        source=type(error).__module__ + "." + type(error).__qualname__,
        stack_trace="".join(traceback.format_exception(type(error), error, error.__traceback__)),
        message=str(error),
    )


def context(
    *,
    invocation_id: str | None = None,
    function_name: str = "",
    function_directory: str = "",
    retry_count: int = 0,
    max_retry_count: int = 0,
    retry_exception: BaseException | _abc.RpcException | None = None,
    trace_parent: str = "",
    trace_state: str = "",
    trace_attributes: Mapping[str, str] | None = None,
) -> SimpleContext:
    """Return the :class:`~azfunc.Context` a function receives, with the given fields.

    :param invocation_id: The invocation id; a fresh UUID by default.
    :param function_name: The function's name.
    :param function_directory: The function app's folder.
    :param retry_count: The number of the current retry (``0`` on the first attempt).
    :param max_retry_count: The retry policy's maximum number of retries.
    :param retry_exception: The error of the failed attempt that caused this retry: an
        exception (its type, message and traceback are recorded) or an RpcException.
    :param trace_parent: The W3C ``traceparent`` header value.
    :param trace_state: The W3C ``tracestate`` header value.
    :param trace_attributes: Extra trace attributes.

    Its ``thread_local_storage`` is the process's one, as the pipeline's contexts have.
    """
    return SimpleContext(
        invocation_id=invocation_id if invocation_id is not None else str(uuid.uuid4()),
        function_name=function_name,
        function_directory=function_directory,
        trace_context=SimpleTraceContext(
            trace_parent=trace_parent,
            trace_state=trace_state,
            attributes=dict(trace_attributes or {}),
        ),
        retry_context=SimpleRetryContext(
            retry_count=retry_count,
            max_retry_count=max_retry_count,
            exception=_rpc_exception(retry_exception),
        ),
        thread_local_storage=thread_local_storage,
    )
