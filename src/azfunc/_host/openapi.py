"""The API documents ``azfunc start`` serves: the OpenAPI 3.1 document of the app's HTTP
functions at :data:`OPENAPI_PATH` and an interactive page that renders it at
:data:`DOCS_PATH`.

The page is azfunc's own self-contained HTML file (``openapi_docs.html``, installed with
the package): it loads nothing from a CDN, only the document from this host, and can
send requests to the functions. A function route that matches either path wins.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

from azfunc._typed.openapi import openapi_document

if TYPE_CHECKING:
    from azfunc._host.site import HttpSite

__all__ = ["DOCS_PATH", "OPENAPI_PATH", "api_document_response"]

#: Where ``azfunc start`` serves the OpenAPI document.
OPENAPI_PATH = "/openapi.json"
#: Where ``azfunc start`` serves the interactive docs page.
DOCS_PATH = "/docs"


def _page() -> bytes:
    return resources.files("azfunc._host").joinpath("openapi_docs.html").read_bytes()


def api_document_response(
    site: HttpSite, method: str, path: str
) -> tuple[int, list[tuple[str, str]], bytes] | None:
    """The answer to a ``GET`` of the document or the docs page, else ``None``."""
    if method not in ("GET", "HEAD") or path not in (OPENAPI_PATH, DOCS_PATH):
        return None
    if path == DOCS_PATH:
        return 200, [("Content-Type", "text/html; charset=utf-8")], _page()
    document = openapi_document(
        list(site.functions),
        route_prefix=site.routes.route_prefix,
        title="azfunc start",
    )
    body = json.dumps(document, indent=2).encode("utf-8")
    return 200, [("Content-Type", "application/json")], body
