"""The registration mechanism: :class:`FunctionBuilder`, :class:`DecoratorApi`.

:class:`Function` lives in the leaf module ``decorators/_function.py`` and is re-exported here.

Every decorator method builds its binding or setting object eagerly and hands it to
one of ``_add_trigger``, ``_add_binding`` or ``_add_setting``, which all go through
:meth:`DecoratorApi._configure_function_builder`. Building is pure: defaults such as
the HTTP route and auth level are filled into copies, so :meth:`FunctionBuilder.build`
and ``get_functions()`` can be called any number of times with the same result.
"""

from __future__ import annotations

import inspect
from abc import ABC
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, Protocol, TypeVar

from azfunc.decorators._function import Function
from azfunc.decorators.constants import HTTP_TRIGGER
from azfunc.decorators.core import SCRIPT_FILE_NAME, AuthLevel, Binding, Setting, Trigger
from azfunc.decorators.function_name import FunctionName
from azfunc.decorators.utils import init_param_names, parse_singular_param_to_enum

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["DecoratorApi", "Function", "FunctionBuilder", "FunctionDecorator"]

P = ParamSpec("P")
R = TypeVar("R")
_P = ParamSpec("_P")
_R = TypeVar("_R")
_M = TypeVar("_M", bound=Callable[..., Any])
_H = TypeVar("_H", bound=Callable[[], Any])
_C = TypeVar("_C")


def _with_fields(binding: Binding, fields: dict[str, Any]) -> Binding:
    """Return a copy of ``binding`` with ``fields`` set and emitted; ``binding`` is unchanged."""
    cls = type(binding)
    filled: Binding = cls.__new__(cls)
    state = binding.__dict__.copy()
    if "_dict" in state:
        state["_dict"] = state["_dict"].copy()
    params = init_param_names(binding)
    missing = tuple(name for name in fields if name not in params)
    if missing:
        if "init_params" in state:  # read (so maybe changed) by someone: keep it a list
            state["init_params"] = [*params, *missing]
        else:
            state["_init_params"] = (*params, *missing)
    filled.__dict__ = state
    for key, value in fields.items():
        setattr(filled, key, value)
    return filled


class FunctionBuilder(Generic[P, R]):
    """What a decorated name is bound to: callable like the user function, and buildable.

    Calling it calls the user function, so unit tests can call decorated functions
    directly. It carries the user function's ``__name__``, ``__qualname__``, ``__doc__``,
    ``__module__`` and ``__wrapped__``, and is a coroutine function when the user
    function is one (for :func:`inspect.iscoroutinefunction` from Python 3.12 and
    :func:`asyncio.iscoroutinefunction` on 3.10 and 3.11).

    :param func: The user function.
    :param function_script_file: The file the host loads (``function_app.py``).
    """

    # Declared for type checkers: set per instance from the user function.
    __name__: str
    __qualname__: str
    __wrapped__: Callable[P, R]

    def __init__(self, func: Callable[P, R], function_script_file: str) -> None:
        self._function = Function(func, function_script_file)
        self._owner: DecoratorApi | None = None
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            if hasattr(func, attribute):
                setattr(self, attribute, getattr(func, attribute))
        self.__wrapped__ = func
        if inspect.iscoroutinefunction(func):
            _mark_coroutine_function(self)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        result: R = self._function(*args, **kwargs)
        return result

    def __repr__(self) -> str:
        return f"<FunctionBuilder {self._function.get_function_name()!r}>"

    @property
    def function(self) -> Function:
        """The :class:`Function` this builder builds (its triggers, bindings and settings).

        .. versionadded:: 0.2.0
        """
        return self._function

    @property
    def owner(self) -> DecoratorApi | None:
        """The app or blueprint whose decorators created this builder, or ``None``.

        .. versionadded:: 0.2.0
        """
        return self._owner

    def configure_http_type(self, http_type: str) -> FunctionBuilder[P, R]:
        """Set the function's HTTP type (``function``, ``asgi``, ``wsgi``)."""
        self._function.set_http_type(http_type)
        return self

    def add_trigger(self, trigger: Trigger) -> FunctionBuilder[P, R]:
        """Set the function's trigger.

        :raises ValueError: the function already has a trigger.
        """
        self._function.add_trigger(trigger=trigger)
        return self

    def add_binding(self, binding: Binding) -> FunctionBuilder[P, R]:
        """Add an input or output binding."""
        self._function.add_binding(binding=binding)
        return self

    def add_setting(self, setting: Setting) -> FunctionBuilder[P, R]:
        """Add a setting (retry policy, function name)."""
        self._function.add_setting(setting=setting)
        return self

    def build(self, auth_level: AuthLevel | str | None = None) -> Function:
        """Check the function and return it as the host indexes it.

        An HTTP trigger without a route gets the function name as route, and one
        without an auth level gets ``auth_level``. The builder itself is not changed: the
        result is a copy, sharing the builder's binding and setting lists (which
        :class:`Function` replaces rather than changes when one is added).

        :param auth_level: The app's auth level, applied to an HTTP trigger without one.
        :raises ValueError: the function has no trigger.
        """
        function = self._checked()
        trigger = function._trigger
        # A shallow copy (what copy.copy makes of a Function, without its generic protocol):
        # the containers are shared, which is safe as Function never changes them in place.
        cls = type(function)
        built: Function = cls.__new__(cls)
        built.__dict__.update(function.__dict__)
        if trigger is None or trigger.type != HTTP_TRIGGER:
            return built
        fields = self._http_defaults(auth_level)
        if fields:
            filled = _with_fields(trigger, fields)
            built._trigger = filled  # type: ignore[assignment]
            built._bindings = [filled if b is trigger else b for b in function._bindings]
        built._is_http_function = True
        return built

    def _indexed(self, auth_level: AuthLevel | str | None) -> Function:
        """What an app that owns this builder indexes: :meth:`build`'s result, or, when
        build would fill in nothing, the builder's own function, as the reference returns
        it (an app that owns the builder is the only one to index it; indexing then
        allocates nothing, which keeps ``get_functions()`` as cheap as the reference's).

        :raises ValueError: the function has no trigger.
        """
        function = self._checked()
        trigger = function._trigger
        if trigger is not None and trigger.type == HTTP_TRIGGER:
            if self._http_defaults(auth_level):
                return self.build(auth_level)
            function._is_http_function = True
        return function

    def _checked(self) -> Function:
        """Return the builder's function after the reference's indexing checks.

        :raises ValueError: the function has no trigger, or its trigger is not a binding.
        """
        function = self._function
        trigger = function._trigger
        bindings = function._bindings
        if trigger is None:
            raise ValueError(
                f"Function {function.get_function_name()} does not have a trigger. A valid "
                "function must have one and only one trigger registered."
            )
        if trigger not in bindings:
            raise ValueError(
                f"Function {function.get_function_name()} trigger {trigger} not present "
                f"in bindings {bindings}"
            )
        return function

    def _http_defaults(self, auth_level: AuthLevel | str | None) -> dict[str, Any]:
        """The fields :meth:`build` fills into the HTTP trigger: ``route`` and
        ``auth_level`` where the trigger has none; empty when it has both."""
        function = self._function
        trigger = function._trigger
        fields: dict[str, Any] = {}
        if getattr(trigger, "route", None) is None:
            fields["route"] = function.get_function_name()
        if auth_level is not None and getattr(trigger, "auth_level", None) is None:
            fields["auth_level"] = parse_singular_param_to_enum(auth_level, AuthLevel)
        return fields

    def _validate_function(self, auth_level: AuthLevel | str | None = None) -> None:
        """The reference's name for the checks of :meth:`build`, which it applies in place:
        the builder's own function gets the HTTP trigger's default route and auth level.

        :raises ValueError: the function has no trigger.
        """
        vars(self._function).update(vars(self.build(auth_level)))


def _mark_coroutine_function(builder: FunctionBuilder[Any, Any]) -> None:
    mark = getattr(inspect, "markcoroutinefunction", None)
    if mark is not None:  # Python 3.12+: inspect's and asyncio's iscoroutinefunction see it
        mark(builder)
        return
    # 3.10 and 3.11: asyncio.iscoroutinefunction looks for asyncio's own marker object (so
    # an async function loads asyncio here; ``import azfunc`` alone never does).
    import asyncio.coroutines

    legacy_marker = getattr(asyncio.coroutines, "_is_coroutine", None)
    if legacy_marker is not None:
        builder._is_coroutine = legacy_marker  # type: ignore[attr-defined]


class FunctionDecorator(Protocol):
    """What a decorator method returns: applied to a function or builder, returns the builder."""

    def __call__(
        self, fn: Callable[_P, _R] | FunctionBuilder[_P, _R], /
    ) -> FunctionBuilder[_P, _R]: ...


class DecoratorApi(ABC):  # noqa: B024 - abstract in the reference, with no abstract method
    """Base of apps and blueprints: holds the function builders its decorators created."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._function_builders: list[FunctionBuilder[Any, Any]] = []
        self._app_script_file = SCRIPT_FILE_NAME
        self._middleware: list[Callable[..., Any]] = []
        self._startup_hooks: list[Callable[[], Any]] = []
        self._shutdown_hooks: list[Callable[[], Any]] = []

    def __repr__(self) -> str:
        names = [fb._function.get_function_name() for fb in self._function_builders]
        return f"<{type(self).__name__} at {id(self):#x} with functions {names}>"

    @property
    def app_script_file(self) -> str:
        """The file the host loads for this app (``function_app.py``)."""
        return self._app_script_file

    def get_function_builders(self) -> list[FunctionBuilder[Any, Any]]:
        """Return the builders of this app's or blueprint's functions, in registration
        order, as a new list.

        .. versionadded:: 0.2.0
        """
        return list(self._function_builders)

    def _validate_type(self, func: Any) -> FunctionBuilder[Any, Any]:
        """Return the builder for ``func``, creating and registering one for a new function.

        :raises ValueError: ``func`` is not callable, or its builder belongs to another
            app or blueprint.
        """
        if isinstance(func, FunctionBuilder):
            owner = func._owner
            if owner is None:
                func._owner = self
                self._function_builders.append(func)
            elif owner is not self:
                raise ValueError(
                    f"Function {func._function.get_function_name()!r} is already registered "
                    f"with {owner!r}; a decorator of {self!r} cannot be stacked on it. Use the "
                    "decorators of one app or blueprint per function, and add a blueprint's "
                    "functions to the app with app.register_functions(blueprint)."
                )
            return func
        if callable(func):
            builder: FunctionBuilder[Any, Any] = FunctionBuilder(func, self._app_script_file)
            builder._owner = self
            self._function_builders.append(builder)
            return builder
        raise ValueError("Unsupported type for function app decorator found.")

    def _configure_function_builder(
        self, wrap: Callable[[FunctionBuilder[Any, Any]], FunctionBuilder[Any, Any]]
    ) -> FunctionDecorator:
        """Return a decorator that finds or creates the function's builder and applies ``wrap``."""

        def decorator(func: Any) -> FunctionBuilder[Any, Any]:
            return wrap(self._validate_type(func))

        return decorator

    def _add_trigger(self, trigger: Trigger) -> FunctionDecorator:
        return self._configure_function_builder(lambda fb: fb.add_trigger(trigger))

    def _add_binding(self, *bindings: Binding) -> FunctionDecorator:
        return self._configure_function_builder(lambda fb: _add_bindings(fb, bindings))

    def _add_binding_when_applied(self, make: Callable[[], Binding]) -> FunctionDecorator:
        """Like :meth:`_add_binding`, but build the binding when the decorator is applied.

        For bindings whose constructor checks its arguments, so that the check fails where
        the reference's does: on application. The binding is built after the callable
        check and before the function is registered, so a failed check leaves nothing behind.
        """

        def decorator(func: Any) -> FunctionBuilder[Any, Any]:
            if not callable(func):
                raise ValueError("Unsupported type for function app decorator found.")
            binding = make()
            return _add_bindings(self._validate_type(func), (binding,))

        return decorator

    def _add_setting(self, setting: Setting) -> FunctionDecorator:
        return self._configure_function_builder(lambda fb: fb.add_setting(setting))

    def _get_durable_blueprint(self) -> Any:
        """Return a new ``Blueprint`` of the Durable Functions SDK (``azure.durable_functions``).

        azfunc's durable decorators do not need it: they build their bindings themselves
        and import the SDK only when a durable function runs. It serves code written for
        azure-functions that applies the SDK's decorators through
        :meth:`_invoke_df_decorator`.

        :raises ImportError: ``azure-functions-durable`` is not installed.
        """
        from azfunc.decorators.durable import durable_sdk

        return durable_sdk().Blueprint()

    def _invoke_df_decorator(
        self, df_decorator: Callable[[Callable[..., Any]], Any]
    ) -> Callable[[Any], Any]:
        """Return a decorator that applies a Durable SDK decorator in this app or blueprint.

        It finds or creates the function's builder, as every decorator does, calls
        ``df_decorator`` with the user function, and puts what that returns (the SDK's
        blueprint builds a new ``FunctionBuilder``) in the builder's place, where it is
        returned. What was added to the old builder is dropped.
        """

        def decorator(func: Any) -> Any:
            builder = self._validate_type(func)
            result = df_decorator(builder._function._func)
            builders = self._function_builders
            index = next(i for i, fb in enumerate(builders) if fb is builder)
            builders[index] = result
            if isinstance(result, FunctionBuilder) and result._owner is not self:
                result._owner = self
            return result

        return decorator

    def function_name(
        self, name: str, setting_extra_fields: dict[str, Any] | None = None
    ) -> FunctionDecorator:
        """Name the function for the host, instead of its Python name.

        An HTTP trigger without a ``route`` uses this name as its route. When several
        are stacked, the innermost wins.

        :param name: The function name shown in the portal and used in URLs.
        :param setting_extra_fields: Extra fields stored on the setting.
        """
        return self._add_setting(FunctionName(function_name=name, **(setting_extra_fields or {})))

    def add_middleware(self, middleware: _M) -> _M:
        """Run ``middleware`` around every invocation of this app's (or blueprint's)
        functions; :meth:`middleware` is the same as a decorator. Middleware runs in
        registration order, outermost first; the app's wraps the blueprint's, which wraps
        the function's.

        A middleware is ``mw(invocation, call_next)``, plain or ``async``: it may read or
        change ``invocation.inputs``, call ``call_next(invocation)`` (awaiting it when
        async) and return its result or another value, or return without calling it.

        :param middleware: The middleware (see :class:`azfunc.invocation.Invocation`).
        :raises TypeError: ``middleware`` is not callable.
        :returns: ``middleware`` itself.

        .. versionadded:: 0.2.0
        """
        self._middleware.append(_callable(middleware, "add_middleware", self))
        return middleware

    def middleware(self, middleware: _M) -> _M:
        """Decorator form of :meth:`add_middleware`: run the decorated function as
        middleware around every invocation of this app's (or blueprint's) functions.

        On :class:`~azfunc.AsgiFunctionApp` and :class:`~azfunc.WsgiFunctionApp` the
        name holds the web-app middleware, as in the reference: use
        :meth:`add_middleware` there.

        :raises TypeError: ``middleware`` is not callable.
        :returns: ``middleware`` itself.

        .. versionadded:: 0.2.0
        """
        return self.add_middleware(middleware)

    def with_middleware(self, *middleware: Callable[..., Any]) -> FunctionDecorator:
        """Run ``middleware`` around this one function, inside the app's and the
        blueprint's middleware; the first one given is the outermost.

        :raises TypeError: an item is not callable.

        .. versionadded:: 0.2.0
        """
        layers = [_callable(item, "with_middleware", self) for item in middleware]

        def add(fb: FunctionBuilder[Any, Any]) -> FunctionBuilder[Any, Any]:
            # A decorator written above another is applied later but runs outside it.
            fb._function._middleware = (*layers, *fb._function._middleware)
            return fb

        return self._configure_function_builder(add)

    def on_startup(self, hook: _H) -> _H:
        """Run ``hook()`` (plain or ``async``) once, when the host starts the app and
        before its first invocation; usable as a decorator. A blueprint's hooks join
        the app's when the blueprint is registered.

        :raises TypeError: ``hook`` is not callable.
        :returns: ``hook`` itself.

        .. versionadded:: 0.2.0
        """
        self._startup_hooks.append(_callable(hook, "on_startup", self))
        return hook

    def on_shutdown(self, hook: _H) -> _H:
        """Run ``hook()`` (plain or ``async``) once, when the host stops the app;
        shutdown hooks run in reverse registration order. Usable as a decorator.

        :raises TypeError: ``hook`` is not callable.
        :returns: ``hook`` itself.

        .. versionadded:: 0.2.0
        """
        self._shutdown_hooks.append(_callable(hook, "on_shutdown", self))
        return hook

    def _lifecycle_hooks(self, stage: str) -> list[Callable[[], Any]]:
        """The ``startup`` or ``shutdown`` hooks, in registration order."""
        return list(self._startup_hooks if stage == "startup" else self._shutdown_hooks)

    def get_startup_hooks(self) -> list[Callable[[], Any]]:
        """Return the startup hooks in registration order (an app's include those of its
        registered blueprints), as a new list.

        .. versionadded:: 0.2.0
        """
        return self._lifecycle_hooks("startup")

    def get_shutdown_hooks(self) -> list[Callable[[], Any]]:
        """Return the shutdown hooks in registration order (an app's include those of its
        registered blueprints), as a new list; they run in reverse.

        .. versionadded:: 0.2.0
        """
        return self._lifecycle_hooks("shutdown")

    def http_type(self, http_type: str) -> FunctionDecorator:
        """Set how the worker serves the function's HTTP traffic: ``function``, ``asgi``, ``wsgi``.

        Not part of function.json; the worker reads it from the function.
        """
        return self._configure_function_builder(lambda fb: fb.configure_http_type(http_type))


def _callable(value: _C, method: str, owner: DecoratorApi) -> _C:
    if not callable(value):
        raise TypeError(
            f"{type(owner).__name__}.{method}() takes a function, got {value!r} of type "
            f"{type(value).__name__}. Pass the function itself, not the result of calling it."
        )
    return value


def _add_bindings(
    builder: FunctionBuilder[Any, Any], bindings: Iterable[Binding]
) -> FunctionBuilder[Any, Any]:
    for binding in bindings:
        builder.add_binding(binding)
    return builder
