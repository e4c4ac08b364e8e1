"""Cosmos DB database and container names cannot hold '/', '\\', '#' or '?'."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="orders", methods=["POST"])
@app.cosmos_db_output(
    arg_name="doc",
    database_name="shop/eu",
    container_name="orders#2024",
    connection="CosmosDB",
)
def save(req: func.HttpRequest, doc: func.Out[func.Document]) -> func.HttpResponse:
    doc.set(func.Document.from_json(req.get_body().decode()))
    return func.HttpResponse("saved")
