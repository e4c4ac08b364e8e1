"""The answers of typed HTTP functions: :class:`ModelResponse` (a model with a status
and headers), JSON responses, and the RFC 9457 problem document of a rejected request."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from azfunc._http import HttpResponse

if TYPE_CHECKING:
    from azfunc._typed.models import FieldError

__all__ = ["PROBLEM_JSON", "ModelResponse", "json_response", "problem_response"]

T = TypeVar("T")
#: The media type of an RFC 9457 problem document.
PROBLEM_JSON = "application/problem+json"


@attrs.frozen
class ModelResponse(Generic[T]):
    """A response model with another status than ``200``, or with headers: return
    ``ModelResponse(item, status_code=201, headers={"Location": url})`` from a typed
    HTTP function annotated ``-> ModelResponse[Item]``.

    :param body: The model, ``dict`` or ``list`` sent as the JSON body.
    :param status_code: The HTTP status; ``200`` by default.
    :param headers: Headers to send as well; ``Content-Type`` is ``application/json``
        unless they set it.

    Source: docs/typed-http.md

    .. versionadded:: 0.2.0
    """

    body: T
    status_code: int = 200
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_dumps = _ENCODER.encode


def json_response(
    value: Any,
    status_code: int = 200,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    *,
    mimetype: str = "application/json",
) -> HttpResponse:
    """An ``HttpResponse`` whose body is ``value`` (plain JSON values) as JSON text."""
    return HttpResponse(
        _dumps(value), status_code=status_code, headers=headers, mimetype=mimetype
    )


def problem_response(errors: list[FieldError], instance: str | None = None) -> HttpResponse:
    """The ``422`` answer to a request whose query or body was rejected: an RFC 9457
    problem document (``application/problem+json``) listing every field error."""
    count = len(errors)
    document: dict[str, Any] = {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": f"{count} invalid field{'s' if count != 1 else ''} in the request",
    }
    if instance is not None:
        document["instance"] = instance
    document["errors"] = [error.as_dict() for error in errors]
    return json_response(document, 422, mimetype=PROBLEM_JSON)
