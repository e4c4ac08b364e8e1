"""A TimeSpan schedule with 25 hours."""

import azfunc as func

app = func.FunctionApp()


@app.timer_trigger(arg_name="timer", schedule="25:00:00")
def nightly(timer: func.TimerRequest) -> None:
    print(timer.past_due)
