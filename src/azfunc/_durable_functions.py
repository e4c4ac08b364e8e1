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
_LEGACY_KEYS = frozenset(("__class__", "__module__", "__data__"))  # the envelope's keys


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

#: Whether each one-time notice was emitted; set one back to ``False`` to emit it again.
_no_expected_type_notice_emitted = False
_loose_codec_notice_emitted = False

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


def _emit_notice(notice: str) -> None:
    """Log ``notice`` at INFO and warn it as a :class:`DeprecationWarning`.

    The warning points at the caller of the function that called the ``_notify_*``
    function (for :func:`df_loads`, the user's call).
    """
    logger.info(notice)
    warnings.warn(notice, DeprecationWarning, stacklevel=4)


def _notify_no_expected_type() -> None:
    """Emit the notice that :func:`df_loads` was called without ``expected_type``, once.

    Sets :data:`_no_expected_type_notice_emitted`; does nothing while it is true.
    """
    global _no_expected_type_notice_emitted
    if not _no_expected_type_notice_emitted:
        _no_expected_type_notice_emitted = True
        _emit_notice(_NO_EXPECTED_TYPE_NOTICE)


def _notify_loose_codec_used() -> None:
    """Emit the notice that an envelope was rebuilt without an expected type, once.

    Sets :data:`_loose_codec_notice_emitted`; does nothing while it is true.
    """
    global _loose_codec_notice_emitted
    if not _loose_codec_notice_emitted:
        _loose_codec_notice_emitted = True
        _emit_notice(_LOOSE_RECONSTRUCTION_NOTICE)


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
    """Whether ``value`` is an envelope: a ``dict`` with (at least) the three envelope keys."""
    return isinstance(value, dict) and value.keys() >= _LEGACY_KEYS


_is_legacy_custom_dict = _is_envelope  # the reference's name


def _has_json_protocol(cls: Any) -> bool:
    """Whether ``cls`` has callable ``to_json`` and ``from_json`` attributes."""
    return callable(getattr(cls, "to_json", None)) and callable(getattr(cls, "from_json", None))


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
    successful rebuild emits a one-time :class:`DeprecationWarning`.

    :raises ValueError: The envelope's module is not imported.
    :raises AttributeError: The module has no attribute of the envelope's class name.
    :raises TypeError: The class has no callable ``from_json``.
    """
    if not _is_envelope(obj):
        return obj
    rebuilt = _rebuild(obj, _envelope_class(obj))
    if not _is_strict_mode():
        _notify_loose_codec_used()
    return rebuilt


def _type_name(expected_type: Any) -> str:
    """``module.Name`` of ``expected_type`` (as envelopes name classes), else its repr."""
    module = getattr(expected_type, "__module__", None)
    name = getattr(expected_type, "__name__", None)
    if isinstance(module, str) and isinstance(name, str):
        return f"{module}.{name}"
    return repr(expected_type)


def _is_compatible(value: Any, expected_type: Any) -> bool:
    """Whether ``isinstance(value, expected_type)``; true where ``isinstance`` cannot tell.

    Classes and unions of classes are checked; generic aliases (``list[int]``), ``Any``,
    type variables and other non-classes are not, and count as compatible.
    """
    try:
        return isinstance(value, expected_type)
    except TypeError:
        return True


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


def _loads_strict_no_type(s: str | bytes | bytearray) -> Any:
    """Parse ``s`` without rebuilding envelopes: strict mode's :func:`df_loads` without a type.

    :raises TypeError: The top-level value is an envelope (its type must be named).
    """
    value = json.loads(s)
    if _is_envelope(value):
        raise TypeError(
            "df_loads: strict mode requires expected_type to deserialize custom-object "
            f"payloads, but none was provided. Payload declares "
            f"{value['__module__']}.{value['__class__']}."
        )
    return value


def _loads_with_expected_type(s: str | bytes | bytearray, expected_type: Any) -> Any:
    """:func:`df_loads` with ``expected_type``: parse ``s`` and check the value's type.

    A top-level envelope must name ``expected_type`` (same ``__module__`` and
    ``__name__``); another value must be an instance of it (see :func:`_is_compatible`).
    A mismatch is logged as a warning, in strict mode raised as :class:`TypeError`. Strict
    mode then rebuilds a top-level envelope with ``expected_type.from_json`` and nothing
    else; loose mode rebuilds every envelope, as :func:`_deserialize_custom_object` does.

    :raises TypeError: In strict mode, a mismatch, or ``expected_type`` has no callable
        ``to_json`` and ``from_json``.
    """
    strict = _is_strict_mode()
    value = json.loads(s)
    if _is_envelope(value):
        expected = _type_name(expected_type)
        declared = f"{value['__module__']}.{value['__class__']}"
        if (value["__module__"], value["__class__"]) != (
            getattr(expected_type, "__module__", None),
            getattr(expected_type, "__name__", None),
        ):
            _mismatch(
                f"df_loads: payload declares class {declared} but expected {expected}",
                strict=strict,
            )
        elif strict:
            if not _has_json_protocol(expected_type):
                raise TypeError(f"df_loads: expected_type {expected} does not expose from_json")
            return expected_type.from_json(value["__data__"])
    elif not _is_compatible(value, expected_type):
        _mismatch(
            f"df_loads: deserialized value ({type(value).__name__}) is not compatible with "
            f"expected type {expected_type}",
            strict=strict,
        )
    if strict or not isinstance(value, (dict, list)):
        return value
    return json.loads(s, object_hook=_deserialize_custom_object)  # rebuilds envelopes


def df_loads(s: str, expected_type: type | None = None) -> Any:
    """Parse JSON text written by :func:`df_dumps`, rebuilding enveloped objects.

    :param s: The JSON text.
    :param expected_type: The type the caller expects; checked against the payload (see
        :func:`_loads_with_expected_type`). Without it a one-time
        :class:`DeprecationWarning` is emitted.
    :raises ValueError: The text is not JSON, or an envelope names a module that is
        not imported.
    :raises AttributeError: An envelope names a class its module does not have.
    :raises TypeError: An envelope's class has no ``from_json``; in strict mode also
        an envelope without ``expected_type`` or a value of another type.
    """
    if expected_type is not None:
        return _loads_with_expected_type(s, expected_type)
    _notify_no_expected_type()
    if _is_strict_mode():
        return _loads_strict_no_type(s)
    return json.loads(s, object_hook=_deserialize_custom_object)
