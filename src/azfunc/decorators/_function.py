"""One function as the host indexes it: :class:`Function`.

A leaf of the decorators: it imports only ``decorators.core``, ``decorators.constants``,
``decorators.utils``, the ``function_name`` setting (itself built only on ``core``) and the
standard library, so the runner, the checks and the host can read functions without the
registration mechanism of ``decorators/_builder.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from azfunc.decorators.constants import HTTP_TRIGGER
from azfunc.decorators.core import Binding, Setting, Trigger
from azfunc.decorators.function_name import FUNCTION_NAME, FunctionName
from azfunc.decorators.utils import StringifyEnumJsonEncoder

if TYPE_CHECKING:
    from azfunc.decorators._builder import DecoratorApi

__all__ = ["Function"]


# What json.dumps(obj, cls=StringifyEnumJsonEncoder) would create on every call.
_JSON = StringifyEnumJsonEncoder()


def _is_http_trigger(trigger: Binding) -> bool:
    return trigger.type == HTTP_TRIGGER


class Function:
    """One function as the host indexes it: the user function, its bindings and settings.

    :param func: The user function; it must have a ``__name__``.
    :param script_file: The file the host loads (``function_app.py``).
    :raises AttributeError: ``func`` has no ``__name__`` (a ``functools.partial``).
    """

    # Defaults shared by every instance until one is set on it, so that the copy each
    # build() makes copies only what a function set. The containers are replaced, never
    # changed in place, when a binding, setting or middleware is added: a built copy
    # shares them with its builder and stays a snapshot.
    _trigger: Trigger | None = None
    http_type = "function"
    _is_http_function = False
    # Middleware given with the with_middleware decorator, outermost first.
    _middleware: tuple[Callable[..., Any], ...] = ()
    # Set on the copies get_functions() returns: the app's and blueprint's middleware,
    # and the app that hosts the function.
    _scope_middleware: tuple[Callable[..., Any], ...] = ()
    _app: DecoratorApi | None = None

    def __init__(self, func: Callable[..., Any], script_file: str) -> None:
        self._name: str = func.__name__
        self._func = func
        self._bindings: list[Binding] = []
        self._settings: list[Setting] = []
        self.function_script_file = script_file
        # Instance attributes from the start, so that get_functions() setting them on
        # an app's own function does not grow its attribute dict.
        self._app = None
        self._scope_middleware = ()
        self._is_http_function = False

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._func(*args, **kwargs)

    def __str__(self) -> str:
        return self.get_function_json()

    def add_binding(self, binding: Binding) -> None:
        """Append an input or output binding."""
        self._bindings = [*self._bindings, binding]

    def add_trigger(self, trigger: Trigger) -> None:
        """Set the trigger and append it to the bindings.

        :raises ValueError: the function already has a trigger.
        """
        if self._trigger is not None:
            raise ValueError(
                "A trigger was already registered to this function. Adding another trigger "
                "is not the correct behavior as a function can only have one trigger. "
                f"Existing registered trigger is {self._trigger.get_dict_repr()} and New "
                f"trigger being added is {trigger.get_dict_repr()}"
            )
        self._trigger = trigger
        self._bindings = [*self._bindings, trigger]

    def add_setting(self, setting: Setting) -> None:
        """Append a setting (retry policy, function name)."""
        self._settings = [*self._settings, setting]

    def set_http_type(self, http_type: str) -> None:
        """Set how the worker serves HTTP for this function (``function``, ``asgi``, ``wsgi``)."""
        self.http_type = http_type

    def is_http_function(self) -> bool:
        """Tell whether the function has an HTTP trigger."""
        return self._is_http_function or (
            self._trigger is not None and _is_http_trigger(self._trigger)
        )

    def get_trigger(self) -> Trigger | None:
        """Return the trigger, or ``None`` when none is set."""
        return self._trigger

    def get_bindings(self) -> list[Binding]:
        """Return all bindings, the trigger included, in the order they were applied."""
        return self._bindings

    def get_setting(self, setting_name: str) -> Setting | None:
        """Return the first setting called ``setting_name``, or ``None``."""
        return next((s for s in self._settings if s.setting_name == setting_name), None)

    def get_settings_dict(self, setting_name: str) -> dict[str, Any] | None:
        """Return the dict repr of the setting called ``setting_name``, or ``None``."""
        setting = self.get_setting(setting_name)
        return setting.get_dict_repr() if setting is not None else None

    def get_middleware(self) -> tuple[Callable[..., Any], ...]:
        """Return the middleware that runs around the function, outermost first: the
        app's, the blueprint's, then the function's own.

        .. versionadded:: 0.2.0
        """
        return (*self._scope_middleware, *self._middleware)

    def get_app(self) -> DecoratorApi | None:
        """Return the app that indexed this function (``None`` for a bare ``build()``).

        .. versionadded:: 0.2.0
        """
        return self._app

    def get_function_name(self) -> str:
        """Return the ``function_name`` setting if there is one, else the Python name."""
        for setting in self._settings:
            if setting.setting_name == FUNCTION_NAME:
                if type(setting) is FunctionName and type(setting.function_name) is str:
                    # What get_settings_value() reads, without building the whole dict.
                    return setting.function_name
                return str(setting.get_settings_value(FUNCTION_NAME))
        return self._name

    def get_raw_bindings(self) -> list[str]:
        """Return each binding as the JSON string the host binds with."""
        return [_JSON.encode(b.get_dict_repr()) for b in self._bindings]

    def get_bindings_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Return ``{"bindings": [dict repr, ...]}``, enum members kept."""
        return {"bindings": [b.get_dict_repr() for b in self._bindings]}

    def get_dict_repr(self) -> dict[str, Any]:
        """Return ``{"scriptFile": ..., "bindings": [...]}``, the function.json content."""
        return {"scriptFile": self.function_script_file, **self.get_bindings_dict()}

    def get_user_function(self) -> Callable[..., Any]:
        """Return the function the worker calls."""
        return self._func

    def with_user_function(self, func: Callable[..., Any]) -> Function:
        """Return a copy of this function whose :meth:`get_user_function` returns ``func``
        (a callable that wraps the user function); this function is unchanged.

        .. versionadded:: 0.2.0
        """
        cls = type(self)
        copy: Function = cls.__new__(cls)
        copy.__dict__.update(self.__dict__)
        copy._func = func
        return copy

    def get_function_json(self) -> str:
        """Return the function.json content as JSON, enums written by name.

        :raises ValueError: an extra field name is neither a word nor snake_case.
        :raises TypeError: a field value is not JSON serialisable.
        """
        return _JSON.encode(self.get_dict_repr())
