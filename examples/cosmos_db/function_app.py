"""Azure Cosmos DB (extension v4): change feed trigger, point read, query and upsert."""

import json
import logging
import uuid

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.cosmos_db_trigger(
    arg_name="documents",
    connection="CosmosDbConnectionSetting",
    database_name="shop",
    container_name="orders",
    lease_container_name="leases",
    create_lease_container_if_not_exists=True,
)
def orders_changed(documents: func.DocumentList) -> None:
    """Log each changed order from the change feed."""
    for doc in documents:
        logging.info("Order %s changed: status %s", doc["id"], doc.get("status"))


@app.route(route="orders/{id}", methods=["GET"])
@app.cosmos_db_input(
    arg_name="orders",
    connection="CosmosDbConnectionSetting",
    database_name="shop",
    container_name="orders",
    id="{id}",
    partition_key="{id}",
)
def get_order(req: func.HttpRequest, orders: func.DocumentList) -> func.HttpResponse:
    """Read one order by id."""
    if not orders:
        return func.HttpResponse("Order not found", status_code=404)
    return func.HttpResponse(orders[0].to_json(), mimetype="application/json")


@app.route(route="orders/status/{status}", methods=["GET"])
@app.cosmos_db_input(
    arg_name="orders",
    connection="CosmosDbConnectionSetting",
    database_name="shop",
    container_name="orders",
    sql_query="SELECT * FROM c WHERE c.status = {status}",
    preferred_locations="West Europe,North Europe",
)
def orders_by_status(req: func.HttpRequest, orders: func.DocumentList) -> func.HttpResponse:
    """List the orders with a given status."""
    body = json.dumps([doc.to_dict() for doc in orders])
    return func.HttpResponse(body, mimetype="application/json")


@app.route(route="orders", methods=["POST"])
@app.cosmos_db_output(
    arg_name="order",
    connection="CosmosDbConnectionSetting",
    database_name="shop",
    container_name="orders",
    create_if_not_exists=True,
    partition_key="/id",
)
def create_order(req: func.HttpRequest, order: func.Out[func.Document]) -> func.HttpResponse:
    """Store a new order with a generated id."""
    try:
        data = req.get_json()
    except ValueError:
        return func.HttpResponse("Expected a JSON order", status_code=400)
    data["id"] = str(uuid.uuid4())
    data.setdefault("status", "new")
    order.set(func.Document.from_dict(data))
    return func.HttpResponse(json.dumps({"id": data["id"]}), status_code=201)


@app.queue_trigger(arg_name="msg", queue_name="status-updates", connection="AzureWebJobsStorage")
@app.cosmos_db_output(
    arg_name="audit",
    connection="CosmosDbConnectionSetting",
    database_name="shop",
    container_name="audit",
    data_type=func.DataType.STRING,
)
def record_status(msg: func.QueueMessage, audit: func.Out[func.Document]) -> None:
    """Write every status update into an audit container."""
    update = msg.get_json()
    audit.set(func.Document.from_dict({"id": msg.id, **update}))
