"""The hooks of every application extension, grouped by lifecycle stage."""

from __future__ import annotations

from typing import NamedTuple

from .extension_hook_meta import ExtensionHookMeta


class AppExtensionHooks(NamedTuple):
    """Application-level hooks, one list per stage, in registration order.

    Returned by :meth:`~azfunc.extension.ExtensionMeta.get_application_hooks`.

    :param post_function_load_app_level: Run once after each function is loaded.
    :param pre_invocation_app_level: Run before every invocation of every function.
    :param post_invocation_app_level: Run after every invocation of every function.
    """

    post_function_load_app_level: list[ExtensionHookMeta]
    pre_invocation_app_level: list[ExtensionHookMeta]
    post_invocation_app_level: list[ExtensionHookMeta]
