"""Keys and auth levels of the local host: x-functions-key header or code parameter."""

from __future__ import annotations

import pytest

import azfunc as func
from azfunc._host_auth import HostKeys, authorize, authorize_level, is_master_key, request_key
from azfunc.decorators.core import AuthLevel

KEYS = HostKeys(master="m-key", host="h-key", functions={"orders": "o-key"})


def _allowed(level: AuthLevel, function: str = "orders", **headers_and_query: str) -> bool:
    headers = {k: v for k, v in headers_and_query.items() if k == "X-Functions-Key"}
    query = {k: v for k, v in headers_and_query.items() if k == "code"}
    return authorize_level(level, function, headers, query, KEYS)


def test_anonymous_is_open() -> None:
    assert _allowed(AuthLevel.ANONYMOUS) is True


@pytest.mark.parametrize(
    ("key", "expected"),
    [(None, False), ("wrong", False), ("h-key", True), ("o-key", True), ("m-key", True)],
)
def test_function_level_accepts_function_host_and_master_keys(
    key: str | None, expected: bool
) -> None:
    query = {} if key is None else {"code": key}
    assert authorize_level(AuthLevel.FUNCTION, "Orders", {}, query, KEYS) is expected


def test_function_key_opens_only_its_function() -> None:
    assert _allowed(AuthLevel.FUNCTION, "other", code="o-key") is False


@pytest.mark.parametrize(("key", "expected"), [("h-key", False), ("o-key", False), ("m-key", True)])
def test_admin_level_needs_the_master_key(key: str, expected: bool) -> None:
    assert _allowed(AuthLevel.ADMIN, **{"X-Functions-Key": key}) is expected


def test_header_wins_over_the_query_parameter() -> None:
    assert request_key({"x-functions-key": "a"}, {"code": "b"}) == "a"
    assert request_key({}, {"CODE": "b"}) == "b"
    assert _allowed(AuthLevel.FUNCTION, **{"X-Functions-Key": "wrong", "code": "h-key"}) is False


def test_is_master_key() -> None:
    assert is_master_key({"X-FUNCTIONS-KEY": "m-key"}, {}, KEYS) is True
    assert is_master_key({}, {"code": "h-key"}, KEYS) is False


def test_unknown_level_is_an_error() -> None:
    with pytest.raises(ValueError) as info:
        authorize_level(None, "hook", {}, {}, KEYS)
    assert str(info.value) == (
        "Function 'hook' has an auth level the host does not know; the host knows ANONYMOUS, "
        "FUNCTION and ADMIN."
    )


def test_authorize_reads_the_trigger_auth_level() -> None:
    app = func.FunctionApp()

    @app.route(route="a", auth_level=func.AuthLevel.ADMIN)
    def admin_only(req: func.HttpRequest) -> str:
        return ""

    @app.queue_trigger(arg_name="msg", queue_name="q", connection="C")
    def on_queue(msg: func.QueueMessage) -> None:
        return None

    functions = {f.get_function_name(): f for f in app.get_functions()}
    assert authorize(functions["admin_only"], {}, {"code": "h-key"}, KEYS) is False
    assert authorize(functions["admin_only"], {}, {"code": "m-key"}, KEYS) is True
    assert authorize(functions["on_queue"], {}, {"code": "h-key"}, KEYS) is False


def test_keys_from_settings_and_generated() -> None:
    keys = HostKeys.from_settings(
        {"AZFUNC_MASTER_KEY": "mk", "azfunc_function_key_Orders": "ok"}, ["orders", "other"]
    )
    assert (keys.master, keys.functions, keys.generated) == (
        "mk",
        {"orders": "ok"},
        ("AZFUNC_HOST_KEY",),
    )
    assert len(keys.host) == 43
    assert HostKeys.from_settings({}).host != HostKeys.from_settings({}).host
