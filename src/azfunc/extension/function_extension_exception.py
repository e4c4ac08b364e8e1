"""The error raised when a worker extension is defined or used the wrong way."""

from __future__ import annotations


class FunctionExtensionException(Exception):
    """A worker extension is misused: instantiated when it must not be, or unable to
    work out which function it belongs to.

    Source: https://learn.microsoft.com/azure/azure-functions/develop-python-worker-extensions
    """
