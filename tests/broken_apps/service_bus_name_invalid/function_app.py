"""Service Bus entity names: letters, digits, '.', '-', '_' (and '/' for queues, topics)."""

import azfunc as func

app = func.FunctionApp()


@app.service_bus_topic_trigger(
    arg_name="msg",
    topic_name="orders",
    subscription_name="billing/eu",
    connection="ServiceBus",
)
@app.service_bus_queue_output(arg_name="out", queue_name="invoices!", connection="ServiceBus")
def bill(msg: func.ServiceBusMessage, out: func.Out[str]) -> None:
    out.set(msg.get_body().decode())
