"""func.Out on a parameter fed by an input binding."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="report", methods=["GET"])
@app.blob_input(arg_name="report", path="reports/latest.txt", connection="AzureWebJobsStorage")
def latest(req: func.HttpRequest, report: func.Out[str]) -> func.HttpResponse:
    return func.HttpResponse("ok")
