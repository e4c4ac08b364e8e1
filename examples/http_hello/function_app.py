"""HTTP functions: route and query parameters, explicit methods, app and per-route auth levels."""

import json
import logging

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.function_name(name="HelloName")
@app.route(route="hello/{name}", methods=[func.HttpMethod.GET, func.HttpMethod.POST])
def hello_name(req: func.HttpRequest) -> func.HttpResponse:
    """Greet the name taken from the URL path: GET /api/hello/Ada?greeting=Hi."""
    name = req.route_params.get("name")
    greeting = req.params.get("greeting", "Hello")
    logging.info("Greeting %s", name)
    return func.HttpResponse(f"{greeting}, {name}!", mimetype="text/plain")


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.route()
def http_trigger(req: func.HttpRequest) -> func.HttpResponse:
    """The default template: route and auth level come from the function name and the app."""
    logging.info("Python HTTP trigger function processed a request.")
    name = req.params.get("name")
    if not name:
        try:
            req_body = req.get_json()
        except ValueError:
            pass
        else:
            name = req_body.get("name")

    if name:
        return func.HttpResponse(
            f"Hello, {name}. This HTTP-triggered function executed successfully."
        )
    return func.HttpResponse(
        "This HTTP-triggered function executed successfully. "
        "Pass a name in the query string or in the request body for a personalized response.",
        status_code=200,
    )


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.function_name(name="Goodbye")
@app.route(methods=["GET"])
def goodbye(req: func.HttpRequest) -> func.HttpResponse:
    """No route given: it defaults to the function name, so this answers GET /api/Goodbye."""
    return func.HttpResponse(f"Goodbye, {req.params.get('name', 'world')}!")


@app.route(route="items/{id:int}", methods=["put", "delete"], auth_level=func.AuthLevel.FUNCTION)
def item(req: func.HttpRequest) -> func.HttpResponse:
    """Update or delete one item; needs a function key."""
    item_id = int(req.route_params["id"])
    if req.method == "DELETE":
        return func.HttpResponse(status_code=204)
    payload = req.get_json()
    payload["id"] = item_id
    return func.HttpResponse(json.dumps(payload), mimetype="application/json")


@app.route(route="stats", methods=["GET"], auth_level="admin")
def admin_stats(req: func.HttpRequest) -> func.HttpResponse:
    """Report request details; only the master key may call it."""
    stats = {"method": req.method, "url": req.url, "params": dict(req.params)}
    return func.HttpResponse(json.dumps(stats), mimetype="application/json")


# azfunc: ignore[anonymous-route] a public demo endpoint, called without a key
@app.route(route="echo", trigger_arg_name="request", methods=[func.HttpMethod.POST])
async def echo(request: func.HttpRequest) -> func.HttpResponse:
    """Return the request body unchanged (an async function with a custom argument name)."""
    return func.HttpResponse(
        request.get_body(),
        mimetype=request.headers.get("content-type", "application/octet-stream"),
    )
