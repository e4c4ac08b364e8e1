"""Every example app starts under azfunc start, serves an HTTP route and runs a function
through the admin endpoint."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from tests.host.conftest import EXAMPLES, MASTER_KEY, StartHost
from tests.host.examples_table import EXAMPLE_CALLS

pytestmark = pytest.mark.server

#: Functions of the examples that the host itself would put in error (azfunc start does
#: too). None today.
KNOWN_ERRORS: dict[str, set[str]] = {}

#: App settings some examples read in %...% placeholders (timer schedules are resolved
#: by azfunc start itself).
SETTINGS = {"REPORT_SCHEDULE": "0 0 9 * * Mon", "DEVICE_HUB": "hub", "ORDERS_QUEUE": "orders"}


def test_every_example_is_covered() -> None:
    apps = {p.parent.name for p in EXAMPLES.glob("*/function_app.py")}
    assert apps == set(EXAMPLE_CALLS)


def _outputs(folder: Path, function: str, expected: str, timeout: float = 10.0) -> list[str]:
    """The outputs recorded for ``function``, read once ``expected`` is among them or at
    the timeout (a function's outputs are written one file after the other)."""
    deadline = time.monotonic() + timeout
    texts: list[str] = []
    while time.monotonic() < deadline:
        files = sorted((folder / function).glob("*/*")) if (folder / function).is_dir() else []
        texts = [f.read_text() for f in files]
        if expected in texts:
            break
        time.sleep(0.1)
    return texts


@pytest.mark.parametrize("name", sorted(EXAMPLE_CALLS))
def test_example_serves_and_invokes(name: str, start_host: StartHost, tmp_path: Path) -> None:
    call = EXAMPLE_CALLS[name]
    outputs = tmp_path / "outputs"
    host = start_host(str(EXAMPLES / name), "--outputs", str(outputs), env=SETTINGS)
    errors = set(re.findall(r"Function '(\w+)' is in error", host.log()))
    assert errors <= KNOWN_ERRORS.get(name, set()), host.log()
    key = {"x-functions-key": MASTER_KEY}
    if call.method:
        response = host.client.request(call.method, call.path, content=call.body, headers=key)
        assert response.status_code == call.status, host.log()
        if call.text is not None:
            assert response.text == call.text
    if call.admin_function:
        response = host.client.post(
            f"/admin/functions/{call.admin_function}", json={"input": call.admin_input}, headers=key
        )
        assert response.status_code == 202
        invocation_id = response.headers["x-azfunc-invocation-id"]
        log = host.wait_for_log(f"Id={invocation_id}")
        assert f"Executed 'Functions.{call.admin_function}' (Succeeded" in log, log
        if call.output is not None:
            assert call.output in _outputs(outputs, call.admin_function, call.output)
