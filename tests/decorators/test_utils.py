"""camelCase keys, enum parsing and the dict builder."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc.decorators.core import AuthLevel, DataType
from azfunc.decorators.http import HttpMethod
from azfunc.decorators.utils import (
    StringifyEnumJsonEncoder,
    _clean_nones,
    is_snake_case,
    is_word,
    parse_iterable_param_to_enums,
    parse_singular_param_to_enum,
    to_camel_case,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("queue_name", "queueName"),
        ("o_auth_bearer_method", "oAuthBearerMethod"),
        ("timestamp_utc", "timestampUtc"),
        ("ssl_certificate_and_key_pem", "sslCertificateAndKeyPem"),
        ("user_ID", "userId"),
        ("x_ab1cd", "xAb1Cd"),
        ("Foo_bar", "FooBar"),
        ("_private", "Private"),
        ("__dunder", "Dunder"),
        ("a__b", "aB"),
        ("a_", "a"),
        ("Trailing_", "Trailing"),
        ("camelCase", "camelCase"),
        ("ABC", "ABC"),
        ("word1", "word1"),
    ],
)
def test_to_camel_case(name: str, key: str) -> None:
    assert to_camel_case(name) == key
    assert to_camel_case(name) == key  # converted names are cached


def test_to_camel_case_of_a_str_subclass_is_a_plain_str() -> None:
    class Name(str):
        pass

    assert [to_camel_case(Name("queue_name")), to_camel_case("queue_name")] == ["queueName"] * 2
    assert type(to_camel_case(Name("queue_name"))) is str


@pytest.mark.parametrize("name", ["1word", "a-b", "with1digit_x", "bad-key"])
def test_to_camel_case_rejects_names_that_are_not_words_or_snake_case(name: str) -> None:
    for _ in range(2):  # every time: rejected names are not cached
        with pytest.raises(ValueError) as caught:
            to_camel_case(name)
        assert str(caught.value) == (
            f"Please ensure {name} is a word or snake case string with underscore as separator."
        )


@pytest.mark.parametrize("name", ["", None])
def test_to_camel_case_rejects_empty_names(name: str) -> None:
    with pytest.raises(ValueError) as caught:
        to_camel_case(name)
    assert str(caught.value) == f"Please ensure arg name {name} is not empty!"


@given(st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=5))
def test_to_camel_case_of_lowercase_snake_words(words: list[str]) -> None:
    assert to_camel_case("_".join(words)) == words[0] + "".join(w.title() for w in words[1:])


def test_word_and_snake_case_predicates() -> None:
    assert (is_word("path"), is_word("v2"), is_word("a_b"), is_word("2a")) == (
        True,
        True,
        False,
        False,
    )
    assert (is_snake_case("a_b"), is_snake_case("_x"), is_snake_case("ab")) == (True, True, False)


@pytest.mark.parametrize("value", ["anonymous", "ANONYMOUS", "Anonymous", AuthLevel.ANONYMOUS])
def test_parse_singular_param_accepts_names_in_any_case(value: object) -> None:
    assert parse_singular_param_to_enum(value, AuthLevel) is AuthLevel.ANONYMOUS  # type: ignore[arg-type]


def test_parse_singular_param_passes_none_and_non_strings_through() -> None:
    assert (
        parse_singular_param_to_enum(None, DataType),
        parse_singular_param_to_enum(3, DataType),
    ) == (None, 3)  # type: ignore[arg-type]


def test_parse_iterable_param() -> None:
    assert parse_iterable_param_to_enums(["get", HttpMethod.PUT, "Post"], HttpMethod) == [
        HttpMethod.GET,
        HttpMethod.PUT,
        HttpMethod.POST,
    ]
    assert parse_iterable_param_to_enums(None, HttpMethod) is None


def test_clean_nones_recurses_into_dicts_and_lists() -> None:
    assert _clean_nones({"a": None, "b": [1, None, {"c": None, "d": 0}], "e": False}) == {
        "b": [1, {"d": 0}],
        "e": False,
    }


def test_enums_serialise_by_name() -> None:
    assert str(AuthLevel.FUNCTION) == "FUNCTION"
    assert json.dumps([AuthLevel.ADMIN, DataType.STRING], cls=StringifyEnumJsonEncoder) == (
        '["ADMIN", "STRING"]'
    )


def test_encoder_rejects_other_objects() -> None:
    with pytest.raises(TypeError):
        json.dumps(object(), cls=StringifyEnumJsonEncoder)
