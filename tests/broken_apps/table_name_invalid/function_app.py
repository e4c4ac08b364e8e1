"""Storage table names are letters and digits, starting with a letter."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="audit", methods=["POST"])
@app.table_output(arg_name="row", table_name="audit-log", connection="AzureWebJobsStorage")
def audit(req: func.HttpRequest, row: func.Out[str]) -> func.HttpResponse:
    row.set(req.get_body().decode())
    return func.HttpResponse("ok")
