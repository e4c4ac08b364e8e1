"""The hooks of the function extensions bound to one trigger, grouped by stage."""

from __future__ import annotations

from typing import NamedTuple

from .extension_hook_meta import ExtensionHookMeta


class FuncExtensionHooks(NamedTuple):
    """Function-level hooks of one trigger, one list per stage, in registration order.

    Returned by :meth:`~azfunc.extension.ExtensionMeta.get_function_hooks`.

    :param post_function_load: Run once after the function is loaded.
    :param pre_invocation: Run before every invocation of the function.
    :param post_invocation: Run after every invocation of the function.
    """

    post_function_load: list[ExtensionHookMeta]
    pre_invocation: list[ExtensionHookMeta]
    post_invocation: list[ExtensionHookMeta]
