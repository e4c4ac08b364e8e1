"""%setting% references: one unset, one whose value is not a valid schedule."""

import azfunc as func

app = func.FunctionApp()


@app.queue_trigger(arg_name="msg", queue_name="%ORDERS_QUEUE%", connection="AzureWebJobsStorage")
def ingest(msg: func.QueueMessage) -> None:
    print(msg.get_body())


@app.timer_trigger(arg_name="timer", schedule="%TICK_SCHEDULE%")
def tick(timer: func.TimerRequest) -> None:
    print(timer.past_due)
