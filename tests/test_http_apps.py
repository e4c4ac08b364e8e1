"""AsgiFunctionApp, WsgiFunctionApp, ExternalHttpFunctionApp: registration and lifespan wiring."""

from __future__ import annotations

import asyncio
import inspect
import json
import typing
from typing import Any

import pytest

from azfunc import testing
from azfunc._abc import Context
from azfunc._config.host_json import read_route_prefix, resolve_root_path
from azfunc._context import SimpleContext
from azfunc._http import HttpRequest, HttpResponse
from azfunc._http_asgi import AsgiMiddleware, LifespanError
from azfunc._http_wsgi import WsgiMiddleware
from azfunc.decorators.core import AuthLevel
from azfunc.decorators.function_app import (
    AsgiFunctionApp,
    BindingApi,
    Blueprint,
    ExternalHttpFunctionApp,
    FunctionRegister,
    SettingsApi,
    TriggerApi,
    WsgiFunctionApp,
)

# What azure-functions 1.26.0 emits for AsgiFunctionApp(app=app) (ran in a scratch venv).
REFERENCE_JSON = (
    '{"scriptFile": "function_app.py", "bindings": [{"direction": "IN", "type": "httpTrigger", '
    '"name": "req", "methods": ["GET", "POST", "DELETE", "HEAD", "PATCH", "PUT", "OPTIONS"], '
    '"authLevel": "FUNCTION", "route": "/{*route}"}, {"direction": "OUT", "type": "http", '
    '"name": "$return"}]}'
)


async def asgi_app(scope: Any, receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"asgi " + scope["path"].encode()})


def wsgi_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"wsgi " + environ["PATH_INFO"].encode("latin-1")]


def request(path: str = "/api/x") -> HttpRequest:
    return HttpRequest("GET", "http://localhost" + path, body=b"")


@pytest.mark.parametrize(
    ("app_class", "app", "http_type"),
    [(AsgiFunctionApp, asgi_app, "asgi"), (WsgiFunctionApp, wsgi_app, "wsgi")],
)
def test_catch_all_function_metadata(app_class: Any, app: Any, http_type: str) -> None:
    function_app = app_class(app=app)
    (function,) = function_app.get_functions()
    assert function.get_function_json() == REFERENCE_JSON
    assert (function.get_function_name(), function.http_type) == ("http_app_func", http_type)
    assert function.get_settings_dict("function_name") == {
        "setting_name": "function_name",
        "function_name": "http_app_func",
    }
    assert function.is_http_function()
    assert [f.get_function_json() for f in function_app.get_functions()] == [REFERENCE_JSON]


def test_function_name_and_auth_level() -> None:
    app = WsgiFunctionApp(wsgi_app, http_auth_level=AuthLevel.ANONYMOUS, function_name="web")
    (function,) = app.get_functions()
    assert function.get_function_name() == "web"
    assert json.loads(function.get_function_json())["bindings"][0]["authLevel"] == "ANONYMOUS"
    assert AsgiFunctionApp(asgi_app, "ADMIN").auth_level == AuthLevel.ADMIN


def test_user_function_signature() -> None:
    (asgi_function,) = AsgiFunctionApp(asgi_app).get_functions()
    (wsgi_function,) = WsgiFunctionApp(wsgi_app).get_functions()
    asgi_user, wsgi_user = asgi_function.get_user_function(), wsgi_function.get_user_function()
    assert inspect.iscoroutinefunction(asgi_user)
    assert not inspect.iscoroutinefunction(wsgi_user)
    for user in (asgi_user, wsgi_user):
        assert user.__name__ == "http_app_func"
        hints = typing.get_type_hints(user)
        assert hints == {"req": HttpRequest, "context": Context, "return": HttpResponse}


def test_more_functions_and_blueprints_beside_the_catch_all() -> None:
    app = AsgiFunctionApp(asgi_app, http_auth_level=AuthLevel.ANONYMOUS)

    @app.route("health")
    def health(req: HttpRequest) -> str:
        return "ok"

    bp = Blueprint()

    @bp.schedule(schedule="0 */5 * * * *", arg_name="timer")
    def tick(timer: Any) -> None:
        return None

    app.register_functions(bp)
    names = [f.get_function_name() for f in app.get_functions()]
    assert names == ["http_app_func", "health", "tick"]
    health_trigger = json.loads(app.get_functions()[1].get_function_json())["bindings"][0]
    assert health_trigger["authLevel"] == "ANONYMOUS"


def test_class_hierarchy_follows_the_reference() -> None:
    assert ExternalHttpFunctionApp.__bases__[:4] == (
        FunctionRegister,
        TriggerApi,
        SettingsApi,
        BindingApi,
    )
    assert AsgiFunctionApp.__bases__ == (ExternalHttpFunctionApp,)
    assert WsgiFunctionApp.__bases__ == (ExternalHttpFunctionApp,)
    with pytest.raises(TypeError, match="abstract"):
        ExternalHttpFunctionApp(auth_level=AuthLevel.FUNCTION)  # type: ignore[abstract]
    assert "__del__" not in vars(AsgiFunctionApp)


def test_add_http_app_type_checks() -> None:
    with pytest.raises(TypeError) as asgi_error:
        AsgiFunctionApp(asgi_app)._add_http_app(WsgiMiddleware(wsgi_app))
    assert str(asgi_error.value) == "Please pass AsgiMiddleware instance as parameter."
    with pytest.raises(TypeError) as wsgi_error:
        WsgiFunctionApp(wsgi_app)._add_http_app(AsgiMiddleware(asgi_app))
    assert str(wsgi_error.value) == "Please pass WsgiMiddleware instance as parameter."


def test_add_http_app_registers_a_second_catch_all() -> None:
    app = WsgiFunctionApp(wsgi_app)
    app._add_http_app(WsgiMiddleware(wsgi_app), function_name="second")
    assert [f.get_function_name() for f in app.get_functions()] == ["http_app_func", "second"]


def test_wsgi_function_serves_requests() -> None:
    app = WsgiFunctionApp(wsgi_app, route_prefix="api")
    (function,) = app.get_functions()
    response = function.get_user_function()(request("/api/hello"), SimpleContext())
    assert response.get_body() == b"wsgi /hello"
    assert isinstance(app.middleware, WsgiMiddleware)


class CountingLifespanApp:
    def __init__(self, fail: bool = False, *, keep_listening: bool = False) -> None:
        self.fail = fail
        self.keep_listening = keep_listening
        self.startups = 0
        self.shutdowns = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    self.startups += 1
                    await asyncio.sleep(0.05)
                    if self.fail:
                        await send({"type": "lifespan.startup.failed", "message": "no db"})
                        if not self.keep_listening:
                            return
                        continue
                    await send({"type": "lifespan.startup.complete"})
                else:
                    self.shutdowns += 1
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        await send({"type": "http.response.start", "status": 200})
        await send({"type": "http.response.body", "body": b"served"})


def test_startup_runs_once_for_concurrent_first_requests_and_shutdown_is_explicit() -> None:
    web_app = CountingLifespanApp()
    app = AsgiFunctionApp(web_app)
    handler = app.get_functions()[0].get_user_function()

    async def main() -> list[bytes]:
        assert not app.startup_task_done
        responses = await asyncio.gather(*(handler(request(), SimpleContext()) for _ in range(5)))
        assert app.startup_task_done
        await handler(request(), SimpleContext())
        await app.shutdown()
        await app.shutdown()
        return [r.get_body() for r in responses]

    assert asyncio.run(main()) == [b"served"] * 5
    assert (web_app.startups, web_app.shutdowns) == (1, 1)


def test_failed_startup_fails_fast_with_the_original_error() -> None:
    web_app = CountingLifespanApp(fail=True)
    app = AsgiFunctionApp(web_app)
    handler = app.get_functions()[0].get_user_function()

    async def main() -> list[BaseException]:
        errors = []
        for _ in range(3):
            with pytest.raises(RuntimeError) as info:
                await handler(request(), SimpleContext())
            errors.append(info.value)
        await app.shutdown()
        return errors

    errors = asyncio.run(main())
    assert web_app.startups == 1
    assert [str(e) for e in errors] == ["ASGI middleware startup failed."] * 3
    assert all(isinstance(e.__cause__, LifespanError) for e in errors)
    assert "no db" in str(errors[0].__cause__)
    assert not app.startup_task_done


def test_explicit_startup_before_the_first_request() -> None:
    web_app = CountingLifespanApp()
    app = AsgiFunctionApp(web_app)

    async def main() -> None:
        await app.startup()
        await app.get_functions()[0].get_user_function()(request(), SimpleContext())
        await app.shutdown()

    asyncio.run(main())
    assert (web_app.startups, web_app.shutdowns) == (1, 1)
    failing = AsgiFunctionApp(CountingLifespanApp(fail=True))
    with pytest.raises(RuntimeError, match="ASGI middleware startup failed"):
        asyncio.run(failing.startup())


@pytest.mark.parametrize(("fail", "status"), [(False, 200), (True, 500)])
def test_host_stop_runs_the_lifespan_shutdown_even_after_a_failed_startup(
    fail: bool, status: int
) -> None:
    web_app = CountingLifespanApp(fail=fail, keep_listening=True)
    app = AsgiFunctionApp(web_app, http_auth_level=AuthLevel.ANONYMOUS)
    order: list[str] = []
    app.on_shutdown(lambda: order.append(f"user hook, web app shut down: {web_app.shutdowns}"))
    with testing.Client(app, raise_server_exceptions=False) as client:
        assert client.get("/api/x").status_code == status
    assert (web_app.startups, web_app.shutdowns) == (1, 1)
    assert order == ["user hook, web app shut down: 0"]


def test_host_stop_without_a_request_starts_nothing() -> None:
    web_app = CountingLifespanApp()
    with testing.Client(AsgiFunctionApp(web_app)):
        pass
    assert (web_app.startups, web_app.shutdowns) == (0, 0)


def test_shutdown_without_startup_does_nothing() -> None:
    app = AsgiFunctionApp(CountingLifespanApp())
    asyncio.run(app.shutdown())
    assert not app.startup_task_done


def test_route_prefix_reaches_the_middleware() -> None:
    app = AsgiFunctionApp(asgi_app, route_prefix="/api/")
    assert app.middleware.root_path == "/api"
    assert AsgiFunctionApp(asgi_app).middleware.root_path == ""
    with pytest.raises(TypeError, match="route_prefix=3"):
        AsgiFunctionApp(asgi_app, route_prefix=3)  # type: ignore[arg-type]


# -- host.json -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "prefix"),
    [
        (None, "api"),
        ('{"version": "2.0"}', "api"),
        ('{"extensions": {"http": {"routePrefix": ""}}}', ""),
        ('{"Extensions": {"HTTP": {"routeprefix": "/v1/"}}}', "v1"),
        ('\ufeff{"extensions": {"http": {"routePrefix": "x/y"}}}', "x/y"),
    ],
)
def test_read_route_prefix(tmp_path: Any, content: str | None, prefix: str) -> None:
    if content is not None:
        (tmp_path / "host.json").write_text(content, encoding="utf-8")
    assert read_route_prefix(tmp_path) == prefix


@pytest.mark.parametrize(
    ("content", "match"),
    [("{broken", "is not valid JSON"), ('{"extensions": {"http": {"routePrefix": 1}}}', "string")],
)
def test_read_route_prefix_errors(tmp_path: Any, content: str, match: str) -> None:
    (tmp_path / "host.json").write_text(content)
    with pytest.raises(ValueError, match=match):
        read_route_prefix(tmp_path)


def test_route_prefix_true_reads_host_json_from_the_script_root(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "host.json").write_text('{"extensions": {"http": {"routePrefix": ""}}}')
    monkeypatch.setenv("AzureWebJobsScriptRoot", str(tmp_path))
    assert resolve_root_path(True) == ""
    assert WsgiFunctionApp(wsgi_app, route_prefix=True).middleware.script_name == ""
    monkeypatch.delenv("AzureWebJobsScriptRoot")
    monkeypatch.chdir(tmp_path.parent)
    assert resolve_root_path(True) == "/api"  # no host.json in the current directory
