"""The test client: host routing and auth, the pipeline, responses and outputs,
lifecycle hooks, and invoking non-HTTP functions."""

from __future__ import annotations

import asyncio
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

import azfunc as func
from azfunc import testing
from azfunc.invocation import CallNext, Invocation, StartupError

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)
events: list[str] = []


@app.on_startup
def _started() -> None:
    events.append("startup")


@app.on_shutdown
def _stopped() -> None:
    events.append("shutdown")


@app.middleware
def tag(invocation: Invocation, call_next: CallNext) -> Any:
    result = call_next(invocation)
    if isinstance(result, func.HttpResponse):
        result.headers["X-Middleware"] = invocation.function_name
    return result


@app.route(route="users/{id:int}", methods=["GET"])
def user(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps({"id": int(req.route_params["id"]), "q": dict(req.params)}),
        mimetype="application/json",
    )


@app.route(route="users/{id:int}", methods=["DELETE"], auth_level=func.AuthLevel.ADMIN)
def delete_user(req: func.HttpRequest) -> None:
    return None


@app.route(route="cookie", methods=["GET"], auth_level=func.AuthLevel.ANONYMOUS)
@app.queue_output(arg_name="msg", queue_name="cookies", connection="AzureWebJobsStorage")
def cookie(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:
    msg.set("sent")
    response = func.HttpResponse("ok", headers={"Set-Cookie": "a=1; Path=/"})
    response.headers.add("Set-Cookie", "b=2")
    return response


@app.route(route="text", auth_level=func.AuthLevel.ANONYMOUS)
def text(req: func.HttpRequest) -> str:
    return "plain"


@app.route(route="fail", auth_level=func.AuthLevel.ANONYMOUS)
def fail(req: func.HttpRequest) -> func.HttpResponse:
    raise RuntimeError("boom")


@app.route(route="loop", auth_level=func.AuthLevel.ANONYMOUS)
async def loop_check(req: func.HttpRequest) -> str:
    return str(id(asyncio.get_running_loop()))


@app.function_name("Intake")
@app.queue_trigger(arg_name="msg", queue_name="intake", connection="AzureWebJobsStorage")
@app.blob_input(arg_name="template", path="templates/{id}", connection="AzureWebJobsStorage")
@app.queue_output(arg_name="out", queue_name="out", connection="AzureWebJobsStorage")
def intake(msg: func.QueueMessage, template: func.InputStream, out: func.Out[str]) -> None:
    out.set(template.read().decode() % (msg.get_body().decode(), msg.dequeue_count))


@app.timer_trigger(arg_name="timer", schedule="0 * * * * *")
@app.queue_output(arg_name="$return", queue_name="ticks", connection="AzureWebJobsStorage")
def tick(timer: func.TimerRequest, context: func.Context) -> str:
    return f"{timer.past_due} {context.invocation_id} {context.retry_context.retry_count}"


@pytest.fixture
def client() -> Any:
    with testing.Client(app, route_prefix="api") as client:
        yield client


def test_routes_with_constraints_methods_and_prefix(client: testing.Client) -> None:
    ok = client.get("/api/users/42?x=1")
    assert (ok.status_code, ok.json(), ok.headers.get("X-Middleware")) == (
        200,
        {"id": 42, "q": {"x": "1"}},
        "user",
    )
    not_int = client.get("/api/users/ada")
    wrong_prefix = client.get("/users/42")
    method = client.post("/api/users/42")
    assert [
        (r.status_code, r.body, list(r.headers), r.result) for r in (not_int, wrong_prefix)
    ] == [
        (404, b"", [("Content-Length", "0")], None),
        (404, b"", [("Content-Length", "0")], None),
    ]
    assert (method.status_code, list(method.headers)) == (
        405,
        [("Allow", "DELETE, GET"), ("Content-Length", "0")],
    )


def test_keys_are_not_checked_by_default_as_with_azfunc_start(client: testing.Client) -> None:
    assert client.auth is False
    assert [
        client.get("/api/users/1", auth=False).status_code,
        client.get("/api/users/1", auth="wrong").status_code,
        client.delete("/api/users/1", auth=False).status_code,
    ] == [200, 200, 204]


def test_the_auth_switch_checks_keys_and_says_which_key_and_where(client: testing.Client) -> None:
    client.auth = True
    denied = client.delete("/api/users/1", auth=testing.TEST_KEYS.host)
    assert (denied.status_code, denied.text) == (
        401,
        "401 Unauthorized: function 'delete_user' has auth level ADMIN and the key sent does "
        "not open it. Send the master key in the x-functions-key header or the code query "
        "parameter (the Client's keys: azfunc.testing.TEST_KEYS unless keys= is given).\n",
    )


def test_auth_levels_use_test_keys(client: testing.Client) -> None:
    client.auth = True
    assert [
        client.get("/api/users/1").status_code,
        client.get("/api/users/1", auth=False).status_code,
        client.get("/api/users/1", auth="wrong").status_code,
        client.get("/api/users/1", auth=False, params={"code": "test-host-key"}).status_code,
        client.get("/api/users/1", headers={"x-functions-key": "test-master-key"}).status_code,
        client.delete("/api/users/1").status_code,
        client.delete("/api/users/1", auth=testing.TEST_KEYS.host).status_code,
        client.get("/api/cookie", auth=False).status_code,
    ] == [200, 401, 401, 200, 200, 204, 401, 200]


def test_custom_keys() -> None:
    keys = testing.HostKeys(master="m", host="h", functions={"user": "only-user"})
    with testing.Client(app, auth=True, keys=keys) as client:
        assert [
            client.get("/api/users/1").status_code,
            client.get("/api/users/1", auth="only-user").status_code,
            client.get("/api/users/1", auth="test-host-key").status_code,
        ] == [200, 200, 401]


def test_response_has_host_headers_cookies_and_outputs(client: testing.Client) -> None:
    response = client.get("/api/cookie")
    assert (response.status_code, response.text, list(response.headers), response.outputs) == (
        200,
        "ok",
        [
            ("X-Middleware", "cookie"),
            ("content-type", "text/plain; charset=utf-8"),
            ("Set-Cookie", "a=1; Path=/"),
            ("Set-Cookie", "b=2"),
            ("Content-Length", "2"),
        ],
        {"msg": "sent"},
    )
    assert response.result is not None
    assert (response.result.function_name, response.result.encoded_outputs["msg"]) == (
        "cookie",
        func.meta.Datum("sent", "string"),
    )


def test_string_return_is_a_200_text_response(client: testing.Client) -> None:
    response = client.get("/api/text")
    assert (response.status_code, response.text, list(response.headers)) == (
        200,
        "plain",
        [("content-type", "text/plain; charset=utf-8"), ("Content-Length", "5")],
    )


def test_function_error_is_raised_or_answered_500() -> None:
    with testing.Client(app) as client, pytest.raises(RuntimeError, match=r"^boom$"):
        client.get("/api/fail")
    with testing.Client(app, raise_server_exceptions=False) as client:
        response = client.get("/api/fail")
    assert response.result is not None
    assert (response.status_code, response.body, repr(response.result.error)) == (
        500,
        b"",
        "RuntimeError('boom')",
    )


def test_startup_and_shutdown_hooks_run_with_the_client() -> None:
    events.clear()
    with testing.Client(app) as client:
        assert events == ["startup"]
        client.get("/api/text")
    assert events == ["startup", "shutdown"]
    with pytest.raises(RuntimeError) as caught:
        client.get("/api/text")
    assert str(caught.value) == (
        "This Client is closed (its app was shut down); create a new Client."
    )


def test_failing_startup_hook_fails_the_client() -> None:
    broken = func.FunctionApp()

    @broken.on_startup
    def connect() -> None:
        raise OSError("no database")

    with pytest.raises(StartupError, match="no database"):
        testing.Client(broken)


def test_async_functions_run_on_the_clients_one_loop(client: testing.Client) -> None:
    assert client.get("/api/loop").text == client.get("/api/loop").text


def test_client_works_inside_a_running_event_loop(client: testing.Client) -> None:
    async def main() -> tuple[int, str]:
        response = client.get("/api/users/7")
        return response.status_code, client.get("/api/loop").text

    outside = client.get("/api/loop").text
    assert asyncio.run(main()) == (200, outside)


def test_invoke_passes_payload_metadata_and_other_inputs(client: testing.Client) -> None:
    result = client.invoke(
        "Intake",
        testing.queue_message_payload("hi", dequeue_count=3),
        template=testing.blob_payload("%s #%d", trigger=False),
    )
    assert (result.outputs, result.return_value, result.function_name) == (
        {"out": "hi #3"},
        None,
        "Intake",
    )
    by_python_name = client.invoke(
        "intake", testing.queue_message_payload("yo"), inputs={"template": b"%s %d"}
    )
    assert by_python_name.outputs == {"out": "yo 1"}


def test_invoke_defaults_a_timer_input_and_takes_a_context(client: testing.Client) -> None:
    result = client.invoke("tick", context=testing.context(invocation_id="i-1", retry_count=2))
    assert (result.return_value, result.invocation_id) == ("False i-1 2", "i-1")
    past_due = client.invoke("tick", testing.timer_request_payload(past_due=True))
    assert past_due.return_value.startswith("True ")


def test_invoke_names_the_problem(client: testing.Client) -> None:
    with pytest.raises(LookupError) as missing:
        client.invoke("nope")
    assert str(missing.value) == (
        "The app has no function 'nope'; its functions are 'user', 'delete_user', 'cookie', "
        "'text', 'fail', 'loop_check', 'Intake', 'tick'."
    )
    with pytest.raises(ValueError) as wrong:
        client.invoke("Intake", testing.service_bus_message_payload("x"), template=b"")
    assert str(wrong.value) == (
        "Function 'Intake': binding 'msg' is a 'queueTrigger' binding, but the payload was "
        "built for 'serviceBusTrigger'; build it with queue_message_payload()."
    )


def test_client_loads_an_app_folder_with_its_route_prefix(tmp_path: Path) -> None:
    (tmp_path / "host.json").write_text(
        '{"version": "2.0", "extensions": {"http": {"routePrefix": "v1"}}}', encoding="utf-8"
    )
    (tmp_path / "function_app.py").write_text(
        textwrap.dedent(
            """
            import azfunc as func

            app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

            @app.route(route="where")
            def where(req: func.HttpRequest, context: func.Context) -> str:
                return context.function_directory
            """
        ),
        encoding="utf-8",
    )
    with testing.Client(tmp_path) as client:
        assert (client.get("/v1/where").text, client.get("/api/where").status_code) == (
            str(tmp_path.resolve()),
            404,
        )
    with testing.Client(tmp_path, route_prefix="") as client:
        assert client.get("/where").status_code == 200


def test_client_sends_the_local_hosts_response(tmp_path: Path) -> None:
    custom = {"customHeaders": {"X-Frame-Options": "DENY"}}
    host_json = {"version": "2.0", "extensions": {"http": custom}}
    (tmp_path / "host.json").write_text(json.dumps(host_json), encoding="utf-8")
    (tmp_path / "function_app.py").write_text(
        textwrap.dedent(
            """
            import azfunc as func

            app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

            @app.route(route="page", methods=["GET", "HEAD"])
            def page(req: func.HttpRequest) -> func.HttpResponse:
                return func.HttpResponse("<p>hi</p>", mimetype="text/html")
            """
        ),
        encoding="utf-8",
    )
    with testing.Client(tmp_path) as client:
        get, head, root = client.get("/api/page"), client.head("/api/page"), client.get("/")
    headers = [
        ("content-type", "text/html; charset=utf-8"),
        ("X-Frame-Options", "DENY"),
        ("Content-Length", "9"),
    ]
    assert [(r.status_code, list(r.headers), r.body) for r in (get, head)] == [
        (200, headers, b"<p>hi</p>"),
        (200, headers, b""),
    ]
    assert (root.status_code, root.text.splitlines()[1]) == (200, "Functions: page")


def test_client_raises_what_the_host_cannot_send() -> None:
    broken = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @broken.route(route="odd")
    def odd(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(status_code="teapot")  # type: ignore[arg-type]

    @broken.route(route="early")
    def early(req: func.HttpRequest) -> func.HttpResponse:
        return func.HttpResponse(status_code=100)

    with testing.Client(broken, raise_server_exceptions=False) as client:
        with pytest.raises(TypeError) as odd_status:
            client.get("/api/odd")
        with pytest.raises(ValueError) as early_status:
            client.get("/api/early")
    assert [str(odd_status.value), str(early_status.value)] == [
        "HttpResponse status_code 'teapot' is not a status the host can read; it needs an "
        "int such as 200. Pass status_code=int(...).",
        "HttpResponse status_code 100 cannot end an HTTP response; a final status is "
        "between 200 and 599. Return one such as 200, 404 or 500.",
    ]
