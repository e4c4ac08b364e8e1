"""One HTTP dispatcher: the testing kit drives the local host's ASGI app, never the other
way round, and neither needs uvicorn (only ``azfunc start``'s server module imports it)."""

from __future__ import annotations

from tests.test_layers import GRAPH, _violations


def test_the_local_host_imports_nothing_of_the_testing_kit() -> None:
    assert _violations(("azfunc._host",), ("azfunc._testing", "azfunc.testing")) == []


def test_only_the_server_module_imports_uvicorn() -> None:
    importers = {v.split(" ")[0] for v in _violations(None, ("uvicorn",))}
    assert importers == {"azfunc._host.server"}


def test_the_testing_client_answers_nothing_itself() -> None:
    imported = GRAPH["azfunc._testing.client"]
    # it sends requests to the host's app; it never builds a 405 or a response of its own
    assert "azfunc._host.asgi.LocalHost" in imported
    own_answers = {"azfunc._routing.table.MethodNotAllowed", "azfunc.http.HttpResponseConverter"}
    assert own_answers & imported == set()
