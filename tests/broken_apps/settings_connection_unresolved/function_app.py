"""A Service Bus connection setting local.settings.json does not define."""

import azfunc as func

app = func.FunctionApp()


@app.service_bus_queue_trigger(arg_name="msg", queue_name="orders", connection="ServiceBus")
def ingest(msg: func.ServiceBusMessage) -> None:
    print(msg.get_body())


@app.event_hub_message_trigger(arg_name="event", event_hub_name="telemetry", connection="Hub")
def telemetry(event: func.EventHubEvent) -> None:
    print(event.get_body())
