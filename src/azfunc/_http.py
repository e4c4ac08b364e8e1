"""HTTP request and response types users build in unit tests and return from functions.

Headers are azfunc's own classes, so building a response never imports werkzeug.
werkzeug is imported only when :attr:`HttpRequest.form` or :attr:`HttpRequest.files`
is first read, or when a header is added with ``**options``.
"""

from __future__ import annotations

import http
import io
import types
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from azfunc import _abc
from azfunc._http_headers import BaseHeaders, HttpRequestHeaders, HttpResponseHeaders
from azfunc._jsonutils import json

if TYPE_CHECKING:
    from werkzeug.datastructures import FileStorage, ImmutableMultiDict

__all__ = [
    "DEFAULT_MAX_FORM_SIZE",
    "BaseHeaders",
    "HttpRequest",
    "HttpRequestHeaders",
    "HttpResponse",
    "HttpResponseHeaders",
]

#: Default for :attr:`HttpRequest.max_form_size`: no limit, as in the reference.
#: (An azfunc addition.)
DEFAULT_MAX_FORM_SIZE: int | None = None

# Content types werkzeug's FormDataParser parses; for any other it returns empty forms.
_FORM_MIMETYPES = frozenset(
    {"multipart/form-data", "application/x-www-form-urlencoded", "application/x-url-encoded"}
)


#: The params or route params of a request built without them: read-only, so one is shared.
_NO_VALUES: Mapping[str, str] = types.MappingProxyType({})


def loads_body_json(text: str) -> Any:
    """``json.loads(text)`` for a request body, raising ``ValueError`` where the parser
    raises ``RecursionError`` (arrays or objects nested some thousands deep).

    :raises ValueError: not JSON (:class:`json.JSONDecodeError`), or nested too deeply.
    """
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError(
            "The HTTP request body nests JSON arrays and objects too deeply to parse "
            f"(it is {len(text)} characters long); send a flatter document."
        ) from None


class HttpRequest(_abc.HttpRequest):
    """An HTTP request, as an HTTP-triggered function receives it.

    Build one in unit tests to call your function directly.

    :param method: The HTTP method; :attr:`method` returns it upper-cased.
    :param url: The full URL.
    :param headers: The request headers; names are matched case-insensitively.
    :param params: The query-string parameters; wrapped read-only, not copied.
    :param route_params: The route template's values; wrapped read-only, not copied.
    :param body: The raw body. :meth:`get_body` returns it exactly as given.
    :raises TypeError: A header name is not a ``str``.
    """

    #: The largest body, in bytes, that :attr:`form` and :attr:`files` parse;
    #: ``None`` (the default) for no limit. Set it on the class, a subclass or one
    #: request; the Functions host itself refuses requests over 100 MiB.
    #:
    #: .. versionadded:: azfunc 0.1
    max_form_size: int | None = DEFAULT_MAX_FORM_SIZE

    def __init__(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str] | None = None,
        route_params: Mapping[str, str] | None = None,
        body: bytes,
    ) -> None:
        self._method = method
        self._url = url
        self._headers = HttpRequestHeaders(headers)
        self._params: Mapping[str, str] = (
            _NO_VALUES if params is None else types.MappingProxyType(params)
        )
        self._route_params: Mapping[str, str] = (
            _NO_VALUES if route_params is None else types.MappingProxyType(route_params)
        )
        self._body = body

    # Parsed on first access to form or files; None until then (class defaults: one store
    # less per request).
    _form: ImmutableMultiDict[str, str] | None = None
    _files: ImmutableMultiDict[str, FileStorage] | None = None

    @property
    def method(self) -> str:
        """The HTTP method, upper-cased."""
        return self._method.upper()

    @property
    def url(self) -> str:
        """The URL as given."""
        return self._url

    @property
    def headers(self) -> HttpRequestHeaders:
        """The headers: a read-only mapping with case-insensitive, lower-cased names."""
        return self._headers

    @property
    def params(self) -> Mapping[str, str]:
        """The query-string parameters (read-only)."""
        return self._params

    @property
    def route_params(self) -> Mapping[str, str]:
        """The values of the route template's ``{placeholders}`` (read-only)."""
        return self._route_params

    def get_body(self) -> bytes:
        """Return the body exactly as it was given."""
        return self._body

    def get_json(self) -> Any:
        """Return the body decoded from UTF-8 JSON.

        :raises ValueError: The body is not valid JSON (:class:`json.JSONDecodeError`),
            not UTF-8 (:class:`UnicodeDecodeError`), ``None``, or nests arrays and
            objects too deeply for Python's parser (the reference raises
            ``RecursionError`` there).
        """
        body: object = self._body
        if body is None:
            raise ValueError(
                "The HTTP request has no body (body=None), so it holds no JSON. "
                "Build the request with body=b'<json>'."
            )
        return loads_body_json(body if isinstance(body, str) else self._body.decode("utf-8"))

    @property
    def form(self) -> ImmutableMultiDict[str, str]:
        """The non-file fields of an ``application/x-www-form-urlencoded`` or
        ``multipart/form-data`` body; empty for other content types and, as in the
        reference, for a malformed body (a multipart body without its boundary, or cut
        short).

        Parsed with werkzeug on first access, together with :attr:`files`.

        :raises ValueError: The body is longer than :attr:`max_form_size`.
        """
        form, _ = self._parse_form_data()
        return form

    @property
    def files(self) -> ImmutableMultiDict[str, FileStorage]:
        """The uploaded files of a ``multipart/form-data`` body, as werkzeug ``FileStorage``.

        :raises ValueError: As for :attr:`form`.
        """
        _, files = self._parse_form_data()
        return files

    def _parse_form_data(
        self,
    ) -> tuple[ImmutableMultiDict[str, str], ImmutableMultiDict[str, FileStorage]]:
        if self._form is not None and self._files is not None:
            return self._form, self._files

        from werkzeug.datastructures import ImmutableMultiDict
        from werkzeug.formparser import FormDataParser, default_stream_factory
        from werkzeug.http import parse_options_header

        body: object = self._body
        data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if not isinstance(data, bytes | bytearray):
            raise TypeError(
                f"The HTTP request body has type {type(body).__name__}; form parsing needs bytes. "
                f"Build the request with body=b'...'."
            )
        mimetype, options = parse_options_header(self._headers.get("content-type", ""))
        limit = self.max_form_size
        if mimetype in _FORM_MIMETYPES and limit is not None and len(data) > limit:
            raise ValueError(
                f"The {mimetype} request body is {len(data)} bytes, more than "
                f"max_form_size={limit} bytes; it was not parsed. Send a smaller form, or "
                f"raise HttpRequest.max_form_size (None removes the limit)."
            )
        parser = FormDataParser(
            default_stream_factory,
            max_form_memory_size=None,
            max_content_length=None,
            cls=ImmutableMultiDict,
        )
        _, parsed_form, parsed_files = parser.parse(io.BytesIO(data), mimetype, len(data), options)
        # cls=ImmutableMultiDict above: the parser returns that class.
        form = cast("ImmutableMultiDict[str, str]", parsed_form)
        files = cast("ImmutableMultiDict[str, FileStorage]", parsed_files)
        self._form, self._files = form, files
        return form, files


class HttpResponse(_abc.HttpResponse):
    """An HTTP response to return from an HTTP-triggered function.

    :param body: The body; a ``str`` is encoded with ``charset``.
    :param status_code: The status, an :class:`int` or an :class:`http.HTTPStatus`
        (stored as its ``int``); 200 when omitted. As in the reference, other values are
        stored unchanged: the worker sends ``str(status_code)`` to the host, which reads
        it as an integer (so ``"201"`` works).
    :param headers: Initial headers, a mapping or (an azfunc addition) an iterable of
        ``(name, value)`` pairs, added in order; values are converted with :func:`str`.
    :param mimetype: The body's media type; ``"text/plain"`` when omitted. It is
        sent as ``Content-Type`` only when ``headers`` has none.
    :param charset: The character set of a ``str`` body; ``"utf-8"`` when omitted.
    :raises TypeError: ``body`` is not ``str``, ``bytes`` or ``bytearray``; a header
        name is not a ``str``.
    :raises ValueError: A header value has a newline.
    :raises LookupError: ``charset`` names no codec known to Python (``str`` bodies only).
    """

    def __init__(
        self,
        body: str | bytes | bytearray | None = None,
        *,
        status_code: http.HTTPStatus | int | None = None,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
        mimetype: str | None = None,
        charset: str | None = None,
    ) -> None:
        #: An int, or the value given when it was not one (see the class docstring).
        self._status_code: int = (
            status_code if type(status_code) is int else _status_code(status_code)  # type: ignore[assignment]
        )
        self._mimetype = "text/plain" if mimetype is None else mimetype
        self._charset = "utf-8" if charset is None else charset
        self._headers = HttpResponseHeaders(headers)
        self._body = body if type(body) is bytes else _encode_body(body, self._charset)

    @property
    def status_code(self) -> int:
        """The HTTP status code: an :class:`int`, or the value given if it was not one."""
        return self._status_code

    @property
    def mimetype(self) -> str:
        """The body's media type."""
        return self._mimetype

    @property
    def charset(self) -> str:
        """The character set used for a ``str`` body."""
        return self._charset

    @property
    def headers(self) -> HttpResponseHeaders:
        """The response headers; add cookies with ``headers.add("Set-Cookie", ...)``."""
        return self._headers

    def get_body(self) -> bytes:
        """Return the encoded body (``b""`` when none was given)."""
        return self._body


def _status_code(status_code: object) -> object:
    if status_code is None:
        return 200
    if type(status_code) is int:
        return status_code
    if isinstance(status_code, http.HTTPStatus):
        return int(status_code)
    return status_code


def _encode_body(body: object, charset: str) -> bytes:
    if type(body) is bytes:
        return body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode(charset)
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    raise TypeError(
        f"response is expected to be either of str, bytes, or bytearray, got {type(body).__name__}"
    )
