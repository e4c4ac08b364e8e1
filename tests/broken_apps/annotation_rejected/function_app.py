"""An annotation the queue trigger's converter cannot produce."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: int) -> None:
    print(msg)
