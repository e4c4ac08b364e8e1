"""Load and check everything ``azfunc start`` serves, before it opens a port.

The order is the host's: host.json, then local.settings.json (its ``Values`` become
environment variables, unless the environment already sets them), then the app is
imported and indexed the way the worker does, the functions are filtered
(``--functions``, host.json ``functions``), and every function is checked: its
signature against its bindings, its route template, its timer schedule. A problem with
a file or the app stops the start with a :class:`HostError` naming the file and the fix;
a function that fails its checks is "in error", as in the host: it is reported and not
served, and the other functions are.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs

from azfunc._config.host_json import HostJson, HostJsonError, load_host_json
from azfunc._config.local_settings import (
    LocalSettings,
    LocalSettingsError,
    expand_settings,
    load_local_settings,
)
from azfunc._config.rules import host_json_problems
from azfunc._host.config import DEFAULT_PORT, HostConfig
from azfunc._host.keys import KEYS_FILE, load_keys
from azfunc._host_auth import HOST_KEY_SETTING, MASTER_KEY_SETTING, HostKeys
from azfunc._loader import AppLoadError, LoadedApp, index_app, load_app, resolve_script
from azfunc._ncrontab import Schedule, ScheduleError, parse_schedule
from azfunc._routing.table import (
    RouteTable,
    RouteTemplateError,
    http_route_of,
    parse_route_template,
)
from azfunc._runtime.middleware import load_functions
from azfunc._runtime.signature import signature_problems
from azfunc._validation.config import apply_config, read_config
from azfunc._validation.indexing import index
from azfunc._validation.problems import AppValidationError
from azfunc.decorators._function import Function
from azfunc.decorators.constants import TIMER_TRIGGER
from azfunc.decorators.core import AuthLevel

__all__ = ["HostError", "PreparedApp", "TimerFunction", "describe", "prepare"]

#: Environment variable the host sets to the app's root folder.
SCRIPT_ROOT_VARIABLE = "AzureWebJobsScriptRoot"


#: Problem codes the host reports itself, by putting the function in error or from the
#: route table, so they are not repeated as warnings.
_REPORTED_BY_THE_HOST = frozenset(
    {
        "output-without-out",
        "annotation-rejected",
        "route-template-invalid",
        "route-reserved",
        "schedule-invalid",
        "duplicate-route",
    }
)


class HostError(Exception):
    """``azfunc start`` cannot serve the app; ``str()`` is the message to print."""


@attrs.frozen(kw_only=True)
class TimerFunction:
    """A timer-triggered function and its parsed schedule.

    Attributes:
        function: The function.
        expression: The schedule, ``%setting%`` references resolved.
        schedule: The parsed schedule.
        run_on_startup: ``run_on_startup=True``: also run it when the host starts.
    """

    function: Function
    expression: str
    schedule: Schedule
    run_on_startup: bool


@attrs.frozen(kw_only=True)
class PreparedApp:
    """An app ready to serve.

    Attributes:
        config: The options of this run.
        app_dir: The app's root folder.
        loaded: The imported app.
        functions: The functions served, in indexing order.
        host_json: host.json.
        settings: local.settings.json.
        skipped_settings: ``Values`` not exported because the environment sets them.
        warnings: The problems the checks of ``azfunc check`` found in the functions that
            do not stop the host, one line each.
        errors: Why each function in error is not served, by function name.
        routes: The route table of the HTTP functions.
        keys: The keys requests must carry.
        timers: The timer functions.
        port: The port to listen on.
        cors: Allowed CORS origins; empty: no CORS.
        cors_credentials: Whether CORS responses allow credentials.
    """

    config: HostConfig
    app_dir: Path
    loaded: LoadedApp
    functions: tuple[Function, ...]
    host_json: HostJson
    settings: LocalSettings
    skipped_settings: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    errors: Mapping[str, str]
    routes: RouteTable
    keys: HostKeys
    timers: tuple[TimerFunction, ...]
    port: int
    cors: tuple[str, ...]
    cors_credentials: bool

    def function(self, name: str) -> Function | None:
        """The served function called ``name`` (case-insensitive), or ``None``."""
        folded = name.casefold()
        return next((f for f in self.functions if f.get_function_name().casefold() == folded), None)


def _export(values: Mapping[str, str]) -> tuple[str, ...]:
    """Put local.settings.json ``Values`` into ``os.environ``; return the names skipped."""
    skipped: list[str] = []
    for name, value in values.items():
        if name in os.environ and os.environ[name] != value:
            skipped.append(name)
        else:
            os.environ[name] = value
    return tuple(skipped)


def _select(
    functions: Sequence[Function], wanted: Sequence[str] | None, source: str
) -> list[Function]:
    if wanted is None:
        return list(functions)
    names = {f.get_function_name().casefold(): f for f in functions}
    unknown = [name for name in wanted if name.casefold() not in names]
    if unknown:
        available = ", ".join(f.get_function_name() for f in functions) or "none"
        raise HostError(
            f"{source} names {', '.join(map(repr, unknown))}, but the app has no such "
            f"function; its functions are {available}. Fix the name(s)."
        )
    folded = {name.casefold() for name in wanted}
    return [f for f in functions if f.get_function_name().casefold() in folded]


def _function_errors(functions: Sequence[Function]) -> dict[str, str]:
    """Why each function would fail to load (signature, route template), by name."""
    errors: dict[str, str] = {}
    for function in functions:
        name = function.get_function_name()
        problems = [problem.message for problem in signature_problems(function)]
        http_route = http_route_of(function)
        if http_route is not None:
            try:
                parse_route_template(http_route.template)
            except RouteTemplateError as err:
                problems.append(f"Function {name!r}: {err}")
            if http_route.template.strip("/").lower().startswith("admin"):
                # the host keeps these for its admin API, whatever the route prefix
                problems.append(
                    f"Function {name!r} has the route {http_route.template!r}: The specified "
                    "route conflicts with one or more built in routes. Routes starting with "
                    "'admin' are the host's; choose another."
                )
        if problems:
            errors[name] = "\n".join(problems)
    return errors


def _timers(functions: Sequence[Function], errors: dict[str, str]) -> list[TimerFunction]:
    """The timer functions; a schedule that cannot be used puts its function in ``errors``."""
    timers: list[TimerFunction] = []
    for function in functions:
        trigger = function.get_trigger()
        if trigger is None or trigger.type != TIMER_TRIGGER:
            continue
        name = function.get_function_name()
        fields = trigger.get_dict_repr()
        raw = str(fields.get("schedule", ""))
        try:
            expression = expand_settings(raw, os.environ, what=f"schedule of function {name!r}")
            schedule = parse_schedule(expression)
        except ScheduleError as err:
            errors[name] = f"Function {name!r}: {err}"
            continue
        except ValueError as err:
            errors[name] = str(err)
            continue
        timers.append(
            TimerFunction(
                function=function,
                expression=expression,
                schedule=schedule,
                run_on_startup=bool(fields.get("runOnStartup")),
            )
        )
    return timers


def _missing_host_json(app_dir: Path) -> str | None:
    """The error ``azfunc check`` reports for an app folder without host.json (the same
    rule, so ``start`` and ``check`` agree), or ``None`` when there is one."""
    problems = host_json_problems(app_dir / "host.json", [], display="host.json")[1]
    missing = [p for p in problems if p.code == "host-json-missing"]
    if not missing:
        return None
    return f"{missing[0].message} `azfunc init {app_dir}` writes one (and local.settings.json)."


def prepare(config: HostConfig) -> PreparedApp:
    """Load, check and describe the app of ``config``.

    :raises HostError: host.json is missing (an error, as in ``azfunc check``: Core Tools
        does not start without one), host.json or local.settings.json cannot be used, the
        app cannot be imported or indexed, or a function has a bad signature, route or
        schedule.
    """
    try:
        script = resolve_script(config.path)
    except AppLoadError as err:
        raise HostError(str(err)) from err
    app_dir = script.parent
    missing = _missing_host_json(app_dir)
    if missing is not None:
        raise HostError(missing)
    try:
        host_json = load_host_json(app_dir)
        settings = load_local_settings(app_dir)
    except (HostJsonError, LocalSettingsError) as err:
        raise HostError(str(err)) from err
    skipped = _export(settings.values)
    os.environ.setdefault(SCRIPT_ROOT_VARIABLE, str(app_dir))
    try:
        loaded = load_app(script)
        index_app(loaded)  # what get_functions() raises stops the host, as on Azure
    except AppLoadError as err:
        raise HostError(str(err)) from err
    indexed = index(loaded.app, module=loaded.module)
    if indexed.rejected:
        raise HostError(str(AppValidationError(indexed.rejected)))
    # The worker runs the post-function-load hooks of every function it indexes.
    load_functions(indexed.functions, str(app_dir))
    reported, _ = apply_config(
        [p for p in indexed.problems if p.code not in _REPORTED_BY_THE_HOST],
        read_config(app_dir),
        app_dir,
    )
    warnings = tuple(problem.relative_to(app_dir).describe() for problem in reported)
    functions = _select(indexed.functions, host_json.functions, "host.json 'functions'")
    functions = _select(functions, config.functions, "--functions")
    errors = _function_errors(functions)
    timers = _timers([f for f in functions if f.get_function_name() not in errors], errors)
    served = [f for f in functions if f.get_function_name() not in errors]
    if functions and not served:
        details = "\n".join(f"  - {message}" for message in errors.values())
        raise HostError(f"No function of the app can be served:\n{details}")
    routes = RouteTable.from_functions(served, host_json.route_prefix)
    names = [f.get_function_name() for f in served]
    if config.auth:
        try:
            keys = load_keys(app_dir, os.environ, names)
        except OSError as err:
            raise HostError(f"Cannot save the keys in {app_dir / KEYS_FILE}: {err}") from err
    else:  # not checked, so not saved
        keys = HostKeys.from_settings(os.environ, names)
    return PreparedApp(
        config=config,
        app_dir=app_dir,
        loaded=loaded,
        functions=tuple(served),
        host_json=host_json,
        settings=settings,
        skipped_settings=skipped,
        warnings=warnings,
        errors=errors,
        routes=routes,
        keys=keys,
        timers=tuple(timers),
        port=config.port or settings.host.local_http_port or DEFAULT_PORT,
        cors=settings.host.cors if config.cors is None else config.cors,
        cors_credentials=(
            settings.host.cors_credentials
            if config.cors_credentials is None
            else config.cors_credentials
        ),
    )


def _key_query(level: AuthLevel | None, keys: HostKeys) -> str:
    """The ``?code=`` part of a URL that opens a function of ``level`` (``""``: none needed)."""
    if level is AuthLevel.FUNCTION:
        return f"?code={keys.host}"
    if level is AuthLevel.ADMIN:
        return f"?code={keys.master}"
    return ""


def describe(prepared: PreparedApp, base_url: str) -> str:
    """The text printed at start: functions with URLs, timers, keys and settings notes."""
    lines = ["", "Functions:", ""]
    routes = {r.function_name: r for r in prepared.routes.routes}
    auth = prepared.config.auth
    now = datetime.datetime.now()
    timers = {t.function.get_function_name(): t for t in prepared.timers}
    for function in prepared.functions:
        name = function.get_function_name()
        trigger = function.get_trigger()
        route = routes.get(name)
        if route is not None:
            methods = ",".join(route.methods) or "ALL"
            query = _key_query(route.auth_level, prepared.keys) if auth else ""
            lines.append(f"        {name}: [{methods}] {base_url}{route.path}{query}")
            continue
        if http_route_of(function) is not None:
            lines.append(f"        {name}: not registered (route conflict, see below)")
            continue
        kind = trigger.type if trigger is not None else "?"
        lines.append(f"        {name}: {kind}")
        timer = timers.get(name)
        if timer is not None:
            upcoming = timer.schedule.next_after(now).isoformat(sep=" ", timespec="seconds")
            startup = ", runs on startup" if timer.run_on_startup else ""
            lines.append(f"            schedule {timer.expression!r}, next {upcoming}{startup}")
        lines.append(f"            invoke: POST {base_url}/admin/functions/{name}")
    lines.append("")
    for name, message in prepared.errors.items():
        lines.append(f"Function {name!r} is in error and is not served:")
        lines.extend(f"    {line}" for line in message.splitlines())
    lines.extend(f"Warning: {conflict}" for conflict in prepared.routes.conflicts)
    lines.extend(prepared.warnings)  # each reads "file:line: level: message [rule]"
    for name in prepared.skipped_settings:
        lines.append(
            f"Skipping {name!r} from local.settings.json: the environment already sets it."
        )
    if auth:
        source = {True: f"kept in {KEYS_FILE}", False: "from settings"}
        generated = set(prepared.keys.generated)
        master, host = prepared.keys.master, prepared.keys.host
        lines.append(f"Master key ({source[MASTER_KEY_SETTING in generated]}): {master}")
        lines.append(f"Host key ({source[HOST_KEY_SETTING in generated]}): {host}")
        lines.append(
            "Keys are checked (--auth), as on Azure: send one in the x-functions-key header "
            f"or the code query parameter. They stay the same across restarts ({KEYS_FILE}, "
            "which git ignores); set AZFUNC_MASTER_KEY / AZFUNC_HOST_KEY in "
            "local.settings.json Values to choose them."
        )
    else:
        lines.append(
            "Keys are not checked: every auth level is open, as with Core Tools' func start. "
            "Pass --auth to check function keys as Azure does."
        )
    return "\n".join(lines) + "\n"
