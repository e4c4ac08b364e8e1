"""Worker test app: the SDK-type bindings of the Service Bus and blob extensions.

``servicebus_queue_trigger`` is Microsoft's settlement sample (the
``samples/servicebus_samples_settlement`` app of azurefunctions-extensions-bindings-servicebus
1.0.0b2, line-wrapped): a ``ServiceBusReceivedMessage`` trigger parameter and a
``message_actions: ServiceBusMessageActions`` parameter that has no binding and gets the
worker's settlement client. The blob functions take a ``ContainerClient`` from a trigger
and a ``BlobClient`` from an input binding.

sdktypes_azfunc/ imports azfunc, sdktypes_azure/ azure.functions; nothing else differs
(tests/test_bridge.py checks it).
"""

# ruff: noqa: I001, RUF100 (isort groups azfunc and azure.functions apart; the twins
# must differ in the import line only)
import logging

import azure.functions as func
import azurefunctions.extensions.bindings.blob as blob
import azurefunctions.extensions.bindings.servicebus as servicebus

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)


@app.service_bus_queue_trigger(
    arg_name="received_message",
    queue_name="QUEUE_NAME",
    connection="SERVICEBUS_CONNECTION",
    auto_complete_messages=False,
)
def servicebus_queue_trigger(
    received_message: servicebus.ServiceBusReceivedMessage,
    message_actions: servicebus.ServiceBusMessageActions,
):
    logging.info("Python ServiceBus queue trigger processed message. Message: %s", received_message)
    message_actions.complete(received_message)
    logging.info("Completed message.")


@app.blob_trigger(arg_name="client", path="samples", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="report", queue_name="reports", connection="AzureWebJobsStorage")
def container_client_trigger(client: blob.ContainerClient, report: func.Out[str]) -> None:
    report.set(f"{type(client).__name__} {client.container_name}")


@app.route(route="file")
@app.blob_input(arg_name="client", path="samples/a.txt", connection="AzureWebJobsStorage")
def blob_client_input(req: func.HttpRequest, client: blob.BlobClient) -> str:
    return f"{type(client).__name__} {client.container_name}/{client.blob_name}"
