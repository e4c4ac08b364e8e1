"""The checks of host.json and local.settings.json against the app's functions.

host.json: it exists and reads (version ``"2.0"``), its extension bundle is the
Functions bundle with a valid, current version range when a binding needs an extension,
its route prefix is usable, and the functions it lists exist.

local.settings.json (when the app has one, or one is named): ``FUNCTIONS_WORKER_RUNTIME``
is ``python``, ``AzureWebJobsStorage`` is set when a trigger needs it, every setting a
binding names (``connection``, ``*Setting``, ``%name%``) resolves, and worker indexing
is not turned off.

Sources: https://learn.microsoft.com/azure/azure-functions/functions-host-json,
https://learn.microsoft.com/azure/azure-functions/functions-app-settings,
https://learn.microsoft.com/azure/azure-functions/functions-reference#connections
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from azfunc._config.host_json import HostJson, HostJsonError, read_host_json
from azfunc._config.local_settings import LocalSettings, LocalSettingsError, read_local_settings
from azfunc._routing.table import RouteTemplateError, http_route_of, parse_route_template
from azfunc._validation.problems import Problem, close_match, definition_site
from azfunc.decorators import constants as types
from azfunc.decorators.core import AuthLevel

if TYPE_CHECKING:
    from azfunc.decorators._function import Function
    from azfunc.decorators.core import Binding

__all__ = [
    "BUNDLE_ID",
    "CURRENT_BUNDLE_RANGE",
    "anonymous_problems",
    "host_json_problems",
    "local_settings_problems",
]

BUNDLE_ID = "Microsoft.Azure.Functions.ExtensionBundle"
#: The extension bundle range current templates use.
CURRENT_BUNDLE_RANGE = "[4.*, 5.0.0)"
_CURRENT_BUNDLE_MAJOR = 4
_PREVIEW_BUNDLE_IDS = (f"{BUNDLE_ID}.Preview", f"{BUNDLE_ID}.Experimental")
#: Binding types the host has built in; every other one comes from the extension bundle.
_BUILT_IN = frozenset({types.HTTP_TRIGGER, types.HTTP_OUTPUT, types.TIMER_TRIGGER})
#: Triggers that run without AzureWebJobsStorage, as Core Tools' pre-flight check says.
_STORAGE_EXEMPT = frozenset(
    {
        types.HTTP_TRIGGER,
        types.KAFKA_TRIGGER,
        types.RABBIT_MQ_TRIGGER,
        types.ORCHESTRATION_TRIGGER,
        types.ACTIVITY_TRIGGER,
        types.ENTITY_TRIGGER,
    }
)
_STORAGE = "AzureWebJobsStorage"
_WORKER_RUNTIME = "FUNCTIONS_WORKER_RUNTIME"
_FEATURE_FLAGS = "AzureWebJobsFeatureFlags"
#: The identity-based setting to suggest, by binding type.
_IDENTITY_SUFFIX = {
    types.QUEUE_TRIGGER: "queueServiceUri",
    types.QUEUE: "queueServiceUri",
    types.BLOB_TRIGGER: "blobServiceUri",
    types.BLOB: "blobServiceUri",
    types.TABLE: "tableServiceUri",
    types.SERVICE_BUS_TRIGGER: "fullyQualifiedNamespace",
    types.SERVICE_BUS: "fullyQualifiedNamespace",
    types.EVENT_HUB_TRIGGER: "fullyQualifiedNamespace",
    types.EVENT_HUB: "fullyQualifiedNamespace",
    types.COSMOS_DB_TRIGGER: "accountEndpoint",
    types.COSMOS_DB: "accountEndpoint",
}
_PLACEHOLDER = re.compile(r"%([^%\s]+)%")
_VERSION = r"\d+(?:\.(?:\d+|\*)){0,3}|\d+\.\*"
_RANGE = re.compile(rf"\s*([\[(])\s*({_VERSION})?\s*,\s*(\d+(?:\.\d+){{0,3}})?\s*([\])])\s*")
_BARE = re.compile(rf"\s*({_VERSION})\s*")


def _get_ci(mapping: Mapping[str, object], key: str) -> object:
    return next((v for k, v in mapping.items() if k.lower() == key.lower()), None)


def _major(version: str) -> int:
    return int(version.split(".", 1)[0])


def _below_next_major(major: int, high: str, *, inclusive: bool) -> bool:
    """Whether a range ending at ``high`` stays below version ``major + 1``."""
    parts = [int(p) for p in high.split(".")]
    if parts[0] <= major:
        return True
    return parts[0] == major + 1 and not any(parts[1:]) and not inclusive


def _bundle_version_problem(version: object, file: str) -> Problem | None:
    fix = f"Write the range current templates use: {CURRENT_BUNDLE_RANGE!r}."
    if not isinstance(version, str):
        return Problem.of(
            "extension-bundle-version",
            f"host.json sets extensionBundle.version to {version!r}; it must be a version "
            f"range string. {fix}",
            file=file,
        )
    if _BARE.fullmatch(version):
        return Problem.of(
            "extension-bundle-version",
            f"host.json sets extensionBundle.version to {version!r}, which means that version "
            f"or any later one, including the next major version and its breaking changes. "
            f"{fix}",
            file=file,
        )
    match = _RANGE.fullmatch(version)
    if match is None or match.group(2) is None:
        return Problem.of(
            "extension-bundle-version",
            f"host.json sets extensionBundle.version to {version!r}, which is not a version "
            "range: write '[lowest, below)' with a lowest version such as 4.* or 4.0.0 and "
            f"an upper bound. {fix}",
            file=file,
        )
    low, high = match.group(2), match.group(3)
    if _major(low) < _CURRENT_BUNDLE_MAJOR:
        return Problem.of(
            "extension-bundle-version",
            f"host.json sets extensionBundle.version to {version!r}, older than the current "
            f"{_CURRENT_BUNDLE_MAJOR}.x bundle: older bundles carry retired extension "
            f"versions (Cosmos DB 3.x, for one) and get no fixes. {fix}",
            file=file,
        )
    if high is None or not _below_next_major(_major(low), high, inclusive=match.group(4) == "]"):
        return Problem.of(
            "extension-bundle-version",
            f"host.json sets extensionBundle.version to {version!r}, which does not stop "
            f"below the next major version ({_major(low) + 1}.0.0), so a bundle with breaking "
            f"changes can be picked. {fix}",
            file=file,
        )
    return None


def _bundle_problems(host: HostJson, file: str, functions: list[Function]) -> list[Problem]:
    needing = sorted(
        {str(b.type) for f in functions for b in f.get_bindings()} - _BUILT_IN - {"None"}
    )
    bundle = host.extension_bundle
    if bundle is None:
        if not needing:
            return []
        return [
            Problem.of(
                "extension-bundle-missing",
                "host.json has no extensionBundle, but the app uses the binding types "
                f"{', '.join(repr(t) for t in needing)}, which come from the extension "
                "bundle; without it the host cannot load those functions. Add "
                f'"extensionBundle": {{"id": "{BUNDLE_ID}", "version": "{CURRENT_BUNDLE_RANGE}"}}.',
                file=file,
            )
        ]
    problems = []
    bundle_id = _get_ci(bundle, "id")
    if bundle_id in _PREVIEW_BUNDLE_IDS:
        problems.append(
            Problem.of(
                "extension-bundle-preview",
                f"host.json uses the extension bundle {bundle_id!r}, which carries preview "
                f"extensions that can change without notice. Use {BUNDLE_ID!r} unless you "
                "need a preview binding.",
                file=file,
            )
        )
    elif bundle_id != BUNDLE_ID:
        problems.append(
            Problem.of(
                "extension-bundle-id",
                f"host.json sets extensionBundle.id to {bundle_id!r}; the host knows the "
                f'bundle {BUNDLE_ID!r}. Set "id": "{BUNDLE_ID}".',
                file=file,
            )
        )
    version_problem = _bundle_version_problem(_get_ci(bundle, "version"), file)
    if version_problem is not None:
        problems.append(version_problem)
    return problems


def _route_prefix_problems(host: HostJson, file: str) -> list[Problem]:
    prefix = host.route_prefix
    if not prefix:
        return []
    if prefix.split("/", 1)[0].casefold() == "admin":
        return [
            Problem.of(
                "route-prefix-invalid",
                f"host.json sets extensions.http.routePrefix to {prefix!r}: the host serves "
                "its own API under /admin, so requests to your functions get 404. Choose "
                "another prefix, e.g. 'api'.",
                file=file,
            )
        ]
    try:
        template = parse_route_template(prefix)
    except RouteTemplateError as err:
        return [
            Problem.of(
                "route-prefix-invalid",
                f"host.json sets extensions.http.routePrefix to {prefix!r}, which the host "
                f"cannot use: {err}",
                file=file,
            )
        ]
    if template.parameters:
        return [
            Problem.of(
                "route-prefix-invalid",
                f"host.json sets extensions.http.routePrefix to {prefix!r}; a prefix is "
                "literal text, without route parameters. Move the parameters into the "
                "functions' routes.",
                file=file,
            )
        ]
    return []


def host_json_problems(
    path: Path, functions: list[Function], *, display: str, explicit: bool = False
) -> tuple[HostJson | None, list[Problem]]:
    """Check the host.json at ``path`` against ``functions``.

    :param display: How problems name the file (``"host.json"``).
    :param explicit: ``path`` was named by the user rather than found in the app folder.
    :returns: The host.json read (``None`` when it cannot be), and the problems.
    """
    if not path.is_file():
        return None, [
            Problem.of(
                "host-json-missing",
                (f"No host.json at {display!r}" if explicit else "The app folder has no host.json")
                + ": the Functions host and Core Tools need one in the app's root folder. "
                "Create it with "
                '{"version": "2.0", "extensionBundle": {"id": '
                f'"{BUNDLE_ID}", "version": "{CURRENT_BUNDLE_RANGE}"}}}}.',
                file=display,
            )
        ]
    try:
        host = read_host_json(path)
    except HostJsonError as err:
        return None, [Problem.of("host-json-invalid", str(err), file=display)]
    problems = _bundle_problems(host, display, functions)
    problems += _route_prefix_problems(host, display)
    names = {f.get_function_name() for f in functions}
    for listed in host.functions or ():
        if listed not in names:
            problems.append(
                Problem.of(
                    "host-json-functions",
                    f"host.json lists {listed!r} in functions, but the app has no function "
                    "of that name; the host loads only the listed functions. Fix the name "
                    "or remove the entry.",
                    file=display,
                )
            )
    return host, problems


def _problem(function: Function, code: str, message: str) -> Problem:
    file, line = definition_site(function.get_user_function())
    return Problem.of(code, message, function=function.get_function_name(), file=file, line=line)


def anonymous_problems(functions: Iterable[Function]) -> list[Problem]:
    """Return a warning for each HTTP function anyone can call without a key."""
    problems = []
    for function in functions:
        http_route = http_route_of(function)
        if http_route is None or http_route.auth_level is not AuthLevel.ANONYMOUS:
            continue
        problems.append(
            _problem(
                function,
                "anonymous-route",
                f"Function {function.get_function_name()!r} (route {http_route.template!r}) is "
                "ANONYMOUS: anyone who can reach the app can call it, without a key. Keep "
                "that for public endpoints only; otherwise use "
                "auth_level=func.AuthLevel.FUNCTION.",
            )
        )
    return problems


class _Settings:
    """App settings by case-insensitive name, as the host's configuration reads them."""

    def __init__(self, settings: LocalSettings) -> None:
        self.names = [*settings.values, *settings.connection_strings]
        self.values = {k.casefold(): v for k, v in settings.values.items()}
        self.all = {k.casefold(): v for k, v in settings.connection_strings.items()}
        self.all.update(self.values)

    def value(self, name: str) -> str | None:
        return self.values.get(name.casefold())

    def connection(self, name: str) -> str | None:
        """The value a connection named ``name`` resolves to; ``"section"`` for an
        identity-based one (``name__fullyQualifiedNamespace`` ...); ``None`` if unset."""
        key = name.casefold()
        for candidate in (key, f"azurewebjobs{key}"):
            if self.all.get(candidate):
                return self.all[candidate]
            for separator in ("__", ":"):
                if any(k.startswith(candidate + separator) for k in self.all):
                    return "section"
        return None


def _setting_fields(binding: Binding) -> list[tuple[str, str]]:
    """Return the (function.json key, setting name) pairs of fields naming an app setting."""
    fields = []
    for key, value in binding.get_dict_repr().items():
        if not isinstance(value, str) or not value or key in ("name", "type"):
            continue
        if (
            key == "connection"
            or key == "topicEndpointUri"
            or key.endswith(("Setting", "Connection", "ConnectionName"))
        ):
            fields.append((key, value))
    return fields


def _binding_setting_problems(function: Function, settings: _Settings) -> list[Problem]:
    problems = []
    name = function.get_function_name()
    for binding in function.get_bindings():
        label = f"the {binding.type!r} binding {binding.name!r}"
        for key, setting in _setting_fields(binding):
            if settings.connection(setting) is not None:
                continue
            suffix = _IDENTITY_SUFFIX.get(str(binding.type)) if key == "connection" else None
            identity = (
                f', or the identity-based "{setting}__{suffix}"' if suffix is not None else ""
            )
            fix = f'Add "{setting}" to Values (a connection string{identity}).'
            close = close_match(setting, settings.names)
            if close is not None:
                fix = f"Did you mean {close!r}? Write {key}={close!r}, or add" + fix[3:]
            problems.append(
                _problem(
                    function,
                    "connection-unresolved",
                    f"Function {name!r}: {label} names the app setting {setting!r} "
                    f"({key}), which local.settings.json does not set, so the host cannot "
                    f"connect. {fix}",
                )
            )
        for key, value in binding.get_dict_repr().items():
            if not isinstance(value, str) or key in ("name", "type"):
                continue
            for setting in _PLACEHOLDER.findall(value):
                if settings.value(setting) is None:
                    close = close_match(setting, settings.names)
                    hint = f" Did you mean %{close}%?" if close is not None else ""
                    problems.append(
                        _problem(
                            function,
                            "setting-unresolved",
                            f"Function {name!r}: {label} has {key}={value!r}, which refers "
                            f"to the app setting {setting!r}; local.settings.json does not "
                            f'set it, so the host cannot resolve the value. Add "{setting}" '
                            f"to Values.{hint}",
                        )
                    )
    return problems


def _storage_problems(functions: list[Function], settings: _Settings, file: str) -> list[Problem]:
    needing = [
        f
        for f in functions
        if (trigger := f.get_trigger()) is not None and trigger.type not in _STORAGE_EXEMPT
    ]
    if not needing or settings.connection(_STORAGE) is not None:
        return []
    names = ", ".join(repr(f.get_function_name()) for f in needing)
    trigger_types = sorted({str(t.type) for f in needing if (t := f.get_trigger()) is not None})
    return [
        Problem.of(
            "storage-missing",
            f"local.settings.json does not set {_STORAGE}, which the host needs for the "
            f"triggers of {names} ({', '.join(repr(t) for t in trigger_types)}): only HTTP, "
            "Kafka, RabbitMQ and durable triggers run without it. Set it to a storage "
            'connection string, to "UseDevelopmentStorage=true" with Azurite running, or '
            f"use identity-based settings such as {_STORAGE}__accountName.",
            file=file,
        )
    ]


def _runtime_problems(settings: _Settings, file: str) -> list[Problem]:
    problems = []
    runtime = settings.value(_WORKER_RUNTIME)
    if runtime is None or runtime.strip().lower() != "python":
        state = (
            f"does not set {_WORKER_RUNTIME}"
            if runtime is None
            else f"sets {_WORKER_RUNTIME} to {runtime!r}"
        )
        problems.append(
            Problem.of(
                "worker-runtime",
                f'local.settings.json {state}; it must be "python" for the host to start '
                f'the Python worker. Set "{_WORKER_RUNTIME}": "python" in Values.',
                file=file,
            )
        )
    flags = [f.strip() for f in (settings.value(_FEATURE_FLAGS) or "").split(",") if f.strip()]
    for flag in flags:
        if flag.casefold() == "disableworkerindexing":
            problems.append(
                Problem.of(
                    "worker-indexing-disabled",
                    f"local.settings.json sets {_FEATURE_FLAGS} to include {flag!r}: the "
                    "host then looks for function.json files instead of asking the worker, "
                    "and finds 0 functions of a v2 (decorator) app. Remove the flag.",
                    file=file,
                )
            )
        elif "workerindex" in flag.casefold() and flag.casefold() != "enableworkerindexing":
            problems.append(
                Problem.of(
                    "feature-flag-unknown",
                    f"local.settings.json sets {_FEATURE_FLAGS} to include {flag!r}, which "
                    "the host does not know. Worker indexing is on by default since "
                    "Functions host 4.x; write 'EnableWorkerIndexing' or remove the flag.",
                    file=file,
                )
            )
    return problems


def local_settings_problems(
    path: Path, functions: list[Function], *, display: str
) -> tuple[LocalSettings | None, list[Problem]]:
    """Check the local.settings.json at ``path`` against ``functions``.

    :param display: How problems name the file (``"local.settings.json"``).
    :returns: The settings read (``None`` when they cannot be), and the problems.
    """
    if not path.is_file():
        return None, [
            Problem.of(
                "settings-missing",
                f"No settings file at {display}. Pass the app's local.settings.json, or "
                "leave out --settings to skip the settings checks.",
                file=display,
            )
        ]
    try:
        local = read_local_settings(path)
    except LocalSettingsError as err:
        return None, [Problem.of("settings-invalid", str(err), file=display)]
    settings = _Settings(local)
    problems = _runtime_problems(settings, display)
    problems += _storage_problems(functions, settings, display)
    for function in functions:
        problems += _binding_setting_problems(function, settings)
    return local, problems
