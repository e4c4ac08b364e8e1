"""The response the test client returns: the HTTP answer the local host sent, with the
invocation's outputs and result.

.. versionadded:: azfunc 0.2
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from azfunc import _jsonutils
from azfunc._http_headers import HttpResponseHeaders
from azfunc._runtime.pipeline import InvocationResult
from azfunc._typed.models import model_from_json

__all__ = ["ClientResponse"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class ClientResponse:
    """The HTTP response the local host sent, with what the invocation produced.

    Attributes:
        status_code: The status code.
        headers: The response headers, as ``azfunc start`` sends them apart from the
            server's ``Date`` and ``Server``: ``Content-Type`` added when the function
            set none, one ``Set-Cookie`` per cookie, host.json ``customHeaders``,
            ``Content-Length``.
        body: The body bytes (empty for ``HEAD``).
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

    def model(self, model: type[T]) -> T:
        """Return the JSON body as an instance of ``model`` (a dataclass, ``TypedDict``,
        attrs class or pydantic model), converted and validated as a typed HTTP function
        takes its body.

        :raises ValueError: The body is not valid JSON, or does not fit ``model``; the
            message lists every field error.
        :raises TypeError: ``model`` is neither a model nor a simple type.

        .. versionadded:: 0.2.0
        """
        value: T = model_from_json(model, self.json())
        return value
