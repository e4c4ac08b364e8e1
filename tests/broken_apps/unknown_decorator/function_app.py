"""A decorator name that does not exist (it is warm_up_trigger)."""

import azfunc as func

app = func.FunctionApp()


@app.warmup_trigger(arg_name="warmup")
def warm(warmup: func.WarmUpContext) -> None:
    print("warm")
