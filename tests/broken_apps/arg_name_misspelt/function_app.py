"""arg_name 'outq' but the parameter is 'out_q': one error, with the name it likely means."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="outq", queue_name="shipped", connection="AzureWebJobsStorage")
def ship(msg: func.QueueMessage, out_q: func.Out[str]) -> None:
    out_q.set(msg.get_body().decode())
