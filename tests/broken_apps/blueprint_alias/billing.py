"""The billing functions, on a blueprint."""

import azfunc as func

bp = func.Blueprint()


@bp.route(route="invoices", methods=["GET"])
def list_invoices(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("invoices")
