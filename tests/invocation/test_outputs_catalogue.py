"""Out values are collected and encoded for every output decorator of the catalogue,
and the return value for every ``$return`` kind."""

from __future__ import annotations

from typing import Any

import pytest

import azfunc as func
from azfunc.invocation import invoke
from azfunc.meta import Datum
from tests.decorators.test_catalogue import ALL_ROWS


def _first_kwargs_per_output_decorator() -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for decorator, kwargs, _emitted in ALL_ROWS:
        if decorator.endswith("_output") and decorator not in rows:
            rows[decorator] = kwargs
    return rows


OUTPUT_ROWS = _first_kwargs_per_output_decorator()

_DOCUMENT = func.Document.from_dict({"id": "1", "name": "ada"})
_SQL_ROW = func.SqlRow.from_dict({"Id": 1, "Name": "ada"})
_MYSQL_ROW = func.MySqlRow.from_dict({"Id": 1, "Name": "ada"})

#: binding type → (annotation of T in Out[T], value set, expected encoded datum)
VALUES: dict[str, tuple[str, Any, Datum]] = {
    "queue": ("str", "hello", Datum("hello", "string")),
    "blob": ("bytes", b"\x00\x01", Datum(b"\x00\x01", "bytes")),
    "table": ("str", '{"RowKey": "1"}', Datum('{"RowKey": "1"}', "string")),
    "serviceBus": ("str", "hello", Datum("hello", "string")),
    "eventHub": ("str", "hello", Datum("hello", "string")),
    "eventGrid": ("str", "hello", Datum("hello", "string")),
    "cosmosDB": ("func.Document", _DOCUMENT, Datum('[{"id": "1", "name": "ada"}]', "json")),
    "kafka": ("str", "hello", Datum("hello", "string")),
    "sql": ("func.SqlRow", _SQL_ROW, Datum('[{"Id": 1, "Name": "ada"}]', "json")),
    "mysql": ("func.MySqlRow", _MYSQL_ROW, Datum('[{"Id": 1, "Name": "ada"}]', "json")),
    "daprState": ("str", "hello", Datum("hello", "string")),
    "daprInvoke": ("str", "hello", Datum("hello", "string")),
    "daprPublish": ("str", "hello", Datum("hello", "string")),
    "daprBinding": ("str", "hello", Datum("hello", "string")),
    "assistantCreate": ("str", "hello", Datum("hello", "string")),
    "embeddingsStore": ("str", "hello", Datum("hello", "string")),
}


@pytest.mark.parametrize("decorator", sorted(OUTPUT_ROWS))
def test_out_value_is_collected_and_encoded(decorator: str) -> None:
    kwargs = OUTPUT_ROWS[decorator]
    name = kwargs["arg_name"]
    app = func.FunctionApp()
    probe = func.FunctionApp()
    getattr(probe, decorator)(**kwargs)(lambda: None)
    (binding,) = probe._function_builders[0]._function.get_bindings()
    annotation, value, expected = VALUES[binding.type]
    namespace: dict[str, Any] = {"func": func, "value": value}
    exec(
        f"def handler(timer: func.TimerRequest, {name}: func.Out[{annotation}]) -> None:\n"
        f"    {name}.set(value)",
        namespace,
    )
    getattr(app, decorator)(**kwargs)(
        app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")(namespace["handler"])
    )

    result = invoke(app.get_functions()[0], {"timer": {"IsPastDue": False}})

    assert result.outputs == {name: value}
    assert result.ok, result.error
    assert result.encoded_outputs == {name: expected}


def test_unset_out_values_are_none_and_not_encoded() -> None:
    app = func.FunctionApp()

    @app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")
    @app.queue_output(arg_name="out", queue_name="q", connection="Storage")
    def handler(timer: func.TimerRequest, out: func.Out[str]) -> None: ...

    result = invoke(app.get_functions()[0], {"timer": {"IsPastDue": True}})

    assert (result.outputs, result.encoded_outputs) == ({"out": None}, {})


@pytest.mark.parametrize(
    ("decorator", "kwargs", "returned", "expected"),
    [
        ("queue_output", {"queue_name": "q", "connection": "S"}, "m", Datum("m", "string")),
        ("blob_output", {"path": "c/b", "connection": "S"}, b"b", Datum(b"b", "bytes")),
        (
            "service_bus_queue_output",
            {"queue_name": "q", "connection": "S"},
            "m",
            Datum("m", "string"),
        ),
    ],
)
def test_return_value_goes_to_a_return_output_binding(
    decorator: str, kwargs: dict[str, Any], returned: Any, expected: Datum
) -> None:
    app = func.FunctionApp()

    def handler(timer: func.TimerRequest):  # type: ignore[no-untyped-def]
        return returned

    getattr(app, decorator)(arg_name="$return", **kwargs)(
        app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")(handler)
    )

    result = invoke(app.get_functions()[0], {"timer": {"IsPastDue": False}})

    assert result.ok, result.error
    assert (result.return_value, result.encoded_outputs) == (returned, {"$return": expected})
