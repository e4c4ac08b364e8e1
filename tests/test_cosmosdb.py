"""Cosmos DB documents and converters."""

from __future__ import annotations

import re
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _abc, _cosmosdb, cosmosdb
from azfunc.meta import Datum

Document, DocumentList = _cosmosdb.Document, _cosmosdb.DocumentList
TList = typing.List  # noqa: UP006 - the typing form, which the reference supports

# A change-feed batch as the host sends it.
CHANGE_FEED = (
    '[{"id": "1", "_rid": "r1", "_etag": "\\"e1\\"", "name": "a"}, null, {"id": "2", "n": 2}]'
)


def test_document() -> None:
    doc = Document.from_json('{"id": "1", "n": 2}')
    assert isinstance(doc, _abc.Document)
    assert (doc.to_json(), doc.to_dict(), doc["id"]) == (
        '{"id": "1", "n": 2}',
        {"id": "1", "n": 2},
        "1",
    )
    doc["n"] = 3
    assert doc == {"id": "1", "n": 3}
    assert Document.from_dict({"a": 1}) == Document({"a": 1})
    assert re.fullmatch(r"<azure\.Document at 0x[0-9a-f]+>", repr(doc))
    assert isinstance(DocumentList([doc]), _abc.DocumentList)


@pytest.mark.parametrize("conv", [cosmosdb.CosmosDBConverter, cosmosdb.CosmosDBTriggerConverter])
@pytest.mark.parametrize(
    ("datum", "expected"),
    [
        (
            Datum(CHANGE_FEED, "json"),
            [{"id": "1", "_rid": "r1", "_etag": '"e1"', "name": "a"}, None, {"id": "2", "n": 2}],
        ),
        (Datum('{"id": "x"}', "json"), [{"id": "x"}]),
        (Datum('[{"id": "1"}]', "string"), [{"id": "1"}]),
        (Datum(b'[{"id": "1"}]', "bytes"), [{"id": "1"}]),
        (Datum("[]", "json"), []),
        (Datum("null", "json"), [None]),
    ],
)
def test_decode(
    conv: type[cosmosdb.CosmosDBConverter], datum: Datum, expected: list[object]
) -> None:
    docs = conv.decode(datum, trigger_metadata=None)
    assert isinstance(docs, DocumentList)
    assert [type(d) for d in docs] == [type(None) if e is None else Document for e in expected]
    assert list(docs) == expected


@pytest.mark.parametrize("conv", [cosmosdb.CosmosDBConverter, cosmosdb.CosmosDBTriggerConverter])
def test_decode_of_no_datum_is_none(conv: type[cosmosdb.CosmosDBConverter]) -> None:
    # The worker passes None for an absent value; the reference returns None too.
    assert conv.decode(None, trigger_metadata=None) is None
    assert conv.decode(Datum(None, None), trigger_metadata=None) is None


def test_decode_errors() -> None:
    conv = cosmosdb.CosmosDBTriggerConverter
    with pytest.raises(NotImplementedError) as info:
        conv.decode(Datum(1, "int"), trigger_metadata=None)
    assert str(info.value) == "unsupported queue payload type: int"
    with pytest.raises(ValueError) as err:
        conv.decode(Datum("[1]", "json"), trigger_metadata=None)
    assert str(err.value) == (
        "cannot decode int value 1 as a row or document: "
        "the payload must be a JSON object or an array of objects"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Document({"id": "1"}), '[{"id": "1"}]'),
        (DocumentList([Document({"id": "1"}), Document({"a": 1})]), '[{"id": "1"}, {"a": 1}]'),
        ([Document({"id": "1"})], '[{"id": "1"}]'),
        ((Document({"id": "1"}),), '[{"id": "1"}]'),
        ([], "[]"),
    ],
)
def test_encode(value: object, expected: str) -> None:
    assert cosmosdb.CosmosDBConverter.encode(value, expected_type=None) == Datum(expected, "json")


def test_encode_round_trip() -> None:
    docs = cosmosdb.CosmosDBConverter.decode(Datum(CHANGE_FEED, "json"), trigger_metadata=None)
    assert docs is not None
    present = DocumentList([d for d in docs if d is not None])
    datum = cosmosdb.CosmosDBConverter.encode(present, expected_type=None)
    assert cosmosdb.CosmosDBConverter.decode(datum, trigger_metadata=None) == present


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            5,
            "cannot send int to a Cosmos DB output binding: "
            "expected a Document, a list of them, or an iterable of them",
        ),
        (
            "x",
            "cannot send str to a Cosmos DB output binding: "
            "expected a Document, a list of them, or an iterable of them",
        ),
        (
            [{"a": 1}],
            "cannot send a list holding dict to a Cosmos DB output binding: "
            "lists must contain Document objects",
        ),
    ],
)
def test_encode_errors(value: object, message: str) -> None:
    with pytest.raises(NotImplementedError) as info:
        cosmosdb.CosmosDBConverter.encode(value, expected_type=None)
    assert str(info.value) == message


def test_annotations() -> None:
    conv = cosmosdb.CosmosDBConverter
    types_: list[object] = [DocumentList, Document, str, list, dict, TList[Document]]
    assert [conv.check_input_type_annotation(t) for t in types_] == [True] + [False] * 5  # type: ignore[arg-type]
    assert [conv.check_output_type_annotation(t) for t in types_] == [
        True,
        True,
        False,
        False,
        False,
        True,
    ]  # type: ignore[arg-type]
    assert (
        conv.has_trigger_support(),
        cosmosdb.CosmosDBTriggerConverter.has_trigger_support(),
    ) == (False, True)


json_scalars = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text()
json_objects = st.dictionaries(
    st.text(),
    st.recursive(
        json_scalars,
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=8,
    ),
    max_size=5,
)


@given(st.lists(json_objects, max_size=5))
def test_documents_round_trip(objects: list[dict[str, object]]) -> None:
    docs = DocumentList([Document(obj) for obj in objects])
    datum = cosmosdb.CosmosDBConverter.encode(docs, expected_type=None)
    assert cosmosdb.CosmosDBConverter.decode(datum, trigger_metadata=None) == objects
