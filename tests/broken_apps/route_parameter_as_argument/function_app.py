"""A route parameter declared as a function argument: "0 functions found" on Azure."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="users/{user_id}", methods=["GET"])
def get_user(req: func.HttpRequest, user_id: str) -> func.HttpResponse:
    return func.HttpResponse(user_id)
