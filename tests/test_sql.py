"""SQL and MySQL rows and converters (the two services behave alike)."""

from __future__ import annotations

import re
import types
import typing

import pytest

from azfunc import _mysql, _sql, mysql, sql
from azfunc.meta import Datum

TList = typing.List  # noqa: UP006 - the typing form, which the reference supports

SERVICES = [
    pytest.param(types.SimpleNamespace(
        row=_sql.SqlRow, rows=_sql.SqlRowList, base=_sql.BaseSqlRow, conv=sql.SqlConverter,
        name="SqlRow", what="a SQL output binding"), id="sql"),
    pytest.param(types.SimpleNamespace(
        row=_mysql.MySqlRow, rows=_mysql.MySqlRowList, base=_mysql.BaseMySqlRow,
        conv=mysql.MySqlConverter, name="MySqlRow", what="a MySQL output binding"), id="mysql"),
    pytest.param(types.SimpleNamespace(
        row=_mysql.MySqlRow, rows=_mysql.MySqlRowList, base=_mysql.BaseMySqlRow,
        conv=mysql.MySqlTriggerConverter, name="MySqlRow", what="a MySQL output binding"),
        id="mysqlTrigger"),
]  # fmt: skip

# Rows as the host sends them for an input binding or a change trigger.
ROWS = '[{"ProductId": 1, "Name": "a", "Cost": 2.5}, null, {"ProductId": 2, "Name": null}]'


@pytest.mark.parametrize("svc", SERVICES)
def test_row(svc: types.SimpleNamespace) -> None:
    row = svc.row.from_json('{"a": 1}')
    assert isinstance(row, svc.base)
    assert (row.to_json(), row["a"], row == {"a": 1}) == ('{"a": 1}', 1, True)
    assert svc.row.from_dict({"b": 2}).to_json() == '{"b": 2}'
    assert not hasattr(row, "to_dict")
    assert re.fullmatch(rf"<{svc.name} at 0x[0-9a-f]+>", repr(row))
    assert svc.base.__abstractmethods__ == frozenset(
        {"from_json", "from_dict", "__getitem__", "__setitem__", "to_json"}
    )


@pytest.mark.parametrize("svc", SERVICES)
@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (
            Datum(ROWS, "json"),
            [{"ProductId": 1, "Name": "a", "Cost": 2.5}, None, {"ProductId": 2, "Name": None}],
        ),
        (Datum('{"a": 1}', "json"), [{"a": 1}]),
        (Datum('[{"a": 1}]', "string"), [{"a": 1}]),
        (Datum(b'[{"a": 1}]', "bytes"), [{"a": 1}]),
        (Datum("null", "json"), [None]),
        (Datum("[]", "json"), []),
    ],
)
def test_decode(svc: types.SimpleNamespace, datum: Datum, expected: list[object]) -> None:
    rows = svc.conv.decode(datum, trigger_metadata=None)
    assert type(rows) is svc.rows
    assert [r if r is None else type(r) for r in rows] == [
        None if e is None else svc.row for e in expected
    ]
    assert list(rows) == expected


@pytest.mark.parametrize("svc", SERVICES)
def test_decode_of_no_datum_is_none(svc: types.SimpleNamespace) -> None:
    # The worker passes None for an absent value; the reference returns None too.
    assert svc.conv.decode(None, trigger_metadata=None) is None
    assert svc.conv.decode(Datum(None, None), trigger_metadata=None) is None


@pytest.mark.parametrize("svc", SERVICES)
def test_decode_errors(svc: types.SimpleNamespace) -> None:
    with pytest.raises(NotImplementedError) as info:
        svc.conv.decode(Datum(1, "int"), trigger_metadata=None)
    assert str(info.value) == "Unsupported payload type: int"


@pytest.mark.parametrize("svc", SERVICES)
def test_encode(svc: types.SimpleNamespace) -> None:
    row = svc.row({"a": 1})
    for value in (row, svc.rows([row]), [row], (row,)):
        assert svc.conv.encode(value, expected_type=None) == Datum('[{"a": 1}]', "json")
    assert svc.conv.encode([], expected_type=None) == Datum("[]", "json")
    with pytest.raises(NotImplementedError) as info:
        svc.conv.encode(5, expected_type=None)
    assert str(info.value) == (
        f"cannot send int to {svc.what}: expected a {svc.base.__name__}, a list of them, "
        "or an iterable of them"
    )
    with pytest.raises(NotImplementedError) as info:
        svc.conv.encode([{"a": 1}], expected_type=None)
    assert str(info.value) == (
        f"cannot send a list holding dict to {svc.what}: lists must contain "
        f"{svc.base.__name__} objects"
    )


@pytest.mark.parametrize("svc", SERVICES)
def test_annotations(svc: types.SimpleNamespace) -> None:
    types_ = [svc.rows, svc.row, str, list, TList[svc.row]]
    assert [svc.conv.check_input_type_annotation(t) for t in types_] == [True] + [False] * 4
    assert [svc.conv.check_output_type_annotation(t) for t in types_] == [
        True,
        True,
        False,
        False,
        True,
    ]


def test_trigger_support() -> None:
    assert sql.SqlConverter.has_trigger_support() is False
    assert mysql.MySqlConverter.has_trigger_support() is False
    assert mysql.MySqlTriggerConverter.has_trigger_support() is True
