"""local.settings.json names the wrong worker runtime and has no AzureWebJobsStorage."""

import azfunc as func

app = func.FunctionApp()


@app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *")
def tick(timer: func.TimerRequest) -> None:
    print(timer.past_due)
