"""A queue function annotated to return a value, with no '$return' binding to take it."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def price(msg: func.QueueMessage) -> str:
    return f"priced {msg.get_body().decode()}"
