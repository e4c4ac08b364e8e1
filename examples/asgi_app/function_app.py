"""An ASGI web app served by one catch-all HTTP function, next to an ordinary function.

A real app would pass a FastAPI or Starlette application; this one is a plain ASGI
callable so it runs with no framework installed.
"""

import json

import azfunc as func


async def asgi_app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = json.dumps({"path": scope["path"], "method": scope["method"]}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


# azfunc: ignore[anonymous-route] the ASGI app checks its own callers
app = func.AsgiFunctionApp(app=asgi_app, http_auth_level=func.AuthLevel.ANONYMOUS)


@app.schedule(arg_name="timer", schedule="0 0 * * * *")
def hourly(timer: func.TimerRequest) -> None:
    print("past due" if timer.past_due else "on time")
