"""One registered hook: the extension's name and the callable to run."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class ExtensionHookMeta(NamedTuple):
    """A hook as the worker stores it: a ``(ext_name, ext_impl)`` tuple.

    :param ext_name: ``__name__`` of the extension class that contributed the hook.
    :param ext_impl: The hook itself, already bound: to the class for an application
        extension (a classmethod), to the instance for a function extension.
    """

    ext_name: str
    ext_impl: Callable[..., object]
