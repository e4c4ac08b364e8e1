"""Event Hubs: single events, batches from a consumer group, and sending events."""

import json
import logging
import typing

import azfunc as func

app = func.FunctionApp()


@app.event_hub_message_trigger(
    arg_name="event", event_hub_name="telemetry", connection="EventHubConnection"
)
@app.event_hub_output(arg_name="alert", event_hub_name="alerts", connection="EventHubConnection")
def detect_overheat(event: func.EventHubEvent, alert: func.Out[str]) -> None:
    """Forward readings above 90 degrees to the alerts hub."""
    reading = json.loads(event.get_body().decode("utf-8"))
    logging.info(
        "Event seq %s from partition key %s", event.sequence_number, event.partition_key
    )
    if reading.get("temperature", 0) > 90:
        alert.set(json.dumps({"device": reading.get("device"), "reading": reading}))


@app.function_name(name="ArchiveTelemetry")
@app.event_hub_message_trigger(
    arg_name="events",
    event_hub_name="telemetry",
    connection="EventHubConnection",
    cardinality=func.Cardinality.MANY,
    consumer_group="archiver",
)
@app.blob_output(
    arg_name="archive", path="telemetry/{rand-guid}.jsonl", connection="AzureWebJobsStorage"
)
# A batch is a typing.List: azure-functions 1.26.0 (and so the worker) refuses list[...].
def archive_telemetry(
    events: typing.List[func.EventHubEvent],  # noqa: UP006
    archive: func.Out[str],
) -> None:
    """Write each batch of events as one JSON-lines blob."""
    lines = [event.get_body().decode("utf-8") for event in events]
    archive.set("\n".join(lines))


@app.event_hub_message_trigger(
    arg_name="event",
    event_hub_name="%DEVICE_HUB%",
    connection="IoTHubConnection",
    cardinality="one",
    consumer_group="$Default",
    data_type=func.DataType.BINARY,
)
def device_messages(event: func.EventHubEvent) -> None:
    """Log IoT Hub device messages (hub name from an app setting)."""
    device = (event.iothub_metadata or {}).get("connection-device-id")
    logging.info("Device %s sent %d bytes", device, len(event.get_body()))


@app.route(route="telemetry", methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
@app.event_hub_output(arg_name="event", event_hub_name="telemetry", connection="EventHubConnection")
def ingest(req: func.HttpRequest, event: func.Out[str]) -> func.HttpResponse:
    """Send an HTTP-posted reading to the telemetry hub."""
    event.set(req.get_body().decode("utf-8"))
    return func.HttpResponse(status_code=202)
