"""azfunc's decorators and constructors have the parameters of azure-functions 1.26.0.

tests/golden/signatures.json is the reference's own `inspect.signature` of every public
FunctionApp method and of the FunctionApp, Blueprint, AsgiFunctionApp and WsgiFunctionApp
constructors (written by tools/golden.py). Each parameter must match in name, kind and
`repr(default)`; enum defaults therefore need the same class name, member name and value.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

import azfunc

SNAPSHOT: dict[str, list[dict[str, str | None]]] = json.loads(
    (Path(__file__).resolve().parent / "golden" / "signatures.json").read_text(encoding="utf-8")
)

# Decorators of issue 4, not in azfunc yet. Adding one makes test_missing_are_the_pending_ones
# fail until it is removed from this set, and from then on its signature is checked.
PENDING = frozenset({
})


def _target(key: str) -> Any:
    """The azfunc callable a snapshot key names, or None when azfunc lacks it."""
    class_name, attribute = key.split(".")
    cls = getattr(azfunc, class_name, None)
    return None if cls is None else getattr(cls, attribute, None)


def _describe(obj: Any) -> list[dict[str, str | None]]:
    return [
        {
            "name": param.name,
            "kind": param.kind.name,
            "default": None if param.default is param.empty else repr(param.default),
        }
        for param in inspect.signature(obj).parameters.values()
    ]


def test_pending_names_are_in_the_snapshot() -> None:
    assert PENDING - set(SNAPSHOT) == set()


def test_missing_are_the_pending_ones() -> None:
    missing = {key for key in SNAPSHOT if _target(key) is None}
    assert missing == PENDING


# azfunc's own parameters, appended keyword-only with defaults so every reference call works.
ADDITIONS: dict[str, list[str]] = {
    "AsgiFunctionApp.__init__": ["route_prefix"],
    "WsgiFunctionApp.__init__": ["route_prefix"],
}


@pytest.mark.parametrize("key", sorted(set(SNAPSHOT) - PENDING))
def test_signature_matches_reference(key: str) -> None:
    target = _target(key)
    assert target is not None, f"azfunc has no {key}"
    ours, reference = _describe(target), SNAPSHOT[key]
    assert ours[: len(reference)] == reference
    added = ours[len(reference) :]
    assert [p["name"] for p in added] == ADDITIONS.get(key, [])
    assert all(p["kind"] == "KEYWORD_ONLY" and p["default"] is not None for p in added)
