"""cardinality=MANY delivers a list; ONE delivers one event."""

import typing

import azfunc as func

app = func.FunctionApp()


@app.event_hub_message_trigger(
    arg_name="event",
    event_hub_name="telemetry",
    connection="Hub",
    cardinality=func.Cardinality.MANY,
)
def telemetry(event: func.EventHubEvent) -> None:
    print(event.get_body())


@app.service_bus_queue_trigger(
    arg_name="batch",
    queue_name="orders",
    connection="ServiceBus",
    cardinality=func.Cardinality.ONE,
)
def orders(batch: typing.List[func.ServiceBusMessage]) -> None:  # noqa: UP006
    print(len(batch))
