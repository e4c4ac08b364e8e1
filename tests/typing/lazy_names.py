"""Checked by mypy and pyright (not collected by pytest): the names ``import azfunc`` loads
lazily (PEP 562) have their real types for type checkers and IDEs."""

from __future__ import annotations

from types import ModuleType

from typing_extensions import assert_type

import azfunc as func
from azfunc import _http_asgi, _http_wsgi, meta
from azfunc.decorators.mcp import PromptArgument

assert_type(func.get_binding_registry(), meta.ConverterRegistry)
assert_type(func.HttpRequest("GET", "/", body=b"").get_body(), bytes)
assert_type(func.WsgiMiddleware, type[_http_wsgi.WsgiMiddleware])
assert_type(func.AsgiMiddleware, type[_http_asgi.AsgiMiddleware])
assert_type(func.PromptArgument, type[PromptArgument])
assert_type(func.decorators.PromptArgument, type[PromptArgument])
blob_module: ModuleType = func.blob
# A typo is still an error: __getattr__ is hidden from type checkers.
misspelt: object = func.HttpRequests  # type: ignore[attr-defined]  # pyright: ignore
