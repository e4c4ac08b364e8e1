"""Azure SQL and MySQL binding classes: exact dict reprs."""

from __future__ import annotations

from typing import Any

import pytest

from azfunc.decorators.core import BindingDirection, DataType
from azfunc.decorators.mysql import MySqlInput, MySqlOutput, MySqlTrigger
from azfunc.decorators.sql import SqlInput, SqlOutput, SqlTrigger

SQL = [(SqlTrigger, SqlInput, SqlOutput, "sql"), (MySqlTrigger, MySqlInput, MySqlOutput, "mysql")]


@pytest.mark.parametrize(("trigger", "input_", "output", "kind"), SQL, ids=["sql", "mysql"])
def test_trigger(trigger: type[Any], input_: type[Any], output: type[Any], kind: str) -> None:
    binding = trigger(
        name="changes",
        table_name="dbo.Orders",
        connection_string_setting="Conn",
        leases_table_name="Leases",
        data_type=DataType.STRING,
    )
    assert binding.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "dataType": DataType.STRING,
        "type": f"{kind}Trigger",
        "name": "changes",
        "tableName": "dbo.Orders",
        "connectionStringSetting": "Conn",
        "leasesTableName": "Leases",
    }


@pytest.mark.parametrize(("trigger", "input_", "output", "kind"), SQL, ids=["sql", "mysql"])
def test_input_emits_the_default_command_type(
    trigger: type[Any], input_: type[Any], output: type[Any], kind: str
) -> None:
    binding = input_(name="rows", command_text="SELECT 1", connection_string_setting="Conn")
    assert binding.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": kind,
        "name": "rows",
        "commandText": "SELECT 1",
        "connectionStringSetting": "Conn",
        "commandType": "Text",
    }


@pytest.mark.parametrize(("trigger", "input_", "output", "kind"), SQL, ids=["sql", "mysql"])
def test_input_with_a_stored_procedure(
    trigger: type[Any], input_: type[Any], output: type[Any], kind: str
) -> None:
    binding = input_(
        name="rows",
        command_text="GetOrders",
        connection_string_setting="Conn",
        command_type="StoredProcedure",
        parameters="@Id={id}",
    )
    assert binding.get_dict_repr() == {
        "direction": BindingDirection.IN,
        "type": kind,
        "name": "rows",
        "commandText": "GetOrders",
        "connectionStringSetting": "Conn",
        "commandType": "StoredProcedure",
        "parameters": "@Id={id}",
    }


@pytest.mark.parametrize(("trigger", "input_", "output", "kind"), SQL, ids=["sql", "mysql"])
def test_output(trigger: type[Any], input_: type[Any], output: type[Any], kind: str) -> None:
    binding = output(name="row", command_text="dbo.Orders", connection_string_setting="Conn")
    assert binding.get_dict_repr() == {
        "direction": BindingDirection.OUT,
        "type": kind,
        "name": "row",
        "commandText": "dbo.Orders",
        "connectionStringSetting": "Conn",
    }
