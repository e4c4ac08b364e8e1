"""Fuzz the host.json and local.settings.json readers: only HostJsonError and
LocalSettingsError, with a message naming the file."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc._config.host_json import HostJsonError, read_host_json
from azfunc._config.local_settings import LocalSettingsError, read_local_settings
from tests.fuzz._settings import FUZZ, bounded

pytestmark = pytest.mark.fuzz

_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["2.0", "1.0", "00:05:00", "-1", "1000000000.00:00:00", "²", "7071",
                     "Information", "api", "/", "*", "http://a.test", "%X%"]),
)
_JSON: Any = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(
        st.sampled_from(["version", "extensions", "http", "routePrefix", "customHeaders",
                         "functionTimeout", "functions", "logging", "logLevel", "default",
                         "watchDirectories", "extensionBundle", "id", "Values", "Host",
                         "LocalHttpPort", "CORS", "CORSCredentials", "ConnectionStrings",
                         "IsEncrypted", "FUNCTIONS_WORKER_RUNTIME", "x"]),
        inner,
        max_size=4,
    ),
    max_leaves=12,
)
_NOISE = st.sampled_from(["", "//", "/*", "*/", "/*a", "\n", "{", "[", "]", "}", '"', ",",
                          "\\", "\ufeff", "/*a" * 2000, "[" * 3000, "1" * 5000])


@st.composite
def _documents(draw: st.DrawFn, top: Any) -> str:
    document = draw(top)
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # break it somewhere
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(_NOISE) + text[cut:]
    return text


_HOST = st.fixed_dictionaries(
    {"version": st.sampled_from(["2.0", "1.0", 2])}, optional={"extensions": _JSON,
                                                               "functionTimeout": _SCALAR,
                                                               "functions": _JSON,
                                                               "logging": _JSON,
                                                               "watchDirectories": _JSON,
                                                               "extensionBundle": _JSON}
) | _JSON
_SETTINGS = st.fixed_dictionaries(
    {"IsEncrypted": st.sampled_from([False, True, "false"])},
    optional={"Values": _JSON, "Host": _JSON, "ConnectionStrings": _JSON},
) | _JSON


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="azfunc-fuzz-") as name:
        yield Path(name)


def _in_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


@FUZZ
@given(text=_documents(_HOST))
def test_the_host_json_reader_raises_only_host_json_errors(folder: Path, text: str) -> None:
    path = _in_file(folder, "host.json", text)
    with bounded():
        try:
            read_host_json(path)
        except HostJsonError as error:
            assert str(error).startswith(f"host.json at {str(path)!r}"), error


@FUZZ
@given(text=_documents(_SETTINGS))
def test_the_local_settings_reader_raises_only_local_settings_errors(
    folder: Path, text: str
) -> None:
    path = _in_file(folder, "local.settings.json", text)
    with bounded():
        try:
            read_local_settings(path)
        except LocalSettingsError as error:
            assert str(error).startswith(f"local.settings.json at {str(path)!r}"), error
