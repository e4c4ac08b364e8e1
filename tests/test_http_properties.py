"""Property tests for the HTTP types: headers, bodies, JSON and form parsing."""

from __future__ import annotations

import json
import string
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from azfunc._http import HttpRequest, HttpResponse, HttpResponseHeaders

_V = TypeVar("_V")

# RFC 9110 token characters: what a header name may contain.
TOKEN_CHARS = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"
header_names = st.text(alphabet=TOKEN_CHARS, min_size=1, max_size=20)
# Header values: any text on one line.
header_values = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"),
    max_size=40,
)
# Texts that survive UTF-8 encoding (no lone surrogates).
utf8_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
# Multipart field names and file names that need no quoting.
form_names = st.text(alphabet=string.ascii_letters + string.digits + "-_. ", min_size=1).map(
    str.strip
).filter(bool)

BOUNDARY = "azfunc-property-boundary-7f3c9b"


def grouped(pairs: list[tuple[str, _V]]) -> dict[str, list[_V]]:
    """Group pairs by name, as a MultiDict does (names in order of first appearance)."""
    groups: dict[str, list[_V]] = {}
    for name, value in pairs:
        groups.setdefault(name, []).append(value)
    return groups


def case_variants(name: str) -> st.SearchStrategy[str]:
    """The same header name with the case of each letter chosen at random."""
    flips = st.lists(st.booleans(), min_size=len(name), max_size=len(name))
    return flips.map(
        lambda upper: "".join(
            c.upper() if up else c.lower() for c, up in zip(name, upper, strict=True)
        )
    )


@st.composite
def unique_headers(draw: st.DrawFn) -> dict[str, str]:
    """Headers whose names differ from each other in more than case."""
    names = draw(st.lists(header_names, unique_by=str.lower, max_size=8))
    return {name: draw(header_values) for name in names}


@given(headers=unique_headers(), data=st.data())
def test_request_headers_round_trip_case_insensitively(
    headers: dict[str, str], data: st.DataObject
) -> None:
    req = HttpRequest("GET", "/", headers=headers, body=b"")

    assert dict(req.headers) == {name.lower(): value for name, value in headers.items()}
    for name, value in headers.items():
        variant = data.draw(case_variants(name))
        assert (req.headers[variant], req.headers.get(variant), variant in req.headers) == (
            value,
            value,
            True,
        )


@given(pairs=st.lists(st.tuples(header_names, header_values), max_size=10), data=st.data())
def test_response_headers_round_trip_case_insensitively(
    pairs: list[tuple[str, str]], data: st.DataObject
) -> None:
    headers = HttpResponse(headers=None).headers
    for name, value in pairs:
        headers.add(name, value)

    assert list(headers) == pairs
    for name, _ in pairs:
        variant = data.draw(case_variants(name))
        expected = [v for n, v in pairs if n.lower() == name.lower()]
        assert headers.get_all(variant) == expected
        assert headers[variant] == expected[0]


@given(pairs=st.lists(st.tuples(header_names, header_values), max_size=10))
def test_response_headers_copy_through_constructor(pairs: list[tuple[str, str]]) -> None:
    assert HttpResponseHeaders(pairs).to_wsgi_list() == pairs


@given(body=st.binary())
def test_request_body_bytes_round_trip(body: bytes) -> None:
    assert HttpRequest("POST", "/", body=body).get_body() == body


@given(body=st.binary() | st.binary().map(bytearray))
def test_response_body_bytes_round_trip(body: bytes | bytearray) -> None:
    assert HttpResponse(body).get_body() == bytes(body)


@given(text=utf8_text, charset=st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_response_str_body_round_trips_through_its_charset(text: str, charset: str) -> None:
    assert HttpResponse(text, charset=charset).get_body().decode(charset) == text


def is_invalid_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return True
    return False


@given(text=utf8_text.filter(is_invalid_json))
def test_get_json_on_invalid_json_raises_value_error_naming_the_problem(text: str) -> None:
    req = HttpRequest("POST", "/", body=text.encode("utf-8"))

    try:
        req.get_json()
    except json.JSONDecodeError as err:
        assert err.msg  # the parser says what it expected, e.g. "Expecting value"
        assert str(err).startswith(err.msg)
    else:
        raise AssertionError(f"get_json() accepted invalid JSON {text!r}")


@given(value=st.recursive(
    st.none() | st.booleans() | st.integers() | utf8_text,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(utf8_text, children, max_size=4),
    max_leaves=10,
))
def test_get_json_round_trips_json_values(value: object) -> None:
    req = HttpRequest("POST", "/", body=json.dumps(value).encode("utf-8"))

    assert req.get_json() == value


def encode_multipart(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
) -> bytes:
    """Encode a multipart/form-data body the way browsers do."""
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode("utf-8")
            + b"\r\n"
        )
    for name, filename, content in files:
        parts.append(
            (
                f"--{BOUNDARY}\r\n"
                f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def multipart_request(body: bytes) -> HttpRequest:
    return HttpRequest(
        "POST",
        "/",
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        body=body,
    )


multipart_fields = st.lists(st.tuples(form_names, utf8_text), max_size=5)
multipart_files = st.lists(st.tuples(form_names, form_names, st.binary(max_size=200)), max_size=3)


@settings(deadline=None)
@given(fields=multipart_fields, files=multipart_files)
def test_multipart_parsing_returns_every_field_and_file(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
) -> None:
    req = multipart_request(encode_multipart(fields, files))

    assert req.form.to_dict(flat=False) == grouped(fields)
    parsed = {
        name: [(f.filename, f.read()) for f in uploads]
        for name, uploads in req.files.to_dict(flat=False).items()
    }
    assert parsed == grouped([(name, (filename, data)) for name, filename, data in files])


@given(
    fields=st.lists(st.tuples(form_names, utf8_text), max_size=5),
)
def test_urlencoded_parsing_returns_every_field(fields: list[tuple[str, str]]) -> None:
    from urllib.parse import urlencode

    req = HttpRequest(
        "POST",
        "/",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        body=urlencode(fields).encode("ascii"),
    )

    assert req.form.to_dict(flat=False) == grouped(fields)


@settings(deadline=None)
@given(fields=multipart_fields, files=multipart_files, data=st.data())
def test_oversized_forms_raise_value_error(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]], data: st.DataObject
) -> None:
    body = encode_multipart(fields, files)
    req = multipart_request(body)
    req.max_form_size = data.draw(st.integers(min_value=0, max_value=len(body) - 1))

    try:
        _ = req.form
    except ValueError as err:
        assert str(err).startswith(f"The multipart/form-data request body is {len(body)} bytes")
    else:
        raise AssertionError("an oversized form was parsed")


@settings(deadline=None)
@given(fields=multipart_fields, files=multipart_files, data=st.data())
def test_truncated_multipart_bodies_give_empty_forms(
    fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]], data: st.DataObject
) -> None:
    # As in the reference: what a cut body held is not returned in part.
    body = encode_multipart(fields, files)
    closing = len(body) - len("\r\n")  # the body ends with --BOUNDARY--\r\n
    cut = data.draw(st.integers(min_value=0, max_value=closing - 1))

    req = multipart_request(body[:cut])
    assert (req.form.to_dict(), req.files.to_dict()) == ({}, {})


@settings(deadline=None)
@given(body=st.binary(max_size=2000))
def test_arbitrary_multipart_bodies_parse(body: bytes) -> None:
    req = multipart_request(body)

    form, files = req.form, req.files
    assert (type(form).__name__, type(files).__name__) == (
        "ImmutableMultiDict",
        "ImmutableMultiDict",
    )
