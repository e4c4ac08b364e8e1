"""A route parameter declared as an argument of a binding's type: "0 functions found"."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="users/{user_id}", methods=["GET"])
def get_user(req: func.HttpRequest, user_id: func.Out[str]) -> func.HttpResponse:
    return func.HttpResponse("user")
