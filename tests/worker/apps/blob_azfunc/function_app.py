"""Worker test app: a blob trigger that receives an Azure SDK ``BlobClient``
(SDK-type binding from azurefunctions-extensions-bindings-blob).

blob_azfunc/ imports azfunc, blob_azure/ azure.functions; nothing else differs
(tests/test_bridge.py checks it).
"""

# ruff: noqa: I001, RUF100 (isort groups azfunc and azure.functions apart; the twins
# must differ in the import line only)
import azfunc as func
import azurefunctions.extensions.bindings.blob as blob

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.blob_trigger(arg_name="client", path="samples/{name}", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="report", queue_name="reports", connection="AzureWebJobsStorage")
def blob_client_trigger(client: blob.BlobClient, report: func.Out[str]) -> None:
    report.set(f"{type(client).__name__} {client.container_name}/{client.blob_name}")
