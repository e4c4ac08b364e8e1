"""The dependency direction of the package (see the Layout section of README.md).

Every ``import`` of every module counts, at module level and inside functions:

- the CLI is the top: nothing below it imports ``azfunc._cli``;
- only the worker bridge imports ``azure.functions``;
- converters and data types import from ``azfunc.decorators`` only its leaf ``constants``,
  and nothing of the runtime;
- the decorators import nothing of the runtime;
- the invocation runtime imports nothing of the local host, the testing kit, the checks,
  the loader or the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "azfunc"

#: The runtime half: what runs functions rather than declares them.
RUNTIME = (
    "azfunc._cli", "azfunc._host", "azfunc._testing", "azfunc._validation", "azfunc._loader",
    "azfunc._runtime", "azfunc._typed", "azfunc._routing", "azfunc._config", "azfunc._host_auth",
    "azfunc._ncrontab",
    "azfunc._worker_bridge", "azfunc.testing", "azfunc.invocation", "azfunc.bridge",
)  # fmt: skip
#: The invocation runtime, below the host, the testing kit and the CLI.
INVOCATION = ("azfunc._runtime", "azfunc._typed", "azfunc._context")
ABOVE_INVOCATION = ("azfunc._cli", "azfunc._host", "azfunc._testing", "azfunc._validation",
                    "azfunc._loader", "azfunc.testing")  # fmt: skip
#: Converters (``<service>.py``, ``meta``) and the data types they build (``_<service>.py``).
CONVERTERS = (
    "azfunc.meta", "azfunc.blob", "azfunc.connectors", "azfunc.cosmosdb",
    "azfunc.durable_functions", "azfunc.eventgrid", "azfunc.eventhub", "azfunc.http",
    "azfunc.kafka", "azfunc.mcp", "azfunc.mysql", "azfunc.queue", "azfunc.servicebus",
    "azfunc.sql", "azfunc.timer", "azfunc.warmup", "azfunc._cosmosdb", "azfunc._eventgrid",
    "azfunc._eventhub", "azfunc._kafka", "azfunc._mysql", "azfunc._queue", "azfunc._servicebus",
    "azfunc._sql", "azfunc._rows", "azfunc._durable_functions", "azfunc._datum",
    "azfunc._jsonutils", "azfunc._utils", "azfunc._abc",
)  # fmt: skip


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and (
        (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
        or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
    )


def _nodes(tree: ast.AST, *, type_checking: bool) -> list[ast.AST]:
    """Every node of ``tree``; without ``type_checking``, not those of ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        if not type_checking and _is_type_checking_block(node):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def _imports(*, type_checking: bool = True) -> dict[str, set[str]]:
    """Every module of the package and the absolute names of what it imports (with
    ``type_checking``, the imports of ``if TYPE_CHECKING:`` blocks too)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _nodes(tree, type_checking=type_checking):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                targets.add(module)
                targets.update(f"{module}.{alias.name}" for alias in node.names)
        graph[name] = targets
    return graph


GRAPH = _imports()


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _violations(importers: tuple[str, ...] | None, imported: tuple[str, ...]) -> list[str]:
    found = []
    for module, targets in GRAPH.items():
        if importers is not None and not _within(module, importers):
            continue
        found += [f"{module} -> {t}" for t in sorted(targets) if _within(t, imported)]
    return found


def test_the_import_graph_is_read() -> None:
    assert "azfunc._runtime.pipeline" in GRAPH["azfunc.invocation"]
    assert "azfunc._jsonutils" in GRAPH["azfunc.queue"]


def test_nothing_below_the_cli_imports_it() -> None:
    found = _violations(None, ("azfunc._cli",))
    importers = {v.split(" ")[0] for v in found}
    assert {m for m in importers if not _within(m, ("azfunc._cli",))} == {"azfunc.__main__"}


def test_only_the_worker_bridge_imports_azure_functions() -> None:
    found = _violations(None, ("azure.functions",))
    assert {v.split(" ")[0] for v in found} <= {"azfunc._worker_bridge"}


def test_converters_import_only_the_constants_of_the_decorators_and_no_runtime() -> None:
    decorators = [
        v for v in _violations(CONVERTERS, ("azfunc.decorators",))
        if not v.endswith("-> azfunc.decorators.constants")
        and ".constants." not in v.split(" -> ")[1]
    ]  # fmt: skip
    assert decorators == []
    assert _violations(CONVERTERS, RUNTIME) == []


def test_decorators_import_nothing_of_the_runtime() -> None:
    assert _violations(("azfunc.decorators",), RUNTIME) == []


def test_the_invocation_runtime_imports_nothing_above_it() -> None:
    assert _violations(INVOCATION, ABOVE_INVOCATION) == []


def _runtime_imports(module: str) -> set[str]:
    """What ``module`` imports when it runs: every import but those under ``if TYPE_CHECKING:``."""
    path = SRC.joinpath(*module.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) == "TYPE_CHECKING"
        for statement in block.body
        for node in ast.walk(statement)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import"
            found.add(node.module or "")
    return found


def test_function_is_a_leaf_of_the_decorators() -> None:
    # Function needs DecoratorApi only for the type of get_app(), under TYPE_CHECKING.
    assert _runtime_imports("azfunc.decorators._function") == {
        "__future__",
        "collections.abc",
        "typing",
        "azfunc.decorators.constants",
        "azfunc.decorators.core",
        "azfunc.decorators.function_name",
        "azfunc.decorators.utils",
    }
    assert GRAPH["azfunc.decorators.function_name"] == {
        "__future__", "__future__.annotations", "typing", "typing.Any", "azfunc.decorators.core",
        "azfunc.decorators.core.Setting",
    }  # fmt: skip


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles (strongly connected groups of two or more modules) of ``graph``."""
    modules = set(graph)

    def module_of(target: str) -> str | None:
        parts = target.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in modules:
                return ".".join(parts[:end])
        return None

    edges = {
        module: {m for t in targets if (m := module_of(t)) not in (None, module, "azfunc")}
        for module, targets in graph.items()
    }
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for target in edges[module]:
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(edges):
        if module not in order:
            visit(module)
    return cycles


def test_no_import_cycles() -> None:
    """Module-level and function-level imports count; ``if TYPE_CHECKING:`` imports and the
    package root's lazy re-exports (``azfunc``) do not."""
    assert _cycles(_imports(type_checking=False)) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"azfunc.a": {"azfunc.b.f"}, "azfunc.b": {"azfunc.a"}, "azfunc.c": {"azfunc.a"}}
    assert _cycles(graph) == [["azfunc.a", "azfunc.b"]]
