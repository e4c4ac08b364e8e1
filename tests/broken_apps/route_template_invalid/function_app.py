"""A route template with an unclosed brace: the host fails to start."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="users/{id", methods=["GET"])
def get_user(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("user")
