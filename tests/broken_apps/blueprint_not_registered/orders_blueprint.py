"""The orders functions, on a blueprint."""

import azfunc as func

bp = func.Blueprint()


@bp.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")
