"""Durable Functions contexts and the JSON codec for activity inputs and outputs.

The codec writes an object that has a ``to_json`` function as an envelope
``{"__class__": name, "__module__": module, "__data__": type(obj).to_json(obj)}`` and
rebuilds it on the way back with the class's ``from_json``. Strict mode
(environment variable ``AZURE_FUNCTIONS_DURABLE_STRICT_TYPING`` set to ``1``,
``true`` or ``yes``) envelopes only the top-level value, rebuilds envelopes only
when the caller names the expected type, and turns type mismatches into errors.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import typing
import warnings
from collections.abc import Callable
from typing import Any

from azfunc import _abc

__all__ = ["EntityContext", "OrchestrationContext", "df_dumps", "df_loads"]
# The Durable Functions SDK also imports _serialize_custom_object,
# _deserialize_custom_object and _get_serialize_default from this module.

logger = logging.getLogger("azure.functions.DurableFunctions")  # the reference's name

_STRICT_ENV_VAR = "AZURE_FUNCTIONS_DURABLE_STRICT_TYPING"
_TRUTHY = frozenset({"1", "true", "yes"})
_ENVELOPE_KEYS = ("__class__", "__module__", "__data__")


def _body_text(kind: str, body: str | bytes) -> str:
    if isinstance(body, bytes):
        return body.decode("utf-8")
    if isinstance(body, str):
        return body
    raise TypeError(
        f"{kind} body must be str or bytes (the host's JSON), got {type(body).__name__}: {body!r}"
    )


class OrchestrationContext(_abc.OrchestrationContext):
    """The context an orchestrator function receives, as JSON text.

    The Durable Functions SDK (``azure-functions-durable``) parses :attr:`body`.

    :param body: The orchestration state; bytes are decoded as UTF-8.
    :raises TypeError: ``body`` is neither ``str`` nor ``bytes``.
    """

    def __init__(self, body: str | bytes) -> None:
        self.__body = _body_text("OrchestrationContext", body)

    @property
    def body(self) -> str:
        """The orchestration state as JSON text."""
        return self.__body

    def __repr__(self) -> str:
        return f"<azure.OrchestrationContext body={self.body}>"

    def __str__(self) -> str:
        return self.body


class EntityContext:
    """The context an entity function receives, as JSON text.

    :param body: The entity state and operations; bytes are decoded as UTF-8.
    :raises TypeError: ``body`` is neither ``str`` nor ``bytes``.
    """

    def __init__(self, body: str | bytes) -> None:
        self.__body = _body_text("EntityContext", body)

    @property
    def body(self) -> str:
        """The entity state and pending operations as JSON text."""
        return self.__body

    def __repr__(self) -> str:
        return f"<azure.EntityContext body={self.body}>"

    def __str__(self) -> str:
        return self.body


# -- codec ----------------------------------------------------------------------------------

_notices_shown: set[str] = set()

_NO_EXPECTED_TYPE_NOTICE = (
    "azfunc df_loads was called without expected_type. Pass the destination type to "
    f"validate the payload and to prepare for strict typing ({_STRICT_ENV_VAR}=1). "
    "This message is shown once."
)
_LOOSE_RECONSTRUCTION_NOTICE = (
    "azfunc's Durable JSON codec rebuilt a custom object from its envelope without "
    f"knowing the expected type. Set {_STRICT_ENV_VAR}=1 and pass expected_type to "
    "df_loads to validate payloads by type. This message is shown once."
)


def _notify_once(notice: str) -> None:
    if notice in _notices_shown:
        return
    _notices_shown.add(notice)
    logger.info(notice)
    warnings.warn(notice, DeprecationWarning, stacklevel=4)


def _is_strict_mode() -> bool:
    """Whether strict typing is on: the environment variable is ``1``, ``true`` or ``yes``."""
    return os.environ.get(_STRICT_ENV_VAR, "").strip().lower() in _TRUTHY


def _serialize_custom_object(obj: Any) -> dict[str, Any]:
    """Return the envelope of ``obj``: ``{"__class__", "__module__", "__data__"}``.

    The ``default`` hook of ``json.dumps`` in loose mode; ``__data__`` is
    ``type(obj).to_json(obj)``.

    :raises TypeError: ``obj``'s class has no callable ``to_json``.
    """
    cls = type(obj)
    to_json = getattr(cls, "to_json", None)
    if not callable(to_json):
        raise TypeError(f"class {cls} does not expose a `to_json` function")
    return {"__class__": cls.__name__, "__module__": cls.__module__, "__data__": to_json(obj)}


def _get_serialize_default() -> Callable[[Any], dict[str, Any]] | None:
    """Return the ``default`` hook for a ``json.dumps`` call of one's own.

    :func:`_serialize_custom_object` in loose mode, ``None`` in strict mode (where only
    :func:`df_dumps`' top-level value may be enveloped).
    """
    return None if _is_strict_mode() else _serialize_custom_object


def _is_envelope(value: Any) -> bool:
    return isinstance(value, dict) and all(key in value for key in _ENVELOPE_KEYS)


def _envelope_class(envelope: dict[str, Any]) -> Any:
    module_name, class_name = envelope["__module__"], envelope["__class__"]
    module = sys.modules.get(module_name)
    if module is None:
        raise ValueError(
            f"cannot deserialize custom object: module {module_name!r} is not loaded in "
            f"sys.modules; import it before the payload is decoded"
        )
    if not hasattr(module, class_name):
        raise AttributeError(
            f"cannot deserialize custom object: class {class_name!r} not found in module "
            f"{module_name!r}"
        )
    return getattr(module, class_name)


def _rebuild(envelope: dict[str, Any], cls: Any) -> Any:
    from_json = getattr(cls, "from_json", None)
    if not callable(from_json):
        raise TypeError(f"class {cls!r} does not expose a `from_json` function")
    return from_json(envelope["__data__"])


def _deserialize_custom_object(obj: Any) -> Any:
    """Rebuild an envelope written by :func:`_serialize_custom_object`; return any other
    value unchanged.

    The ``object_hook`` of ``json.loads``: the class is looked up in its module in
    ``sys.modules`` and built with its ``from_json(__data__)``. In loose mode the first
    rebuild emits a one-time :class:`DeprecationWarning`.

    :raises ValueError: The envelope's module is not imported.
    :raises AttributeError: The module has no attribute of the envelope's class name.
    :raises TypeError: The class has no callable ``from_json``.
    """
    if not _is_envelope(obj):
        return obj
    if not _is_strict_mode():
        _notify_once(_LOOSE_RECONSTRUCTION_NOTICE)
    return _rebuild(obj, _envelope_class(obj))


def _type_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_compatible(value: Any, expected_type: type) -> bool:
    check = typing.get_origin(expected_type) or expected_type
    if not isinstance(check, type):
        return True  # Unions, Any and other special forms are not checked.
    return isinstance(value, check)


def _mismatch(message: str, *, strict: bool) -> None:
    if strict:
        raise TypeError(message)
    logger.warning(message)


def df_dumps(value: Any) -> str:
    """Serialise an activity input or output to JSON text.

    Objects with a ``to_json`` function become envelopes (see the module docstring);
    in strict mode only the top-level value may be such an object.

    :raises TypeError: A value is neither JSON-serialisable nor has ``to_json``.
    """
    if _is_strict_mode():
        if hasattr(type(value), "to_json"):
            value = _serialize_custom_object(value)
        return json.dumps(value)
    return json.dumps(value, default=_serialize_custom_object)


def df_loads(s: str, expected_type: type | None = None) -> Any:
    """Parse JSON text written by :func:`df_dumps`, rebuilding enveloped objects.

    :param s: The JSON text.
    :param expected_type: The type the caller expects; checked against the payload.
        Without it a one-time :class:`DeprecationWarning` is emitted.
    :raises ValueError: The text is not JSON, or an envelope names a module that is
        not imported.
    :raises AttributeError: An envelope names a class its module does not have.
    :raises TypeError: An envelope's class has no ``from_json``; in strict mode also
        an envelope without ``expected_type`` or a value of another type.
    """
    strict = _is_strict_mode()
    if expected_type is None:
        _notify_once(_NO_EXPECTED_TYPE_NOTICE)
        if not strict:
            return json.loads(s, object_hook=_deserialize_custom_object)
        value = json.loads(s)
        if _is_envelope(value):
            raise TypeError(
                "df_loads: strict mode requires expected_type to deserialize custom-object "
                f"payloads, but none was provided. Payload declares "
                f"{value['__module__']}.{value['__class__']}."
            )
        return value

    value = json.loads(s)
    if _is_envelope(value):
        cls = _envelope_class(value)
        if not (
            isinstance(cls, type)
            and isinstance(expected_type, type)
            and issubclass(cls, expected_type)
        ):
            expected = (
                _type_name(expected_type) if isinstance(expected_type, type) else expected_type
            )
            declared = (
                _type_name(cls)
                if isinstance(cls, type)
                else f"{value['__module__']}.{value['__class__']}"
            )
            _mismatch(
                f"df_loads: payload declares class {declared} but expected {expected}",
                strict=strict,
            )
        return _rebuild(value, cls)
    if not strict and isinstance(value, (dict, list)):
        value = json.loads(s, object_hook=_deserialize_custom_object)  # nested envelopes
    if not _is_compatible(value, expected_type):
        _mismatch(
            f"df_loads: deserialized value ({type(value).__name__}) is not compatible with "
            f"expected type {expected_type}",
            strict=strict,
        )
    return value
