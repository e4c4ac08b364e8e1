"""Case-insensitive, multi-valued HTTP headers for requests and responses.

azfunc's own classes, so building a response never imports werkzeug; werkzeug is
imported only when a header is added with ``**options``. Re-exported by
:mod:`azfunc._http`, where the reference defines them.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, cast, overload

from typing_extensions import Self

__all__ = ["BaseHeaders", "HeaderSource", "HttpRequestHeaders", "HttpResponseHeaders"]

_T = TypeVar("_T")
_D = TypeVar("_D")


class _Missing:
    """Marks an argument the caller did not pass."""


_MISSING = _Missing()

HeaderSource = Mapping[str, object] | Iterable[tuple[str, object]]
"""What header constructors, :meth:`HttpResponseHeaders.extend` and ``update`` accept."""


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(
            f"Header name {name!r} has type {type(name).__name__}; header names must be str. "
            f"Pass the name as a string, e.g. 'Content-Type'."
        )
    return name


def _header_value(name: str, value: object) -> str:
    text = value if isinstance(value, str) else str(value)
    if "\n" in text or "\r" in text:
        raise ValueError(
            f"Header {name!r} has the value {text!r}, which contains a newline; a header value "
            f"must be a single line. Remove the CR and LF characters from the value."
        )
    return text


def _with_options(value: object, options: Mapping[str, object]) -> str:
    from werkzeug.http import dump_options_header

    return dump_options_header(
        str(value),
        {key.replace("_", "-"): None if v is None else str(v) for key, v in options.items()},
    )


def _source_pairs(source: HeaderSource) -> Iterable[tuple[str, object]]:
    """The ``(name, value)`` pairs of a mapping or an iterable of pairs."""
    if type(source) is list or type(source) is tuple:
        return source
    if type(source) is dict or isinstance(source, Mapping):
        # A mapping's keys are names (pyright would narrow to Mapping[tuple, ...]).
        mapping: Mapping[str, object] = source
        return mapping.items()
    return source


class BaseHeaders(Mapping[str, str]):
    """A read-only mapping of header names to values that ignores the case of names.

    Names are stored lower-cased; lookups, ``in`` and ``get`` lower-case the name
    they are given, and iteration yields the lower-cased names.

    :param source: The headers; of names differing only in case, the last one wins.
    :raises TypeError: A header name is not a ``str``.
    """

    def __init__(self, source: Mapping[str, str] | None = None) -> None:
        headers: dict[str, str] = {}
        if source:
            for name, value in source.items():
                if type(name) is not str:
                    _check_name(name)  # raises unless a str subclass
                headers[name.lower()] = value
        self._headers = headers

    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._headers[key.lower()]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._headers

    @overload
    def get(self, key: str, /) -> str | None: ...
    @overload
    def get(self, key: str, /, default: str | _D) -> str | _D: ...
    def get(self, key: str, /, default: object = None) -> object:
        """Return the value of ``key`` (in any case), or ``default`` when there is none."""
        if isinstance(key, str):
            return self._headers.get(key.lower(), default)
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self._headers)

    def __len__(self) -> int:
        return len(self._headers)

    # The dict's own views: read-only, and without a lookup per header.
    def keys(self) -> KeysView[str]:
        """The lower-cased header names."""
        return self._headers.keys()

    def values(self) -> ValuesView[str]:
        """The header values."""
        return self._headers.values()

    def items(self) -> ItemsView[str, str]:
        """The ``(lower-cased name, value)`` pairs."""
        return self._headers.items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._headers!r})"


class HttpRequestHeaders(BaseHeaders):
    """The headers of an :class:`HttpRequest`: read-only and case-insensitive."""


class HttpResponseHeaders:
    """The headers of an :class:`HttpResponse`: case-insensitive, ordered, multi-valued.

    Offers the methods of werkzeug's ``Headers`` that responses use, without
    importing werkzeug: ``headers[name]`` and :meth:`get` return the first value,
    :meth:`add` appends (so repeated ``Set-Cookie`` headers are kept), :meth:`set`
    and ``headers[name] = value`` replace every value, :meth:`get_all` returns all
    values. Iterating yields ``(name, value)`` pairs, names as they were given.
    Values that are not ``str`` are converted with :func:`str`.

    :param defaults: Initial headers, a mapping or an iterable of ``(name, value)`` pairs.
    :raises TypeError: A header name is not a ``str``.
    :raises ValueError: A header value contains a newline.
    """

    __slots__ = ("_list",)

    def __init__(self, defaults: HeaderSource | None = None) -> None:
        pairs: list[tuple[str, str]] = []
        self._list = pairs
        if not defaults:
            return
        for name, value in _source_pairs(defaults):
            if type(name) is not str:
                _check_name(name)  # raises unless a str subclass
            text = value if type(value) is str else str(value)
            if "\n" in text or "\r" in text:
                _header_value(name, text)  # raises
            pairs.append((name, text))

    @classmethod
    def _of(cls, pairs: list[tuple[str, str]]) -> Self:
        new = cls()
        new._list = pairs
        return new

    @staticmethod
    def _pair(name: object, value: object, options: Mapping[str, object]) -> tuple[str, str]:
        checked = _check_name(name)
        if options:
            value = _with_options(value, options)
        return checked, _header_value(checked, value)

    # -- reading -------------------------------------------------------------------------

    @overload
    def __getitem__(self, key: str) -> str: ...
    @overload
    def __getitem__(self, key: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, key: slice) -> Self: ...
    def __getitem__(self, key: str | int | slice) -> str | tuple[str, str] | Self:
        """Return the first value of a name, the pair at an index, or a slice as headers.

        :raises KeyError: No header has the name.
        """
        if isinstance(key, str):
            lowered = key.lower()
            for name, value in self._list:
                if name.lower() == lowered:
                    return value
            raise KeyError(key)
        if isinstance(key, slice):
            return self._of(self._list[key])
        return self._list[key]

    @overload
    def get(self, key: str) -> str | None: ...
    @overload
    def get(self, key: str, default: str) -> str: ...
    @overload
    def get(self, key: str, default: _D) -> str | _D: ...
    @overload
    def get(self, key: str, default: _D, type: Callable[[str], _T]) -> _T | _D: ...
    @overload
    def get(self, key: str, *, type: Callable[[str], _T]) -> _T | None: ...
    def get(
        self, key: str, default: object = None, type: Callable[[str], object] | None = None
    ) -> object:
        """Return the first value of ``key``, or ``default`` when there is none.

        :param key: The header name, in any case.
        :param default: Returned when the header is missing or ``type`` rejects it.
        :param type: A callable converting the value, e.g. :class:`int`; a
            :class:`ValueError` it raises makes :meth:`get` return ``default``.
        """
        if not isinstance(key, str):
            return default
        lowered = key.lower()
        for name, found in self._list:
            if name.lower() == lowered:
                value = found
                break
        else:
            return default
        if type is None:
            return value
        try:
            return type(value)
        except ValueError:
            return default

    @overload
    def getlist(self, key: str) -> list[str]: ...
    @overload
    def getlist(self, key: str, type: Callable[[str], _T]) -> list[_T]: ...
    def getlist(self, key: str, type: Callable[[str], object] | None = None) -> list[Any]:
        """Return every value of ``key`` in order; ``[]`` when there is none.

        :param type: A callable converting each value; values it rejects with a
            :class:`ValueError` are left out.
        """
        if not isinstance(key, str):
            return []
        lowered = key.lower()
        values: list[Any] = []
        for name, value in self._list:
            if name.lower() != lowered:
                continue
            if type is None:
                values.append(value)
                continue
            try:
                values.append(type(value))
            except ValueError:
                continue
        return values

    def get_all(self, name: str) -> list[str]:
        """Return every value of ``name`` in order, e.g. each ``Set-Cookie``; ``[]`` if none."""
        return self.getlist(name)

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        lowered = key.lower()
        return any(name.lower() == lowered for name, _ in self._list)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(list(self._list))

    def __len__(self) -> int:
        return len(self._list)

    def keys(self, lower: bool = False) -> Iterator[str]:
        """Yield each header's name, once per value; lower-cased when ``lower`` is true."""
        for name, _ in self.items(lower):
            yield name

    def values(self) -> Iterator[str]:
        """Yield each header's value."""
        for _, value in self.items():
            yield value

    def items(self, lower: bool = False) -> Iterator[tuple[str, str]]:
        """Yield ``(name, value)`` pairs in order; names lower-cased when ``lower`` is true."""
        for name, value in list(self._list):
            yield (name.lower() if lower else name), value

    def to_wsgi_list(self) -> list[tuple[str, str]]:
        """Return the headers as a list of ``(name, value)`` pairs, as WSGI expects."""
        return list(self._list)

    # -- writing -------------------------------------------------------------------------

    def add(self, key: str, value: object, **options: object) -> None:
        """Append a header, keeping any earlier header of the same name.

        :param key: The header name.
        :param value: The value; converted with :func:`str` when not a ``str``.
        :param options: Parameters appended as ``; name=value`` (quoted when
            needed; ``_`` in a name becomes ``-``), e.g. ``filename="a.txt"``.
        :raises TypeError: ``key`` is not a ``str``.
        :raises ValueError: The value contains a newline.
        """
        self._list.append(self._pair(key, value, options))

    def add_header(self, key: str, value: object, **options: object) -> None:
        """Do the same as :meth:`add`."""
        self.add(key, value, **options)

    def set(self, key: str, value: object, **options: object) -> None:
        """Replace every header of this name with one, kept at the first one's position.

        Appends the header when there is none of that name yet. Arguments as for :meth:`add`.
        """
        pair = self._pair(key, value, options)
        lowered = pair[0].lower()
        for index, (name, _) in enumerate(self._list):
            if name.lower() == lowered:
                rest = [item for item in self._list[index + 1 :] if item[0].lower() != lowered]
                self._list[index:] = [pair, *rest]
                return
        self._list.append(pair)

    def setlist(self, key: str, values: Iterable[object]) -> None:
        """Replace every header of this name with one header per value (none: remove it)."""
        new_values = list(values)
        if not new_values:
            self.remove(key)
            return
        self.set(key, new_values[0])
        for value in new_values[1:]:
            self.add(key, value)

    def setdefault(self, key: str, default: object) -> str:
        """Return the first value of ``key``, adding ``default`` first when there is none."""
        if key not in self:
            self.set(key, default)
        return self[key]

    def setlistdefault(self, key: str, default: Iterable[object]) -> list[str]:
        """Return every value of ``key``, first setting ``default`` when there is none."""
        if key not in self:
            self.setlist(key, default)
        return self.getlist(key)

    def extend(self, arg: HeaderSource | None = None, /, **kwargs: object) -> None:
        """Add headers, keeping existing ones.

        A list, tuple or set value in a mapping adds one header per item.
        """
        for name, value in self._multi_items(arg, kwargs):
            self.add(name, value)

    def update(self, arg: HeaderSource | None = None, /, **kwargs: object) -> None:
        """Replace headers by name, like :meth:`set` for each.

        A list or tuple value in a mapping sets several values (:meth:`setlist`).
        Of repeated names in an iterable of pairs, the last pair wins.
        """
        if arg is not None:
            if isinstance(arg, Mapping):
                self._update_mapping(cast("Mapping[str, object]", arg))
            else:
                for name, value in arg:
                    self.set(name, value)
        self._update_mapping(kwargs)

    def _update_mapping(self, mapping: Mapping[str, object]) -> None:
        for name, value in mapping.items():
            if isinstance(value, list | tuple):
                self.setlist(name, value)
            else:
                self.set(name, value)

    @staticmethod
    def _multi_items(
        arg: HeaderSource | None, kwargs: Mapping[str, object]
    ) -> Iterator[tuple[str, object]]:
        sources: list[HeaderSource] = [] if arg is None else [arg]
        sources.append(kwargs)
        for source in sources:
            for name, value in _source_pairs(source):
                if isinstance(source, Mapping) and isinstance(value, list | tuple | set):
                    for item in value:
                        yield name, item
                else:
                    yield name, value

    def remove(self, key: str) -> None:
        """Remove every header of this name; do nothing when there is none.

        :raises TypeError: ``key`` is not a ``str``.
        """
        lowered = _check_name(key).lower()
        self._list = [item for item in self._list if item[0].lower() != lowered]

    @overload
    def __setitem__(self, key: str, value: object) -> None: ...
    @overload
    def __setitem__(self, key: int, value: tuple[str, object]) -> None: ...
    @overload
    def __setitem__(self, key: slice, value: Iterable[tuple[str, object]]) -> None: ...
    def __setitem__(self, key: str | int | slice, value: Any) -> None:
        """Set a header by name (as :meth:`set`), or replace the pair(s) at an index or slice."""
        if isinstance(key, str):
            self.set(key, value)
        elif isinstance(key, slice):
            self._list[key] = [self._pair(name, item, {}) for name, item in value]
        else:
            name, item = value
            self._list[key] = self._pair(name, item, {})

    def __delitem__(self, key: str | int | slice) -> None:
        """Remove every header of a name (no error when missing), or the pair(s) at an index."""
        if isinstance(key, str):
            self.remove(key)
        else:
            del self._list[key]

    @overload
    def pop(self) -> tuple[str, str]: ...
    @overload
    def pop(self, key: int) -> tuple[str, str]: ...
    @overload
    def pop(self, key: str) -> str: ...
    @overload
    def pop(self, key: str, default: _D) -> str | _D: ...
    def pop(self, key: str | int | None = None, default: object = _MISSING) -> object:
        """Remove and return a header.

        With no key: the last ``(name, value)`` pair; with an int: the pair at that
        index; with a name: its first value, after removing every header of that name.

        :raises KeyError: No header has the name and no ``default`` was given.
        """
        if key is None:
            return self._list.pop()
        if isinstance(key, int):
            return self._list.pop(key)
        if key not in self:
            if default is _MISSING:
                raise KeyError(key)
            return default
        value = self[key]
        self.remove(key)
        return value

    def popitem(self) -> tuple[str, str]:
        """Remove and return the last ``(name, value)`` pair."""
        return self._list.pop()

    def clear(self) -> None:
        """Remove every header."""
        self._list.clear()

    def copy(self) -> Self:
        """Return a shallow copy."""
        return self._of(list(self._list))

    def __copy__(self) -> Self:
        return self.copy()

    def __or__(self, other: object) -> Self:
        """``headers | mapping``: a copy updated with ``mapping``, as werkzeug's ``Headers``."""
        if not isinstance(other, Mapping):
            return NotImplemented
        result = self.copy()
        result.update(cast("Mapping[str, object]", other))
        return result

    def __ior__(self, other: object) -> Self:
        """``headers |= source``: :meth:`update` with a mapping or pairs, as werkzeug's."""
        if not isinstance(other, Mapping | Iterable) or isinstance(other, str | bytes):
            return NotImplemented
        self.update(cast("HeaderSource", other))
        return self

    # -- comparing and printing ----------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HttpResponseHeaders):
            return NotImplemented
        return sorted(other.items(lower=True)) == sorted(self.items(lower=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._list!r})"

    def __str__(self) -> str:
        lines = [f"{name}: {value}\r\n" for name, value in self._list]
        return "".join(lines) + "\r\n"
