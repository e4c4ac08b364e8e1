"""Two functions with the same name."""

import azfunc as func

app = func.FunctionApp()


@app.function_name("report")
@app.route(route="report/daily", methods=["GET"])
def daily(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("daily")


@app.function_name("report")
@app.route(route="report/weekly", methods=["GET"])
def weekly(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("weekly")
