"""Blocking calls in an async function stall the worker's event loop."""

import time
from time import sleep as pause

import requests as http

import azfunc as func

app = func.FunctionApp()


@app.route(route="slow", methods=["GET"])
async def slow(req: func.HttpRequest) -> func.HttpResponse:
    time.sleep(1)
    pause(1)
    http.get("https://example.com")

    def later() -> None:
        time.sleep(1)  # not in the async function itself: fine

    return func.HttpResponse("done")
