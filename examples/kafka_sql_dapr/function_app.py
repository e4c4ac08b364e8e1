"""Kafka, Azure SQL, Dapr and Azure OpenAI bindings in one app."""

from __future__ import annotations

import json
import logging
import typing

import azfunc as func
from azfunc.decorators.kafka import BrokerAuthenticationMode, BrokerProtocol

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


# Kafka: consume a topic in batches and forward each event to another topic.
@app.kafka_trigger(
    arg_name="events",
    topic="orders",
    broker_list="KafkaBrokerList",
    consumer_group="$Default",
    username="KafkaUsername",
    password="KafkaPassword",
    authentication_mode="plain",
    protocol="saslssl",
    cardinality="many",
    data_type="string",
)
@app.kafka_output(
    arg_name="forwarded",
    topic="orders-audit",
    broker_list="KafkaBrokerList",
    username="KafkaUsername",
    password="KafkaPassword",
    authentication_mode=BrokerAuthenticationMode.PLAIN,
    protocol=BrokerProtocol.SASLSSL,
)
# A batch is a typing.List: azure-functions 1.26.0 (and so the worker) refuses list[...].
def forward_orders(
    events: typing.List[func.KafkaEvent],  # noqa: UP006
    forwarded: func.Out[str],
) -> None:
    """Forward a batch of order events to the audit topic."""
    forwarded.set(json.dumps([event.get_body().decode() for event in events]))


# Azure SQL: react to changed rows, read rows on request, upsert posted rows.
@app.sql_trigger(
    arg_name="changes", table_name="dbo.Orders", connection_string_setting="SqlConnectionString"
)
def orders_changed(changes: str) -> None:
    """Log each change of the Orders table."""
    for change in json.loads(changes):
        logging.info("Order %s: operation %s", change["Item"]["Id"], change["Operation"])


@app.route(route="orders/{status}", methods=["GET"])
@app.sql_input(
    arg_name="orders",
    command_text="SELECT * FROM dbo.Orders WHERE Status = @Status",
    connection_string_setting="SqlConnectionString",
    parameters="@Status={status}",
)
def list_orders(req: func.HttpRequest, orders: func.SqlRowList) -> func.HttpResponse:
    """Return the orders with a status."""
    return func.HttpResponse(
        json.dumps([dict(row) for row in orders]), mimetype="application/json"
    )


@app.route(route="orders", methods=["POST"])
@app.sql_output(
    arg_name="order", command_text="dbo.Orders", connection_string_setting="SqlConnectionString"
)
def add_order(req: func.HttpRequest, order: func.Out[func.SqlRow]) -> func.HttpResponse:
    """Upsert the posted order."""
    order.set(func.SqlRow.from_dict(req.get_json()))
    return func.HttpResponse("saved", status_code=201)


@app.route(route="customers/{id}", methods=["GET"])
@app.mysql_input(
    arg_name="customers",
    command_text="GetCustomer",
    command_type="StoredProcedure",
    parameters="@Id={id}",
    connection_string_setting="MySqlConnectionString",
)
def get_customer(req: func.HttpRequest, customers: func.MySqlRowList) -> func.HttpResponse:
    """Return one customer through a MySQL stored procedure."""
    return func.HttpResponse(json.dumps([dict(row) for row in customers]))


# Dapr: subscribe to a topic, keep state, call another app and publish.
@app.dapr_topic_trigger(arg_name="event", pub_sub_name="pubsub", topic="orders")
@app.dapr_state_output(arg_name="state", state_store="statestore", key="last-order")
@app.dapr_publish_output(arg_name="published", pub_sub_name="pubsub", topic="shipments")
def on_order(event: str, state: func.Out[str], published: func.Out[str]) -> None:
    """Remember the last order and ask for its shipment."""
    order = json.loads(event)["data"]
    state.set(json.dumps(order))
    published.set(json.dumps({"payload": {"order": order["id"]}}))


@app.dapr_service_invocation_trigger(arg_name="payload", method_name="CheckStock")
@app.dapr_state_input(arg_name="stock", state_store="statestore", key="{item}")
@app.dapr_secret_input(
    arg_name="secret",
    secret_store_name="localsecretstore",
    key="warehouse",
    metadata="metadata.namespace=default",
)
@app.dapr_invoke_output(
    arg_name="reorder", app_id="warehouse", method_name="reorder", http_verb="post"
)
@app.dapr_binding_output(arg_name="alert", binding_name="alerts", operation="create")
def check_stock(
    payload: str, stock: str, secret: str, reorder: func.Out[str], alert: func.Out[str]
) -> None:
    """Check an item's stock, reordering and alerting when it is low."""
    count = int(stock or 0)
    if count < 10:
        reorder.set(json.dumps({"body": {"item": json.loads(payload)["item"]}}))
        alert.set(json.dumps({"data": f"low stock: {count}"}))


@app.dapr_binding_trigger(arg_name="message", binding_name="orders-queue")
def from_binding(message: str) -> None:
    """Log messages of a Dapr input binding."""
    logging.info("Binding message: %s", message)


# Azure OpenAI: complete a prompt built from the route.
@app.route(route="whois/{name}", methods=["GET"])
@app.text_completion_input(
    arg_name="response", prompt="Who is {name}?", chat_model="gpt-4o-mini", max_tokens="200"
)
def whois(req: func.HttpRequest, response: str) -> func.HttpResponse:
    """Answer who someone is with a text completion."""
    return func.HttpResponse(json.loads(response)["content"])
