"""The HTTP request type the worker builds from the host's invocation data.

:class:`HttpRequest` here subclasses :class:`azfunc.HttpRequest`
(:class:`azfunc._http.HttpRequest`); it also knows how the host delivered the body
(``body_type``), which decides how :meth:`HttpRequest.get_json` reads it. The HTTP
converters (``httpTrigger`` in, ``http`` out) turn host data into it and responses back.
"""

from __future__ import annotations

from collections.abc import Mapping
from http.cookies import SimpleCookie
from typing import Any

from azfunc import _abc, _http, meta
from azfunc._jsonutils import json  # noqa: F401 - azure.functions.http has it too
from azfunc.decorators.constants import HTTP_OUTPUT, HTTP_TRIGGER
from azfunc.meta import Datum

__all__ = ["HttpRequest"]

# Body types for which the host sends the body as text that is meant to be JSON.
_TEXT_BODY_TYPES = frozenset({"json", "string"})


class HttpRequest(_http.HttpRequest):
    """An HTTP request as the worker receives it from the Functions host.

    Every argument is required. A ``str`` body is kept for :meth:`get_json` and
    encoded as UTF-8 for :meth:`get_body`, :attr:`form` and :attr:`files`.

    :param method: The HTTP method.
    :param url: The full URL.
    :param headers: The request headers.
    :param params: The query-string parameters.
    :param route_params: The route template's values.
    :param body_type: The type of the host's body datum: ``"json"``, ``"string"``,
        ``"bytes"``, …
    :param body: The body, ``str`` or ``bytes``.
    :raises TypeError: ``body`` is neither ``str`` nor ``bytes`` (exact text:
        ``unexpected HTTP request body type: <type name>``).
    """

    def __init__(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        params: Mapping[str, str],
        route_params: Mapping[str, str],
        body_type: str,
        body: str | bytes,
    ) -> None:
        body_str: str | None = None
        if isinstance(body, str):
            body_str = body
            body_bytes = body.encode("utf-8")
        elif isinstance(body, bytes):
            body_bytes = body
        else:
            raise TypeError(f"unexpected HTTP request body type: {type(body).__name__}")
        super().__init__(
            method,
            url,
            headers=headers,
            params=params,
            route_params=route_params,
            body=body_bytes,
        )
        self._body_type = body_type
        self._body_str = body_str

    def get_json(self) -> Any:
        """Return the body decoded as JSON.

        When the host sent the body as text (``body_type`` ``"json"`` or ``"string"``)
        the text is parsed as is; otherwise the bytes are decoded as UTF-8 first.

        :raises ValueError: The body is not valid JSON. For a text body this is the
            parser's :class:`json.JSONDecodeError` (or a ``ValueError`` for JSON nested
            too deeply, where the reference raises ``RecursionError``); for a bytes body
            the message is ``HTTP request does not contain valid JSON data``.
        """
        if self._body_type in _TEXT_BODY_TYPES and self._body_str is not None:
            return _http.loads_body_json(self._body_str)
        try:
            return _http.loads_body_json(self.get_body().decode("utf-8"))
        except ValueError as err:
            raise ValueError("HTTP request does not contain valid JSON data") from err


# -- converters (appended below the request type; imports kept here to leave the part
# above untouched) ----------------------------------------------------------------------------


__all__ += ["HttpRequestConverter", "HttpResponseConverter"]


def _datum_values(data: Mapping[str, Datum] | None) -> dict[str, Any]:
    return {name: datum.value for name, datum in (data or {}).items()}


class HttpRequestConverter(meta.InConverter, binding=HTTP_TRIGGER, trigger=True):
    """Builds the :class:`HttpRequest` an ``httpTrigger`` function receives from the
    host's ``http`` datum (``method``, ``url``, ``headers``, ``query``, ``params``, ``body``)."""

    @classmethod
    def check_input_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, _abc.HttpRequest)

    @classmethod
    def decode(cls, data: Datum, *, trigger_metadata: Mapping[str, Datum] | None) -> HttpRequest:
        """Decode the host's request.

        :raises NotImplementedError: The datum is not of type ``http``.
        :raises TypeError: The body is neither ``str`` nor ``bytes``.
        """
        if data.type != "http":
            raise NotImplementedError(
                f"cannot decode an HTTP trigger payload of type {data.type!r}: "
                f"the host sends requests as 'http' datums"
            )
        value: Mapping[str, Any] = data.value
        body: Datum | None = value.get("body")
        if body is None or body.value is None:
            body = Datum(b"", "bytes")  # requests without a body (GET)
        return HttpRequest(
            method=value["method"].value,
            url=value["url"].value,
            headers=_datum_values(value.get("headers")),
            params=_datum_values(value.get("query")),
            route_params=_datum_values(value.get("params")),
            body_type=body.type or "bytes",
            body=body.value,
        )


class HttpResponseConverter(meta.OutConverter, binding=HTTP_OUTPUT):
    """Encodes a ``str`` or an :class:`~azfunc.HttpResponse` for the host.

    Encoding a response adds a ``content-type`` header when it has none (with the
    charset for ``text/*`` media types) and moves every ``Set-Cookie`` header into
    the datum's ``cookies``: both change the response object, as in the reference.
    """

    @classmethod
    def check_output_type_annotation(cls, pytype: type) -> bool:
        return isinstance(pytype, type) and issubclass(pytype, (_abc.HttpResponse, str))

    @classmethod
    def encode(cls, obj: Any, *, expected_type: type | None = None) -> Datum:
        """Encode the function's response.

        :raises NotImplementedError: ``obj`` is neither ``str`` nor an ``HttpResponse``.
        """
        if isinstance(obj, str):
            return Datum(obj, "string")
        if not isinstance(obj, _abc.HttpResponse):
            raise NotImplementedError(
                f"cannot return {type(obj).__name__} from an HTTP-triggered function: "
                f"return a str or an azfunc.HttpResponse"
            )
        headers = obj.headers
        if "content-type" not in headers:
            mimetype = obj.mimetype
            if mimetype.startswith("text/"):
                headers["content-type"] = f"{mimetype}; charset={obj.charset}"
            else:
                headers["content-type"] = mimetype
        cookies = [SimpleCookie(value) for value in headers.get_all("Set-Cookie")]
        if cookies:
            headers.remove("Set-Cookie")
        return Datum(
            type="http",
            value={
                "status_code": Datum(str(obj.status_code), "string"),
                "headers": {name: Datum(value, "string") for name, value in headers.items()},
                "cookies": cookies or None,
                "body": Datum(obj.get_body() or b"", "bytes"),
            },
        )
