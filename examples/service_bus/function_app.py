"""Service Bus: queue and topic triggers, queue and topic outputs."""

import json
import logging
import typing

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.route(route="invoices", methods=["POST"])
@app.service_bus_queue_output(
    arg_name="msg",
    connection="ServiceBusConnection",
    queue_name="invoices",
    access_rights="manage",
)
def submit_invoice(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    """Queue an invoice for processing."""
    msg.set(req.get_body().decode("utf-8"))
    return func.HttpResponse(status_code=202)


@app.service_bus_queue_trigger(
    arg_name="msg", connection="ServiceBusConnection", queue_name="invoices"
)
@app.service_bus_topic_output(
    arg_name="event", connection="ServiceBusConnection", topic_name="invoice-events"
)
def process_invoice(msg: func.ServiceBusMessage, event: func.Out[str]) -> None:
    """Process an invoice and publish an invoice-processed event."""
    invoice = json.loads(msg.get_body().decode("utf-8"))
    logging.info(
        "Invoice %s (message %s, delivery %s)",
        invoice.get("number"),
        msg.message_id,
        msg.delivery_count,
    )
    event.set(json.dumps({"type": "invoice.processed", "number": invoice.get("number")}))


@app.function_name(name="AuditInvoices")
@app.service_bus_topic_trigger(
    arg_name="messages",
    connection="ServiceBusConnection",
    topic_name="invoice-events",
    subscription_name="audit",
    access_rights=func.AccessRights.LISTEN,
    is_sessions_enabled=True,
    cardinality=func.Cardinality.MANY,
    auto_complete_messages=False,
    max_message_count=50,
)
# A batch is a typing.List: azure-functions 1.26.0 (and so the worker) refuses list[...].
def audit_invoices(messages: typing.List[func.ServiceBusMessage]) -> None:  # noqa: UP006
    """Audit invoice events in session-ordered batches."""
    for msg in messages:
        logging.info("Session %s: %s", msg.session_id, msg.get_body().decode("utf-8"))


@app.service_bus_topic_trigger(
    arg_name="msg",
    connection="ServiceBusConnection",
    topic_name="invoice-events",
    subscription_name="notify",
    data_type=func.DataType.STRING,
)
@app.service_bus_topic_output(
    arg_name="$return",
    connection="ServiceBusConnection",
    topic_name="notifications",
    subscription_name="email",
    access_rights=func.AccessRights.MANAGE,
)
def notify(msg: str) -> str:
    """Turn invoice events into e-mail notifications."""
    event = json.loads(msg)
    return json.dumps({"to": "billing@example.com", "subject": f"Invoice {event['number']}"})
