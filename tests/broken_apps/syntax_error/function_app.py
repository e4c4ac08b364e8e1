"""A missing colon."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage) -> None
    print(msg.get_body())
