"""A connection setting spelt differently from local.settings.json."""

import azfunc as func

app = func.FunctionApp()


@app.service_bus_queue_trigger(arg_name="msg", queue_name="orders", connection="ServiceBusConn")
def ingest(msg: func.ServiceBusMessage) -> None:
    print(msg.get_body())
