"""data_type=BINARY sends bytes, but the parameter is annotated str."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="report", methods=["GET"])
@app.blob_input(
    arg_name="report",
    path="reports/latest.csv",
    connection="AzureWebJobsStorage",
    data_type=func.DataType.BINARY,
)
def latest(req: func.HttpRequest, report: str) -> func.HttpResponse:
    return func.HttpResponse(report)
