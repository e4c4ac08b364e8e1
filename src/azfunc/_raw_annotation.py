"""The annotation check of the triggers that hand over their raw payload (connector, MCP)."""

from __future__ import annotations

from typing import Any

__all__ = ["check_raw_payload_annotation"]


def check_raw_payload_annotation(converter: type, pytype: Any, accepted: tuple[type, ...]) -> bool:
    """Tell whether ``pytype`` is a subclass of one of ``accepted``.

    :param converter: The converter asking, named in the error.
    :raises TypeError: ``pytype`` is not a class (``Optional[str]``, ``None``, a string),
        as in the reference, whose text the message starts with.
    """
    try:
        return issubclass(pytype, accepted)
    except TypeError:
        names = ", ".join(t.__name__ for t in accepted)
        raise TypeError(
            f"issubclass() arg 1 must be a class: {converter.__name__} cannot check the "
            f"trigger parameter's annotation {pytype!r}, which is not a class. Annotate the "
            f"parameter with one of {names}."
        ) from None
