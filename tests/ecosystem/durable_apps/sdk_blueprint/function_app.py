"""A ``func.FunctionApp`` that registers the SDK's ``df.Blueprint`` of durable functions."""

import azure.durable_functions as df
import azure.functions as func

bp = df.Blueprint()


@bp.route(route="start", methods=["POST"])
@bp.durable_client_input(client_name="starter", task_hub="Hub", connection_name="Storage")
async def start(req: func.HttpRequest, starter) -> func.HttpResponse:
    instance_id = await starter.start_new("chain")
    return starter.create_check_status_response(req, instance_id)


@bp.orchestration_trigger(context_name="context")
def chain(context):
    result = yield context.call_activity("double", 21)
    return result


@bp.activity_trigger(input_name="n", activity="double")
def double(n: int) -> int:
    return n * 2


@bp.entity_trigger(context_name="context")
def tally(context):
    context.set_state(context.get_state(lambda: 0) + 1)


app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
app.register_functions(bp)


@app.queue_trigger(arg_name="msg", queue_name="jobs", connection="AzureWebJobsStorage")
@app.durable_client_input(client_name="client")
async def from_queue(msg: func.QueueMessage, client) -> None:
    await client.start_new("chain", None, msg.get_body().decode())
