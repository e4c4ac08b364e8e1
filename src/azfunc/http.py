"""The HTTP request type the worker builds from the host's invocation data.

:class:`HttpRequest` here subclasses :class:`azfunc.HttpRequest`
(:class:`azfunc._http.HttpRequest`); it also knows how the host delivered the body
(``body_type``), which decides how :meth:`HttpRequest.get_json` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azfunc import _http
from azfunc._jsonutils import json

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
            parser's :class:`json.JSONDecodeError`; for a bytes body the message is
            ``HTTP request does not contain valid JSON data``.
        """
        if self._body_type in _TEXT_BODY_TYPES and self._body_str is not None:
            return json.loads(self._body_str)
        try:
            return json.loads(self.get_body().decode("utf-8"))
        except ValueError as err:
            raise ValueError("HTTP request does not contain valid JSON data") from err
