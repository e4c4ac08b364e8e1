"""Helpers behind the binding classes: enum parsing, camelCase keys, the dict builder.

The function metadata of a binding is built from the names of its ``__init__``
parameters; :class:`BuildDictMeta` records them when the binding is created and
turns them into camelCase keys when :meth:`get_dict_repr` is called.
"""

from __future__ import annotations

import functools
import inspect
import json
import re
from abc import ABCMeta
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, TypeVar, overload

__all__ = [
    "SNAKE_CASE_RE",
    "WORD_RE",
    "ABCBuildDictMeta",
    "BuildDictMeta",
    "StringifyEnum",
    "StringifyEnumJsonEncoder",
    "is_snake_case",
    "is_word",
    "parse_iterable_param_to_enums",
    "parse_singular_param_to_enum",
    "to_camel_case",
]

SNAKE_CASE_RE = re.compile(r"^([a-zA-Z]+\d*_|_+[a-zA-Z\d])\w*$")
WORD_RE = re.compile(r"^([a-zA-Z]+\d*)$")

E = TypeVar("E", bound=Enum)
T = TypeVar("T")  # the reference's name in this module


class StringifyEnum(Enum):
    """An enum whose ``str()`` and JSON form is the member *name* (``"FUNCTION"``)."""

    def __str__(self) -> str:
        return str(self.name)


class StringifyEnumJsonEncoder(json.JSONEncoder):
    """JSON encoder that writes :class:`StringifyEnum` members as their names."""

    def default(self, o: Any) -> Any:
        if isinstance(o, StringifyEnum):
            return str(o)
        return super().default(o)


def is_snake_case(s: str) -> bool:
    """Tell whether ``s`` is snake_case with ``_`` as separator (``queue_name``)."""
    return SNAKE_CASE_RE.match(s) is not None


def is_word(s: str) -> bool:
    """Tell whether ``s`` is one word, optionally followed by digits (``path``, ``v2``)."""
    return WORD_RE.match(s) is not None


# Parameter names are few (the binding classes' and their extra keywords), and every
# get_dict_repr() converts all of them: valid names are converted once. Bounded, so a
# program that invents names at run time does not grow it without limit.
_CAMEL_CACHE_SIZE = 4096
_camel_cache: dict[str, str] = {}


def to_camel_case(s: str) -> str:
    """Turn a snake_case parameter name into its function.json key (``queue_name`` → ``queueName``).

    :param s: A word or a snake_case name.
    :raises ValueError: ``s`` is empty, or neither a word nor snake_case (``bad-key``).
    """
    if type(s) is str:
        camel = _camel_cache.get(s)
        if camel is not None:
            return camel
    if not s:
        raise ValueError(f"Please ensure arg name {s} is not empty!")
    if not is_snake_case(s) and not is_word(s):
        raise ValueError(
            f"Please ensure {s} is a word or snake case string with underscore as separator."
        )
    first, *rest = s.split("_")
    camel = first + "".join(part.title() for part in rest)
    if type(s) is str and len(_camel_cache) < _CAMEL_CACHE_SIZE:
        _camel_cache[s] = camel
    return camel


def parse_singular_param_to_enum(param: E | str | None, class_name: type[E]) -> E | None:
    """Turn a member name (any case) into the member of ``class_name``.

    Members and other non-string values are returned unchanged; ``None`` stays ``None``.

    :raises KeyError: ``param`` is a string that names no member; the message lists the names.
    """
    if isinstance(param, str):
        try:
            return class_name[param.upper()]
        except KeyError:
            raise KeyError(
                f"Can not parse str '{param}' to {class_name.__name__}. "
                f"Allowed values are {[member.name for member in class_name]}"
            ) from None
    return param


def parse_iterable_param_to_enums(
    param_values: Iterable[E | str] | None, class_name: type[E]
) -> list[E] | None:
    """Turn each member name (any case) of ``param_values`` into the member of ``class_name``.

    :raises KeyError: an item is a string that names no member; the message lists the names.
    """
    if param_values is None:
        return None
    values = list(param_values)
    try:
        return [class_name[v.upper()] if isinstance(v, str) else v for v in values]
    except KeyError:
        raise KeyError(
            f"Can not parse '{values}' to Optional[Iterable[{class_name.__name__}]]. "
            f"Please ensure param all list elements exist in "
            f"{[member.name for member in class_name]}"
        ) from None


def _clean_nones(value: Any) -> Any:
    """Return a copy of ``value`` without ``None`` dict values or list items, recursively."""
    if isinstance(value, dict):
        return {
            k: _clean_nones(v) if isinstance(v, (dict, list)) else v
            for k, v in value.items()
            if v is not None
        }
    if isinstance(value, list):
        return [
            _clean_nones(v) if isinstance(v, (dict, list)) else v for v in value if v is not None
        ]
    return value


_init_param_cache: dict[type, tuple[str, ...]] = {}


def _init_param_names(cls: type) -> tuple[str, ...]:
    names = _init_param_cache.get(cls)
    if names is None:
        names = tuple(inspect.signature(cls.__init__).parameters)  # type: ignore[misc]
        _init_param_cache[cls] = names
    return names


def _wrap_get_dict_repr(get_dict_repr: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def built_get_dict_repr(self: Any) -> Any:
        self._fill_dict()
        return _clean_nones(get_dict_repr(self))

    built_get_dict_repr.__name__ = get_dict_repr.__name__
    built_get_dict_repr.__qualname__ = get_dict_repr.__qualname__
    built_get_dict_repr.__doc__ = get_dict_repr.__doc__
    built_get_dict_repr.__wrapped__ = get_dict_repr  # type: ignore[attr-defined]
    return built_get_dict_repr


class BuildDictMeta(type):
    """Metaclass of bindings and settings: records constructor arguments for the dict repr.

    When an instance is created, ``init_params`` becomes the ``__init__`` parameter
    names followed by every keyword the caller passed; keywords that the class did not
    store are set as attributes. Each ``get_dict_repr`` defined in a class body first
    fills ``_dict`` from ``init_params`` (via ``_fill_dict``) and returns a copy without
    ``None`` values. Unlike the reference, ``__init__`` keeps its real signature.
    """

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> BuildDictMeta:
        if "get_dict_repr" in namespace:
            namespace["get_dict_repr"] = _wrap_get_dict_repr(namespace["get_dict_repr"])
        return super().__new__(mcs, name, bases, namespace, **kwargs)

    @property
    def __signature__(cls) -> inspect.Signature:
        """The signature of ``__init__`` without ``self``, so tools and IDEs show the fields."""
        signature = inspect.signature(cls.__init__)  # type: ignore[misc]
        return signature.replace(parameters=list(signature.parameters.values())[1:])

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        instance = super().__call__(*args, **kwargs)
        _record_arguments(instance, _init_param_names(cls), kwargs)
        return instance

    # The reference's helpers, kept for code that calls them (metaclasses of other SDKs).

    #: Return a copy of a value without ``None`` dict values or list items, recursively.
    clean_nones = staticmethod(_clean_nones)

    @staticmethod
    def skip_none(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Wrap ``get_dict_repr`` so that its result goes through :meth:`clean_nones`."""

        @functools.wraps(func)
        def wrapper(self: Any) -> Any:
            return _clean_nones(func(self))

        return wrapper

    @staticmethod
    def add_to_dict(func: Callable[..., Any]) -> Callable[..., None]:
        """Wrap an ``__init__`` to record its arguments as :meth:`__call__` does: keywords
        the instance lacks become attributes, and ``init_params`` lists the parameter
        names of ``func`` followed by the keywords passed."""

        @functools.wraps(func)
        def wrapper(self: Any, *args: Any, **kwargs: Any) -> None:
            func(self, *args, **kwargs)
            _record_arguments(self, tuple(inspect.signature(func).parameters), kwargs)

        return wrapper


def _record_arguments(instance: Any, names: tuple[str, ...], kwargs: dict[str, Any]) -> None:
    for key, value in kwargs.items():
        if not hasattr(instance, key):
            setattr(instance, key, value)
    if isinstance(getattr(type(instance), "init_params", None), InitParams):
        # One shared tuple per (class, keywords): bindings of a kind share it.
        params = (*names, *kwargs)
        instance._init_params = _interned_params.setdefault(params, params)
    else:
        instance.init_params = [*names, *kwargs]


#: The ``init_params`` tuples in use, each kept once (a few per binding class).
_interned_params: dict[tuple[str, ...], tuple[str, ...]] = {}


def init_param_names(instance: Any) -> tuple[str, ...] | list[str]:
    """The ``init_params`` of a binding or setting, without building the list."""
    state = instance.__dict__
    params = state.get("init_params")
    if params is None:
        params = state.get("_init_params", ())
    return params  # type: ignore[no-any-return]


class InitParams:
    """``init_params``: the ``__init__`` parameter names, then the keywords passed.

    The names are stored as one tuple shared by the bindings created alike; reading
    ``init_params`` gives a list, the instance's own from then on (so changes to it stay),
    as in the reference, where each binding holds its list from the start.
    """

    @overload
    def __get__(self, instance: None, owner: type) -> InitParams: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> list[str]: ...
    def __get__(self, instance: object, owner: type | None = None) -> InitParams | list[str]:
        if instance is None:
            return self
        params = list(instance.__dict__.get("_init_params", ()))
        instance.__dict__["init_params"] = params
        return params


class ABCBuildDictMeta(ABCMeta, BuildDictMeta):
    """:class:`BuildDictMeta` for abstract base classes."""
