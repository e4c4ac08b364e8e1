"""Functions on a blueprint, and no FunctionApp at all."""

import azfunc as func

bp = func.Blueprint()


@bp.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")
