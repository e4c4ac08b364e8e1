"""Connector trigger converter."""

from __future__ import annotations

import types
import typing

import pytest

from azfunc import connectors
from azfunc.meta import Datum

Conv = connectors.ConnectorTriggerConverter


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum('{"a":1}', "json"), '{"a":1}'),  # JSON is not parsed
        (Datum("s", "string"), "s"),
        (Datum(b"b", "bytes"), b"b"),
        (Datum(5, "int"), 5),
        (Datum(None, None), None),
        (Datum(types.SimpleNamespace(string=["a"]), "collection_string"), ["a"]),
    ],
)
def test_decode_passes_raw_values(datum: Datum, expected: object) -> None:
    assert Conv.decode(datum, trigger_metadata=None) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Datum("", "string")),
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(b"x"), Datum(b"x", "bytes")),
        ({"a": 1}, Datum('{"a": 1}', "string")),
        ([1], Datum("[1]", "string")),
        (5, Datum("5", "string")),
    ],
)
def test_encode(value: object, expected: Datum) -> None:
    assert Conv.encode(value, expected_type=None) == expected


def test_flags_and_annotations() -> None:
    assert (Conv.has_trigger_support(), Conv.has_implicit_output()) == (True, True)
    assert [Conv.check_input_type_annotation(t) for t in (str, dict, bytes, int, list)] == [
        True, True, True, False, False,
    ]  # fmt: skip


@pytest.mark.parametrize("annotation", [typing.Optional[str], "str", None, 42])  # noqa: UP045
def test_annotation_that_is_not_a_class_raises_type_error(annotation: object) -> None:
    # The reference raises TypeError('issubclass() arg 1 must be a class') here.
    with pytest.raises(TypeError) as info:
        Conv.check_input_type_annotation(annotation)  # type: ignore[arg-type]
    assert str(info.value) == (
        "issubclass() arg 1 must be a class: ConnectorTriggerConverter cannot check the "
        f"trigger parameter's annotation {annotation!r}, which is not a class. Annotate the "
        "parameter with one of str, dict, bytes."
    )
