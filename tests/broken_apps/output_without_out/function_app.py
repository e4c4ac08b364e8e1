"""An output binding's parameter annotated with the value type instead of func.Out."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="done", queue_name="done", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage, done: str) -> None:
    print(msg.get_body(), done)
