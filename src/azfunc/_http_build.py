"""Turn raw HTTP into the request a function receives, and its response back into raw HTTP.

Shared by the local host (``azfunc start``) and the test client, so both hand functions
the same :class:`azfunc.http.HttpRequest` the Python worker builds from the host's data:
the full URL, headers and query parameters with repeated names joined by ``,`` (as the
host flattens them), the route values, and the body as bytes (the worker asks the host
for raw body bytes).

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlsplit

from azfunc._http import HttpResponse
from azfunc.http import HttpRequest

__all__ = ["build_http_request", "flatten_pairs", "response_parts"]


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


def build_http_request(
    method: str,
    url: str,
    *,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
    body: bytes = b"",
    route_params: Mapping[str, str] | None = None,
) -> HttpRequest:
    """Build the :class:`azfunc.http.HttpRequest` a function receives for a raw request.

    :param method: The HTTP method.
    :param url: The full URL, with scheme, host and query string.
    :param headers: The request headers, as a mapping or ``(name, value)`` pairs.
    :param body: The raw body.
    :param route_params: The route values the route template matched.
    """
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    query = urlsplit(url).query
    return HttpRequest(
        method.upper(),
        url,
        headers=flatten_pairs(pairs, lower=True),
        params=flatten_pairs(parse_qsl(query, keep_blank_values=True)),
        route_params=dict(route_params or {}),
        body_type="bytes",
        body=body,
    )


def response_parts(
    response: HttpResponse, *, extra_headers: Mapping[str, str] | None = None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return ``(status, headers, body)`` to send for ``response``, as the host would.

    A response without ``Content-Type`` gets one from its mimetype (with the charset
    for ``text/*``), as the worker's HTTP converter does. ``extra_headers`` (host.json
    ``customHeaders``) are added unless the response sets them.

    :raises TypeError: the status code does not read as an integer (``HttpResponse``
        stores any value; the worker sends ``str(status_code)``, which the host parses).
    """
    status_text = str(response.status_code)
    if isinstance(response.status_code, bool) or not status_text.isdecimal():
        raise TypeError(
            f"HttpResponse status_code {response.status_code!r} is a "
            f"{type(response.status_code).__name__} that the host cannot read as a status; "
            "it needs an int such as 200. Pass status_code=int(...)."
        )
    status = int(status_text)
    headers = [(name, value) for name, value in response.headers]
    names = {name.lower() for name, _ in headers}
    if "content-type" not in names:
        mimetype = response.mimetype
        value = (
            f"{mimetype}; charset={response.charset}" if mimetype.startswith("text/") else mimetype
        )
        headers.append(("Content-Type", value))
    for name, value in (extra_headers or {}).items():
        if name.lower() not in names:
            headers.append((name, value))
    return status, headers, response.get_body()
