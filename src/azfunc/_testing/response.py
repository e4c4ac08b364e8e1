"""The response the test client returns: the HTTP answer the host would send, built from
the invocation's encoded HTTP output, with the invocation's outputs and result.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from azfunc import _jsonutils
from azfunc._http_headers import HttpResponseHeaders
from azfunc._pipeline import InvocationResult
from azfunc.decorators.constants import HTTP_OUTPUT
from azfunc.http import HttpResponseConverter
from azfunc.meta import Datum

__all__ = ["ClientResponse", "answer", "response_of"]


@attrs.frozen(kw_only=True)
class ClientResponse:
    """The HTTP response the host would send, with what the invocation produced.

    Attributes:
        status_code: The status code.
        headers: The response headers, as the host sends them (``Content-Type`` added
            when the function set none, one ``Set-Cookie`` per cookie).
        body: The body bytes.
        outputs: The value set on each ``Out`` parameter, by binding name (``{}`` when
            the request never reached a function).
        result: The :class:`~azfunc.invocation.InvocationResult`; ``None`` for the
            ``404``/``405``/``401`` answered by routing and auth.
    """

    status_code: int
    headers: HttpResponseHeaders
    body: bytes = b""
    outputs: dict[str, Any] = attrs.field(factory=dict)
    result: InvocationResult | None = None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8")

    def json(self) -> Any:
        """Return the body decoded as JSON.

        :raises ValueError: The body is not valid JSON.
        """
        return _jsonutils.loads(self.body)


def answer(status_code: int, headers: Mapping[str, str] | None = None) -> ClientResponse:
    """A response the host gives without invoking a function (404, 405, 401)."""
    return ClientResponse(status_code=status_code, headers=HttpResponseHeaders(headers))


def _from_http_datum(datum: Datum, result: InvocationResult) -> ClientResponse:
    value = datum.value
    headers = HttpResponseHeaders()
    for name, header in (value.get("headers") or {}).items():
        headers.add(name, header.value)
    for cookie in value.get("cookies") or ():
        for morsel in cookie.values():
            headers.add("Set-Cookie", morsel.OutputString())
    body = value.get("body")
    return ClientResponse(
        status_code=int(value["status_code"].value),
        headers=headers,
        body=bytes(body.value or b"") if body is not None else b"",
        outputs=dict(result.outputs),
        result=result,
    )


def response_of(result: InvocationResult) -> ClientResponse:
    """The host's answer to an invocation of an HTTP function: ``500`` when it raised,
    its encoded HTTP output, or ``204`` when it set none."""
    if result.error is not None:
        return ClientResponse(
            status_code=500,
            headers=HttpResponseHeaders(),
            outputs=dict(result.outputs),
            result=result,
        )
    for binding in result.function.get_bindings():
        if binding.type != HTTP_OUTPUT:
            continue
        encoded = result.encoded_outputs.get(binding.name)
        if encoded is not None and encoded.type == "http":
            return _from_http_datum(encoded, result)
    response = result.http_response()
    if response is None:
        return ClientResponse(
            status_code=204,
            headers=HttpResponseHeaders(),
            outputs=dict(result.outputs),
            result=result,
        )
    return _from_http_datum(HttpResponseConverter.encode(response), result)
