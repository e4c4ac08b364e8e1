"""Invoke functions in-process, with middleware, lifecycle hooks and invocation context.

The same pipeline runs under every host azfunc offers (``azfunc start``, the test
client in :mod:`azfunc.testing`, the real Python worker)::

    import azfunc as func
    from azfunc.invocation import invoke

    result = invoke(app.get_functions()[0], {"msg": "hello"})
    assert result.ok and result.outputs == {"out": "HELLO"}

Middleware is registered with ``app.middleware`` / ``blueprint.middleware`` or, for one
function, ``@app.with_middleware(...)``; lifecycle hooks with ``@app.on_startup`` and
``@app.on_shutdown``.

.. versionadded:: 0.2.0
"""

from azfunc._runtime.invocation_context import (
    ContextPropagatingExecutor,
    InvocationLogFilter,
    current_context,
    run_in_thread,
)
from azfunc._runtime.lifecycle import ShutdownError, StartupError, run_shutdown, run_startup
from azfunc._runtime.middleware import CallNext, Invocation, Middleware
from azfunc._runtime.pipeline import InvocationResult, invoke, invoke_async
from azfunc._runtime.signature import FunctionSignatureError, SignatureProblem, signature_problems

__all__ = [
    "CallNext",
    "ContextPropagatingExecutor",
    "FunctionSignatureError",
    "Invocation",
    "InvocationLogFilter",
    "InvocationResult",
    "Middleware",
    "ShutdownError",
    "SignatureProblem",
    "StartupError",
    "current_context",
    "invoke",
    "invoke_async",
    "run_in_thread",
    "run_shutdown",
    "run_startup",
    "signature_problems",
]
