"""Two FunctionApps in one script: the worker indexes exactly one."""

import azfunc as func

app = func.FunctionApp()
admin_app = func.FunctionApp()


@app.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")


@admin_app.route(route="stats", methods=["GET"])
def stats(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("stats")
