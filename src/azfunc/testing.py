"""Unit-testing helpers: invocation objects you can build to call functions directly.

``func.Context`` and ``func.Out`` are abstract (the worker supplies the real ones at run
time); these concrete classes stand in for them in tests::

    from azfunc.testing import SimpleContext, SimpleOut

    out = SimpleOut[str]()
    hello(func.HttpRequest("GET", "/api/hello/ada", body=b""), out, SimpleContext())
    assert out.get() == "ada"

.. versionadded:: 0.1.0
"""

from azfunc._context import (
    SimpleContext,
    SimpleOut,
    SimpleRetryContext,
    SimpleRpcException,
    SimpleTraceContext,
)

__all__ = [
    "SimpleContext",
    "SimpleOut",
    "SimpleRetryContext",
    "SimpleRpcException",
    "SimpleTraceContext",
]
