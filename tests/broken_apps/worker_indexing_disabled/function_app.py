"""Worker indexing turned off: the host looks for function.json files."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")
