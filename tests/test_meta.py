"""Datum, the converter base classes and the converter registry (azfunc.meta)."""

from __future__ import annotations

import collections.abc
import datetime
import types
import typing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import meta
from azfunc.meta import ConverterRegistry, Datum, InConverter, OutConverter

B = meta._BaseConverter
UTC = datetime.timezone.utc


# -- Datum -------------------------------------------------------------------------------


def test_datum_equality_and_hash() -> None:
    assert Datum("hello", "string") == Datum("hello", "string")
    assert Datum(value="hello", type="string") == Datum("hello", "string")
    assert Datum("hello", "string") != Datum("hello", "bytes")
    assert Datum("hello", "string") != "hello"  # type: ignore[comparison-overlap]
    assert hash(Datum("hello", "string")) == hash(Datum("hello", "string"))
    assert len({Datum(1, "int"), Datum(1, "int"), Datum(2, "int")}) == 2


def test_datum_subclass_is_not_equal() -> None:
    class Sub(Datum):
        pass

    assert Sub(1, "int") != Datum(1, "int")


def test_datum_with_unhashable_value_is_unhashable() -> None:
    with pytest.raises(TypeError):
        hash(Datum([1], "json"))


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum("hello world", "string"), "<Datum string 'hello wor...>"),
        (Datum("12345678", "string"), "<Datum string '12345678'>"),
        (Datum("123456789", "string"), "<Datum string '123456789...>"),
        (Datum(b"ab", "bytes"), "<Datum bytes b'ab'>"),
        (Datum(None, None), "<Datum None None>"),
        (Datum(1, "int"), "<Datum int 1>"),
    ],
)
def test_datum_repr(datum: Datum, expected: str) -> None:
    assert repr(datum) == expected


_collection = types.SimpleNamespace(string=["a", "b"], bytes=[b"x"], double=[1.5], sint64=[1, 2])


@pytest.mark.parametrize(
    ("datum", "value"),
    [
        (Datum("s", "string"), "s"),
        (Datum(b"b", "bytes"), b"b"),
        (Datum(3, "int"), 3),
        (Datum(1.5, "double"), 1.5),
        (Datum('{"a": [1]}', "json"), {"a": [1]}),
        (Datum(_collection, "collection_string"), ["a", "b"]),
        (Datum(_collection, "collection_bytes"), [b"x"]),
        (Datum(_collection, "collection_double"), [1.5]),
        (Datum(_collection, "collection_sint64"), [1, 2]),
        (Datum("x", "weird"), "x"),
        (Datum(None, "string"), None),
        (Datum("x", None), None),
        (Datum(0, "int"), 0),
    ],
)
def test_datum_python_value(datum: Datum, value: Any) -> None:
    assert datum.python_value == value
    assert datum.python_type is type(value)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(json_values)
def test_datum_json_python_value_round_trip(value: Any) -> None:
    import json

    assert Datum(json.dumps(value), "json").python_value == value


@given(
    st.sampled_from(sorted(meta._COLLECTION_FIELDS)),
    st.lists(st.integers() | st.text() | st.binary()),
)
def test_datum_collections_decode_to_lists(datum_type: str, items: list[Any]) -> None:
    field = meta._COLLECTION_FIELDS[datum_type]
    value = types.SimpleNamespace(**{field: tuple(items)})
    assert Datum(value, datum_type).python_value == items


# -- converter helpers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "python_type", "expected"),
    [
        (Datum('{"a":1}', "json"), dict, {"a": 1}),
        (Datum("5", "json"), str, "5"),
        (Datum("5", "string"), int, 5),
        (Datum(5.5, "double"), int, 5),
        (Datum([1], "collection_sint64"), list, [1]),
        (Datum(None, None), int, None),
        (Datum(None, "string"), str, "None"),
        (Datum("null", "json"), str, "None"),
        (Datum("x", "string"), (str, float), "x"),
    ],
)
def test_decode_typed_data(datum: Datum, python_type: Any, expected: Any) -> None:
    assert B._decode_typed_data(datum, python_type=python_type) == expected


@pytest.mark.parametrize(
    ("datum", "python_type", "context", "message"),
    [
        (
            Datum("x", "string"),
            int,
            "data",
            "cannot convert value of data into int: invalid literal for int() with base 10: 'x'",
        ),
        (Datum(b"x", "bytes"), bytes, "data", "unsupported type of data: bytes"),
        (Datum(b"x", "weird"), bytes, "Id", "unsupported type of Id: weird"),
        (
            Datum("x", "string"),
            (int, float),
            "data",
            "unexpected value type in data: str, expected one of: int, float",
        ),
        (
            Datum(5, "int"),
            (str, float),
            "F",
            "unexpected value type in F: int, expected one of: str, float",
        ),
        (
            Datum("null", "json"),
            dict,
            "data",
            "cannot convert value of data into dict: 'NoneType' object is not iterable",
        ),
    ],
)
def test_decode_typed_data_errors(
    datum: Datum, python_type: Any, context: str, message: str
) -> None:
    with pytest.raises(ValueError) as info:
        B._decode_typed_data(datum, python_type=python_type, context=context)
    assert str(info.value) == message


def test_decode_trigger_metadata_field() -> None:
    md = {"A": Datum("5", "string"), "N": Datum(None, None), "B": Datum(b"x", "bytes")}
    assert B._decode_trigger_metadata_field(md, "A", python_type=int) == 5
    assert B._decode_trigger_metadata_field(md, "Z", python_type=int) is None
    assert B._decode_trigger_metadata_field(md, "N", python_type=int) is None
    with pytest.raises(ValueError) as info:
        B._decode_trigger_metadata_field(md, "B", python_type=str)
    assert str(info.value) == "unsupported type of field 'B' in trigger metadata: bytes"


def test_decode_trigger_metadata_field_tuple_mismatch() -> None:
    with pytest.raises(ValueError) as info:
        B._decode_trigger_metadata_field({"A": Datum(5, "int")}, "A", python_type=(str, bytes))
    assert str(info.value) == (
        "unexpected value type in field 'A' in trigger metadata: int, expected one of: str, bytes"
    )


def test_parse_metadata_helpers() -> None:
    md = {
        "T": Datum("2020-01-01T00:00:00Z", "string"),
        "J": Datum('"2020-01-01T00:00:00Z"', "json"),
        "D": Datum("00:01:00", "string"),
        "I": Datum(5, "int"),
        "E": Datum("", "string"),
    }
    when = datetime.datetime(2020, 1, 1, tzinfo=UTC)
    assert B._parse_datetime_metadata(md, "T") == when
    assert B._parse_datetime_metadata(md, "J") == when
    assert B._parse_datetime_metadata(md, "missing") is None
    assert B._parse_datetime_metadata(md, "E") is None
    assert B._parse_timedelta_metadata(md, "D") == datetime.timedelta(minutes=1)
    assert B._parse_timedelta_metadata(md, "I") == datetime.timedelta(seconds=5)
    assert B._parse_timedelta_metadata(md, "missing") is None
    assert B._parse_datetime("2020-01-01T00:00:00+00:00") == when
    assert B._parse_timedelta("1:00") == datetime.timedelta(minutes=1)


# -- registry ------------------------------------------------------------------------------


def test_converter_registers_itself_under_binding_and_trigger_name() -> None:
    class Example(InConverter, binding="testOnlyExample", trigger="testOnlyExampleTrigger"):
        @classmethod
        def check_input_type_annotation(cls, pytype: type) -> bool:
            return True

        @classmethod
        def decode(cls, data: Datum, *, trigger_metadata: Any) -> Any:
            return data.value

    registry = meta.get_binding_registry()
    assert registry is meta.get_binding_registry()
    assert registry.get("testOnlyExample") is Example
    assert registry.get("testOnlyExampleTrigger") is Example
    assert Example.has_trigger_support() is True
    assert Example.has_implicit_output() is False
    assert registry.get("noSuchBinding") is None

    class Intermediate(Example, binding=None):
        pass

    assert Intermediate.has_trigger_support() is False
    assert "testOnlyExample" in registry.bindings()


def test_converter_class_needs_binding_keyword() -> None:
    with pytest.raises(TypeError):

        class Missing(InConverter):  # type: ignore[call-arg]
            pass


def test_duplicate_binding_raises_reference_text() -> None:
    class First(OutConverter, binding="testOnlyDuplicate"):
        pass

    with pytest.raises(RuntimeError) as info:

        class Second(OutConverter, binding="testOnlyDuplicate"):
            pass

    assert str(info.value) == (
        "cannot register a converter for 'testOnlyDuplicate' binding: "
        "another converter for this binding has already been registered"
    )
    assert meta.get_binding_registry().get("testOnlyDuplicate") is First


def test_registry_object_is_independent() -> None:
    registry = ConverterRegistry()
    registry.register("x", InConverter)
    registry.register("x", OutConverter, replace=True)
    assert registry.get("x") is OutConverter
    assert registry.bindings() == ["x"]
    assert "x" in registry
    assert ConverterRegistry().bindings() == []


def test_registry_answers_the_reference_registrys_calls() -> None:
    registry = meta.get_binding_registry()
    queue_in = registry.get("queueTrigger")
    assert queue_in is not None
    assert registry._bindings["queueTrigger"] is queue_in
    assert (registry.has_trigger_support(queue_in), registry.has_trigger_support(OutConverter)) == (
        True,
        False,
    )


def test_abstract_converter_methods() -> None:
    assert InConverter.__abstractmethods__ == frozenset({"check_input_type_annotation", "decode"})
    assert OutConverter.__abstractmethods__ == frozenset({"check_output_type_annotation", "encode"})


# -- is_iterable_type_annotation -----------------------------------------------------------


class Base:
    pass


class Child(Base):
    pass


@pytest.mark.parametrize(
    ("annotation", "pytype", "expected"),
    [
        (typing.List[str], str, True),  # noqa: UP006
        (typing.List[object], str, True),  # noqa: UP006
        (typing.List[str], object, False),  # noqa: UP006
        (typing.Iterable[Base], Child, True),
        (typing.Sequence[bytes], bytes, True),
        (typing.Dict[str, int], int, True),  # noqa: UP006
        (typing.Set[int], int, True),  # noqa: UP006
        (typing.FrozenSet[str], str, True),  # noqa: UP006
        (typing.List[str], (int, str), True),  # noqa: UP006
        (typing.List[str], (int, float), False),  # noqa: UP006
        (typing.Tuple[int, str], str, False),  # noqa: UP006
        (typing.List, str, False),  # noqa: UP006
        (str, str, False),
        (list, str, False),
        (typing.Optional[typing.List[str]], str, False),  # noqa: UP006, UP045
        (typing.List[typing.Any], str, False),  # noqa: UP006
        (typing.Callable[[int], str], str, False),
        (typing.Type[str], str, False),  # noqa: UP006
        (None, str, False),
        (typing.List[str], "str", False),  # noqa: UP006
        # As in the reference: every type argument is an item, a Union item matches its
        # members, and only typing generics count (PEP 585 ones do not).
        (typing.Dict[str, typing.Any], str, True),  # noqa: UP006
        (typing.List[typing.Union[int, str]], str, True),  # noqa: UP006, UP007
        (typing.List[Child], Base, False),  # noqa: UP006
        (list[str], str, False),
        (list[Base], Child, False),
        (collections.abc.Iterable[str], str, False),
        (tuple[str, ...], str, False),
        # Deviation: nested generics and forward references give False; the reference
        # raises TypeError.
        (typing.List["str"], str, False),  # noqa: UP006
        (typing.List[typing.List[str]], str, False),  # noqa: UP006
        (list[list[str]], str, False),
    ],
)
def test_is_iterable_type_annotation(annotation: object, pytype: object, expected: bool) -> None:
    assert meta.is_iterable_type_annotation(annotation, pytype) is expected


# -- the reference's internal parsing helpers (expected values from azure-functions 1.26.0) --


def _shown(result: tuple[object, Exception | None]) -> tuple[object, str | None]:
    value, error = result
    return value, None if error is None else f"{type(error).__name__}: {error}"


def test_parse_datetime_utc_returns_naive_value_or_the_last_format_error() -> None:
    assert [_shown(B._parse_datetime_utc(text)) for text in (
        "2020-01-02T03:04:05Z", "2020-01-02T03:04:05.5-00:00", "01/02/2020 03:04:05z",
        "2020-01-02T03:04:05.1234567Z", "2020-01-02T03:04:05",
    )] == [
        (datetime.datetime(2020, 1, 2, 3, 4, 5), None),
        (datetime.datetime(2020, 1, 2, 3, 4, 5, 500000), None),
        (datetime.datetime(2020, 1, 2, 3, 4, 5), None),
        (None, "ValueError: time data '2020-01-02T03:04:05.1234567Z' does not match "
               "format '%m/%d/%Y %H:%M:%S.%f-00:00'"),
        (None, "ValueError: time data '2020-01-02T03:04:05' does not match "
               "format '%m/%d/%Y %H:%M:%S.%f-00:00'"),
    ]


def test_parse_datetime_local_takes_zone_less_forms_only() -> None:
    assert [_shown(B._parse_datetime_local(text)) for text in (
        "2020-01-02T03:04:05", "01/02/2020T03:04:05.5", "2020-01-02T03:04:05Z",
    )] == [
        (datetime.datetime(2020, 1, 2, 3, 4, 5), None),
        (datetime.datetime(2020, 1, 2, 3, 4, 5, 500000), None),
        (None, "ValueError: time data '2020-01-02T03:04:05Z' does not match "
               "format '%m/%d/%YT%H:%M:%S'"),
    ]


def test_parse_timedelta_internal_takes_clock_forms_then_whole_seconds() -> None:
    assert [_shown(B._parse_timedelta_internal(text)) for text in (
        "01:02:03", "02:03", "1:2", "5", "-5", " 5", "5.5", "25:00:00", "",
    )] == [
        (datetime.timedelta(seconds=3723), None),
        (datetime.timedelta(seconds=123), None),
        (datetime.timedelta(seconds=62), None),
        (datetime.timedelta(seconds=5), None),
        (datetime.timedelta(seconds=-5), None),
        (datetime.timedelta(seconds=5), None),
        (None, "ValueError: invalid literal for int() with base 10: '5.5'"),
        (None, "ValueError: invalid literal for int() with base 10: '25:00:00'"),
        (None, "ValueError: invalid literal for int() with base 10: ''"),
    ]


def test_converter_meta_answers_from_the_registry() -> None:
    import azfunc.queue  # noqa: F401 - registers the queue converters

    converter_meta = meta._ConverterMeta
    out_converter = converter_meta.get("queue")
    in_converter = converter_meta.get("queueTrigger")
    assert type(InConverter) is converter_meta
    assert (out_converter.__name__, in_converter.__name__) == (
        "QueueMessageOutConverter", "QueueMessageInConverter")
    assert converter_meta.get("noSuchBinding") is None
    assert converter_meta._bindings["queue"] is out_converter
    assert [converter_meta.has_trigger_support(c) for c in (out_converter, in_converter)] == [
        False, True]
    assert meta.try_parse_datetime_with_formats("01:02", ["%H:%M"]) == (
        datetime.datetime(1900, 1, 1, 1, 2), "%H:%M", None)
