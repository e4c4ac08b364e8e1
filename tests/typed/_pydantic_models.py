"""pydantic models for the typed-function tests (imported only when pydantic is there)."""

from __future__ import annotations

import pydantic

import azfunc as func


class Order(pydantic.BaseModel):
    item: str
    qty: int = pydantic.Field(gt=0)


def order_app() -> func.FunctionApp:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="orders", methods=["POST"])
    def order(body: Order) -> Order:
        return body

    return app
