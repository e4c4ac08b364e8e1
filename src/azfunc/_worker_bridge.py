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
- **stand-in**: when the worker asks the app it found for its functions, it gets a
  view of each of them (:func:`_for_worker`): a copy whose user function is a stand-in
  that runs azfunc's startup hooks, middleware and invocation context
  (:func:`azfunc._runtime.pipeline.wrap_user_function`). The app, its builders and the
  functions it returns are never changed. Annotations whose azure class is not an ABC
  (``WarmUpContext``, ``PromptInvocationContext``) are shown to the worker as the azure
  class (``MCPToolContext`` is a dict, which the converters accept);
- **extensions**: where the worker runs extension hooks itself (worker 4.x reads
  ``azure.functions.ExtensionMeta``), azfunc's registered extensions are forwarded there
  and the stand-in does not run them; where it does not (``azure-functions-runtime``),
  the stand-in runs them.

**The way in.** The worker imports the user's script module, takes the one module
global for which ``isinstance(value, azure.functions.FunctionRegister)`` holds, and
calls ``app.get_functions()`` on it; from each function it then reads
``get_user_function()`` (for the signature, the type hints, ``inspect.getfile`` and
the call), the name, the bindings and the settings. Nothing of azfunc runs between the
end of the user's module and that call, and the ``isinstance`` check never shows the
instance to anyone (ABCs see only its class), so the app cannot be adapted before the
worker asks. Hence one narrow patch: until the worker's first call, the class attribute
``FunctionRegister.get_functions`` is a trampoline that passes every other call through
unchanged. The worker's call (its caller is a module of :data:`WORKER_MODULES`) adopts
the app it was made on: that instance gets its own ``get_functions`` attribute, which
answers the worker with the views and every other caller with the app's own functions,
and the class gets its method back. No other app, created before or after, is ever
adapted: before the worker asks, its calls pass through the trampoline unchanged;
after, its class is as azfunc defines it. (A worker whose app is not an azfunc app, or
forced mode, ``AZFUNC_WORKER_BRIDGE=1``, without a worker, never asks: the
pass-through trampoline stays.) A subclass's ``get_functions`` override that calls
``super()`` is adapted too: the caller looked at is the first one outside
``get_functions`` frames.

**The source file.** The worker sets ``context.function_directory`` to the folder of
``inspect.getfile(stand_in)``, which for a function reads ``__code__.co_filename`` and
nothing else (it does not follow ``__wrapped__``, and a callable object that is not a
function makes it raise, which fails indexing). The stand-in must be a real function
(the worker also checks it with ``inspect.iscoroutinefunction`` and calls it), and the
worker's context keeps the folder in a private attribute. So each stand-in gets a copy
of its code object naming the user's file (:func:`_keep_source_file`); the shared code
object and the user's function are unchanged. The one cost: a traceback through the
stand-in's own frame names the user's file with the stand-in's line numbers.

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

from azfunc._worker_gate import ENV_VAR, WORKER_MODULES, worker_module

if TYPE_CHECKING:
    from azfunc.decorators._function import Function
    from azfunc.decorators.function_app import FunctionRegister

__all__ = [
    "ENV_VAR",
    "WORKER_MODULES",
    "BridgeReport",
    "Link",
    "activate",
    "install",
    "is_installed",
    "worker_app",
    "worker_module",
]

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
        _install_way_in(swaps, run_extension_hooks=not runs_extensions)
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


def _install_way_in(swaps: dict[type, type], *, run_extension_hooks: bool) -> None:
    """Wait for the worker to ask an azfunc app for its functions, then adapt that app.

    Until the worker's first call, ``FunctionRegister.get_functions`` is a trampoline
    that passes every call through unchanged, except one made by the worker: that call
    adopts the app it was made on (:func:`_adopt`), puts the class's own method back
    and answers with the worker's view. See the module docstring for why the worker
    leaves no other way in.
    """
    from azfunc.decorators.function_app import FunctionRegister

    original: Callable[[FunctionRegister], list[Function]] = FunctionRegister.get_functions

    def for_worker(functions: list[Function]) -> list[Function]:
        return [
            _for_worker(function, swaps, run_extension_hooks=run_extension_hooks)
            for function in functions
        ]

    def get_functions(self: FunctionRegister) -> list[Function]:  # the trampoline
        if not _asked_by_worker():
            return original(self)
        _adopt(self, for_worker)
        with _adopt_lock:
            if vars(FunctionRegister).get("get_functions") is get_functions:
                FunctionRegister.get_functions = original  # type: ignore[method-assign,assignment]
        return for_worker(original(self))

    get_functions.__doc__ = original.__doc__
    get_functions.__wrapped__ = original  # type: ignore[attr-defined]
    FunctionRegister.get_functions = get_functions  # type: ignore[method-assign]


_adopt_lock = threading.Lock()
_worker_app: Any = None


def worker_app() -> Any:
    """Return the app the worker asked for its functions, or ``None`` before it asked."""
    return _worker_app


def _asked_by_worker() -> bool:
    """Whether the ``get_functions`` call being answered comes from the worker.

    Called from a ``get_functions`` (the trampoline or an adopted app's); the frames of
    ``get_functions`` methods (a subclass's override calling ``super()``) are skipped:
    the caller that matters is the one outside them.
    """
    here = inspect.currentframe()
    frame = here.f_back if here is not None else None
    while frame is not None and frame.f_code.co_name == "get_functions":
        frame = frame.f_back
    if frame is None:
        return False
    module = str(frame.f_globals.get("__name__", ""))
    return module.partition(".")[0] in WORKER_MODULES


def _adopt(app: FunctionRegister, for_worker: Callable[[list[Function]], list[Function]]) -> None:
    """Give ``app`` (and no other app) a ``get_functions`` that answers the worker
    with :func:`_for_worker` views and everyone else with the app's own functions."""
    global _worker_app
    with _adopt_lock:
        if "get_functions" in vars(app):
            return

        def get_functions() -> list[Function]:
            functions: list[Function] = type(app).get_functions(app)
            return for_worker(functions) if _asked_by_worker() else functions

        get_functions.__doc__ = type(app).get_functions.__doc__
        vars(app)["get_functions"] = get_functions
        _worker_app = app


def _for_worker(
    function: Function, swaps: dict[type, type], *, run_extension_hooks: bool
) -> Function:
    """The worker's view of ``function``: a copy whose user function is the stand-in.

    ``function`` itself (possibly the app's own object) is left as it is: the stand-in
    reads its user function from it, and direct calls keep working. When azfunc runs
    the extension hooks, the post-function-load hooks run here, at indexing.
    """
    from azfunc._runtime.middleware import run_post_function_load_hooks
    from azfunc._runtime.pipeline import wrap_user_function
    from azfunc._typed.view import typed_view

    function = typed_view(function)  # a typed HTTP function: the adapter, bindings only
    user_function = function.get_user_function()
    stand_in = wrap_user_function(function, run_extension_hooks=run_extension_hooks)
    _show_azure_annotations(stand_in, user_function, swaps)
    _keep_source_file(stand_in, user_function)
    view = function.with_user_function(stand_in)
    if run_extension_hooks:
        run_post_function_load_hooks(
            function.get_function_name(), os.path.dirname(inspect.getfile(stand_in))
        )
    return view


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
    to set ``context.function_directory`` (why there is no other way: the module
    docstring). ``stand_in`` gets a new code object; the one it shares with the other
    stand-ins is immutable and stays as it is."""
    code = getattr(stand_in, "__code__", None)
    user_code = getattr(inspect.unwrap(user_function), "__code__", None)
    if code is None or user_code is None or code.co_filename == user_code.co_filename:
        return
    stand_in.__code__ = code.replace(co_filename=user_code.co_filename)
