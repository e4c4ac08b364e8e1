"""Imports a package that is not installed."""

import orders_client_sdk

import azfunc as func

app = func.FunctionApp()


@app.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(orders_client_sdk.list_orders())
