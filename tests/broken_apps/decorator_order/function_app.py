"""An auth wrapper above @app.route: it wraps the builder, and never runs."""

import functools

import azfunc as func

app = func.FunctionApp()


def require_auth(handler):
    @functools.wraps(handler)
    def wrapper(req):
        if "x-token" not in req.headers:
            return func.HttpResponse("no", status_code=401)
        return handler(req)

    return wrapper


@require_auth
@app.route(route="secret", methods=["GET"])
def secret(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("the secret")
