"""A blueprint that is imported but never registered: its functions are lost."""

import orders_blueprint  # noqa: F401 - imported, but never registered

import azfunc as func

app = func.FunctionApp()


@app.route(route="health", methods=["GET"])
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")
