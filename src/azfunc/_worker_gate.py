"""Whether the worker bridge may be wanted: a look at the environment and ``sys.modules``.

``azfunc/__init__.py`` asks :func:`may_be_wanted` before it imports
:mod:`azfunc._worker_bridge`, so a process outside the worker never loads the bridge.
"""

from __future__ import annotations

import os
import sys

__all__ = ["ENV_VAR", "WORKER_MODULES", "may_be_wanted", "worker_module"]

ENV_VAR = "AZFUNC_WORKER_BRIDGE"
"""``0``/``false``/``off``/``no``: never install; ``1``/``true``/``on``/``yes``: always."""

WORKER_MODULES = (
    "azure_functions_worker",
    "azure_functions_runtime",
    "azure_functions_runtime_v1",
    "proxy_worker",
)
"""Top-level modules of the Python worker; one of them loaded means "inside the worker"."""


def worker_module() -> str | None:
    """Return the name of the first worker module already imported, else ``None``."""
    return next((name for name in WORKER_MODULES if name in sys.modules), None)


def may_be_wanted() -> bool:
    """Tell whether :func:`azfunc._worker_bridge.activate` has anything to decide.

    False only when :data:`ENV_VAR` is unset (or empty) and no worker module is loaded:
    then the bridge would install nothing and log nothing.
    """
    return bool(os.environ.get(ENV_VAR, "").strip()) or worker_module() is not None
