"""Binding types are spelled once, in ``decorators/constants.py``; triggers are never guessed
from a ``Trigger`` suffix.

The check reads the syntax tree of every module under ``src/azfunc`` (``constants.py`` and
the binding classes' ``get_binding_name`` excepted) and reports:

* a string literal that is a binding type with a capital letter (``"httpTrigger"``,
  ``"serviceBus"``), anywhere but in docstrings and f-strings;
* a binding type that is also an ordinary word (``"http"``, ``"queue"``, ``"blob"``,
  ``"table"``, ...) where it stands for a binding type: the value of a ``binding=``,
  ``trigger=``, ``binding_type=`` or ``trigger_type=`` keyword, compared with something
  named ``binding``, assigned to a name that is a constant's name or mentions binding or
  trigger, or a key of a dict with other binding types as keys. Elsewhere these words are a
  URL scheme, the ASGI scope type, the datum type of HTTP data or a CLI format;
* ``"Trigger"`` (any case) in ``endswith``/``startswith`` or in a comparison.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from azfunc.decorators import constants

SRC = Path(__file__).resolve().parent.parent / "src" / "azfunc"
CONSTANTS = SRC / "decorators" / "constants.py"

#: Binding type -> the constant that spells it.
CONSTANT_OF = {
    value: name
    for name, value in vars(constants).items()
    if name.isupper() and isinstance(value, str)
}
#: Binding types that are also ordinary words in code.
WORDS = {value for value in CONSTANT_OF if value.islower()}
BINDING_KEYWORDS = {"binding", "trigger", "binding_type", "trigger_type"}


def _is_str(node: ast.AST | None, values: set[str] | dict[str, str]) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in values


def _is_trigger_word(node: ast.AST) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_is_trigger_word(item) for item in node.elts)
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.casefold() == "trigger"
    )


class _Finder(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: dict[tuple[int, int], str] = {}

    def _flag(self, node: ast.expr, message: str) -> None:
        self.found.setdefault((node.lineno, node.col_offset), message)

    def _flag_type(self, node: ast.expr) -> None:
        assert isinstance(node, ast.Constant) and isinstance(node.value, str)
        self._flag(node, f"{node.value!r}: use constants.{CONSTANT_OF[node.value]}")

    def visit_Expr(self, node: ast.Expr) -> None:
        is_docstring = isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        if not is_docstring:
            self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.name != "get_binding_name":
            self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _keywords(self, keywords: list[ast.keyword]) -> None:
        for keyword in keywords:
            if keyword.arg in BINDING_KEYWORDS and _is_str(keyword.value, CONSTANT_OF):
                self._flag_type(keyword.value)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._keywords(node.keywords)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._keywords(node.keywords)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if method in ("endswith", "startswith") and any(map(_is_trigger_word, node.args)):
            self._flag(node, "guesses a trigger from its name: check the binding's class")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        operands = [node.left, *node.comparators]
        if any(_is_trigger_word(operand) for operand in operands):
            self._flag(node, "guesses a trigger from its name: check the binding's class")
        for operand in operands:
            others = " ".join(ast.unparse(o) for o in operands if o is not operand)
            if _is_str(operand, WORDS) and "binding" in others:
                self._flag_type(operand)
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        if not _is_str(value, WORDS):
            return
        for target in targets:
            name = target.id if isinstance(target, ast.Name) else ""
            bare = name.strip("_")
            if bare in vars(constants) or re.search("binding|trigger", name, re.IGNORECASE):
                assert value is not None
                self._flag_type(value)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        keyed_by_type = any(
            (isinstance(key, ast.Name) and key.id in vars(constants))
            or (_is_str(key, CONSTANT_OF) and not _is_str(key, WORDS))
            for key in node.keys
        )
        if keyed_by_type:
            for key in node.keys:
                if _is_str(key, WORDS):
                    assert key is not None
                    self._flag_type(key)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if _is_str(node, CONSTANT_OF) and node.value not in WORDS:
            self._flag_type(node)


def _findings(source: str) -> list[tuple[int, str]]:
    finder = _Finder()
    finder.visit(ast.parse(source))
    return [(line, message) for (line, _), message in sorted(finder.found.items())]


def test_src_spells_no_binding_type_and_guesses_no_trigger() -> None:
    found = [
        f"{path.relative_to(SRC.parent)}:{line}: {message}"
        for path in sorted(SRC.rglob("*.py"))
        if path != CONSTANTS
        for line, message in _findings(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_check_finds_spelled_binding_types_and_suffix_guesses() -> None:
    source = '''
class QueueIn(meta.InConverter, binding="queueTrigger", trigger=True):
    """A docstring may say "queueTrigger"."""
if binding.type == "http" or "blob" != parameter.binding.type:
    pass
_HTTP_OUTPUT = "http"
trigger_type: str = "queue"
BUILDERS = {BLOB_TRIGGER: "blob_payload()", "blob": "blob_payload(trigger=False)"}
OLD = {"blobTrigger": "blob_payload()", "blob": "blob_payload(trigger=False)"}
if str(binding.type).endswith("Trigger") or name.lower().endswith(("input", "trigger")):
    pass
invoke(function, trigger_type="timerTrigger")
if kind in ("serviceBus", "eventHub"):
    pass
if name[-7:] == "Trigger":
    pass
'''
    assert _findings(source) == [
        (2, "'queueTrigger': use constants.QUEUE_TRIGGER"),
        (4, "'http': use constants.HTTP_OUTPUT"),
        (4, "'blob': use constants.BLOB"),
        (6, "'http': use constants.HTTP_OUTPUT"),
        (7, "'queue': use constants.QUEUE"),
        (8, "'blob': use constants.BLOB"),
        (9, "'blobTrigger': use constants.BLOB_TRIGGER"),
        (9, "'blob': use constants.BLOB"),
        (10, "guesses a trigger from its name: check the binding's class"),
        (10, "guesses a trigger from its name: check the binding's class"),
        (12, "'timerTrigger': use constants.TIMER_TRIGGER"),
        (13, "'serviceBus': use constants.SERVICE_BUS"),
        (13, "'eventHub': use constants.EVENT_HUB"),
        (15, "guesses a trigger from its name: check the binding's class"),
    ]


def test_the_check_leaves_ordinary_words_and_binding_classes_alone() -> None:
    source = '''
"""The module docstring names "httpTrigger"."""
__all__ = ["blob", "queue_message"]
if scope["type"] == "http" and data.type != "http":
    scheme = url.scheme or "http"
datum = Datum(value, "http")
blob = decoded(blob_payload, name="blob")
choices = ("json", "table")
message = f"unexpected data for the 'durableClient' binding: {data.type!r}"

class QueueTrigger(Trigger):
    @staticmethod
    def get_binding_name() -> str:
        return "queueTrigger"
'''
    assert _findings(source) == []
