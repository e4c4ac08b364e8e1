"""A five-field cron expression: Azure wants six fields, seconds first."""

import azfunc as func

app = func.FunctionApp()


@app.timer_trigger(arg_name="timer", schedule="*/5 * * * *")
def tick(timer: func.TimerRequest) -> None:
    print(timer.past_due)
