"""Typed HTTP functions: route, query and body parameters and response models.

azfunc converts and validates the typed parameters before the call: a route value that
does not convert answers 404, a bad query or body 422 with an RFC 9457 problem document
listing every field error. A returned model is sent as JSON. The function metadata is
byte for byte that of the hand-written twin in ``examples/typed_http_untyped``, and the
app runs on the real Python worker. See docs/typed-http.md.
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict

import azfunc as func

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@dataclasses.dataclass
class NewItem:
    """An item to add to the catalogue."""

    name: str
    price: float
    tags: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Item:
    """An item of the catalogue."""

    id: int
    name: str
    price: float
    tags: list[str]


class ItemPage(TypedDict):
    """A page of items."""

    items: list[Item]
    total: int


ITEMS: dict[int, Item] = {
    1: Item(id=1, name="kettle", price=25.0, tags=["kitchen"]),
    2: Item(id=2, name="lamp", price=40.5, tags=["living", "light"]),
}


# azfunc: ignore[anonymous-route] a public catalogue, read without a key
@app.route(route="items/{item_id:int}", methods=["GET"])
def get_item(req: func.HttpRequest, item_id: int) -> Item | func.HttpResponse:
    """Return one item by its id."""
    item = ITEMS.get(item_id)
    if item is None:
        return func.HttpResponse(f"no item {item_id}", status_code=404)
    return item


# azfunc: ignore[anonymous-route] a public catalogue, read without a key
@app.route(route="items", methods=["GET"])
def list_items(limit: int = 10, tag: str | None = None) -> ItemPage:
    """List items, optionally only those with a tag."""
    found = [item for item in ITEMS.values() if tag is None or tag in item.tags]
    return {"items": found[:limit], "total": len(found)}


@app.route(route="items", methods=["POST"], auth_level=func.AuthLevel.FUNCTION)
@app.queue_output(arg_name="msg", queue_name="new-items", connection="AzureWebJobsStorage")
def create_item(req: func.HttpRequest, body: NewItem, msg: func.Out[str]) -> Item:
    """Add an item to the catalogue and announce it on the new-items queue."""
    item = Item(id=max(ITEMS) + 1, name=body.name, price=body.price, tags=body.tags)
    ITEMS[item.id] = item
    msg.set(item.name)
    return item
