"""A Storage queue pipeline: HTTP intake, validation, shipping, poison handling."""

import json
import logging

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.route(route="orders", methods=["POST"])
@app.queue_output(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def enqueue_order(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    """Accept an order over HTTP and put it on the orders queue."""
    try:
        order = req.get_json()
    except ValueError:
        return func.HttpResponse("Expected a JSON order", status_code=400)
    msg.set(json.dumps(order))
    return func.HttpResponse(status_code=202)


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
@app.queue_output(
    arg_name="validated", queue_name="orders-validated", connection="AzureWebJobsStorage"
)
def validate_order(
    msg: func.QueueMessage, validated: func.Out[str], context: func.Context
) -> None:
    """Check each order and forward the valid ones."""
    order = msg.get_json()
    logging.info(
        "%s: order message %s (dequeued %s times)",
        context.function_name,
        msg.id,
        msg.dequeue_count,
    )
    if order.get("quantity", 0) > 0:
        validated.set(json.dumps(order))


@app.queue_trigger(
    arg_name="msg",
    queue_name="orders-validated",
    connection="AzureWebJobsStorage",
    data_type=func.DataType.STRING,
)
@app.queue_output(arg_name="$return", queue_name="shipments", connection="ShippingStorage")
def ship_order(msg: str) -> str:
    """Turn a validated order into a shipment; the return value is queued."""
    order = json.loads(msg)
    return json.dumps({"order": order, "carrier": "standard"})


@app.function_name(name="PoisonOrders")
@app.queue_trigger(
    arg_name="msg", queue_name="%ORDERS_QUEUE%-poison", connection="AzureWebJobsStorage"
)
def poison_orders(msg: func.QueueMessage) -> None:
    """Log orders that failed five times; the queue name comes from an app setting."""
    logging.error("Poison order %s: %s", msg.id, msg.get_body().decode("utf-8"))
