"""A blueprint registered before all of its functions were defined."""

import azfunc as func

app = func.FunctionApp()
bp = func.Blueprint()


@bp.route(route="orders", methods=["GET"])
def list_orders(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("orders")


app.register_functions(bp)


@bp.route(route="orders", methods=["POST"])
def create_order(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("created")
