"""Blueprints from two modules, added with register_functions and register_blueprint."""

from http_blueprint import bp as http_bp
from queue_blueprint import bp as queue_bp

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

app.register_functions(http_bp)
app.register_blueprint(queue_bp)


# azfunc: ignore[anonymous-route] a health probe is public by design
@app.route(route="health", methods=["GET"], auth_level=func.AuthLevel.ANONYMOUS)
def health(req: func.HttpRequest) -> func.HttpResponse:
    """A liveness probe defined on the app itself."""
    return func.HttpResponse("OK")
