"""``azfunc start`` serves the app's OpenAPI document and its docs page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.host.conftest import StartHost, write_app
from tests.typed.test_openapi import EXAMPLE, external_references

pytestmark = pytest.mark.server


def test_azfunc_start_serves_the_document(start_host: StartHost, tmp_path: Path) -> None:
    app = write_app(tmp_path / "app", (EXAMPLE / "function_app.py").read_text(encoding="utf-8"))
    host = start_host(str(app))
    served: dict[str, Any] = host.client.get("/openapi.json").json()
    validate(served)
    assert sorted(served["paths"]) == ["/api/items", "/api/items/{item_id}"]
    page = host.client.get("/docs")
    assert (page.status_code, external_references(page.text)) == (200, [])
