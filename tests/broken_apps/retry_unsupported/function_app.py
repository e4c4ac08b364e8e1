"""A retry policy on a queue trigger, which ignores it."""

import azfunc as func

app = func.FunctionApp()


@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.queue_trigger(arg_name="msg", queue_name="orders", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage) -> None:
    print(msg.get_body())
