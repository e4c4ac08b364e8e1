"""A parameter that no binding feeds: the worker refuses the whole app."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage, priority: int) -> None:
    print(msg.get_body(), priority)
