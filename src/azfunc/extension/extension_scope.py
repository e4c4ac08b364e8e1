"""Where a worker extension applies: the whole app or one function."""

from __future__ import annotations

from enum import Enum


class ExtensionScope(Enum):
    """The reach of a worker extension, read from the ``_scope`` attribute of its class.

    ``APPLICATION`` extensions (subclasses of
    :class:`~azfunc.extension.AppExtensionBase`) run around every function of the app;
    ``FUNCTION`` extensions (subclasses of :class:`~azfunc.extension.FuncExtensionBase`)
    run around the one function whose folder created them. ``UNKNOWN`` marks a class that
    uses :class:`~azfunc.extension.ExtensionMeta` without deriving from either base; such a
    class cannot be instantiated.

    Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
    """

    UNKNOWN = 0
    APPLICATION = 1
    FUNCTION = 2
