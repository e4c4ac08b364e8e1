"""An output binding whose arg_name matches no parameter."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="done", queue_name="done", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage) -> None:
    print(msg.get_body())
