"""A misspelt binding arg_name on a typed HTTP function: 'dco' would pass for a query."""

import azfunc as func

app = func.FunctionApp()


@app.route(route="docs/{name}", methods=["GET"])
@app.blob_input(arg_name="doc", path="docs/{name}", connection="AzureWebJobsStorage")
def read_doc(req: func.HttpRequest, name: str, dco: str) -> func.HttpResponse:
    return func.HttpResponse(dco)
