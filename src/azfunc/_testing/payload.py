"""What the host sends for one binding, and the typed-data helpers the builders share.

A :class:`Payload` holds the binding's :class:`~azfunc.meta.Datum` and the trigger
metadata, exactly as the worker receives them; :meth:`Payload.decode` runs the real
converter. The helpers below write values the way the host's RPC layer types them:
text as ``string``, whole numbers as ``int``, ``DateTime``/``TimeSpan``/objects as
``json``, arrays of text or numbers as collections.

.. versionadded:: azfunc 0.1
"""

from __future__ import annotations

import base64
import builtins
import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, ParamSpec, TypeVar, cast

import attrs

from azfunc._datum import (
    body_datum,
    int_datum,
    json_datum,
    metadata,
    string_datum,
    time_datum,
    time_text,
)
from azfunc.decorators.core import Trigger
from azfunc.meta import Datum, get_binding_registry

__all__ = [
    "DEFAULT_TIME",
    "CollectionValue",
    "Payload",
    "b64",
    "bodies_datum",
    "body_datum",
    "column",
    "decoded",
    "int_datum",
    "json_datum",
    "metadata",
    "string_datum",
    "time_datum",
    "time_text",
    "timespan_datum",
    "timespan_text",
]

T = TypeVar("T")
P = ParamSpec("P")

#: The time the builders use when none is given: 2024-01-01 00:00:00 UTC, so that
#: built objects are the same on every run.
DEFAULT_TIME = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


@attrs.frozen
class CollectionValue:
    """The value of a ``collection_*`` datum: the host's protobuf message with one list
    per item type (the converters read ``.bytes``, ``.string``, ``.sint64``, ``.double``).

    Attributes:
        bytes: Items of a ``collection_bytes`` datum.
        string: Items of a ``collection_string`` datum.
        sint64: Items of a ``collection_sint64`` datum.
        double: Items of a ``collection_double`` datum.
    """

    bytes: tuple[builtins.bytes, ...] = ()
    string: tuple[str, ...] = ()
    sint64: tuple[int, ...] = ()
    double: tuple[float, ...] = ()


@attrs.frozen(kw_only=True)
class Payload(Generic[T]):
    """One binding's data as the Functions host sends it to the worker.

    Pass it to :meth:`azfunc.testing.Client.invoke` (as the trigger's ``input`` or as
    another binding's value), or call :meth:`decode` to get what the function's
    parameter receives.

    Attributes:
        binding: The binding type whose converter decodes it (``"queueTrigger"``, …).
        data: The binding's datum.
        trigger_metadata: The trigger metadata; empty for input bindings.
    """

    binding: str
    data: Datum
    trigger_metadata: Mapping[str, Datum] = attrs.field(factory=dict)

    def decode(self) -> T:
        """Decode :attr:`data` through the converter registered for :attr:`binding`,
        as the worker does for a parameter annotated with the converter's type.

        A binding without a converter (``sqlTrigger``, Dapr, …) is generic: JSON stays
        text, other datums give their Python value.

        :raises ValueError: The converter rejects the datum.
        :raises NotImplementedError: The converter does not support the datum's type.
        """
        converter = get_binding_registry().get(self.binding)
        if converter is None or not hasattr(converter, "decode"):
            value = self.data.value if self.data.type == "json" else self.data.python_value
            return cast(T, value)
        # The worker passes trigger metadata to the trigger's converter only.
        metadata = dict(self.trigger_metadata) if _is_trigger_type(self.binding) else None
        return cast(T, converter.decode(self.data, trigger_metadata=metadata))


def _is_trigger_type(binding_type: str) -> bool:
    """Tell whether a trigger class (a subclass of :class:`~azfunc.decorators.core.Trigger`,
    the app's own included) has the binding type ``binding_type``."""
    pending = Trigger.__subclasses__()
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.get_binding_name() == binding_type:
            return True
    return False


def decoded(
    builder: Callable[P, Payload[T]], returns: str, *, name: str | None = None, note: str = ""
) -> Callable[P, T]:
    """Make the user-facing twin of a ``*_payload`` builder: same parameters, returns
    the decoded value. ``inspect.signature`` shows the builder's parameters.

    :param returns: What the twin returns, for its docstring ("the :class:`…` a … delivers").
    :param name: The twin's name; the builder's without ``_payload`` by default.
    :param note: Text appended to the docstring's "Takes the arguments of …" sentence.
    """

    @functools.wraps(builder)
    def build(*args: P.args, **kwargs: P.kwargs) -> T:
        return builder(*args, **kwargs).decode()

    build.__name__ = build.__qualname__ = name or builder.__name__.removesuffix("_payload")
    build.__doc__ = (
        f"Return {returns}.\n\nTakes the arguments of :func:`{builder.__name__}`{note}.\n"
    )
    return build












def timespan_text(value: datetime.timedelta) -> str:
    """Duration text that azure-functions 1.26.0 reads: ``hh:mm:ss`` under a day, else
    whole seconds (it rejects the .NET form ``d.hh:mm:ss`` and fractions of a second).

    :raises ValueError: ``value`` has a fraction of a second.
    """
    if value.microseconds:
        raise ValueError(
            f"cannot write the duration {value!r} for a trigger payload: it has a fraction "
            "of a second, which azure-functions does not read; round it to whole seconds"
        )
    if datetime.timedelta(0) <= value < datetime.timedelta(days=1):
        hours, rest = divmod(value.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    return str(value.days * 86400 + value.seconds)


def timespan_datum(value: datetime.timedelta) -> Datum:
    """A ``json`` datum of a duration, as :func:`timespan_text` writes it."""
    return json_datum(timespan_text(value))


def b64(value: str | bytes) -> str:
    """Base64 text of ``value`` (``str`` is encoded as UTF-8 first)."""
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return base64.b64encode(raw).decode("ascii")




def bodies_datum(bodies: Iterable[str | bytes | bytearray]) -> Datum:
    """The bodies of a batch: ``collection_string`` when all are ``str``, else
    ``collection_bytes`` (``str`` items encoded as UTF-8)."""
    items = list(bodies)
    if all(isinstance(item, str) for item in items):
        return Datum(CollectionValue(string=tuple(cast(list[str], items))), "collection_string")
    encoded = tuple(
        item.encode("utf-8") if isinstance(item, str) else builtins.bytes(item) for item in items
    )
    return Datum(CollectionValue(bytes=encoded), "collection_bytes")


def column(values: Iterable[Any]) -> Datum:
    """An ``…Array`` metadata entry of a batch: ``collection_string`` when every item is
    ``str``, ``collection_sint64`` when every item is an ``int``, else ``json``."""
    items = list(values)
    if items and all(isinstance(item, str) for item in items):
        return Datum(CollectionValue(string=tuple(items)), "collection_string")
    if items and all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        return Datum(CollectionValue(sint64=tuple(items)), "collection_sint64")
    return json_datum(items)

