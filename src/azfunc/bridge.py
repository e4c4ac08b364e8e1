"""Run azfunc apps on the Azure Functions Python worker.

Inside the worker nothing needs calling: ``import azfunc`` notices the worker's modules
and installs the bridge itself (see ``docs/deploy.md``). Tooling that loads an azfunc
app the way the worker does, with ``azure.functions`` but without the worker (an
indexer, a test harness), calls :func:`install` first::

    from azfunc import bridge

    report = bridge.install()   # raises ImportError without azure-functions
    assert bridge.is_installed()

The stand-ins that run azfunc's middleware go to the worker only: ``get_functions()``
returns them when a worker module calls it, and the app's own functions to any other
caller.

The environment variable ``AZFUNC_WORKER_BRIDGE`` (:data:`ENV_VAR`) overrides the
detection: ``0`` never installs the bridge on import, ``1`` always does.
:func:`install` itself ignores it.

.. versionadded:: 0.2.0
"""

from azfunc._worker_bridge import ENV_VAR, BridgeReport, Link, install, is_installed

__all__ = ["ENV_VAR", "BridgeReport", "Link", "install", "is_installed"]
