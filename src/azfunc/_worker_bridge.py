"""Make azfunc apps run on the real Azure Functions Python worker.

The worker (``azure-functions-runtime`` for Python 3.13+, ``azure_functions_worker``
before it) imports ``azure.functions`` before the user's ``function_app.py``, finds the
app as the one module global that is an ``azure.functions.FunctionRegister``, checks
each parameter annotation with ``issubclass`` against azure.functions classes, passes
azure.functions objects to the function and checks the values it returns with
``isinstance`` against azure.functions classes. Inside the worker, :func:`install`
makes all of that hold for azfunc:

- **accept**: azfunc's app class and data types become ABC virtual subclasses of the
  azure.functions classes the worker and its converters check, so the app is found,
  ``func.HttpRequest``-style annotations load and ``func.HttpResponse`` values encode;
- **expose**: azure.functions' (and the worker's own) request, context and ``Out``
  classes become virtual subclasses of azfunc's, so ``isinstance(req, func.HttpRequest)``
  holds in user code. A pair whose registration would close an inheritance cycle
  (azure's converter checks the very class it instantiates) keeps only "accept";
- **stand-in**: the functions ``app.get_functions()`` returns inside the worker call a
  stand-in that runs azfunc's startup hooks, middleware and invocation context
  (:func:`azfunc._pipeline.wrap_user_function`); annotations whose azure class is not
  an ABC (``WarmUpContext``, ``PromptInvocationContext``) are shown to the worker as
  the azure class (``MCPToolContext`` is a dict, which the converters accept);
- **extensions**: where the worker runs extension hooks itself (worker 4.x reads
  ``azure.functions.ExtensionMeta``), azfunc's registered extensions are forwarded there
  and the stand-in does not run them; where it does not (``azure-functions-runtime``),
  the stand-in runs them.

Nothing here imports azure.functions unless :func:`activate` finds a worker module
loaded (or ``AZFUNC_WORKER_BRIDGE=1``); ``AZFUNC_WORKER_BRIDGE=0`` turns it all off.
A missing azure class is skipped, never fatal.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import sys
import threading
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from azfunc.decorators._builder import Function

__all__ = [
    "ENV_VAR",
    "WORKER_MODULES",
    "BridgeReport",
    "Link",
    "activate",
    "install",
    "is_installed",
    "worker_module",
]

ENV_VAR = "AZFUNC_WORKER_BRIDGE"
"""``0``/``false``/``off``/``no``: never install; ``1``/``true``/``on``/``yes``: always."""

WORKER_MODULES = (
    "azure_functions_worker",
    "azure_functions_runtime",
    "azure_functions_runtime_v1",
    "proxy_worker",
)
"""Top-level modules of the Python worker; one of them loaded means "inside the worker"."""

_OFF = frozenset({"0", "false", "off", "no"})
_ON = frozenset({"1", "true", "on", "yes"})
_AZURE = "azure.functions"
_EXTENSIONS_SETTING = "PYTHON_ENABLE_WORKER_EXTENSIONS"
_logger = logging.getLogger("azfunc.bridge")


@attrs.frozen
class Link:
    """One ABC registration between an azfunc class and a foreign class.

    Attributes:
        azfunc: ``"module:Name"`` of the azfunc class, module relative to ``azfunc``.
        foreign: ``"module:Name"`` of the other class, module relative to
            ``azure.functions`` unless it starts with one of :data:`WORKER_MODULES`.
        kind: ``"accept"`` registers the azfunc class under the foreign one (the worker
            accepts azfunc annotations and values); ``"expose"`` registers the foreign
            class under the azfunc one (user code sees azure objects as azfunc types).
    """

    azfunc: str
    foreign: str
    kind: typing.Literal["accept", "expose"]


def _accept(azfunc: str, foreign: str | None = None) -> Link:
    return Link(azfunc, foreign or azfunc, "accept")


def _expose(azfunc: str, foreign: str | None = None) -> Link:
    return Link(azfunc, foreign or azfunc, "expose")


# What azure.functions 1.26.0 / 2.x converters check (found by asking every converter
# about every class): the abstract ``_abc`` class for HTTP, blob, queue and timer, the
# service module's class for the others.
LINKS: tuple[Link, ...] = (
    _accept("decorators.function_app:FunctionRegister"),
    _accept("_abc:HttpRequest"),
    _accept("_abc:HttpResponse"),
    _accept("_abc:InputStream"),
    _accept("_abc:QueueMessage"),
    _accept("_abc:TimerRequest"),
    _accept("_servicebus:ServiceBusMessage"),
    _accept("_eventhub:EventHubEvent"),
    _accept("_eventgrid:EventGridEvent"),
    _accept("_eventgrid:CloudEvent"),
    _accept("_eventgrid:EventGridOutputEvent"),
    _accept("_cosmosdb:Document"),
    _accept("_cosmosdb:DocumentList"),
    _accept("_sql:BaseSqlRow"),
    _accept("_sql:BaseSqlRowList"),
    _accept("_mysql:BaseMySqlRow"),
    _accept("_mysql:BaseMySqlRowList"),
    _accept("kafka:KafkaEvent"),
    _accept("_durable_functions:OrchestrationContext"),
    _accept("_durable_functions:EntityContext"),
    _accept("extension.app_extension_base:AppExtensionBase"),
    _accept("extension.func_extension_base:FuncExtensionBase"),
    # What the worker passes in, seen through azfunc's public and abstract types. Where
    # azfunc's abstract class is accepted above, azure's concrete class is registered
    # under azfunc's concrete one, which makes it an azfunc abstract instance too.
    _expose("_http:HttpRequest"),
    _expose("http:HttpRequest"),
    _expose("_http:HttpResponse"),
    _expose("blob:InputStream"),
    _expose("_queue:QueueMessage"),
    _expose("timer:TimerRequest"),
    _expose("_servicebus:ServiceBusMessage", "servicebus:ServiceBusMessage"),
    _expose("_sql:SqlRow"),
    _expose("_sql:SqlRowList"),
    _expose("_mysql:MySqlRow"),
    _expose("_mysql:MySqlRowList"),
    _expose("_abc:ServiceBusMessage"),
    _expose("_abc:EventHubEvent"),
    _expose("_abc:EventGridEvent"),
    _expose("_abc:EventGridOutputEvent"),
    _expose("_abc:CloudEvent"),
    _expose("_abc:Document"),
    _expose("_abc:DocumentList"),
    _expose("_abc:OrchestrationContext"),
    _expose("_abc:Context"),
    _expose("_abc:Out"),
    _expose("_abc:TraceContext"),
    _expose("_abc:RetryContext"),
    # The worker's own context and Out classes (plain classes, not azure's ABCs).
    *(
        _expose(f"_abc:{name}", f"{worker}.bindings.{module}:{name}")
        for worker in WORKER_MODULES
        for module, name in (
            ("context", "Context"),
            ("out", "Out"),
            ("tracecontext", "TraceContext"),
            ("retrycontext", "RetryContext"),
        )
    ),
)

# azure classes that are not ABCs: the worker sees these azure classes in place of
# azfunc's in the annotations of the stand-in. (``MCPToolContext`` needs no swap: both
# are dicts, and the converters accept any dict.)
SWAPS: tuple[tuple[str, str], ...] = (
    ("warmup:WarmUpContext", "warmup:WarmUpContext"),
    ("mcp:PromptInvocationContext", "mcp:PromptInvocationContext"),
)


@attrs.frozen(kw_only=True)
class BridgeReport:
    """What :func:`install` did.

    Attributes:
        azure_version: ``azure.functions.__version__``.
        registered: The links registered, as ``(link, azfunc class, foreign class)``.
        skipped: Each link not registered, with the reason (class missing, cycle, ...).
        swaps: azfunc class -> azure class shown to the worker in annotations.
        worker_runs_extensions: Whether the loaded worker runs extension hooks itself.
    """

    azure_version: str
    registered: tuple[Link, ...]
    skipped: tuple[tuple[Link, str], ...]
    swaps: dict[type, type]
    worker_runs_extensions: bool


_lock = threading.Lock()
_report: BridgeReport | None = None


def worker_module() -> str | None:
    """Return the name of the first worker module already imported, else ``None``."""
    return next((name for name in WORKER_MODULES if name in sys.modules), None)


def _wanted() -> bool:
    value = os.environ.get(ENV_VAR, "").strip().lower()
    if value in _OFF:
        return False
    if value in _ON:
        return True
    if value:
        _logger.warning(
            "%s=%r is not one of %s (never) or %s (always); installing the bridge only "
            "inside the worker.",
            ENV_VAR,
            value,
            "/".join(sorted(_OFF)),
            "/".join(sorted(_ON)),
        )
    return worker_module() is not None


def activate() -> BridgeReport | None:
    """Install the bridge when running inside the worker (or when forced); never raise.

    Called at the end of ``azfunc/__init__.py``. Outside the worker it imports nothing.
    """
    if not _wanted():
        return None
    try:
        return install()
    except ImportError as error:
        _logger.warning("azfunc worker bridge not installed: %s", error)
    except Exception:  # a broken bridge must not stop the app from importing
        _logger.exception("azfunc worker bridge failed to install")
    return None


def is_installed() -> bool:
    """Tell whether :func:`install` has run in this process."""
    return _report is not None


def install() -> BridgeReport:
    """Register azfunc with ``azure.functions`` and the loaded worker (idempotent).

    :raises ImportError: ``azure.functions`` is not installed.
    """
    global _report
    with _lock:
        if _report is not None:
            return _report
        try:
            azure = importlib.import_module(_AZURE)
        except ImportError as error:
            raise ImportError(
                "The azfunc worker bridge needs the azure-functions package, which the "
                f"Azure Functions worker provides; importing {_AZURE!r} failed: {error}. "
                f"Install azure-functions, or set {ENV_VAR}=0 to turn the bridge off."
            ) from error
        registered, skipped = _register_links(LINKS)
        swaps = _resolve_swaps()
        runs_extensions = _worker_runs_extensions()
        _patch_get_functions(swaps, run_extension_hooks=not runs_extensions)
        if runs_extensions:
            _forward_extensions()
        _report = BridgeReport(
            azure_version=str(getattr(azure, "__version__", "unknown")),
            registered=registered,
            skipped=skipped,
            swaps=swaps,
            worker_runs_extensions=runs_extensions,
        )
        _logger.debug(
            "azfunc worker bridge installed: %d links, %d skipped",
            len(registered),
            len(skipped),
        )
        return _report


def _qualified(reference: str, *, own: bool) -> tuple[str, str]:
    module, _, name = reference.partition(":")
    if own:
        return f"azfunc.{module}", name
    if module.split(".")[0] in WORKER_MODULES:
        return module, name
    return f"{_AZURE}.{module}", name


def _find_class(reference: str, *, own: bool) -> type | str:
    """The class ``reference`` names, or the reason it is unavailable.

    Worker modules are only looked up when already imported: the bridge never imports
    the worker.
    """
    module_name, name = _qualified(reference, own=own)
    module = sys.modules.get(module_name)
    if module is None:
        if module_name.split(".")[0] in WORKER_MODULES:
            return f"{module_name} is not loaded"
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            return f"cannot import {module_name}: {error}"
    found = getattr(module, name, None)
    if not isinstance(found, type):
        return f"{module_name}.{name} does not exist"
    return found


def _register_links(
    links: tuple[Link, ...],
) -> tuple[tuple[Link, ...], tuple[tuple[Link, str], ...]]:
    registered: list[Link] = []
    skipped: list[tuple[Link, str]] = []
    for link in links:
        own = _find_class(link.azfunc, own=True)
        foreign = _find_class(link.foreign, own=False)
        if isinstance(own, str) or isinstance(foreign, str):
            skipped.append((link, own if isinstance(own, str) else str(foreign)))
            continue
        base, sub = (foreign, own) if link.kind == "accept" else (own, foreign)
        register = getattr(base, "register", None)
        if not callable(register):
            skipped.append((link, f"{base.__module__}.{base.__qualname__} is not an ABC"))
            continue
        try:
            register(sub)
        except RuntimeError as error:  # "Refusing to create an inheritance cycle"
            skipped.append((link, str(error)))
            continue
        registered.append(link)
    return tuple(registered), tuple(skipped)


def _resolve_swaps() -> dict[type, type]:
    swaps: dict[type, type] = {}
    for own_ref, foreign_ref in SWAPS:
        own = _find_class(own_ref, own=True)
        foreign = _find_class(foreign_ref, own=False)
        if isinstance(own, type) and isinstance(foreign, type):
            swaps[own] = foreign
    return swaps


def _worker_runs_extensions() -> bool:
    """Whether the loaded worker runs ``azure.functions`` extension hooks itself.

    Worker 4.x (``azure_functions_worker``) does, unless the app setting
    ``PYTHON_ENABLE_WORKER_EXTENSIONS`` turns them off; the library runtime
    (``azure-functions-runtime``) has no extension support.
    """
    if "azure_functions_worker" not in sys.modules:
        return False
    return os.environ.get(_EXTENSIONS_SETTING, "true").strip().lower() not in _OFF


def _forward_extensions() -> None:
    """Let ``azure.functions.ExtensionMeta`` report azfunc's extensions too.

    The worker asks ``get_application_hooks()`` and ``get_function_hooks(name)`` when it
    loads and invokes functions, after the app (and its extensions) are imported, so
    the answers merge azfunc's registry at call time.
    """
    from azfunc.extension._registry import registry

    meta = _find_class("extension.extension_meta:ExtensionMeta", own=False)
    app_hooks = _find_class("extension.app_extension_hooks:AppExtensionHooks", own=False)
    func_hooks = _find_class("extension.func_extension_hooks:FuncExtensionHooks", own=False)
    if isinstance(meta, str) or isinstance(app_hooks, str) or isinstance(func_hooks, str):
        _logger.warning("azfunc extensions not forwarded to the worker: %s", meta)
        return
    own_app = meta.get_application_hooks  # type: ignore[attr-defined]
    own_function = meta.get_function_hooks  # type: ignore[attr-defined]

    def get_application_hooks(cls: type) -> Any:
        return _merge(app_hooks, own_app(), registry.application_hooks())

    def get_function_hooks(cls: type, name: str) -> Any:
        return _merge(func_hooks, own_function(name), registry.function_hooks(name))

    meta.get_application_hooks = classmethod(get_application_hooks)  # type: ignore[attr-defined]
    meta.get_function_hooks = classmethod(get_function_hooks)  # type: ignore[attr-defined]


def _merge(hooks_type: type, theirs: Any, ours: Any) -> Any:
    if ours is None:
        return theirs
    if theirs is None:
        return hooks_type(*(list(stage) for stage in ours))
    return hooks_type(*(list(a) + list(b) for a, b in zip(theirs, ours, strict=True)))


def _patch_get_functions(swaps: dict[type, type], *, run_extension_hooks: bool) -> None:
    """Make ``get_functions()`` return the functions as the worker must see them.

    Inside the worker the one caller of ``app.get_functions()`` that matters is the
    worker's indexer, and it calls whatever ``get_user_function()`` returns; the
    stand-in goes on a copy of each function, so the app and its builders are left
    untouched. When azfunc runs the extension hooks,
    the post-function-load hooks run here, at indexing, once per function.
    """
    from azfunc._middleware import run_post_function_load_hooks
    from azfunc._pipeline import wrap_user_function
    from azfunc.decorators.function_app import FunctionRegister

    original: Callable[[FunctionRegister], list[Function]] = FunctionRegister.get_functions

    def get_functions(self: FunctionRegister) -> list[Function]:
        # Copies: get_functions() may return an app's own functions, which keep the user
        # function for direct calls and for the next indexing.
        functions = [_detached(function) for function in original(self)]
        for function in functions:
            stand_in = wrap_user_function(function, run_extension_hooks=run_extension_hooks)
            user_function = function.get_user_function()
            _show_azure_annotations(stand_in, user_function, swaps)
            _keep_source_file(stand_in, user_function)
            function._func = stand_in
            if run_extension_hooks:
                run_post_function_load_hooks(
                    function.get_function_name(), os.path.dirname(inspect.getfile(stand_in))
                )
        return functions

    get_functions.__doc__ = original.__doc__
    get_functions.__wrapped__ = original  # type: ignore[attr-defined]
    FunctionRegister.get_functions = get_functions  # type: ignore[method-assign]


def _detached(function: Function) -> Function:
    """A shallow copy of ``function`` whose attributes can be set without touching it."""
    cls = type(function)
    copy: Function = object.__new__(cls)
    copy.__dict__.update(function.__dict__)
    return copy


def _show_azure_annotations(
    stand_in: Callable[..., Any], user_function: Callable[..., Any], swaps: dict[type, type]
) -> None:
    """Give ``stand_in`` its own annotations dict, with ``swaps`` applied."""
    try:
        hints = typing.get_type_hints(user_function)
    except Exception:  # unresolvable annotations: leave them for the worker to report
        return
    if not any(hint in swaps for hint in hints.values()):
        return
    stand_in.__annotations__ = {name: swaps.get(hint, hint) for name, hint in hints.items()}


def _keep_source_file(stand_in: Callable[..., Any], user_function: Callable[..., Any]) -> None:
    """Make ``inspect.getfile(stand_in)`` name the user's file, as the worker reads it
    to set ``context.function_directory``. The stand-in's own frames then show that
    file name in tracebacks; the user function's frames are unaffected."""
    code = getattr(stand_in, "__code__", None)
    user_code = getattr(inspect.unwrap(user_function), "__code__", None)
    if code is None or user_code is None or code.co_filename == user_code.co_filename:
        return
    stand_in.__code__ = code.replace(co_filename=user_code.co_filename)
