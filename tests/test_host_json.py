"""The full host.json reader used by the local host and azfunc check."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from azfunc._config.host_json import HostJson, HostJsonError, load_host_json, read_host_json


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "host.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_every_setting_the_local_host_uses(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """{
          // comments are accepted, as by the host
          "version": "2.0",
          "functionTimeout": "00:10:30",
          "functions": ["hello"],
          "watchDirectories": ["shared"],
          "logging": {"logLevel": {"default": "Warning", "Function.hello": "Debug"}},
          "extensions": {"HTTP": {"RoutePrefix": "/v1/",
                                  "customHeaders": {"X-Frame-Options": "DENY"}}},
          "extensionBundle": {"id": "Microsoft.Azure.Functions.ExtensionBundle",
                              "version": "[4.*, 5.0.0)"}
        }""",
    )
    host = read_host_json(path)
    assert host == HostJson(
        path=path,
        version="2.0",
        route_prefix="v1",
        custom_headers={"X-Frame-Options": "DENY"},
        function_timeout=datetime.timedelta(minutes=10, seconds=30),
        functions=("hello",),
        log_levels={"default": "Warning", "Function.hello": "Debug"},
        watch_directories=("shared",),
        extension_bundle={
            "id": "Microsoft.Azure.Functions.ExtensionBundle",
            "version": "[4.*, 5.0.0)",
        },
        raw=host.raw,
    )


def test_defaults_when_the_app_has_no_host_json(tmp_path: Path) -> None:
    assert load_host_json(tmp_path) == HostJson(path=None)
    assert HostJson(path=None).route_prefix == "api"


def test_empty_route_prefix_and_unlimited_timeout(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '{"version": "2.0", "functionTimeout": "-1", "extensions": {"http": {"routePrefix": ""}}}',
    )
    host = load_host_json(tmp_path)
    assert (host.path, host.route_prefix, host.function_timeout) == (path, "", None)


def _error(tmp_path: Path, text: str) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(HostJsonError) as info:
        read_host_json(path)
    return str(info.value).replace(str(path), "HOST")


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    assert _error(tmp_path, '{\n  "version": "2.0"\n  "x": 1\n}') == (
        "host.json at 'HOST' is not valid JSON: line 3, column 3: Expecting ',' delimiter. "
        "Fix the file (a missing comma or quote, or a trailing comma, is the usual cause)."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[]",
            "host.json at 'HOST' holds list JSON; it must be an object such as "
            '{"version": "2.0"}.',
        ),
        (
            "{}",
            "host.json at 'HOST': the 'version' property is missing. The host requires it: "
            'add "version": "2.0" (see https://aka.ms/functions-hostjson).',
        ),
        (
            '{"version": "1.0"}',
            "host.json at 'HOST': version is '1.0'. The host accepts only \"2.0\".",
        ),
        (
            '{"version": "2.0", "extensions": {"http": {"routePrefix": 5}}}',
            "host.json at 'HOST': extensions.http.routePrefix is 5. It must be a string, "
            "e.g. 'api'.",
        ),
        (
            '{"version": "2.0", "extensions": []}',
            "host.json at 'HOST': extensions is []. It must be a JSON object ({...}).",
        ),
        (
            '{"version": "2.0", "functionTimeout": "5 minutes"}',
            "host.json at 'HOST': functionTimeout is '5 minutes'. It must be a TimeSpan "
            "'hh:mm:ss' (or 'd.hh:mm:ss'), e.g. '00:05:00', or '-1'.",
        ),
        (
            '{"version": "2.0", "functions": "hello"}',
            "host.json at 'HOST': functions is 'hello'. It must be a list of strings, "
            "e.g. ['hello'].",
        ),
        (
            '{"version": "2.0", "logging": {"logLevel": {"default": "Verbose"}}}',
            "host.json at 'HOST': logging.logLevel.default is 'Verbose'. It must be one of "
            "Trace, Debug, Information, Warning, Error, Critical, None.",
        ),
        (
            '{"version": "2.0", "extensions": {"http": {"customHeaders": {"X-A": 1}}}}',
            "host.json at 'HOST': extensions.http.customHeaders.X-A is 1. It must be a "
            "string, e.g. 'nosniff'.",
        ),
    ],
)
def test_wrong_shapes_name_the_key_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    assert _error(tmp_path, text) == message


def test_every_example_host_json_reads(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    prefixes = {p.parent.name: read_host_json(p).route_prefix for p in examples.glob("*/host.json")}
    assert set(prefixes.values()) <= {"api", ""}
    assert len(prefixes) >= 10
