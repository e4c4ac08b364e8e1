"""Durable Functions contexts, the JSON codec and the durable converters."""

from __future__ import annotations

import json
import logging
import typing
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _durable_functions as df
from azfunc import durable_functions
from azfunc.meta import Datum

STRICT = "AZURE_FUNCTIONS_DURABLE_STRICT_TYPING"


class Point:
    """A user type with the codec's ``to_json``/``from_json`` protocol."""

    def __init__(self, x: int) -> None:
        self.x = x

    @staticmethod
    def to_json(obj: Point) -> dict[str, int]:
        return {"x": obj.x}

    @classmethod
    def from_json(cls, data: dict[str, int]) -> Point:
        return cls(data["x"])

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Point) and other.x == self.x

    def __hash__(self) -> int:
        return self.x


class Opaque:
    """A user type without the protocol."""


class _Builder:
    def from_json(self, data: Any) -> tuple[str, Any]:
        return ("built", data)


BUILDER = _Builder()


def _envelope(cls: type, data: Any) -> dict[str, Any]:
    return {"__class__": cls.__name__, "__module__": cls.__module__, "__data__": data}


POINT_JSON = json.dumps(_envelope(Point, {"x": 3}))


@pytest.fixture(autouse=True)
def _loose_mode(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(STRICT, raising=False)
    monkeypatch.setattr(df, "_no_expected_type_notice_emitted", False)
    monkeypatch.setattr(df, "_loose_codec_notice_emitted", False)
    yield


def test_contexts() -> None:
    orch = df.OrchestrationContext('{"a":1}')
    assert (orch.body, str(orch), repr(orch)) == (
        '{"a":1}',
        '{"a":1}',
        '<azure.OrchestrationContext body={"a":1}>',
    )
    assert df.OrchestrationContext(b'{"b":2}').body == '{"b":2}'
    entity = df.EntityContext(b'{"e":1}')
    assert (entity.body, str(entity), repr(entity)) == (
        '{"e":1}',
        '{"e":1}',
        '<azure.EntityContext body={"e":1}>',
    )
    with pytest.raises(TypeError) as info:
        df.OrchestrationContext(5)  # type: ignore[arg-type]
    assert str(info.value) == (
        "OrchestrationContext body must be str or bytes (the host's JSON), got int: 5"
    )


def test_dumps_envelopes_objects_at_any_depth() -> None:
    assert df.df_dumps({"a": [1, 2]}) == '{"a": [1, 2]}'
    assert df.df_dumps(Point(3)) == POINT_JSON
    assert json.loads(df.df_dumps([Point(1), {"k": Point(2)}])) == [
        _envelope(Point, {"x": 1}),
        {"k": _envelope(Point, {"x": 2})},
    ]
    with pytest.raises(TypeError) as info:
        df.df_dumps([Opaque()])
    assert str(info.value) == f"class {Opaque!r} does not expose a `to_json` function"


def test_loads_without_expected_type_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="azure.functions.DurableFunctions")
    with pytest.warns(DeprecationWarning, match="df_loads was called without expected_type"):
        assert df.df_loads('{"a": 1}') == {"a": 1}
    with pytest.warns(DeprecationWarning, match="rebuilt a custom object from its envelope"):
        assert df.df_loads(POINT_JSON) == Point(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert df.df_loads(POINT_JSON) == Point(3)
    assert [r.levelname for r in caplog.records] == ["INFO", "INFO"]


def test_loads_with_expected_type(caplog: pytest.LogCaptureFixture) -> None:
    # Loose mode rebuilds envelopes as df_loads without a type does, with its notice.
    with pytest.warns(DeprecationWarning, match="rebuilt a custom object"):
        assert df.df_loads(POINT_JSON, expected_type=Point) == Point(3)
    assert df.df_loads('{"a": 1}', expected_type=dict) == {"a": 1}
    assert df.df_loads("5", expected_type=int) == 5
    two = df.df_dumps([Point(1), Point(2)])
    assert df.df_loads(two, expected_type=list) == [Point(1), Point(2)]
    assert [r.levelname for r in caplog.records] == []
    # Mismatches are logged, and the value is returned all the same.
    assert df.df_loads(POINT_JSON, expected_type=dict) == Point(3)
    assert df.df_loads('"x"', expected_type=int) == "x"
    assert [r.getMessage() for r in caplog.records] == [
        f"df_loads: payload declares class {__name__}.Point but expected builtins.dict",
        "df_loads: deserialized value (str) is not compatible with expected type <class 'int'>",
    ]


@pytest.mark.parametrize(
    ("payload", "error", "message"),
    [
        (
            json.dumps(_envelope(Point, {}) | {"__module__": "no_such_module"}),
            ValueError,
            "cannot deserialize custom object: module 'no_such_module' is not loaded in "
            "sys.modules; import it before the payload is decoded",
        ),
        (
            json.dumps(_envelope(Point, {}) | {"__class__": "Missing"}),
            AttributeError,
            f"cannot deserialize custom object: class 'Missing' not found in module {__name__!r}",
        ),
        (
            json.dumps(_envelope(Opaque, {})),
            TypeError,
            f"class {Opaque!r} does not expose a `from_json` function",
        ),
    ],
)
def test_loads_envelope_errors(payload: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as info:
        df.df_loads(payload, expected_type=object)
    assert str(info.value) == message


@pytest.mark.parametrize("value", ["1", "true", " Yes ", "TRUE"])
def test_strict_mode(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(STRICT, value)
    assert df.df_dumps(Point(3)) == POINT_JSON
    with pytest.raises(TypeError) as info:
        df.df_dumps([Point(1)])
    assert str(info.value) == "Object of type Point is not JSON serializable"
    assert df.df_loads(POINT_JSON, expected_type=Point) == Point(3)
    with pytest.raises(TypeError) as info:
        df.df_loads(POINT_JSON, expected_type=dict)
    assert str(info.value) == (
        f"df_loads: payload declares class {__name__}.Point but expected builtins.dict"
    )
    with pytest.raises(TypeError) as info:
        df.df_loads('{"a": 1}', expected_type=list)
    assert str(info.value) == (
        "df_loads: deserialized value (dict) is not compatible with expected type <class 'list'>"
    )
    with pytest.warns(DeprecationWarning), pytest.raises(TypeError) as info:
        df.df_loads(POINT_JSON)
    assert str(info.value) == (
        "df_loads: strict mode requires expected_type to deserialize custom-object payloads, "
        f"but none was provided. Payload declares {__name__}.Point."
    )


@pytest.mark.parametrize("value", ["on", "0", ""])
def test_other_values_leave_strict_mode_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(STRICT, value)
    assert json.loads(df.df_dumps([Point(1)])) == [_envelope(Point, {"x": 1})]


# -- converters ----------------------------------------------------------------------------

Activity = durable_functions.ActivityTriggerConverter
Client = durable_functions.DurableClientConverter
Orchestration = durable_functions.OrchestrationTriggerConverter
Entity = durable_functions.EnitityTriggerConverter


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum('{"a":1}', "json"), {"a": 1}),
        (Datum('"s"', "string"), "s"),
        (Datum("plain", "string"), "plain"),
        (Datum("[1", "json"), "[1"),
        (Datum(POINT_JSON, "json"), Point(3)),
    ],
)
def test_activity_decode(datum: Datum, expected: object) -> None:
    assert Activity.decode(datum, trigger_metadata=None) == expected


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_activity_decode_errors() -> None:
    for datum in (Datum(b"x", "bytes"), Datum(5, "int"), Datum(None, None)):
        with pytest.raises(NotImplementedError) as info:
            Activity.decode(datum, trigger_metadata=None)
        assert str(info.value) == f"unsupported activity trigger payload type: {datum.type}"
    bad = json.dumps(_envelope(Point, {}) | {"__module__": "no_such_module"})
    with pytest.raises(ValueError) as err:
        Activity.decode(Datum(bad, "json"), trigger_metadata=None)
    assert str(err.value) == (
        f"activity trigger input must be a string or a valid json serializable ({bad})"
    )


def test_activity_encode() -> None:
    assert Activity.encode({"a": 1}, expected_type=None) == Datum('{"a": 1}', "json")
    assert Activity.encode("x", expected_type=None) == Datum('"x"', "json")
    assert Activity.encode(None, expected_type=None) == Datum("null", "json")
    assert Activity.encode(Point(3), expected_type=None) == Datum(POINT_JSON, "json")
    with pytest.raises(ValueError) as info:
        Activity.encode(b"x", expected_type=None)
    assert str(info.value) == "activity trigger output must be json serializable (b'x')"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_activity_round_trip() -> None:
    value = {"points": [Point(1), Point(2)], "n": 2}
    datum = Activity.encode(value, expected_type=None)
    assert Activity.decode(datum, trigger_metadata=None) == value


@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (Datum('{"a":1}', "json"), '{"a":1}'),
        (Datum("s", "string"), "s"),
        (Datum(b"x", "bytes"), b"x"),
        (Datum(None, None), None),
        (Datum(None, "json"), None),
        (None, None),  # no datum at all: the reference returns None too
    ],
)
def test_client_decode(datum: Datum | None, expected: object) -> None:
    assert Client.decode(datum, trigger_metadata=None) == expected


def test_client_decode_error() -> None:
    with pytest.raises(ValueError) as info:
        Client.decode(Datum(5, "int"), trigger_metadata=None)
    assert str(info.value) == (
        "unexpected type of data received for the 'durableClient' binding: 'int'; "
        "expected 'string', 'json' or 'bytes'"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(b"ba"), Datum(b"ba", "bytes")),
        (None, Datum(None, None)),
        ({"a": 1}, Datum({"a": 1}, "dict")),
        ([1], Datum([1], "list")),
        (True, Datum(True, "bool")),
        (5, Datum(5, "int")),
        (1.5, Datum(1.5, "double")),
    ],
)
def test_client_encode(value: object, expected: Datum) -> None:
    datum = Client.encode(value, expected_type=None)
    assert (datum.value, datum.type) == (expected.value, expected.type)


def test_client_encode_error() -> None:
    with pytest.raises(NotImplementedError) as info:
        Client.encode(Point(1), expected_type=None)
    assert str(info.value) == (
        "cannot send Point through the 'durableClient' binding: expected str, bytes, dict, "
        "list, bool, int, float or None"
    )


@pytest.mark.parametrize(
    ("conv", "context"),
    [(Orchestration, df.OrchestrationContext), (Entity, df.EntityContext)],
)
def test_context_triggers(conv: Any, context: type) -> None:
    for datum in (Datum('{"a":1}', "json"), Datum(b'{"a":1}', "bytes")):
        decoded = conv.decode(datum, trigger_metadata=None)
        assert (type(decoded), decoded.body) == (context, '{"a":1}')
    for value in ("s", {"a": 1}, None, Point(1)):
        datum = conv.encode(value, expected_type=None)
        assert (datum.value, datum.type) == (value, "json")
    with pytest.raises(NotImplementedError):
        conv.decode(Datum(5, "int"), trigger_metadata=None)


@pytest.mark.parametrize(
    ("conv", "datum", "message"),
    [
        (
            Orchestration,
            None,
            "cannot decode the orchestration trigger payload: got no datum (None); the host "
            "sends the context as JSON text ('json', 'string' or 'bytes')",
        ),
        (
            Entity,
            Datum(5, "int"),
            "cannot decode the entity trigger payload: got a datum of type 'int'; the host "
            "sends the context as JSON text ('json', 'string' or 'bytes')",
        ),
        (Activity, None, "unsupported activity trigger payload type: None"),
        (Activity, Datum(None, None), "unsupported activity trigger payload type: None"),
    ],
)
def test_trigger_decode_without_a_payload(conv: Any, datum: Datum | None, message: str) -> None:
    # The reference crashes with AttributeError on a missing datum; azfunc says what is wrong.
    with pytest.raises(NotImplementedError) as info:
        conv.decode(datum, trigger_metadata=None)
    assert str(info.value) == message


def test_annotations_and_flags() -> None:
    ins = (str, bytes, dict, df.OrchestrationContext, df.EntityContext, int, Point)
    outs = (str, bytes, dict, int, Point)
    table = {
        conv.__name__: (
            conv.has_trigger_support(),
            conv.has_implicit_output(),
            [conv.check_input_type_annotation(t) for t in ins],
            [conv.check_output_type_annotation(t) for t in outs],
        )
        for conv in (Activity, Client, Orchestration, Entity)
    }
    assert table == {
        "ActivityTriggerConverter": (True, True, [True] * 7, [True] * 5),
        "DurableClientConverter": (
            False,
            False,
            [True, True] + [False] * 5,
            [True, True] + [False] * 3,
        ),
        "OrchestrationTriggerConverter": (
            True,
            True,
            [False] * 3 + [True] + [False] * 3,
            [True] * 5,
        ),
        "EnitityTriggerConverter": (True, True, [False] * 4 + [True] + [False] * 2, [True] * 5),
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(json_values)
def test_codec_round_trips_json_values(value: object) -> None:
    assert df.df_loads(df.df_dumps(value), expected_type=object) == value


@given(st.lists(st.integers(), max_size=4))
def test_codec_round_trips_objects(xs: list[int]) -> None:
    points = [Point(x) for x in xs]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert df.df_loads(df.df_dumps(points), expected_type=list) == points


# -- the helpers the Durable Functions SDK imports -----------------------------------------


def test_serialize_custom_object() -> None:
    assert df._serialize_custom_object(Point(2)) == {
        "__class__": "Point",
        "__module__": __name__,
        "__data__": {"x": 2},
    }
    for value in (Opaque(), 5, None, {"a": 1}):
        with pytest.raises(TypeError) as info:
            df._serialize_custom_object(value)
        assert str(info.value) == f"class {type(value)!r} does not expose a `to_json` function"


def test_serialize_custom_object_needs_to_json_on_the_class() -> None:
    # The reference crashes with AttributeError when only the instance has to_json.
    value = Opaque()
    value.to_json = lambda: 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError) as info:
        df._serialize_custom_object(value)
    assert str(info.value) == f"class {Opaque!r} does not expose a `to_json` function"


def test_deserialize_custom_object_rebuilds_envelopes_only() -> None:
    with pytest.warns(DeprecationWarning, match="rebuilt a custom object from its envelope"):
        assert df._deserialize_custom_object(_envelope(Point, {"x": 4})) == Point(4)
    extra = _envelope(Point, {"x": 5}) | {"extra": 1}
    assert df._deserialize_custom_object(extra) == Point(5)
    for value in (
        {"a": 1},
        {"__class__": "Point", "__module__": __name__},
        {"__class__": "Point", "__data__": 1},
        [1],
        "x",
        None,  # the reference crashes with TypeError here
    ):
        assert df._deserialize_custom_object(value) == value


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_deserialize_custom_object_calls_from_json_of_any_attribute() -> None:
    # As in the reference, the named attribute need not be a class: an object with a
    # from_json will do.
    assert df._deserialize_custom_object(
        {"__class__": "BUILDER", "__module__": __name__, "__data__": 1}
    ) == ("built", 1)
    with pytest.raises(TypeError) as info:
        df._deserialize_custom_object({"__class__": "dumps", "__module__": "json", "__data__": 1})
    assert str(info.value) == f"class {json.dumps!r} does not expose a `from_json` function"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("envelope", "error", "message"),
    [
        (
            _envelope(Point, {}) | {"__module__": "no_such_module"},
            ValueError,
            "cannot deserialize custom object: module 'no_such_module' is not loaded in "
            "sys.modules; import it before the payload is decoded",
        ),
        (
            _envelope(Point, {}) | {"__class__": "Missing"},
            AttributeError,
            f"cannot deserialize custom object: class 'Missing' not found in module {__name__!r}",
        ),
        (
            _envelope(Opaque, {}),
            TypeError,
            f"class {Opaque!r} does not expose a `from_json` function",
        ),
    ],
)
def test_deserialize_custom_object_errors(
    envelope: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as info:
        df._deserialize_custom_object(envelope)
    assert str(info.value) == message


def test_deserialize_custom_object_is_silent_in_strict_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(STRICT, "yes")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert df._deserialize_custom_object(_envelope(Point, {"x": 6})) == Point(6)


def test_get_serialize_default(monkeypatch: pytest.MonkeyPatch) -> None:
    assert df._get_serialize_default() is df._serialize_custom_object
    assert json.dumps({"p": Point(7)}, default=df._get_serialize_default()) == (
        '{"p": {"__class__": "Point", "__module__": "tests.test_durable_functions", '
        '"__data__": {"x": 7}}}'
    )
    monkeypatch.setenv(STRICT, "1")
    assert df._get_serialize_default() is None


def test_codec_hooks_invert_each_other() -> None:
    text = json.dumps([Point(1), {"p": Point(2)}], default=df._serialize_custom_object)
    with pytest.warns(DeprecationWarning):
        assert json.loads(text, object_hook=df._deserialize_custom_object) == [
            Point(1),
            {"p": Point(2)},
        ]


# -- the reference's private codec names -----------------------------------------------------


class SubPoint(Point):
    """A subclass: strict mode matches envelopes by module and class name, not by subclass."""


class FromJsonOnly:
    @classmethod
    def from_json(cls, data: Any) -> tuple[str, Any]:
        return ("FromJsonOnly", data)


class Elsewhere(Point):
    """A class whose module is not imported: strict mode builds it from expected_type."""


Elsewhere.__module__ = "not_imported_anywhere"


def test_legacy_keys_are_the_envelope_keys() -> None:
    assert frozenset({"__class__", "__module__", "__data__"}) == df._LEGACY_KEYS


class _Dict(dict[str, Any]):
    pass


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"__class__": 1, "__module__": 2, "__data__": 3}, True),
        ({"__class__": 1, "__module__": 2, "__data__": 3, "more": 4}, True),
        (_Dict(__class__=1, __module__=2, __data__=3), True),
        ({"__class__": 1, "__module__": 2}, False),
        ({}, False),
        (["__class__", "__module__", "__data__"], False),
        ({"__class__", "__module__", "__data__"}, False),
        ("__class__", False),
        (None, False),
    ],
)
def test_is_legacy_custom_dict(value: Any, expected: bool) -> None:
    assert df._is_legacy_custom_dict(value) is expected


class _ToJsonOnly:
    def to_json(self) -> int:
        return 1


class _NotCallable:
    to_json = 1
    from_json = 2


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (Point, True),
        (Point(1), True),  # attributes are looked up on whatever is passed
        (SubPoint, True),
        (_ToJsonOnly, False),
        (FromJsonOnly, False),
        (_NotCallable, False),
        (int, False),
        (None, False),
    ],
)
def test_has_json_protocol(cls: Any, expected: bool) -> None:
    assert df._has_json_protocol(cls) is expected


def test_notices_are_emitted_once_per_flag(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="azure.functions.DurableFunctions")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df._notify_no_expected_type()
        df._notify_no_expected_type()
        assert (df._no_expected_type_notice_emitted, df._loose_codec_notice_emitted) == (
            True,
            False,
        )
        df._notify_loose_codec_used()
        df._notify_loose_codec_used()
        assert df._loose_codec_notice_emitted is True
        df._no_expected_type_notice_emitted = False  # as in the reference: emit it again
        df._notify_no_expected_type()
    notices = [df._NO_EXPECTED_TYPE_NOTICE, df._LOOSE_RECONSTRUCTION_NOTICE]
    expected = [notices[0], notices[1], notices[0]]
    assert [str(w.message) for w in caught] == expected
    assert {w.category for w in caught} == {DeprecationWarning}
    assert [r.getMessage() for r in caplog.records] == expected


def test_df_loads_sets_the_notice_flags_and_warns_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning) as caught:
        df.df_loads(POINT_JSON)
    assert [(w.filename, str(w.message)) for w in caught] == [
        (__file__, df._NO_EXPECTED_TYPE_NOTICE),
        (json.decoder.__file__, df._LOOSE_RECONSTRUCTION_NOTICE),
    ]
    assert (df._no_expected_type_notice_emitted, df._loose_codec_notice_emitted) == (True, True)


def test_loose_notice_follows_a_successful_rebuild_only() -> None:
    with pytest.raises(TypeError):
        df.df_loads(json.dumps(_envelope(Opaque, {})), expected_type=Opaque)
    assert df._loose_codec_notice_emitted is False


@pytest.mark.parametrize("strict", ["", "1"])
def test_loads_strict_no_type_keeps_envelopes_as_dicts(
    monkeypatch: pytest.MonkeyPatch, strict: str
) -> None:
    monkeypatch.setenv(STRICT, strict)  # the function does not look at the mode
    nested = [_envelope(Point, {"x": 1})]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert df._loads_strict_no_type(json.dumps(nested)) == nested
        assert df._loads_strict_no_type(b'{"a": [1]}') == {"a": [1]}
        with pytest.raises(TypeError) as info:
            df._loads_strict_no_type(POINT_JSON)
    assert str(info.value) == (
        "df_loads: strict mode requires expected_type to deserialize custom-object payloads, "
        f"but none was provided. Payload declares {__name__}.Point."
    )
    assert (df._no_expected_type_notice_emitted, df._loose_codec_notice_emitted) == (
        False,
        False,
    )


def test_loads_with_expected_type_loose(caplog: pytest.LogCaptureFixture) -> None:
    with pytest.warns(DeprecationWarning, match="rebuilt a custom object"):
        assert df._loads_with_expected_type(POINT_JSON, Point) == Point(3)
    assert df._loads_with_expected_type(POINT_JSON, SubPoint) == Point(3)
    assert df._loads_with_expected_type('{"a": 1}', list[int]) == {"a": 1}
    assert [r.getMessage() for r in caplog.records] == [
        f"df_loads: payload declares class {__name__}.Point but expected {__name__}.SubPoint"
    ]


def _strict_error(payload: str, expected_type: Any) -> str:
    with pytest.raises(TypeError) as info:
        df._loads_with_expected_type(payload, expected_type)
    return str(info.value)


def test_loads_with_expected_type_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(STRICT, "1")
    here = __name__
    sub = json.dumps(_envelope(SubPoint, {"x": 2}))
    assert df._loads_with_expected_type(sub, SubPoint) == SubPoint(2)
    assert _strict_error(sub, Point) == (
        f"df_loads: payload declares class {here}.SubPoint but expected {here}.Point"
    )
    assert _strict_error(POINT_JSON, object) == (
        f"df_loads: payload declares class {here}.Point but expected builtins.object"
    )
    assert _strict_error(POINT_JSON, list[int]) == (
        f"df_loads: payload declares class {here}.Point but expected builtins.list"
    )
    only = json.dumps(_envelope(FromJsonOnly, 1))
    assert _strict_error(only, FromJsonOnly) == (
        f"df_loads: expected_type {here}.FromJsonOnly does not expose from_json"
    )
    # expected_type itself builds the value, from the raw __data__.
    inner = _envelope(Point, {"x": 9})
    elsewhere = json.dumps({**_envelope(Elsewhere, 0), "__data__": {"x": inner}})
    assert df._loads_with_expected_type(elsewhere, Elsewhere) == Point(inner)  # type: ignore[arg-type]
    # Values that are no envelope: isinstance checks, generics and Any pass everything.
    assert df._loads_with_expected_type("[1]", list[str]) == [1]
    assert df._loads_with_expected_type("1", typing.Any) == 1
    nested = [_envelope(Point, {"x": 1})]
    assert df._loads_with_expected_type(json.dumps(nested), list) == nested
    assert _strict_error("1", bool) == (
        "df_loads: deserialized value (int) is not compatible with expected type <class 'bool'>"
    )
    assert _strict_error('"a"', typing.Optional[int]) == (  # noqa: UP045
        "df_loads: deserialized value (str) is not compatible with expected type "
        "typing.Optional[int]"
    )


def test_loads_with_expected_type_that_is_no_type(monkeypatch: pytest.MonkeyPatch) -> None:
    # The reference crashes with AttributeError ('str' object has no attribute '__name__').
    monkeypatch.setenv(STRICT, "1")
    assert _strict_error(POINT_JSON, "Point") == (
        f"df_loads: payload declares class {__name__}.Point but expected 'Point'"
    )
    assert df._loads_with_expected_type("1", "Point") == 1


@pytest.mark.parametrize(
    ("value", "expected_type", "expected"),
    [
        (1, int, True),
        (True, int, True),
        (1, bool, False),
        (1, float, False),
        (None, type(None), True),
        ("a", typing.Optional[int], False),  # noqa: UP045
        (None, typing.Optional[int], True),  # noqa: UP045
        (1, int | str, True),
        ([1], list[str], True),
        ("a", typing.List[int], True),  # noqa: UP006 - the typing alias on purpose
        ("a", typing.Any, True),
        ("a", "int", True),
        ("a", None, True),
    ],
)
def test_is_compatible(value: Any, expected_type: Any, expected: bool) -> None:
    assert df._is_compatible(value, expected_type) is expected
