"""Event Grid, Table storage, warm-up, generic bindings, extra fields and route extras."""

import datetime
import json
import logging
import uuid

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.event_grid_trigger(arg_name="event")
@app.table_output(
    arg_name="row",
    connection="AzureWebJobsStorage",
    table_name="Events",
    partition_key="eventgrid",
)
def store_event(event: func.EventGridEvent, row: func.Out[str]) -> None:
    """Store each Event Grid event as a table row."""
    logging.info("Event %s of type %s on %s", event.id, event.event_type, event.subject)
    row.set(json.dumps({"RowKey": event.id, "Subject": event.subject, "Data": event.get_json()}))


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.route(route="publish", methods=["POST"])
@app.event_grid_output(arg_name="outputEvent", connection="MyEventGridConnection")
def publish(req: func.HttpRequest, outputEvent: func.Out[func.EventGridOutputEvent]) -> str:
    """Publish the posted JSON to a topic reached through an identity-based connection."""
    outputEvent.set(
        func.EventGridOutputEvent(
            id=str(uuid.uuid4()),
            data=req.get_json(),
            subject="orders",
            event_type="Shop.OrderPlaced",
            event_time=datetime.datetime.now(datetime.timezone.utc),
            data_version="1.0",
        )
    )
    return "published"


@app.timer_trigger(schedule="0 0 * * * *", arg_name="timer")
@app.event_grid_output(
    arg_name="outputEvent",
    topic_endpoint_uri="MyEventGridTopicUriSetting",
    topic_key_setting="MyEventGridTopicKeySetting",
)
def hourly_tick(timer: func.TimerRequest, outputEvent: func.Out[func.EventGridOutputEvent]) -> None:
    """Publish an hourly tick to a topic reached with an access key."""
    outputEvent.set(
        func.EventGridOutputEvent(
            id=str(uuid.uuid4()),
            data={"past_due": timer.past_due},
            subject="clock/hourly",
            event_type="Clock.Tick",
            event_time=datetime.datetime.now(datetime.timezone.utc),
            data_version="1.0",
        )
    )


@app.route(route="customers/{region}", methods=["GET"])
@app.table_input(
    arg_name="customers",
    connection="AzureWebJobsStorage",
    table_name="Customers",
    partition_key="{region}",
    filter="Active eq true",
    take=50,
)
# azfunc: ignore[anonymous-route] a public demo endpoint
def list_customers(req: func.HttpRequest, customers: str) -> func.HttpResponse:
    """List up to 50 active customers of a region (the rows arrive as a JSON string)."""
    return func.HttpResponse(customers, mimetype="application/json")


@app.route(route="customers/{region}/{id}", methods=["PUT"])
@app.table_output(
    arg_name="customer",
    connection="AzureWebJobsStorage",
    table_name="Customers",
    row_key="{id}",
    partition_key="{region}",
    data_type=func.DataType.STRING,
)
# azfunc: ignore[anonymous-route] a public demo endpoint
def save_customer(req: func.HttpRequest, customer: func.Out[str]) -> func.HttpResponse:
    """Insert one customer; the keys come from the route."""
    customer.set(json.dumps(req.get_json()))
    return func.HttpResponse(status_code=204)


@app.warm_up_trigger("warmup")
def warmup(warmup) -> None:
    """Runs when a new instance is added to the app."""
    logging.info("Function App instance is warm")


@app.generic_trigger(
    arg_name="msg", type="queueTrigger", queue_name="generic-in", connection="AzureWebJobsStorage"
)
@app.generic_input_binding(
    arg_name="template",
    type="blob",
    path="templates/{kind}.txt",
    connection="AzureWebJobsStorage",
    data_type=func.DataType.STRING,
)
@app.generic_output_binding(
    arg_name="rendered", type="queue", queue_name="generic-out", connection="AzureWebJobsStorage"
)
def render(msg: func.QueueMessage, template: str, rendered: func.Out[str]) -> None:
    """Bindings the decorators do not know, spelled as plain function metadata."""
    rendered.set(template.format(**msg.get_json()))


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.generic_trigger(arg_name="req", type="httpTrigger", route="generic/{name}")
@app.generic_output_binding(arg_name="$return", type="http")
def generic_http(req: func.HttpRequest) -> func.HttpResponse:
    """An HTTP function declared through the generic trigger; the app auth level applies."""
    return func.HttpResponse(f"Hello, {req.route_params.get('name')}!")


@app.blob_trigger(
    arg_name="blob",
    path="incoming/{name}",
    connection="AzureWebJobsStorage",
    source="LogsAndContainerScan",
    blob_read_retry_count=2,
)
def incoming(blob: func.InputStream) -> None:
    """An extra keyword argument becomes a camelCased key (blobReadRetryCount)."""
    logging.info("Incoming blob %s", blob.name)


@app.route(
    route="extras",
    methods=[func.HttpMethod.GET],
    trigger_extra_fields={"data_type": func.DataType.STRING, "web_hook_type": "genericJson"},
    binding_extra_fields={"content_type": "application/json"},
)
# azfunc: ignore[anonymous-route] a public demo endpoint
def extras(req: func.HttpRequest) -> func.HttpResponse:
    """Extra trigger and output fields are emitted camelCased after the known ones."""
    return func.HttpResponse(json.dumps({"ok": True}), mimetype="application/json")
