"""Worker test app for local parity (tests/testing/test_parity.py runs it in the test
client): a function that returns a value without a '$return' binding, an extension
whose post-function-load hook records every function at indexing, and a function that
is never invoked.
"""

import azfunc as func

LOADED: list[str] = []


class LoadRecorder(func.AppExtensionBase):
    @classmethod
    def post_function_load_app_level(cls, function_name, function_directory, *args, **kwargs):
        LOADED.append(function_name)


app = func.FunctionApp()


@app.queue_trigger(arg_name="item", queue_name="inbox", connection="AzureWebJobsStorage")
def returns_value(item: str) -> str:
    return f"dropped {item}"


@app.queue_trigger(arg_name="item", queue_name="other", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="out", queue_name="outbox", connection="AzureWebJobsStorage")
def report_loaded(item: str, out: func.Out[str]) -> None:
    out.set(",".join(LOADED))


@app.queue_trigger(arg_name="item", queue_name="never", connection="AzureWebJobsStorage")
def never_called(item: str) -> None:
    raise AssertionError("never invoked")
