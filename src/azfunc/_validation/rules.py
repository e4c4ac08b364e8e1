"""The rules of ``azfunc check``: one :class:`Rule` per problem ``code``.

Each rule has an id (the problem's ``code``), a default level, a scope (one function, or
the app as a whole), a family (the section of docs/checking.md that explains it) and a
one-line summary. ``azfunc check --list-rules`` prints them; the SARIF and JUnit reports
take their metadata from here. A new rule is one :func:`register` call next to the code
that finds it (or one line in :data:`_BUILTIN`).

The level of a problem is its rule's level (:func:`level_of`): ``warning`` for the
advisory rules, ``error`` for every other, unknown codes included.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["DOCS_URL", "RULES", "Level", "Rule", "Scope", "level_of", "register", "rule_of"]

Level = Literal["error", "warning"]
Scope = Literal["function", "app"]

#: Where docs/checking.md is published; a rule's help URI is this plus ``#<rule id>``.
DOCS_URL = "https://github.com/azfunc/azfunc/blob/main/docs/checking.md"


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of ``azfunc check``.

    Attributes:
        id: The problem ``code``, e.g. ``route-reserved``.
        level: ``"error"`` or ``"warning"``, before configuration.
        scope: ``"function"`` when its problems name a function, ``"app"`` otherwise.
        family: The heading of docs/checking.md's rule section it belongs to.
        summary: One line: what is wrong.
    """

    id: str
    level: Level
    scope: Scope
    family: str
    summary: str

    @property
    def help_uri(self) -> str:
        """The URL of the rule's explanation in docs/checking.md."""
        return f"{DOCS_URL}#{self.id}"


#: Every rule by id, in the order ``--list-rules`` prints them.
RULES: dict[str, Rule] = {}


def register(id: str, level: Level, scope: Scope, family: str, summary: str) -> Rule:
    """Add (or replace) the rule ``id``; return it."""
    rule = Rule(id=id, level=level, scope=scope, family=family, summary=summary)
    RULES[id] = rule
    return rule


def rule_of(code: str) -> Rule:
    """Return the rule of ``code``; an unregistered code is an app-scope error rule."""
    known = RULES.get(code)
    if known is not None:
        return known
    return Rule(id=code, level="error", scope="app", family="other", summary=code)


def level_of(code: str) -> Level:
    """Return the default level of problems with ``code``."""
    return rule_of(code).level


_SIGNATURE = "signature"
_ANNOTATION = "annotations"
_ROUTES = "routes"
_TRIGGERS = "triggers"
_NAMES = "resource-names"
_CODE = "code"
_APP = "app"
_HOST = "host-json"
_SETTINGS = "settings"
_CHECK = "check"

_BUILTIN: tuple[tuple[str, Level, Scope, str, str], ...] = (
    (
        "parameter-without-binding",
        "error",
        "function",
        _SIGNATURE,
        "a parameter no binding feeds (context excepted)",
    ),
    (
        "binding-without-parameter",
        "error",
        "function",
        _SIGNATURE,
        "a binding whose arg_name is no parameter (with the parameter it likely means)",
    ),
    (
        "route-parameter-as-argument",
        "error",
        "function",
        _SIGNATURE,
        "a route parameter ({id}) declared as a function parameter of a binding's type",
    ),
    (
        "typed-parameter-near-binding",
        "error",
        "function",
        _SIGNATURE,
        "a typed HTTP parameter named like a binding no parameter receives (a misspelling)",
    ),
    (
        "typed-parameter-invalid",
        "error",
        "function",
        _SIGNATURE,
        "a typed HTTP parameter azfunc cannot serve (not a model nor a simple type, two bodies)",
    ),
    (
        "typed-without-http-output",
        "error",
        "function",
        _SIGNATURE,
        "typed parameters or a response model on a function without an HTTP output",
    ),
    (
        "path-token-as-argument",
        "error",
        "function",
        _SIGNATURE,
        "a blob path token ({name}) declared as a function parameter",
    ),
    (
        "out-on-input-binding",
        "error",
        "function",
        _SIGNATURE,
        "func.Out[...] on the parameter of an input binding",
    ),
    (
        "context-annotation",
        "error",
        "function",
        _SIGNATURE,
        "a context parameter annotated with something else than func.Context",
    ),
    ("return-is-out", "error", "function", _SIGNATURE, "a $return annotated Out[...]"),
    (
        "return-binding-direction",
        "error",
        "function",
        _SIGNATURE,
        "a $return binding that is not an output",
    ),
    (
        "unresolved-annotation",
        "error",
        "function",
        _SIGNATURE,
        "an annotation that names something not importable",
    ),
    ("no-trigger", "error", "function", _SIGNATURE, "a function without a trigger"),
    ("invalid-function", "error", "function", _SIGNATURE, "a function the app cannot build"),
    (
        "duplicate-function-name",
        "error",
        "function",
        _SIGNATURE,
        "two functions with the same name",
    ),
    (
        "output-without-out",
        "error",
        "function",
        _ANNOTATION,
        "an output binding's parameter not annotated func.Out[T]",
    ),
    (
        "annotation-rejected",
        "error",
        "function",
        _ANNOTATION,
        "an annotation (or Out[T] inner type) the binding's converter cannot take",
    ),
    (
        "return-annotation-rejected",
        "error",
        "function",
        _ANNOTATION,
        "a return annotation the $return binding's converter cannot take",
    ),
    (
        "return-without-binding",
        "error",
        "function",
        _ANNOTATION,
        "a return annotation on a function whose return value goes nowhere",
    ),
    (
        "cardinality-mismatch",
        "error",
        "function",
        _ANNOTATION,
        "cardinality=MANY with a single-event annotation, or ONE with a list",
    ),
    (
        "data-type-mismatch",
        "error",
        "function",
        _ANNOTATION,
        "data_type STRING on a bytes parameter, or BINARY on a str parameter",
    ),
    ("route-template-invalid", "error", "function", _ROUTES, "a route the host cannot parse"),
    ("route-reserved", "error", "function", _ROUTES, "a route starting with 'admin'"),
    (
        "duplicate-route",
        "error",
        "function",
        _ROUTES,
        "two HTTP functions with the same route and an overlapping method",
    ),
    (
        "anonymous-route",
        "warning",
        "function",
        _ROUTES,
        "an HTTP function anyone can call without a key",
    ),
    (
        "schedule-invalid",
        "error",
        "function",
        _TRIGGERS,
        "a timer schedule that is not six-field NCRONTAB or a TimeSpan",
    ),
    (
        "retry-unsupported",
        "error",
        "function",
        _TRIGGERS,
        "a retry policy on a trigger that ignores it",
    ),
    ("queue-name-invalid", "error", "function", _NAMES, "a Storage queue name Azure refuses"),
    (
        "blob-container-invalid",
        "error",
        "function",
        _NAMES,
        "a blob path whose container name Azure refuses",
    ),
    (
        "blob-container-expression",
        "error",
        "function",
        _NAMES,
        "a blob trigger path whose container holds a binding expression",
    ),
    ("table-name-invalid", "error", "function", _NAMES, "a Storage table name Azure refuses"),
    (
        "event-hub-name-invalid",
        "error",
        "function",
        _NAMES,
        "an Event Hub or consumer group name Azure refuses",
    ),
    (
        "service-bus-name-invalid",
        "error",
        "function",
        _NAMES,
        "a Service Bus queue, topic or subscription name Azure refuses",
    ),
    (
        "kafka-topic-invalid",
        "error",
        "function",
        _NAMES,
        "a Kafka topic name Kafka refuses",
    ),
    (
        "cosmos-db-name-invalid",
        "error",
        "function",
        _NAMES,
        "a Cosmos DB database or container name Azure refuses",
    ),
    (
        "decorator-order",
        "error",
        "function",
        _CODE,
        "a decorator above the app's decorators, which never runs",
    ),
    (
        "blocking-call-in-async",
        "warning",
        "function",
        _CODE,
        "a blocking call (time.sleep, requests.*) inside an async function",
    ),
    (
        "blueprint-not-registered",
        "warning",
        "app",
        _APP,
        "a blueprint holding functions, never passed to register_functions",
    ),
    (
        "blueprint-functions-missing",
        "warning",
        "app",
        _APP,
        "a blueprint that got functions after register_functions(bp)",
    ),
    ("import-error", "error", "app", _APP, "importing the script fails"),
    ("syntax-error", "error", "app", _APP, "the script does not parse"),
    ("unknown-decorator", "error", "app", _APP, "a decorator the app does not have"),
    ("no-app", "error", "app", _APP, "no module-level FunctionApp in the script"),
    ("multiple-apps", "error", "app", _APP, "more than one module-level FunctionApp"),
    ("no-script", "error", "app", _APP, "no function_app.py (or PYTHON_SCRIPT_FILE_NAME)"),
    ("import-timeout", "error", "app", _APP, "importing the script takes too long"),
    ("check-crashed", "error", "app", _APP, "the process importing the app ended early"),
    ("host-json-missing", "error", "app", _HOST, "no host.json"),
    ("host-json-invalid", "error", "app", _HOST, "a host.json the host cannot read"),
    (
        "extension-bundle-missing",
        "error",
        "app",
        _HOST,
        "a binding that needs the extension bundle, and no extensionBundle",
    ),
    ("extension-bundle-id", "error", "app", _HOST, "an unknown extension bundle id"),
    (
        "extension-bundle-version",
        "error",
        "app",
        _HOST,
        "an extension bundle version range that is not the current one",
    ),
    (
        "extension-bundle-preview",
        "warning",
        "app",
        _HOST,
        "the Preview or Experimental extension bundle",
    ),
    (
        "route-prefix-invalid",
        "error",
        "app",
        _HOST,
        "extensions.http.routePrefix the host cannot use",
    ),
    (
        "host-json-functions",
        "error",
        "app",
        _HOST,
        "a name in host.json's functions list that is no function",
    ),
    ("worker-runtime", "error", "app", _SETTINGS, "FUNCTIONS_WORKER_RUNTIME missing or not python"),
    (
        "storage-missing",
        "error",
        "app",
        _SETTINGS,
        "no AzureWebJobsStorage while a trigger needs it",
    ),
    (
        "connection-unresolved",
        "error",
        "function",
        _SETTINGS,
        "a connection setting that names no setting",
    ),
    (
        "setting-unresolved",
        "error",
        "function",
        _SETTINGS,
        "a %name% in a binding field that names no setting",
    ),
    (
        "worker-indexing-disabled",
        "error",
        "app",
        _SETTINGS,
        "AzureWebJobsFeatureFlags disables worker indexing",
    ),
    ("feature-flag-unknown", "error", "app", _SETTINGS, "a misspelt worker-indexing feature flag"),
    ("settings-missing", "error", "app", _SETTINGS, "the --settings file does not exist"),
    ("settings-invalid", "error", "app", _SETTINGS, "a local.settings.json that cannot be read"),
    (
        "config-invalid",
        "error",
        "app",
        _CHECK,
        "[tool.azfunc.check] in pyproject.toml that azfunc cannot use",
    ),
)

for _entry in _BUILTIN:
    register(*_entry)
