"""Worker test app: an ASGI application served through AsgiFunctionApp.

asgi_azfunc/ imports azfunc, asgi_azure/ azure.functions; nothing else differs
(tests/test_bridge.py checks it).
"""

import json

import azfunc as func


async def echo(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    payload = {
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode(),
        "body": body.decode(),
        "header": dict(scope["headers"]).get(b"x-caller", b"").decode(),
    }
    await send(
        {
            "type": "http.response.start",
            "status": 202,
            "headers": [(b"content-type", b"application/json"), (b"x-asgi", b"yes")],
        }
    )
    await send({"type": "http.response.body", "body": json.dumps(payload, sort_keys=True).encode()})


app = func.AsgiFunctionApp(app=echo, http_auth_level=func.AuthLevel.ANONYMOUS)
