"""Event Hub and consumer group names start and end with a letter or digit."""

import azfunc as func

app = func.FunctionApp()


@app.event_hub_message_trigger(
    arg_name="event",
    event_hub_name="telemetry-",
    connection="Hub",
    consumer_group="_reports",
)
def telemetry(event: func.EventHubEvent) -> None:
    print(event.get_body())
