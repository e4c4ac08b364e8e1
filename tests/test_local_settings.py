"""The local.settings.json reader and %setting% expansion."""

from __future__ import annotations

from pathlib import Path

import pytest

from azfunc._config.local_settings import (
    LocalHostSettings,
    LocalSettings,
    LocalSettingsError,
    expand_settings,
    load_local_settings,
    read_local_settings,
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "local.settings.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_values_host_and_connection_strings(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """{
          "IsEncrypted": false,
          "Values": {"FUNCTIONS_WORKER_RUNTIME": "python", "Retries": 3, "Flag": true,
                     "Ratio": 0.5, "Unset": null},
          "host": {"LocalHttpPort": 7072, "CORS": "http://a.test, http://b.test/",
                   "CORSCredentials": true},
          "ConnectionStrings": {"Db": "Server=x", "Other": {"ConnectionString": "y"}}
        }""",
    )
    assert read_local_settings(path) == LocalSettings(
        path=path,
        values={
            "FUNCTIONS_WORKER_RUNTIME": "python",
            "Retries": "3",
            "Flag": "True",
            "Ratio": "0.5",
        },
        host=LocalHostSettings(
            local_http_port=7072, cors=("http://a.test", "http://b.test"), cors_credentials=True
        ),
        connection_strings={"Db": "Server=x", "Other": "y"},
    )


def test_no_file_gives_empty_settings(tmp_path: Path) -> None:
    assert load_local_settings(tmp_path) == LocalSettings(path=None)


def test_bom_and_comments_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "local.settings.json"
    path.write_bytes(b'\xef\xbb\xbf{/* c */ "Values": {"A": "1"} // end\n}')
    assert load_local_settings(tmp_path).values == {"A": "1"}


def _error(tmp_path: Path, text: str) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(LocalSettingsError) as info:
        read_local_settings(path)
    return str(info.value).replace(str(path), "FILE")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"Values": {"A": "1" "B": "2"}}',
            "local.settings.json at 'FILE' is not valid JSON: line 1, column 22: Expecting "
            "',' delimiter. Fix the file (a missing comma or quote, or a trailing comma, is "
            "the usual cause).",
        ),
        (
            '"text"',
            "local.settings.json at 'FILE' holds str JSON; it must be an object such as "
            '{"IsEncrypted": false, "Values": {}}.',
        ),
        (
            '{"Values": []}',
            "local.settings.json at 'FILE': Values is []. It must be a JSON object ({...}).",
        ),
        (
            '{"Values": {"A": {"b": 1}}}',
            "local.settings.json at 'FILE': Values.A is {'b': 1}. App settings are strings: "
            'write the value in quotes, e.g. "value", or serialise the object to a JSON string.',
        ),
        (
            '{"IsEncrypted": true}',
            "local.settings.json at 'FILE': IsEncrypted is true. The values are encrypted "
            "with a key only Core Tools on the machine that wrote them can use. Run `func "
            'settings decrypt`, or set the values in plain text and "IsEncrypted": false.',
        ),
        (
            '{"Host": {"LocalHttpPort": 70000}}',
            "local.settings.json at 'FILE': Host.LocalHttpPort is 70000. It must be a port "
            "number, e.g. 7071.",
        ),
        (
            '{"Host": {"CORS": ["*"]}}',
            "local.settings.json at 'FILE': Host.CORS is ['*']. It must be a string of "
            'comma-separated origins, e.g. "http://localhost:3000" or "*".',
        ),
        (
            '{"Host": {"CORSCredentials": "yes"}}',
            "local.settings.json at 'FILE': Host.CORSCredentials is 'yes'. It must be true "
            "or false.",
        ),
        (
            '{"ConnectionStrings": {"Db": 5}}',
            "local.settings.json at 'FILE': ConnectionStrings.Db is 5. It must be a string, "
            'e.g. "Server=...;Database=...".',
        ),
    ],
)
def test_problems_name_the_file_the_key_and_the_fix(
    tmp_path: Path, text: str, message: str
) -> None:
    assert _error(tmp_path, text) == message


def test_port_given_as_a_string_is_accepted(tmp_path: Path) -> None:
    _write(tmp_path, '{"Host": {"LocalHttpPort": "7075"}}')
    assert load_local_settings(tmp_path).host.local_http_port == 7075


def test_expand_settings() -> None:
    settings = {"Schedule": "0 * * * * *", "Env": "dev"}
    assert expand_settings("%Schedule%", settings) == "0 * * * * *"
    assert expand_settings("orders-%Env%-%Env%", settings) == "orders-dev-dev"
    assert expand_settings("100%", settings) == "100%"
    with pytest.raises(ValueError) as info:
        expand_settings("%Missing%", settings, what="schedule of function 'tick'")
    assert str(info.value) == (
        "The schedule of function 'tick' '%Missing%' refers to the app setting 'Missing', "
        "which is not set. Add it to Values in local.settings.json or to the environment."
    )
