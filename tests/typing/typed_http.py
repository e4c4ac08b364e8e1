"""Checked by mypy and pyright (not collected by pytest): typed HTTP functions keep their
signatures, and ``ModelResponse`` keeps the type of its body.

Each ``ignore`` comment marks a call that must be a type error; both checkers are run
with unused-ignore reporting, so if the error disappeared the check would fail.
"""

from __future__ import annotations

import dataclasses

from typing_extensions import assert_type

import azfunc as func
from azfunc.typed import ModelResponse

app = func.FunctionApp()


@dataclasses.dataclass
class Item:
    id: int
    name: str


@app.route(route="items/{item_id:int}", methods=["GET"])
def get_item(item_id: int, verbose: bool = False) -> Item:
    return Item(id=item_id, name="x")


@app.route(route="items", methods=["POST"])
def create_item(body: Item) -> ModelResponse[Item]:
    return ModelResponse(body, status_code=201, headers={"Location": f"/api/items/{body.id}"})


assert_type(get_item(1), Item)
assert_type(create_item(Item(id=1, name="x")).body, Item)
assert_type(ModelResponse([1, 2]).status_code, int)
get_item("1")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
