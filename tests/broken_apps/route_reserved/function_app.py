"""A route under 'admin', which the host keeps for its own API."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="admin/users", methods=["GET"])
def list_users(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("users")
