"""Rules read from a function's source: decorators that never run, and blocking calls
in ``async def`` functions.

- ``decorator-order``: Python applies decorators from the bottom up. The app's
  decorators (``@app.route``, ``@bp.queue_trigger``, ...) register the function they
  receive; a decorator written above them wraps what they return, and the host never
  calls that wrapper, so an auth check or logging wrapper placed there never runs.
- ``blocking-call-in-async``: the worker runs ``async def`` functions on its event loop;
  ``time.sleep()`` or a ``requests`` call there stops every other invocation of the app
  until it returns (https://learn.microsoft.com/azure/azure-functions/python-scale-performance-reference#async).
  A warning: it works, slowly.

Names are resolved as the file imports them (``import requests as r`` makes ``r.get``
a blocking call), and messages use them as written.
"""

from __future__ import annotations

import ast
import contextlib
import inspect
import linecache
from typing import TYPE_CHECKING, Any

from azfunc._validation.problems import Problem, definition_site
from azfunc.decorators._builder import DecoratorApi

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = ["source_problems"]

#: Blocking callables by their full dotted name, with what to write instead.
_TO_THREAD = "await asyncio.to_thread({name}, ...)"
BLOCKING: dict[str, str] = {
    "time.sleep": "await asyncio.sleep(...)",
    **{
        f"requests.{verb}": "an async client (httpx.AsyncClient, aiohttp) or " + _TO_THREAD
        for verb in ("get", "post", "put", "patch", "delete", "head", "options", "request")
    },
    "urllib.request.urlopen": _TO_THREAD,
    **{f"subprocess.{name}": _TO_THREAD for name in ("run", "call", "check_call", "check_output")},
    "os.system": _TO_THREAD,
}

_trees: dict[str, tuple[int, ast.Module | None]] = {}


def _tree(file: str) -> ast.Module | None:
    lines = linecache.getlines(file)
    known = _trees.get(file)
    if known is not None and known[0] == hash(tuple(lines)):
        return known[1]
    try:
        tree: ast.Module | None = ast.parse("".join(lines))
    except (SyntaxError, ValueError):
        tree = None
    _trees[file] = (hash(tuple(lines)), tree)
    return tree


def _definition(
    function: Function,
) -> tuple[str, ast.Module, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    file, line = definition_site(function.get_user_function())
    if file is None or line is None:
        return None
    tree = _tree(file)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == line:
            return file, tree, node
    return None


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a name or attribute chain (a call's callee included), else None."""
    if isinstance(node, ast.Call):
        node = node.func
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _globals(function: Function) -> dict[str, Any]:
    user = function.get_user_function()
    with contextlib.suppress(ValueError):  # a __wrapped__ cycle
        user = inspect.unwrap(user)
    namespace: dict[str, Any] = getattr(user, "__globals__", {})
    return namespace


def _decorator_problems(
    function: Function, file: str, node: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[Problem]:
    namespace = _globals(function)

    def is_app(decorator: ast.expr) -> bool:
        """Whether the decorator is an attribute of an app or blueprint (``@app.route``,
        ``@module.bp.route``), resolved in the function's module."""
        dotted = _dotted(decorator)
        if dotted is None:
            return False
        head, *rest = dotted.split(".")
        value = namespace.get(head)
        for name in rest:
            if isinstance(value, DecoratorApi):
                return True
            value = getattr(value, name, None)
        return False

    marks = [is_app(d) for d in node.decorator_list]
    if True not in marks:
        return []
    last_app = len(marks) - 1 - marks[::-1].index(True)
    problems = []
    first_app = node.decorator_list[marks.index(True)]
    app_text = f"@{_dotted(first_app) or 'app'}"
    for decorator, app in zip(node.decorator_list[:last_app], marks[:last_app], strict=True):
        if app:
            continue
        text = f"@{ast.get_source_segment(''.join(linecache.getlines(file)), decorator)}"
        problems.append(
            Problem.of(
                "decorator-order",
                f"Function {function.get_function_name()!r}: the decorator {text} sits above "
                f"the app's decorators ({app_text}), so it wraps what they return, not the "
                "function the host calls: it never runs on an invocation. Move it below "
                f"them, directly above 'def {node.name}'.",
                function=function.get_function_name(),
                file=file,
                line=decorator.lineno,
            )
        )
    return problems


def _imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> full dotted name, for the module's imports (any depth)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname is not None:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _calls(node: ast.AST) -> list[ast.Call]:
    """The calls in ``node``'s body, not those of nested functions, lambdas or classes."""
    found = []
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(child, ast.Call):
            found.append(child)
        stack.extend(ast.iter_child_nodes(child))
    return sorted(found, key=lambda call: (call.lineno, call.col_offset))


def _blocking_problems(
    function: Function, file: str, tree: ast.Module, node: ast.AsyncFunctionDef
) -> list[Problem]:
    imports = _imports(tree)
    problems = []
    for call in _calls(node):
        written = _dotted(call.func)
        if written is None:
            continue
        head, _, rest = written.partition(".")
        if head not in imports:
            continue
        full = imports[head] + (f".{rest}" if rest else "")
        instead = BLOCKING.get(full)
        if instead is None:
            continue
        problems.append(
            Problem.of(
                "blocking-call-in-async",
                f"Function {function.get_function_name()!r} is async, but it calls "
                f"{written}(), which blocks: the worker runs async functions on one event "
                "loop, so every other invocation of the app waits until it returns. Use "
                f"{instead.format(name=written)}, or make the function a plain def (the "
                "worker runs those in a thread pool).",
                function=function.get_function_name(),
                file=file,
                line=call.lineno,
            )
        )
    return problems


def source_problems(function: Function) -> list[Problem]:
    """Return the decorator-order and blocking-call problems of ``function`` (none when
    its source cannot be read)."""
    found = _definition(function)
    if found is None:
        return []
    file, tree, node = found
    problems = _decorator_problems(function, file, node)
    if isinstance(node, ast.AsyncFunctionDef):
        problems += _blocking_problems(function, file, tree, node)
    return problems
