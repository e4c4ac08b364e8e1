"""Two functions serving GET on the same route."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="items", methods=["GET"])
def list_items(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("items")


@app.route(route="items", methods=["GET", "POST"])
def items(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("items too")
