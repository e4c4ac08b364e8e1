"""A function with an output binding but no trigger."""

import azfunc as func

app = func.FunctionApp()


@app.function_name("forward")
@app.queue_output(arg_name="out", queue_name="done", connection="AzureWebJobsStorage")
def forward(out: func.Out[str]) -> None:
    out.set("x")
