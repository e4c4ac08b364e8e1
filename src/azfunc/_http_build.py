"""Turn raw HTTP into what the host sends the worker, and the worker's response back into
raw HTTP.

Used by the local host's dispatcher (:mod:`azfunc._host.asgi`, which the test client
drives too): the request becomes the host's ``http`` datum, which the worker's converter
turns into the :class:`azfunc.http.HttpRequest` a function receives: the full URL,
headers and query parameters with repeated names joined by ``,`` (as the host flattens
them), the route values, and the body as bytes (the worker asks the host for raw body
bytes). The ``http`` datum the worker encodes from the function's response becomes the
status, headers and body the host sends.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlsplit

from azfunc import _jsonutils
from azfunc._http import HttpResponse
from azfunc.decorators.constants import HTTP_OUTPUT
from azfunc.http import HttpResponseConverter
from azfunc.meta import Datum

__all__ = ["flatten_pairs", "http_output_datum", "http_trigger_input", "sent_response"]


def flatten_pairs(pairs: Iterable[tuple[str, str]], *, lower: bool = False) -> dict[str, str]:
    """Join the values of repeated names with ``,``, keeping the first spelling of a name.

    :param lower: Lower-case the names (header names); matching is case-insensitive
        either way for headers.
    """
    result: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower() if lower else name
        lookup = key.lower() if lower else key
        if lookup in spelling:
            existing = spelling[lookup]
            result[existing] = f"{result[existing]},{value}"
        else:
            spelling[lookup] = key
            result[key] = value
    return result


def http_trigger_input(
    method: str,
    url: str,
    *,
    headers: Iterable[tuple[str, str]] = (),
    body: bytes = b"",
    route_params: Mapping[str, str] | None = None,
) -> tuple[Datum, dict[str, Datum]]:
    """Return the ``http`` datum and the trigger metadata the host sends for a raw request.

    The datum holds what :class:`~azfunc.http.HttpRequestConverter` decodes into the
    function's :class:`~azfunc.http.HttpRequest`: the method (upper-cased), the full URL,
    the headers (names lower-cased) and query parameters with repeated names joined by
    ``,``, the route values and the body as bytes. The metadata holds ``Query`` and
    ``Headers`` as JSON and each route value, as the host's trigger metadata does.

    :param method: The HTTP method.
    :param url: The full URL, with scheme, host and query string.
    :param headers: The request headers as ``(name, value)`` pairs, repeats included.
    :param body: The raw body.
    :param route_params: The route values the route template matched.
    """
    header_map = flatten_pairs(headers, lower=True)
    query = flatten_pairs(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    params = dict(route_params or {})
    value = {
        "method": Datum(method.upper(), "string"),
        "url": Datum(url, "string"),
        "headers": {name: Datum(text, "string") for name, text in header_map.items()},
        "query": {name: Datum(text, "string") for name, text in query.items()},
        "params": {name: Datum(text, "string") for name, text in params.items()},
        "body": Datum(body, "bytes"),
    }
    metadata = {
        "Query": Datum(_jsonutils.dumps(query), "json"),
        "Headers": Datum(_jsonutils.dumps(header_map), "json"),
        **{name: Datum(text, "string") for name, text in params.items()},
    }
    return Datum(value, "http"), metadata


def http_output_datum(
    bindings: Iterable[tuple[str, str]], encoded: Mapping[str, Datum]
) -> Datum | None:
    """Return the ``http`` datum the worker sends the host for an invocation's HTTP output.

    :param bindings: ``(name, type)`` of the function's bindings; the first ``http``
        binding whose value was set is the response.
    :param encoded: The invocation's encoded outputs by binding name.
    :returns: The encoded response; a ``str`` value becomes a ``200`` ``text/plain``
        response, as the host makes one; ``None`` when no HTTP output was set.
    """
    for name, binding_type in bindings:
        if binding_type != HTTP_OUTPUT:
            continue
        datum = encoded.get(name)
        if datum is None:
            continue
        if datum.type == "http":
            return datum
        if datum.type == "string" and isinstance(datum.value, str):
            return HttpResponseConverter.encode(HttpResponse(datum.value, status_code=200))
    return None


#: A header name: an RFC 9110 token.
_TOKEN_RE = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
#: What a header value cannot hold: control characters other than tab (CR, LF, NUL...).
_BAD_VALUE_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _check_header(name: str, value: str) -> None:
    """:raises ValueError: ``name`` is not a token or ``value`` holds a control character."""
    if not _TOKEN_RE.fullmatch(name):
        raise ValueError(
            f"HttpResponse header name {name!r} cannot be sent: a header name is letters, "
            "digits and !#$%&'*+-.^_`|~, without spaces, and not empty. Rename the header."
        )
    bad = _BAD_VALUE_RE.search(value)
    if bad is not None:
        raise ValueError(
            f"HttpResponse header {name!r} cannot be sent: its value holds the control "
            f"character {bad.group()!r}. Remove it (or encode the value, e.g. with "
            "urllib.parse.quote)."
        )


def sent_response(
    datum: Datum, *, extra_headers: Mapping[str, str] | None = None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return ``(status, headers, body)`` the host sends for the worker's ``http`` datum.

    The headers are the datum's, then one ``Set-Cookie`` per cookie, then
    ``extra_headers`` (host.json ``customHeaders``) that the response does not set.

    :raises TypeError: the status code does not read as an integer (the worker sends
        ``str(status_code)``, which the host parses).
    :raises ValueError: the status code is not a final status (200 to 599), a header
        name is not a token (a space, an empty name) or a header value holds a control
        character (NUL, CR, LF): Kestrel refuses to send those, and so does the host.
    """
    value: Mapping[str, object] = datum.value
    status_datum = value["status_code"]
    status_text = str(status_datum.value if isinstance(status_datum, Datum) else status_datum)
    if not status_text.isdecimal():
        raise TypeError(
            f"HttpResponse status_code {status_text!r} is not a status the host can read; "
            "it needs an int such as 200. Pass status_code=int(...)."
        )
    if not 200 <= int(status_text) <= 599:
        raise ValueError(
            f"HttpResponse status_code {status_text} cannot end an HTTP response; a final "
            "status is between 200 and 599. Return one such as 200, 404 or 500."
        )
    raw_headers = value.get("headers")
    headers = [
        (name, str(item.value if isinstance(item, Datum) else item))
        for name, item in (raw_headers.items() if isinstance(raw_headers, Mapping) else ())
    ]
    cookies = value.get("cookies")
    for cookie in cookies if isinstance(cookies, list) else ():
        if isinstance(cookie, SimpleCookie):
            headers.extend(("Set-Cookie", morsel.OutputString()) for morsel in cookie.values())
    names = {name.lower() for name, _ in headers}
    for name, text in (extra_headers or {}).items():
        if name.lower() not in names:
            headers.append((name, text))
    for name, text in headers:
        _check_header(name, text)
    body = value.get("body")
    content = body.value if isinstance(body, Datum) else body
    if isinstance(content, str):
        content = content.encode("utf-8")
    data = bytes(content) if isinstance(content, (bytes, bytearray)) else b""
    return int(status_text), headers, data
