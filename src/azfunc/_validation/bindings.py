"""Rules on binding values: Azure's resource naming rules, and annotations that do not
fit a trigger's cardinality or a binding's data type.

Naming rules, as Azure documents them (a value with a binding expression ``{...}`` is
left to the host; a ``%setting%`` is checked with the setting's value when known):

- Storage queues: 3-63 lowercase letters, digits and hyphens, starting and ending with a
  letter or digit, no two hyphens in a row
  (https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata).
- Blob containers: the same, plus ``$root``, ``$web`` and ``$logs``; a blob trigger's
  container cannot hold a binding expression, because the listener watches one container
  (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).
- Storage tables: 3-63 letters and digits starting with a letter, not ``tables``
  (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names).
- Event Hubs: hub names 1-256 and consumer groups 1-50 letters, digits, ``.``, ``-`` and
  ``_``, starting and ending with a letter or digit (``$Default`` is the default group);
  Service Bus: queue and topic names 1-260 of those and ``/``, subscriptions 1-50
  (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
- Kafka topics: 1-249 letters, digits, ``.``, ``_`` and ``-``, not ``.`` or ``..``
  (https://kafka.apache.org/documentation/#basic_ops_add_topic; Kafka's ``Topic.validate``).
- Cosmos DB: database and container names of 1-255 characters without ``/``, ``\\``,
  ``#``, ``?`` or a trailing space
  (https://learn.microsoft.com/azure/cosmos-db/concepts-limits).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from azfunc._runtime.signature import FunctionSignature, takes_generic_value, type_name
from azfunc._validation.problems import Problem, function_problem
from azfunc.decorators.constants import (
    BLOB,
    BLOB_TRIGGER,
    COSMOS_DB,
    COSMOS_DB_TRIGGER,
    EVENT_HUB,
    EVENT_HUB_TRIGGER,
    KAFKA,
    KAFKA_TRIGGER,
    QUEUE,
    QUEUE_TRIGGER,
    SERVICE_BUS,
    SERVICE_BUS_TRIGGER,
    TABLE,
)

if TYPE_CHECKING:
    from azfunc.decorators._function import Function
    from azfunc.decorators.core import Binding

__all__ = ["binding_value_problems", "consistency_problems"]

_STORAGE = re.compile(r"^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")
_TABLE = re.compile(r"^[A-Za-z][A-Za-z0-9]{2,62}$")
_HUB = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,254}[A-Za-z0-9])?$")
_GROUP = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,48}[A-Za-z0-9])?$")
_BUS = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,258}[A-Za-z0-9])?$")
_KAFKA = re.compile(r"^(?!\.\.?$)[A-Za-z0-9._-]{1,249}$")
_COSMOS = re.compile(r"^[^/\\#?]{1,255}(?<! )$")
_SETTING = re.compile(r"^%([^%\s]+)%$")

_STORAGE_RULE = (
    "3 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or "
    "digit, with no two hyphens in a row"
)
_ENTITY = "letters, digits, '.', '-' and '_', starting and ending with a letter or digit"

#: (binding types, field, rule id, the pattern, the rule in words, the service)
_NAMING: tuple[tuple[frozenset[str], str, str, re.Pattern[str], str, str], ...] = (
    (
        frozenset({QUEUE_TRIGGER, QUEUE}),
        "queueName",
        "queue-name-invalid",
        _STORAGE,
        _STORAGE_RULE,
        "Storage queue",
    ),
    (
        frozenset({TABLE}),
        "tableName",
        "table-name-invalid",
        _TABLE,
        "3 to 63 letters and digits starting with a letter",
        "Storage table",
    ),
    (
        frozenset({EVENT_HUB_TRIGGER, EVENT_HUB}),
        "eventHubName",
        "event-hub-name-invalid",
        _HUB,
        f"1 to 256 {_ENTITY}",
        "Event Hub",
    ),
    (
        frozenset({EVENT_HUB_TRIGGER}),
        "consumerGroup",
        "event-hub-name-invalid",
        _GROUP,
        f"1 to 50 {_ENTITY} (or $Default)",
        "Event Hubs consumer group",
    ),
    (
        frozenset({SERVICE_BUS_TRIGGER, SERVICE_BUS}),
        "queueName",
        "service-bus-name-invalid",
        _BUS,
        f"1 to 260 {_ENTITY}, or '/'",
        "Service Bus queue",
    ),
    (
        frozenset({SERVICE_BUS_TRIGGER, SERVICE_BUS}),
        "topicName",
        "service-bus-name-invalid",
        _BUS,
        f"1 to 260 {_ENTITY}, or '/'",
        "Service Bus topic",
    ),
    (
        frozenset({SERVICE_BUS_TRIGGER}),
        "subscriptionName",
        "service-bus-name-invalid",
        _GROUP,
        f"1 to 50 {_ENTITY}",
        "Service Bus subscription",
    ),
    (
        frozenset({KAFKA_TRIGGER, KAFKA}),
        "topic",
        "kafka-topic-invalid",
        _KAFKA,
        "1 to 249 letters, digits, '.', '_' and '-' (not '.' or '..')",
        "Kafka topic",
    ),
    *(
        (
            frozenset({COSMOS_DB_TRIGGER, COSMOS_DB}),
            field,
            "cosmos-db-name-invalid",
            _COSMOS,
            "1 to 255 characters without '/', '\\', '#', '?' or a trailing space",
            "Cosmos DB " + ("database" if "atabase" in field else "container"),
        )
        for field in (
            "databaseName",
            "containerName",
            "collectionName",
            "leaseDatabaseName",
            "leaseContainerName",
            "leaseCollectionName",
        )
    ),
)
_SPECIAL_NAMES = {"consumerGroup": {"$Default"}, "path": {"$root", "$web", "$logs"}}


_problem = function_problem


def _storage_fix(value: str) -> str:
    """A sentence suggesting a name close to ``value`` that follows the Storage rules."""
    name = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "-", value.lower())).strip("-")[:63]
    if _STORAGE.match(name):
        return f" Use e.g. {name!r}."
    return " Choose a name of 3 or more characters."


def _resolve(value: str, settings: Mapping[str, str] | None) -> tuple[str, str] | None:
    """The value to check and how it is described; ``None`` when only the host knows."""
    match = _SETTING.match(value.strip())
    if match is not None:
        if settings is None or match.group(1) not in settings:
            return None
        return settings[match.group(1)], f" (the value of app setting {match.group(1)!r})"
    if "{" in value or "%" in value:
        return None
    return value, ""


def _naming_problems(
    function: Function, binding: Binding, fields: dict[str, Any], settings: Mapping[str, str] | None
) -> list[Problem]:
    problems = []
    label = (
        f"Function {function.get_function_name()!r}: the {binding.type!r} binding {binding.name!r}"
    )
    for types, field, code, pattern, rule, service in _NAMING:
        value = fields.get(field)
        if binding.type not in types or not isinstance(value, str):
            continue
        resolved = _resolve(value, settings)
        if resolved is None:
            continue
        name, where = resolved
        if pattern.match(name) or name in _SPECIAL_NAMES.get(field, ()):
            continue
        fix = (
            _storage_fix(name)
            if pattern is _STORAGE
            else " Use the entity's name as Azure shows it."
        )
        problems.append(
            _problem(
                function,
                code,
                f"{label} has {field}={name!r}{where}, which is not a valid {service} name: "
                f"{service} names are {rule}, so the host cannot use it and the function fails."
                f"{fix}",
            )
        )
    return problems


def _blob_problems(
    function: Function, binding: Binding, fields: dict[str, Any], settings: Mapping[str, str] | None
) -> list[Problem]:
    path = fields.get("path")
    if binding.type not in (BLOB, BLOB_TRIGGER) or not isinstance(path, str) or "/" not in path:
        return []
    container = path.split("/", 1)[0]
    label = (
        f"Function {function.get_function_name()!r}: the {binding.type!r} binding {binding.name!r}"
    )
    if "{" in container and binding.type == BLOB_TRIGGER:
        return [
            _problem(
                function,
                "blob-container-expression",
                f"{label} has path={path!r}, whose container {container!r} holds a binding "
                "expression: a blob trigger watches one container, so the host refuses "
                "the path. Name the container literally (or with a %setting%), e.g. "
                f"'samples/{path.split('/', 1)[1]}'.",
            )
        ]
    resolved = _resolve(container, settings)
    if resolved is None:
        return []
    name, where = resolved
    if _STORAGE.match(name) or name in _SPECIAL_NAMES["path"]:
        return []
    return [
        _problem(
            function,
            "blob-container-invalid",
            f"{label} has path={path!r}, whose container {name!r}{where} is not a valid blob "
            f"container name: container names are {_STORAGE_RULE}, so the host cannot use it and "
            f"the function fails.{_storage_fix(name)}",
        )
    ]


def binding_value_problems(
    function: Function, settings: Mapping[str, str] | None = None
) -> list[Problem]:
    """Return the naming problems of every binding of ``function``."""
    problems = []
    for binding in function.get_bindings():
        fields = binding.get_dict_repr()
        problems += _naming_problems(function, binding, fields, settings)
        problems += _blob_problems(function, binding, fields, settings)
    return problems


#: Triggers with a ``cardinality``, and the annotations of one event.
_CARDINALITY_TRIGGERS = frozenset({EVENT_HUB_TRIGGER, SERVICE_BUS_TRIGGER, KAFKA_TRIGGER})
_SINGLE_EVENT = frozenset({"EventHubEvent", "ServiceBusMessage", "KafkaEvent"})


def _is_list(annotation: object) -> bool:
    return typing.get_origin(annotation) is list or annotation is list


def _text(value: object) -> str:
    """An enum member's name or a string, lower-cased: ``DataType.BINARY`` -> ``binary``."""
    return str(getattr(value, "name", value)).lower()


def consistency_problems(function: Function, signature: FunctionSignature) -> list[Problem]:
    """Return the annotations that do not fit the trigger's cardinality or a binding's
    data type."""
    problems = []
    name = function.get_function_name()
    for parameter in signature.parameters:
        binding = parameter.binding
        fields = binding.get_dict_repr()
        annotation = parameter.value_type
        if annotation is None:
            continue
        cardinality = fields.get("cardinality")
        if binding.type in _CARDINALITY_TRIGGERS and cardinality is not None:
            many = _text(cardinality) == "many"
            single = getattr(annotation, "__name__", None) in _SINGLE_EVENT
            if many and single:
                problems.append(
                    _problem(
                        function,
                        "cardinality-mismatch",
                        f"Function {name!r}: parameter {parameter.name!r} is annotated "
                        f"{type_name(annotation)}, one event, but its {binding.type!r} has "
                        "cardinality=MANY, so the worker passes a list of events and the "
                        "function fails on them. Annotate it "
                        f"typing.List[func.{type_name(annotation)}] (the worker does not take "
                        "the built-in list[...] here), or set cardinality=func.Cardinality.ONE.",
                    )
                )
            elif not many and _is_list(annotation):
                problems.append(
                    _problem(
                        function,
                        "cardinality-mismatch",
                        f"Function {name!r}: parameter {parameter.name!r} is annotated "
                        f"{type_name(annotation)}, a list, but its {binding.type!r} has "
                        "cardinality=ONE, so the worker passes one event at a time. Set "
                        "cardinality=func.Cardinality.MANY, or annotate one event.",
                    )
                )
        data_type = fields.get("dataType")
        if data_type is None:
            continue
        sent = _text(data_type)
        wrong = (annotation is str and sent == "binary") or (
            annotation is bytes and sent == "string"
        )
        # str and bytes parameters get the raw value (the worker's generic binding)
        if wrong and takes_generic_value(str(binding.type), annotation):
            other = "bytes" if sent == "binary" else "str"
            problems.append(
                _problem(
                    function,
                    "data-type-mismatch",
                    f"Function {name!r}: parameter {parameter.name!r} is annotated "
                    f"{type_name(annotation)}, but its {binding.type!r} binding has "
                    f"data_type={sent.upper()}, so the host sends {other} and the worker "
                    f"passes them as they are. Annotate it {other}, or set "
                    f"data_type=func.DataType.{'STRING' if other == 'bytes' else 'BINARY'}.",
                )
            )
    return problems
