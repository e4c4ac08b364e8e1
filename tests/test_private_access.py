"""Only ``azfunc.decorators`` touches the private attributes of functions, builders and apps.

The rest of the package reads a :class:`Function`, a :class:`FunctionBuilder`, an app or a
blueprint through their public accessors (``builder.function``, ``builder.owner``,
``app.get_function_builders()``, ``app.build_function(builder)``, ``get_startup_hooks()``,
``function.with_user_function(...)``, ...), so the decorators can change their insides
without breaking the runner, the checks or the host.

The private names are read from the classes themselves (every ``_name`` they assign on
``self``, declare in the class body or define as a method), so a new one is covered at
once. An access is ``x._name`` or ``getattr(x, "_name")`` (also ``setattr``, ``hasattr``,
``delattr``) on any receiver but ``self`` and ``cls``, anywhere outside
``src/azfunc/decorators/``.

One access is allowed for good, outside the package: azure-functions-durable assigns
``builder._function._func``, so ``Function._func`` stays a plain writable attribute.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "azfunc"
DECORATORS = PACKAGE / "decorators"

#: The classes whose private attributes stay inside ``azfunc.decorators``, by module.
CLASSES = {
    "_function.py": ("Function",),
    "_builder.py": ("FunctionBuilder", "DecoratorApi"),
    "function_app.py": (
        "HttpFunctionsAuthLevelMixin", "FunctionRegister",
        "ExternalHttpFunctionApp", "AsgiFunctionApp", "WsgiFunctionApp",
    ),
}

#: Accesses still allowed, as ``(module path under src/azfunc, attribute): reason``.
ALLOWED: dict[tuple[str, str], str] = {}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_names() -> set[str]:
    names: set[str] = set()
    for module, classes in CLASSES.items():
        tree = ast.parse((DECORATORS / module).read_text(encoding="utf-8"))
        found = [c for c in tree.body if isinstance(c, ast.ClassDef) and c.name in classes]
        assert sorted(c.name for c in found) == sorted(classes), module
        for node in (n for c in found for n in ast.walk(c)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                names.add(node.attr)
    return {name for name in names if _is_private(name)}


PRIVATE = _private_names()


def _is_own(receiver: ast.expr) -> bool:
    return isinstance(receiver, ast.Name) and receiver.id in ("self", "cls")


def _accesses(tree: ast.AST) -> list[tuple[int, str]]:
    """``(line, attribute)`` of every access to one of :data:`PRIVATE` in ``tree``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in PRIVATE and not _is_own(node.value):
            found.append((node.lineno, node.attr))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and not _is_own(node.args[0])
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in PRIVATE
        ):
            found.append((node.lineno, str(node.args[1].value)))
    return found


def _outside_accesses() -> dict[tuple[str, str], list[int]]:
    accesses: dict[tuple[str, str], list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(DECORATORS):
            continue
        module = path.relative_to(PACKAGE).as_posix()
        for line, attribute in _accesses(ast.parse(path.read_text(encoding="utf-8"))):
            accesses.setdefault((module, attribute), []).append(line)
    return accesses


def test_private_names_cover_the_function_builder_and_app_attributes() -> None:
    expected = {"_function", "_func", "_owner", "_trigger", "_bindings", "_settings", "_app",
                "_scope_middleware", "_middleware", "_function_builders", "_is_http_function",
                "_blueprints", "_auth_level", "_build", "_lifecycle_hooks"}  # fmt: skip
    assert expected - PRIVATE == set()


def test_no_module_outside_decorators_touches_private_attributes() -> None:
    found = {
        f"src/azfunc/{module}:{lines} .{attribute}"
        for (module, attribute), lines in _outside_accesses().items()
        if (module, attribute) not in ALLOWED
    }
    assert found == set(), (
        "These modules reach into a private attribute of a Function, FunctionBuilder, app "
        "or blueprint. Use (or add) a public accessor on the class in azfunc/decorators/."
    )


def test_allowed_accesses_are_still_there() -> None:
    stale = set(ALLOWED) - set(_outside_accesses())
    assert stale == set(), "These accesses are gone: remove them from ALLOWED."


def test_the_scan_finds_attribute_and_getattr_accesses() -> None:
    source = (
        "builder._function\n"
        "self._function\n"
        "getattr(app, '_function_builders', None)\n"
        "getattr(cls, '_trigger', None)\n"
        "x._private_of_something_else\n"
    )
    assert _accesses(ast.parse(source)) == [(1, "_function"), (3, "_function_builders")]
