"""Blob stream type and converter."""

from __future__ import annotations

import io
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from azfunc import _abc, blob
from azfunc.meta import Datum

# Trigger metadata as the host sends it for a blobTrigger.
BLOB_METADATA = {
    "BlobTrigger": Datum("samples/b.txt", "string"),
    "Uri": Datum("https://acct.blob.core.windows.net/samples/b.txt", "string"),
    "Properties": Datum('{"ContentLength": 5, "ContentType": "text/plain"}', "json"),
    "Metadata": Datum('{"owner": "ops"}', "json"),
}


def _fields(stream: blob.InputStream) -> tuple[object, ...]:
    return (
        stream.read(),
        stream.name,
        stream.uri,
        stream.length,
        stream.blob_properties,
        stream.metadata,
    )


def test_input_stream_reads_like_a_file() -> None:
    stream = blob.InputStream(data=b"abcdef", name="c/n", uri="u", length=6)
    assert isinstance(stream, _abc.InputStream)
    assert (stream.read(2), stream.read1(2), stream.read()) == (b"ab", b"cd", b"ef")
    assert (stream.readable(), stream.seekable(), stream.writable()) == (True, False, False)
    assert (stream.name, stream.uri, stream.length) == ("c/n", "u", 6)
    assert (stream.blob_properties, stream.metadata) == (None, None)


def test_decode_trigger_with_metadata() -> None:
    stream = blob.BlobConverter.decode(Datum("hello", "string"), trigger_metadata=BLOB_METADATA)
    assert stream is not None
    assert _fields(stream) == (
        b"hello",
        "samples/b.txt",
        "https://acct.blob.core.windows.net/samples/b.txt",
        5,
        {"ContentLength": 5, "ContentType": "text/plain"},
        {"owner": "ops"},
    )


@pytest.mark.parametrize(
    ("datum", "metadata", "expected"),
    [
        (Datum(b"hello", "bytes"), None, (b"hello", None, None, None, None, None)),
        (Datum(None, "bytes"), None, (b"", None, None, None, None, None)),
        (
            Datum(b"x", "bytes"),
            {"Properties": Datum('{"Length": "7"}', "json")},
            (b"x", None, None, 7, {"Length": "7"}, None),
        ),
        (
            Datum(b"x", "bytes"),
            {"Properties": Datum('{"ContentLength": 0}', "json")},
            (b"x", None, None, None, {"ContentLength": 0}, None),
        ),
        (Datum(b"x", "bytes"), {"Properties": Datum("{}", "json")}, (b"x",) + (None,) * 5),
        (Datum(b"x", "bytes"), {"Metadata": Datum("bad", "json")}, (b"x",) + (None,) * 5),
        (Datum(b"x", "bytes"), {"Metadata": Datum("[1]", "json")}, (b"x",) + (None,) * 5),
        (
            Datum(b"x", "bytes"),
            {"Metadata": Datum("{}", "json")},
            (b"x", None, None, None, None, {}),
        ),
    ],
)
def test_decode_variants(
    datum: Datum, metadata: dict[str, Datum] | None, expected: tuple[object, ...]
) -> None:
    stream = blob.BlobConverter.decode(datum, trigger_metadata=metadata)
    assert stream is not None
    assert _fields(stream) == expected


def test_decode_none_datum() -> None:
    assert blob.BlobConverter.decode(Datum(None, None), trigger_metadata=None) is None


def test_decode_errors() -> None:
    with pytest.raises(ValueError) as info:
        blob.BlobConverter.decode(Datum("x", "json"), trigger_metadata=None)
    assert str(info.value) == "unexpected type of data received for the \"blob\" binding : 'json'"
    with pytest.raises(ValueError) as info:
        blob.BlobConverter.decode(
            Datum(b"x", "bytes"), trigger_metadata={"Properties": Datum("5", "json")}
        )
    assert str(info.value) == (
        "cannot convert value of field 'Properties' in trigger metadata into dict: "
        "'int' object is not iterable"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s", Datum("s", "string")),
        (b"b", Datum(b"b", "bytes")),
        (bytearray(b"ba"), Datum(b"ba", "bytes")),
        (io.BytesIO(b"io"), Datum(b"io", "bytes")),
        (io.StringIO("sio"), Datum("sio", "string")),
        (blob.InputStream(data=b"in"), Datum(b"in", "bytes")),
    ],
)
def test_encode(value: object, expected: Datum) -> None:
    assert blob.BlobConverter.encode(value, expected_type=None) == expected


def test_encode_error() -> None:
    with pytest.raises(NotImplementedError) as info:
        blob.BlobConverter.encode(5, expected_type=None)
    assert str(info.value) == (
        "cannot write int to a blob: expected str, bytes, bytearray or an object with a "
        "read() method"
    )


def test_annotations() -> None:
    conv = blob.BlobConverter
    types_ = [str, bytes, bytearray, _abc.InputStream, blob.InputStream, io.BytesIO, int]
    assert [conv.check_input_type_annotation(t) for t in types_] == [
        True, True, False, True, True, False, False,
    ]  # fmt: skip
    assert [conv.check_output_type_annotation(t) for t in types_] == [
        True, True, True, True, True, True, False,
    ]  # fmt: skip
    assert conv.check_input_type_annotation(typing.List[str]) is False  # type: ignore[arg-type]  # noqa: UP006
    assert conv.has_trigger_support() is True


@given(st.binary())
def test_bytes_round_trip_through_decode_and_encode(content: bytes) -> None:
    stream = blob.BlobConverter.decode(Datum(content, "bytes"), trigger_metadata=None)
    assert blob.BlobConverter.encode(stream, expected_type=None) == Datum(content, "bytes")
