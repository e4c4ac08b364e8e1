"""A blueprint imported under another name and never registered: the fix uses the alias."""

from billing import bp as billing_bp  # noqa: F401 - imported, never registered

import azfunc as func

app = func.FunctionApp()


@app.route(route="health", methods=["GET"])
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")
