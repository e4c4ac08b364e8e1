"""Per-request cost of typed HTTP functions next to the same endpoints written by hand.

Run: ``python benchmarks/bench_typed.py [--quick] [--json FILE]``.

Each scenario is one endpoint written twice: typed (typed parameters, a dataclass body,
a response model: azfunc converts, validates and serialises) and by hand (``int()`` on
``req.route_params``, ``req.params``, ``json.loads`` and field checks, ``json.dumps``
and ``func.HttpResponse``), answering the same request with the same bytes. Both are
called the way the host calls them, with the request as the only argument: the typed one
through the adapter the worker and the runner call (``typed_view``), so the figure is
what typing adds per request, without the host. Rounds alternate the two; the table
gives the median time per request of each and the ratio typed / by hand (median, min
and max over the rounds).

Not a test: numbers depend on the machine. tests/test_benchmarks.py runs ``--quick`` to
check the output's shape, never its timings.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import azfunc as func  # noqa: E402
from azfunc._typed.view import typed_view  # noqa: E402

TARGET = 1.5


def _example_models() -> tuple[type[Any], type[Any]]:
    """``NewItem`` and ``Item`` of examples/typed_http (its functions keep state; the
    endpoints here do not)."""
    spec = importlib.util.spec_from_file_location(
        "_typed_example", ROOT / "examples" / "typed_http" / "function_app.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.NewItem, module.Item


NewItem, Item = _example_models()
ITEMS = {i: Item(id=i, name=f"item {i}", price=i * 1.5, tags=["a", "b"]) for i in range(1, 50)}


# -- typed --------------------------------------------------------------------------------------

typed_app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@typed_app.route(route="items/{item_id:int}", methods=["GET"])
def get_item(item_id: int) -> Item:
    return ITEMS[item_id]


@typed_app.route(route="items", methods=["GET"])
def list_items(limit: int = 10, tag: str | None = None) -> list[Item]:
    return [i for i in ITEMS.values() if tag is None or tag in i.tags][:limit]


@typed_app.route(route="items", methods=["POST"])
def create_item(body: NewItem) -> Item:
    return Item(id=100, name=body.name, price=body.price, tags=body.tags)


# -- by hand ------------------------------------------------------------------------------------


def _item_json(item: Item) -> dict[str, Any]:
    return {"id": item.id, "name": item.name, "price": item.price, "tags": item.tags}


def _json(value: Any) -> func.HttpResponse:
    return func.HttpResponse(
        json.dumps(value, ensure_ascii=False, separators=(",", ":")), mimetype="application/json"
    )


def _invalid(errors: list[dict[str, Any]], path: str) -> func.HttpResponse:
    count = len(errors)
    problem = {
        "type": "about:blank",
        "title": "Unprocessable Content",
        "status": 422,
        "detail": f"{count} invalid field{'s' if count != 1 else ''} in the request",
        "instance": path,
        "errors": errors,
    }
    return func.HttpResponse(
        json.dumps(problem, ensure_ascii=False, separators=(",", ":")),
        status_code=422,
        mimetype="application/problem+json",
    )


def hand_get_item(req: func.HttpRequest) -> func.HttpResponse:
    try:
        item_id = int(req.route_params["item_id"])
    except ValueError:
        return func.HttpResponse(status_code=404)
    return _json(_item_json(ITEMS[item_id]))


def hand_list_items(req: func.HttpRequest) -> func.HttpResponse:
    limit = 10
    if "limit" in req.params:
        try:
            limit = int(req.params["limit"])
        except ValueError:
            return _invalid(
                [{"loc": ["query", "limit"], "msg": "Input should be a valid integer",
                  "type": "int_parsing"}],
                "/api/items",
            )  # fmt: skip
    tag = req.params.get("tag")
    found = [i for i in ITEMS.values() if tag is None or tag in i.tags][:limit]
    return _json([_item_json(i) for i in found])


def hand_create_item(req: func.HttpRequest) -> func.HttpResponse:
    try:
        data = json.loads(req.get_body())
    except ValueError as error:
        return _invalid(
            [{"loc": ["body"], "msg": f"Invalid JSON: {error}", "type": "json_invalid"}],
            "/api/items",
        )
    if not isinstance(data, dict):
        return _invalid(
            [{"loc": ["body"], "msg": "Input should be an object (NewItem)", "type": "model_type"}],
            "/api/items",
        )
    errors = []
    if "name" not in data:
        errors.append({"loc": ["body", "name"], "msg": "Field required", "type": "missing"})
    elif not isinstance(data["name"], str):
        errors.append({"loc": ["body", "name"], "msg": "Input should be a valid string",
                       "type": "string_type"})  # fmt: skip
    price = data.get("price")
    if "price" not in data:
        errors.append({"loc": ["body", "price"], "msg": "Field required", "type": "missing"})
    elif isinstance(price, bool) or not isinstance(price, (int, float)):
        errors.append({"loc": ["body", "price"], "msg": "Input should be a valid number",
                       "type": "float_parsing"})  # fmt: skip
    tags = data.get("tags", [])
    if not isinstance(tags, list):
        errors.append({"loc": ["body", "tags"], "msg": "Input should be a valid list",
                       "type": "list_type"})  # fmt: skip
    else:
        errors += [
            {"loc": ["body", "tags", i], "msg": "Input should be a valid string",
             "type": "string_type"}
            for i, t in enumerate(tags) if not isinstance(t, str)
        ]  # fmt: skip
    if errors:
        return _invalid(errors, "/api/items")
    new = NewItem(name=data["name"], price=float(price), tags=tags)
    return _json(_item_json(Item(id=100, name=new.name, price=new.price, tags=new.tags)))


# -- the scenarios ------------------------------------------------------------------------------


def _request(method: str, path: str, **fields: Any) -> func.HttpRequest:
    query = fields.pop("params", {})
    suffix = "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    return func.HttpRequest(
        method, f"http://localhost/api/{path}{suffix}", params=query, **fields
    )


def _typed(name: str) -> Callable[..., Any]:
    function = next(f for f in typed_app.get_functions() if f.get_function_name() == name)
    return typed_view(function).get_user_function()


SCENARIOS: list[tuple[str, Callable[..., Any], Callable[..., Any], func.HttpRequest]] = [
    ("route int -> model", _typed("get_item"), hand_get_item,
     _request("GET", "items/7", route_params={"item_id": "7"}, body=b"")),
    ("query int, str -> list", _typed("list_items"), hand_list_items,
     _request("GET", "items", params={"limit": "5", "tag": "a"}, body=b"")),
    ("JSON body -> model", _typed("create_item"), hand_create_item,
     _request("POST", "items", body=b'{"name": "mug", "price": 8.5, "tags": ["k", "m"]}')),
    ("invalid body -> 422", _typed("create_item"), hand_create_item,
     _request("POST", "items", body=b'{"price": "x", "tags": [1]}')),
]  # fmt: skip


def _per_call(call: Callable[..., Any], request: func.HttpRequest, count: int) -> float:
    started = time.perf_counter()
    for _ in range(count):
        call(req=request)
    return (time.perf_counter() - started) / count


def measure(count: int, rounds: int) -> list[dict[str, Any]]:
    rows = []
    for name, typed, hand, request in SCENARIOS:
        typed_answer, hand_answer = typed(req=request), hand(req=request)
        same = (typed_answer.status_code, typed_answer.get_body()) == (
            hand_answer.status_code,
            hand_answer.get_body(),
        )
        if not same:
            raise AssertionError(f"{name}: the typed and hand-written answers differ")
        typed_times, hand_times = [], []
        for _ in range(rounds):
            hand_times.append(_per_call(hand, request, count))
            typed_times.append(_per_call(typed, request, count))
        ratios = [t / h for t, h in zip(typed_times, hand_times, strict=True)]
        rows.append(
            {
                "scenario": name,
                "status": typed_answer.status_code,
                "hand_us": statistics.median(hand_times) * 1e6,
                "typed_us": statistics.median(typed_times) * 1e6,
                "ratio_median": statistics.median(ratios),
                "ratio_min": min(ratios),
                "ratio_max": max(ratios),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few calls: checks the script")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    count, rounds = (200, 3) if args.quick else (4_000, 25)
    rows = measure(count, rounds)
    print(f"{count} requests x {rounds} rounds per scenario; Python {sys.version.split()[0]}")
    print(f"{'scenario':<26} {'status':>6} {'by hand µs':>11} {'typed µs':>9} "
          f"{'ratio (min-max)':>20}")  # fmt: skip
    for row in rows:
        print(
            f"{row['scenario']:<26} {row['status']:>6} {row['hand_us']:>11.2f} "
            f"{row['typed_us']:>9.2f} {row['ratio_median']:>7.2f} "
            f"({row['ratio_min']:.2f}-{row['ratio_max']:.2f})"
        )
    worst = max(row["ratio_median"] for row in rows)
    print(f"worst median ratio {worst:.2f} (target <= {TARGET})")
    if args.json is not None:
        args.json.write_text(
            json.dumps({"count": count, "rounds": rounds, "rows": rows}, indent=2) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
