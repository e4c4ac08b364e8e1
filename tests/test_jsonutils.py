"""azfunc._jsonutils: stdlib JSON, or orjson when importable."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from azfunc import _jsonutils


class FakeOrjson:
    """Stands in for the orjson module: compact bytes output, as orjson writes."""

    def dumps(self, obj: Any, /) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    def loads(self, s: str | bytes | bytearray, /) -> Any:
        return json.loads(s)


def test_stdlib_backend_uses_default_separators_and_ascii_escapes() -> None:
    std = _jsonutils.make_json(None)

    assert std.dumps({"a": [1, 2.5, None, True], "b": "é"}) == (
        '{"a": [1, 2.5, null, true], "b": "\\u00e9"}'
    )


def test_stdlib_backend_loads_str_bytes_and_bytearray() -> None:
    std = _jsonutils.make_json(None)

    assert [std.loads('{"a": 1}'), std.loads(b"[1]"), std.loads(bytearray(b"2"))] == [
        {"a": 1},
        [1],
        2,
    ]


def test_stdlib_backend_raises_json_decode_error() -> None:
    std = _jsonutils.make_json(None)

    with pytest.raises(json.JSONDecodeError, match="Expecting value"):
        std.loads("")


def test_stdlib_backend_rejects_unserialisable_values() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        _jsonutils.make_json(None).dumps({1, 2})


def test_orjson_backend_returns_str_from_bytes_output() -> None:
    fast = _jsonutils.make_json(FakeOrjson())

    assert fast.dumps({"a": [1, 2], "b": "é"}) == '{"a":[1,2],"b":"é"}'
    assert fast.loads(b'{"a":1}') == {"a": 1}


def test_module_functions_use_the_active_backend() -> None:
    assert _jsonutils.loads(_jsonutils.dumps({"k": [1, "v"]})) == {"k": [1, "v"]}
    assert _jsonutils.json.loads(_jsonutils.json.dumps(["é"])) == ["é"]


def test_backend_names_orjson_exactly_when_it_is_importable() -> None:
    try:
        import orjson  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        expected = "json"
    else:
        expected = "orjson"

    assert _jsonutils.backend == expected


def test_stdlib_is_used_when_orjson_cannot_be_imported() -> None:
    code = (
        "import sys; sys.modules['orjson'] = None\n"
        "from azfunc import _jsonutils\n"
        "print(_jsonutils.backend, _jsonutils.dumps({'a': 1}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout == 'json {"a": 1}\n'


def test_reference_adapters_share_the_backend_functions() -> None:
    std = _jsonutils.StdJsonAdapter()
    assert isinstance(std, _jsonutils.JsonInterface)
    assert (std.dumps({"a": [1, "é"]}), std.loads(b'{"a": 1}')) == (
        '{"a": [1, "\\u00e9"]}', {"a": 1})
    assert type(_jsonutils.json_impl).__name__ == (
        "StdJsonAdapter" if _jsonutils.backend == "json" else "OrJsonAdapter")
    with pytest.raises(TypeError):
        _jsonutils.JsonInterface()  # type: ignore[abstract]


def test_orjson_adapter_without_orjson_names_the_missing_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_jsonutils, "_orjson", None)
    with pytest.raises(ModuleNotFoundError) as info:
        _jsonutils.OrJsonAdapter()
    assert str(info.value) == (
        "OrJsonAdapter() needs the orjson package, which is not installed: "
        "install orjson, or use StdJsonAdapter()"
    )


def test_orjson_adapter_decodes_orjson_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jsonutils, "_orjson", FakeOrjson())
    adapter = _jsonutils.OrJsonAdapter()
    assert (adapter.dumps({"a": [1, "é"]}), adapter.loads('{"a":1}')) == ('{"a":[1,"é"]}', {"a": 1})
