"""The templates of ``azfunc new``: a function for function_app.py and a test for it.

Each template's code is a :class:`string.Template` over these names:

* ``$app``: the module-level variable of the app in function_app.py (``app``);
* ``${name}``: the function name (a Python identifier, also the Functions name);
* ``${slug}``: the name as a queue, container or hub name (lowercase, ``-`` for ``_``).

The tests use :mod:`azfunc.testing` on the app folder (``APP``, the folder above
``tests/``), so they run with plain ``pytest`` and without a connection to Azure.
"""

from __future__ import annotations

import attrs

__all__ = ["TEMPLATES", "Template"]


@attrs.frozen(kw_only=True)
class Template:
    """One template of ``azfunc new``.

    Attributes:
        name: The template's name (``http``, ``timer``, ...).
        summary: One line for ``azfunc new --list``.
        imports: Import lines function_app.py needs (added after its imports when missing).
        code: The code added at the end of function_app.py.
        test: The test module written to ``tests/test_<name>.py``.
        files: Other files written in the app folder, by path (templates too).
        settings: ``Values`` added to local.settings.json when missing (connections).
        requirements: Lines added to requirements.txt when missing.
    """

    name: str
    summary: str
    imports: tuple[str, ...] = ()
    code: str
    test: str
    files: tuple[tuple[str, str], ...] = ()
    settings: tuple[tuple[str, str], ...] = ()
    requirements: tuple[str, ...] = ()


_TEST_HEAD = '''"""Tests of ${name}: pytest loads the app as the Python worker does."""

from pathlib import Path

from azfunc import testing

APP = Path(__file__).resolve().parent.parent
'''

_LOGGING_TEST_HEAD = '''"""Tests of ${name}: pytest loads the app as the Python worker does."""

import logging
from pathlib import Path

import pytest
from azfunc import testing

APP = Path(__file__).resolve().parent.parent
'''

_HTTP = Template(
    name="http",
    summary="an HTTP function: GET/POST /api/<name>?name=Ada answers a greeting",
    code='''

@$app.route(route="${name}", methods=["GET", "POST"])
def ${name}(req: func.HttpRequest) -> func.HttpResponse:
    """Greet the caller named in the query string or in a JSON body {"name": ...}."""
    name = req.params.get("name")
    if not name:
        try:
            name = req.get_json().get("name")
        except ValueError:
            name = None
    if not name:
        return func.HttpResponse(
            "Pass a name in the query string or in a JSON body.", status_code=400
        )
    return func.HttpResponse(f"Hello, {name}!")
''',
    test=_TEST_HEAD
    + """

def test_${name}_greets_by_query_and_by_json() -> None:
    with testing.Client(APP) as client:
        by_query = client.get("/api/${name}", params={"name": "Ada"})
        by_json = client.post("/api/${name}", json={"name": "Grace"})
        missing = client.post("/api/${name}", json={})
    assert [(r.status_code, r.text) for r in (by_query, by_json, missing)] == [
        (200, "Hello, Ada!"),
        (200, "Hello, Grace!"),
        (400, "Pass a name in the query string or in a JSON body."),
    ]
""",
)

_TIMER = Template(
    name="timer",
    summary="a timer function that runs every five minutes",
    imports=("import logging",),
    code='''

@$app.timer_trigger(schedule="0 */5 * * * *", arg_name="timer", run_on_startup=False)
def ${name}(timer: func.TimerRequest) -> None:
    """Run every five minutes (NCRONTAB: second minute hour day month day-of-week)."""
    if timer.past_due:
        logging.warning("${name} is running late")
    logging.info("${name} ran")
''',
    test=_LOGGING_TEST_HEAD
    + """

def test_${name}_runs_and_says_when_it_is_late(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)  # the worker logs INFO; Python's default is WARNING
    with testing.Client(APP) as client:
        on_time = client.invoke("${name}", testing.timer_request_payload())
        late = client.invoke("${name}", testing.timer_request_payload(past_due=True))
    assert [r.getMessage() for r in on_time.logs] == ["${name} ran"]
    assert [r.getMessage() for r in late.logs] == [
        "${name} is running late",
        "${name} ran",
    ]
""",
)

_QUEUE = Template(
    name="queue",
    summary="a Storage queue function that forwards each message, upper-cased, to another queue",
    code='''

@$app.queue_trigger(
    arg_name="msg", queue_name="${slug}", connection="AzureWebJobsStorage"
)
@$app.queue_output(
    arg_name="out", queue_name="${slug}-done", connection="AzureWebJobsStorage"
)
def ${name}(msg: func.QueueMessage, out: func.Out[str]) -> None:
    """Forward each message of the queue ${slug} to ${slug}-done, upper-cased."""
    out.set(msg.get_body().decode("utf-8").upper())
''',
    test=_TEST_HEAD
    + """

def test_${name}_forwards_the_message_upper_cased() -> None:
    with testing.Client(APP) as client:
        result = client.invoke("${name}", testing.queue_message_payload("hello"))
    assert result.outputs == {"out": "HELLO"}
""",
)

_BLOB = Template(
    name="blob",
    summary="a blob function that copies each new blob of a container to another",
    code='''

@$app.blob_trigger(
    arg_name="blob", path="${slug}-in/{name}", connection="AzureWebJobsStorage"
)
@$app.blob_output(
    arg_name="copy", path="${slug}-out/{name}", connection="AzureWebJobsStorage"
)
def ${name}(blob: func.InputStream, copy: func.Out[bytes]) -> None:
    """Copy each new blob of the container ${slug}-in to ${slug}-out."""
    copy.set(blob.read())
''',
    test=_TEST_HEAD
    + """

def test_${name}_copies_the_blob() -> None:
    blob = testing.blob_payload(b"data", name="${slug}-in/a.txt")
    with testing.Client(APP) as client:
        result = client.invoke("${name}", blob)
    assert result.outputs == {"copy": b"data"}
""",
)

_LOGGED_TEST = """

def test_${name}_logs_what_it_got(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)  # the worker logs INFO; Python's default is WARNING
    payload = testing.%(payload)s
    with testing.Client(APP) as client:
        result = client.invoke("${name}", payload)
    assert [r.getMessage() for r in result.logs] == ["%(expected)s"]
"""


def _logging_template(
    name: str, summary: str, code: str, payload: str, expected: str, connection: str = ""
) -> Template:
    """A template whose function logs what its trigger got, tested through its log line.

    :param connection: The app setting of the trigger's connection, added to
        local.settings.json with a placeholder value; ``""``: none.
    """
    return Template(
        name=name,
        summary=summary,
        imports=("import logging",),
        code=code,
        test=_LOGGING_TEST_HEAD + _LOGGED_TEST % {"payload": payload, "expected": expected},
        settings=((connection, f"<your {connection} connection string>"),) if connection else (),
    )


_SERVICE_BUS = _logging_template(
    "servicebus",
    "a Service Bus queue function (connection: the ServiceBusConnection setting)",
    '''

@$app.service_bus_queue_trigger(
    arg_name="msg", queue_name="${slug}", connection="ServiceBusConnection"
)
def ${name}(msg: func.ServiceBusMessage) -> None:
    """Log each message of the Service Bus queue ${slug}."""
    logging.info("${name} got %s", msg.get_body().decode("utf-8"))
''',
    'service_bus_message_payload("hello")',
    "${name} got hello",
    "ServiceBusConnection",
)

_EVENT_HUB = _logging_template(
    "eventhub",
    "an Event Hubs function (connection: the EventHubConnection setting)",
    '''

@$app.event_hub_message_trigger(
    arg_name="event", event_hub_name="${slug}", connection="EventHubConnection"
)
def ${name}(event: func.EventHubEvent) -> None:
    """Log each event of the event hub ${slug}."""
    logging.info("${name} got %s", event.get_body().decode("utf-8"))
''',
    'event_hub_event_payload("hello")',
    "${name} got hello",
    "EventHubConnection",
)

_COSMOS_DB = _logging_template(
    "cosmosdb",
    "a Cosmos DB change feed function (connection: the CosmosDBConnection setting)",
    '''

@$app.cosmos_db_trigger(
    arg_name="documents",
    connection="CosmosDBConnection",
    database_name="${slug}-db",
    container_name="${slug}",
    lease_container_name="leases",
    create_lease_container_if_not_exists=True,
)
def ${name}(documents: func.DocumentList) -> None:
    """Log the ids of the documents changed in the container ${slug}."""
    logging.info("${name} got %s", ", ".join(doc["id"] for doc in documents))
''',
    'cosmos_documents_payload([{"id": "a"}, {"id": "b"}])',
    "${name} got a, b",
    "CosmosDBConnection",
)

_EVENT_GRID = _logging_template(
    "eventgrid",
    "an Event Grid function that logs each event's type and subject",
    '''

@$app.event_grid_trigger(arg_name="event")
def ${name}(event: func.EventGridEvent) -> None:
    """Log the type and subject of each Event Grid event."""
    logging.info("${name} got %s for %s", event.event_type, event.subject)
''',
    'event_grid_event_payload(event_type="Created", subject="/a")',
    "${name} got Created for /a",
)

_BLUEPRINT = Template(
    name="blueprint",
    summary="a blueprint module (<name>_blueprint.py) with an HTTP function, registered on the app",
    imports=("from ${name}_blueprint import bp as ${name}_blueprint",),
    code="""

$app.register_functions(${name}_blueprint)
""",
    files=(
        (
            "${name}_blueprint.py",
            '''"""${name}: a blueprint, registered on the app in function_app.py."""

import azfunc as func

bp = func.Blueprint()


@bp.route(route="${name}/{id}", methods=["GET"])
def ${name}(req: func.HttpRequest) -> func.HttpResponse:
    """Answer GET /api/${name}/<id> with the id as JSON."""
    return func.HttpResponse(
        f'{{"id": "{req.route_params["id"]}"}}', mimetype="application/json"
    )
''',
        ),
    ),
    test=_TEST_HEAD
    + """

def test_${name}_answers_the_id() -> None:
    with testing.Client(APP) as client:
        response = client.get("/api/${name}/42")
    assert (response.status_code, response.json()) == (200, {"id": "42"})
""",
)

_DURABLE = Template(
    name="durable",
    summary="Durable Functions: an HTTP starter, an orchestrator and an activity "
    "(needs azure-functions-durable on Azure)",
    code='''

@$app.route(route="${name}/start", methods=["POST"])
@$app.durable_client_input(client_name="client")
async def ${name}_start(req: func.HttpRequest, client) -> func.HttpResponse:
    """Start the orchestration ${name} and answer with its status URLs."""
    instance_id = await client.start_new("${name}")
    return client.create_check_status_response(req, instance_id)


@$app.orchestration_trigger(context_name="context")
def ${name}(context):
    """Call the activity ${name}_activity for two cities, one after the other."""
    first = yield context.call_activity("${name}_activity", "Tokyo")
    second = yield context.call_activity("${name}_activity", "Seattle")
    return [first, second]


@$app.activity_trigger(input_name="city")
def ${name}_activity(city: str) -> str:
    """Greet one city."""
    return f"Hello, {city}!"
''',
    test=_TEST_HEAD
    + '''

class _Context:
    """Stands in for the Durable Functions SDK's orchestration context."""

    def call_activity(self, name: str, value: str) -> tuple[str, str]:
        return name, value


def test_${name}_calls_the_activity_for_each_city() -> None:
    with testing.Client(APP) as client:
        orchestrator = client.function("${name}").get_user_function()
        generator = getattr(orchestrator, "__wrapped__", orchestrator)
        steps = generator(_Context())
        calls = [next(steps), steps.send("Hello, Tokyo!")]
        try:
            steps.send("Hello, Seattle!")
        except StopIteration as done:
            result = done.value
    assert calls == [
        ("${name}_activity", "Tokyo"),
        ("${name}_activity", "Seattle"),
    ]
    assert result == ["Hello, Tokyo!", "Hello, Seattle!"]


def test_${name}_activity_greets_the_city() -> None:
    city = testing.activity_input_payload("Oslo")
    with testing.Client(APP) as client:
        result = client.invoke("${name}_activity", city)
    assert result.return_value == "Hello, Oslo!"
''',
    requirements=("azure-functions-durable",),
)

_FASTAPI = Template(
    name="fastapi",
    summary="a FastAPI app served under /api/<name>/ by one HTTP function",
    imports=("import fastapi",),
    code='''

${name}_api = fastapi.FastAPI()


@${name}_api.get("/api/${name}/items/{item_id}")
async def ${name}_item(item_id: int) -> dict[str, int]:
    """Answer GET /api/${name}/items/<item_id> (an int, checked by FastAPI)."""
    return {"item_id": item_id}


${name}_asgi = func.AsgiMiddleware(${name}_api)


@$app.route(
    route="${name}/{*route}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"]
)
async def ${name}(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    """Hand every request under /api/${name}/ to the FastAPI app."""
    return await ${name}_asgi.handle_async(req, context)
''',
    test=_TEST_HEAD
    + """

def test_${name}_serves_the_fastapi_routes() -> None:
    with testing.Client(APP) as client:
        item = client.get("/api/${name}/items/7")
        invalid = client.get("/api/${name}/items/seven")
    assert (item.status_code, item.json()) == (200, {"item_id": 7})
    assert invalid.status_code == 422
""",
    requirements=("fastapi",),
)

_FLASK = Template(
    name="flask",
    summary="a Flask app served under /api/<name>/ by one HTTP function",
    imports=("import flask",),
    code='''

${name}_web = flask.Flask("${name}")


@${name}_web.get("/api/${name}/items/<int:item_id>")
def ${name}_item(item_id: int) -> dict[str, int]:
    """Answer GET /api/${name}/items/<item_id> (an int, checked by Flask)."""
    return {"item_id": item_id}


${name}_wsgi = func.WsgiMiddleware(${name}_web.wsgi_app)


@$app.route(
    route="${name}/{*route}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"]
)
def ${name}(req: func.HttpRequest, context: func.Context) -> func.HttpResponse:
    """Hand every request under /api/${name}/ to the Flask app."""
    return ${name}_wsgi.handle(req, context)
''',
    test=_TEST_HEAD
    + """

def test_${name}_serves_the_flask_routes() -> None:
    with testing.Client(APP) as client:
        item = client.get("/api/${name}/items/7")
        missing = client.get("/api/${name}/items/seven")
    assert (item.status_code, item.json()) == (200, {"item_id": 7})
    assert missing.status_code == 404
""",
    requirements=("flask",),
)

#: The templates by name, in the order ``azfunc new --list`` shows them.
TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        _HTTP,
        _TIMER,
        _QUEUE,
        _BLOB,
        _SERVICE_BUS,
        _EVENT_HUB,
        _COSMOS_DB,
        _EVENT_GRID,
        _BLUEPRINT,
        _DURABLE,
        _FASTAPI,
        _FLASK,
    )
}
