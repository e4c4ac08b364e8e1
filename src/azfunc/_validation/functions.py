"""The rules on indexed functions (run by :func:`azfunc._validation.indexing.index`).

Per function: the signature rules of :mod:`azfunc._runtime.signature` (parameters and bindings
line up, ``Out`` only on outputs, annotations the converters accept; typed parameters of
HTTP functions are not bindings, see :mod:`azfunc._validation.typed`), with route
parameters annotated with a binding's type called out; the route template parses and is not a
reserved one; the timer schedule is six-field NCRONTAB or a TimeSpan; a retry policy
sits on a trigger that supports one; binding values follow the services' naming rules and
annotations fit the cardinality and data type (:mod:`azfunc._validation.bindings`); no
decorator sits above the app's, no blocking call in an async function
(:mod:`azfunc._validation.source`). A misspelt ``arg_name`` is one problem with the
parameter it likely means. Across functions: unique names, unique route and method pairs,
blueprints that were never registered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from azfunc._ncrontab import ScheduleError, parse_schedule
from azfunc._routing.table import (
    RouteTable,
    RouteTemplateError,
    http_route_of,
    parse_route_template,
)
from azfunc._runtime.signature import (
    FunctionSignature,
    SignatureProblem,
    analyse_signature,
    has_implicit_output,
    type_name,
)
from azfunc._validation.bindings import binding_value_problems, consistency_problems
from azfunc._validation.problems import (
    Problem,
    close_match,
    function_problem,
)
from azfunc._validation.source import source_problems
from azfunc.decorators.constants import (
    BLOB_TRIGGER,
    COSMOS_DB_TRIGGER,
    EVENT_GRID_TRIGGER,
    EVENT_HUB_TRIGGER,
    HTTP_TRIGGER,
    KAFKA_TRIGGER,
    QUEUE_TRIGGER,
    SERVICE_BUS_TRIGGER,
    TIMER_TRIGGER,
)
from azfunc.decorators.retry_policy import RETRY_POLICY

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = ["RETRY_TRIGGERS", "app_problems", "function_problems"]

#: Trigger types the host applies function-level retry policies to.
#: Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-error-pages#retries
RETRY_TRIGGERS = frozenset({TIMER_TRIGGER, KAFKA_TRIGGER, EVENT_HUB_TRIGGER, COSMOS_DB_TRIGGER})

_RETRY_ELSEWHERE = {
    QUEUE_TRIGGER: "Storage queue triggers retry a failed message themselves, up to "
    "extensions.queues.maxDequeueCount in host.json (5 by default)",
    BLOB_TRIGGER: "blob triggers retry a failed blob themselves, up to "
    "extensions.queues.maxDequeueCount in host.json (5 by default)",
    SERVICE_BUS_TRIGGER: "Service Bus triggers retry a failed message themselves, up to the "
    "queue's or subscription's max delivery count",
    EVENT_GRID_TRIGGER: "Event Grid retries a failed delivery as the event subscription's "
    "retry policy says",
    HTTP_TRIGGER: "HTTP functions are never retried by the host; the caller retries",
}
_RETRY_NAMES = "timer, Kafka, Event Hubs and Azure Cosmos DB triggers"
_SETTING_REFERENCE = re.compile(r"^%[^%\s]+%$")


_problem = function_problem


def _route_parameters(function: Function) -> tuple[str, str, tuple[str, ...]] | None:
    """Return (trigger arg name, route template, parameter names) of a parseable route."""
    http_route = http_route_of(function)
    trigger = function.get_trigger()
    if http_route is None or trigger is None:
        return None
    try:
        template = parse_route_template(http_route.template)
    except RouteTemplateError:
        return None
    return trigger.name, http_route.template, tuple(p.name for p in template.parameters)


_TOKEN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_-]*)\}")


def _path_tokens(function: Function) -> dict[str, tuple[str, str, str]]:
    """Binding-expression tokens in the function's binding fields (the HTTP route
    excepted), by folded name: (binding name, binding type, the field's value)."""
    tokens: dict[str, tuple[str, str, str]] = {}
    for binding in function.get_bindings():
        if binding.type == HTTP_TRIGGER:
            continue
        for key, value in binding.get_dict_repr().items():
            if isinstance(value, str) and key not in ("name", "type", "route"):
                for token in _TOKEN.findall(value):
                    tokens.setdefault(token.casefold(), (binding.name, str(binding.type), value))
    return tokens


def _token_problem(function: Function, parameter: str, where: tuple[str, str, str]) -> Problem:
    binding, binding_type, value = where
    if binding_type == BLOB_TRIGGER:
        read = (
            f"Remove the parameter and read {binding}.name, the blob's path (the value "
            f"of {{{parameter}}} is part of it)."
        )
    else:
        read = (
            f"Remove the parameter: {{{parameter}}} is resolved by the host inside binding "
            "fields only; read the value from the trigger's payload instead."
        )
    return _problem(
        function,
        "path-token-as-argument",
        f"Function {function.get_function_name()!r} declares parameter {parameter!r}, which "
        f"is a token of the {binding_type!r} binding {binding!r} ({value!r}). The worker "
        "passes only bindings as arguments, never binding-expression tokens, and refuses "
        f"to index an app with this function (the host then finds 0 functions). {read}",
    )


def _misspelt_problem(function: Function, binding: str, parameter: str) -> Problem:
    binding_type = next(
        (str(b.type) for b in function.get_bindings() if b.name == binding), "?"
    )
    return _problem(
        function,
        "binding-without-parameter",
        f"Function {function.get_function_name()!r} has a {binding_type!r} binding named "
        f"{binding!r} but no parameter of that name; did you mean the parameter "
        f"{parameter!r}? The worker refuses to index an app with this function (the host "
        f"then finds 0 functions). Write arg_name={parameter!r}, or rename the parameter "
        f"to {binding!r}.",
    )


def _signature_problems(
    function: Function, found_problems: list[SignatureProblem]
) -> list[Problem]:
    problems = []
    route = _route_parameters(function)
    request, template, parameters = route if route is not None else ("", "", ())
    tokens = _path_tokens(function)
    unbound = [f.parameter for f in found_problems if f.code == "parameter-without-binding"]
    # A binding and a parameter whose names come close are one misspelling: one problem.
    paired: dict[str, str] = {}
    for found in found_problems:
        if found.code == "binding-without-parameter":
            close = close_match(found.parameter, [u for u in unbound if u not in paired.values()])
            if close is not None:
                paired[found.parameter] = close
    for found in found_problems:
        if found.code == "binding-without-parameter" and found.parameter in paired:
            problems.append(_misspelt_problem(function, found.parameter, paired[found.parameter]))
        elif found.code != "parameter-without-binding":
            problems.append(_problem(function, found.code, found.message))
        elif found.parameter in paired.values():
            continue
        elif found.parameter.casefold() in {p.casefold() for p in parameters}:
            problems.append(
                _problem(
                    function,
                    "route-parameter-as-argument",
                    f"Function {function.get_function_name()!r} declares parameter "
                    f"{found.parameter!r}, which is a parameter of its route {template!r}, "
                    "annotated with a binding's type, so azfunc cannot pass it the route "
                    "value and the worker refuses to index an app with this function (the "
                    "host then finds 0 functions). Annotate it with the value's type "
                    f"({found.parameter}: str, int, ...) or remove it and read "
                    f"{request}.route_params[{found.parameter!r}].",
                )
            )
        elif found.parameter.casefold() in tokens:
            problems.append(
                _token_problem(function, found.parameter, tokens[found.parameter.casefold()])
            )
        else:
            problems.append(_problem(function, found.code, found.message))
    return problems


def _route_problems(function: Function) -> list[Problem]:
    http_route = http_route_of(function)
    if http_route is None:
        return []
    template = http_route.template
    name = function.get_function_name()
    try:
        parse_route_template(template)
    except RouteTemplateError as err:
        return [
            _problem(
                function,
                "route-template-invalid",
                f"Function {name!r} has a route the host cannot use, so the host fails "
                f"to start: {err}",
            )
        ]
    if template.strip("/").lower().startswith("admin"):
        return [
            _problem(
                function,
                "route-reserved",
                f"Function {name!r} has the route {template!r}: the host keeps routes that "
                "start with 'admin' for its own API, whatever the route prefix, and puts the "
                'function in error ("The specified route conflicts with one or more built '
                "in routes.\"). Choose a route that does not start with 'admin'.",
            )
        ]
    return []


def _schedule_problems(function: Function, settings: Mapping[str, str] | None) -> list[Problem]:
    trigger = function.get_trigger()
    if trigger is None or trigger.type != TIMER_TRIGGER:
        return []
    schedule = trigger.get_dict_repr().get("schedule")
    if not isinstance(schedule, str):
        return []
    where = ""
    if _SETTING_REFERENCE.match(schedule.strip()):
        setting = schedule.strip()[1:-1]
        if settings is None or setting not in settings:
            return []  # resolved by the host from app settings; see the settings checks
        where = f" (the value of app setting {setting!r})"
        schedule = settings[setting]
    try:
        parse_schedule(schedule)
    except ScheduleError as err:
        return [
            _problem(
                function,
                "schedule-invalid",
                f"Function {function.get_function_name()!r} has a timer schedule{where} the "
                f"host rejects, so the function never runs: {err}",
            )
        ]
    return []


def _retry_problems(function: Function) -> list[Problem]:
    trigger = function.get_trigger()
    if trigger is None or function.get_setting(RETRY_POLICY) is None:
        return []
    trigger_type = str(trigger.type)
    if trigger_type in RETRY_TRIGGERS:
        return []
    elsewhere = _RETRY_ELSEWHERE.get(
        trigger_type, "configure retries in the trigger's own extension, if it has any"
    )
    return [
        _problem(
            function,
            "retry-unsupported",
            f"Function {function.get_function_name()!r} has a retry policy (@app.retry), but "
            f"its trigger {trigger_type!r} does not support retry policies, so the host "
            f"ignores it. Retry policies apply to {_RETRY_NAMES} only; {elsewhere}. "
            "Remove the retry policy.",
        )
    ]


def _return_problems(function: Function, signature: FunctionSignature) -> list[Problem]:
    """A return annotation on a function whose return value goes nowhere (an
    unresolvable annotation is ``None`` here, and reported by the signature rules)."""
    trigger = function.get_trigger()
    if trigger is None or has_implicit_output(str(trigger.type)):
        return []
    annotation = signature.return_annotation
    if signature.return_binding is not None or annotation in (None, type(None)):
        return []
    name = function.get_function_name()
    return [
        _problem(
            function,
            "return-without-binding",
            f"Function {name!r} is annotated to return {type_name(annotation)}, but it "
            "has no '$return' binding, so the worker fails every invocation that returns a "
            "value. Annotate the return None and return nothing, or add an output binding "
            "with arg_name='$return'.",
        )
    ]


def function_problems(
    function: Function, *, settings: Mapping[str, str] | None = None
) -> list[Problem]:
    """Return every problem of one indexed function, in rule order.

    :param function: A built function (``app.get_functions()`` or ``builder.build()``).
    :param settings: App settings to resolve ``%name%`` schedules with; without them,
        such schedules are left to the host.
    """
    signature, found = analyse_signature(function)
    return [
        *_signature_problems(function, found),
        *consistency_problems(function, signature),
        *binding_value_problems(function, settings),
        *_route_problems(function),
        *_schedule_problems(function, settings),
        *_retry_problems(function),
        *_return_problems(function, signature),
        *source_problems(function),
    ]


def _duplicate_route_problems(functions: list[Function]) -> list[Problem]:
    valid = []
    for function in functions:
        http_route = http_route_of(function)
        if http_route is None:
            continue
        try:
            parse_route_template(http_route.template)
        except RouteTemplateError:
            continue
        valid.append(function)
    table = RouteTable.from_functions(valid)
    registered = {id(route.function) for route in table.routes}
    left_out = [f for f in valid if id(f) not in registered]
    if len(left_out) != len(table.conflicts):  # pragma: no cover - the table's invariant
        return [Problem.of("duplicate-route", message) for message in table.conflicts]
    return [
        _problem(function, "duplicate-route", message)
        for function, message in zip(left_out, table.conflicts, strict=True)
    ]


def app_problems(functions: list[Function]) -> list[Problem]:
    """Return the problems between functions: route and method pairs used twice."""
    return _duplicate_route_problems(functions)
