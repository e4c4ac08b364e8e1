"""Storage queue names are lowercase: the host cannot use 'Orders_In'."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="Orders_In", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="out", queue_name="orders--done", connection="AzureWebJobsStorage")
def forward(msg: func.QueueMessage, out: func.Out[str]) -> None:
    out.set(msg.get_body().decode())
