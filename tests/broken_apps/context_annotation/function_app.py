"""A 'context' parameter annotated with something other than func.Context."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage, context: str) -> None:
    print(msg.get_body(), context)
