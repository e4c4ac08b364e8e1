"""azfunc against azure-functions 1.26.0 on every workload, side by side, in CPU time.

Run: ``python benchmarks/bench_compare.py`` (about 4 minutes; ``--quick`` for a smoke run,
``--json OUT`` to keep the numbers, ``--python PY`` to use an interpreter that already has
the reference, ``--no-reference`` to time azfunc alone, ``--only GROUP`` to run some
workloads: ``cold``, ``per-function``, ``memory``, ``hot``).

Both implementations run on one interpreter: a throwaway venv, built once per machine in the
temporary directory by ``tools/golden.py``'s builder, holding azure-functions 1.26.0 (used as
a black box: ``import azure.functions``), azfunc's runtime dependencies, Flask and Starlette.
azfunc itself comes from this checkout's ``src``. If the package registry cannot be reached,
the reference side is skipped with a message, and azfunc runs alone on this interpreter.
The WSGI and ASGI rows are skipped, with a message, where Flask or Starlette is missing.

Workloads (each in fresh processes; the two implementations alternate, and which goes first
alternates between repetitions):

* ``cold import``: ``python -c "import azfunc"`` against ``import azure.functions``, as
  the CPU time (user + system) of the whole process, read from ``getrusage`` of children;
  ``python -c pass`` is shown as the floor;
* ``cold 20-function app``: a fresh process imports, defines a 20-function app (the five
  kinds of ``bench_index.py`` in turn), calls ``get_functions()`` and serialises each;
* ``first invocation, JSON``: a fresh process imports, indexes a small HTTP app, builds one
  HttpRequest with a JSON body, calls the function (which reads ``get_json()``) and reads
  the HttpResponse; ``first invocation, forms``: the same with an urlencoded form and a
  multipart form (``req.form``, ``req.files``);
* ``register+index+json / fn``: ``bench_index.py``'s workload at 100, 1,000 and 10,000
  functions, CPU time per function inside the process; growth = 10,000 over 1,000;
  ``get_functions / fn``: ``get_functions()`` alone on a registered 10,000-function app;
* ``memory / fn``: bytes still allocated (``tracemalloc``) per function after registering
  1,000 functions on an app (the app kept alive); a ratio of bytes, not of time;
* ``HTTP hot path``: the Functions template's HTTP function (a query parameter and the
  JSON body read, a greeting returned), with a route parameter and a header read and a
  response header set, the HttpRequest built and the response read; per request;
* ``WSGI (Flask)`` and ``ASGI (Starlette)``: one request through ``WsgiMiddleware.handle``
  / ``AsgiMiddleware.handle_async`` (the HttpRequest built inside the loop); per request.

Every workload checks its result before it is timed (the response body, status and
headers, the function metadata, which must be byte-identical between the two), and stops
the run if they differ. The ratio azfunc / reference is taken per repetition; the table
shows its median and min-max. Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_index  # noqa: E402 - the app mix and the per-function workload

IMPLEMENTATIONS = ("azfunc", "reference")
#: What the throwaway venv holds besides azure-functions 1.26.0.
EXTRA_REQUIREMENTS = (*bench_index.AZFUNC_DEPENDENCIES, "flask>=3", "starlette>=0.37")
_MARKER = "azfunc-bench-venv.ready"

# -- the code each process runs ------------------------------------------------------------


def _import_line(impl: str) -> str:
    if impl == "azfunc":
        return f"import sys; sys.path.insert(0, {str(SRC)!r}); import azfunc as func\n"
    return "import azure.functions as func\n"


#: The decorators of ``bench_index.py``'s five kinds of function, as a user writes them.
_STORAGE = 'connection="AzureWebJobsStorage")\n'
DECORATORS = (
    '@app.function_name(name="get_item_{i}")\n@app.route(route="items/{i}", methods=["GET"])\n',
    '@app.route(route="orders/{i}", methods=["POST"], auth_level="ANONYMOUS")\n'
    '@app.queue_output(arg_name="msg", queue_name="orders-{i}", ' + _STORAGE,
    '@app.queue_trigger(arg_name="msg", queue_name="jobs-{i}", '
    + _STORAGE
    + '@app.blob_output(arg_name="outblob", path="out-{i}/{{id}}", '
    + _STORAGE,
    '@app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *", run_on_startup=False)\n'
    '@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")\n',
    '@app.blob_trigger(arg_name="blob", path="in-{i}/{{name}}", '
    + _STORAGE
    + '@app.queue_output(arg_name="msg", queue_name="blobs-{i}", '
    + _STORAGE,
)


def app20_script(impl: str) -> str:
    """A ``function_app.py`` of 20 decorated functions, indexed and serialised as the worker
    does; it prints the hash of the metadata."""
    kinds = len(bench_index.KINDS)
    functions = "\n\n".join(
        DECORATORS[i % kinds].format(i=i) + bench_index.KINDS[i % kinds].format(name=f"f{i}")
        for i in range(20)
    )
    return (
        _import_line(impl)
        + "import hashlib\n\napp = func.FunctionApp()\n\n\n"
        + functions
        + "\n\n_texts = [f.get_function_json() for f in app.get_functions()]\n"
        + "print(hashlib.sha256('\\n'.join(_texts).encode()).hexdigest())\n"
    )


FIRST_INVOCATION_APP = """
import json

app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)


@app.route(route="items/{id}", methods=["POST"])
def create_item(req: func.HttpRequest) -> func.HttpResponse:
    item = req.get_json()
    item["id"] = req.route_params["id"]
    return func.HttpResponse(json.dumps(item, sort_keys=True), status_code=201,
                             mimetype="application/json")


@app.route(route="forms", methods=["POST"])
def submit_form(req: func.HttpRequest) -> func.HttpResponse:
    fields = dict(req.form)
    files = {name: f.read().decode() for name, f in req.files.items()}
    return func.HttpResponse(json.dumps({"fields": fields, "files": files}, sort_keys=True),
                             mimetype="application/json")


@app.route(route="health", methods=["GET"])
def health(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse("ok")


_functions = {f.get_function_name(): f for f in app.get_functions()}
_metadata = [f.get_function_json() for f in _functions.values()]


def _call(name, **request):
    return _functions[name].get_user_function()(func.HttpRequest(**request))
"""

JSON_CALL = """
_resp = _call("create_item", method="POST", url="http://localhost/api/items/42",
              headers={"Content-Type": "application/json"}, route_params={"id": "42"},
              body=b'{"name": "widget", "count": 3}')
assert _resp.status_code == 201, _resp.status_code
print(_resp.get_body().decode())
"""

FORM_CALLS = """
_resp = _call("submit_form", method="POST", url="http://localhost/api/forms",
              headers={"Content-Type": "application/x-www-form-urlencoded"},
              body=b"name=widget&count=3")
print(_resp.get_body().decode())
_boundary = "azfuncbench"
_multipart = (
    f"--{_boundary}\\r\\nContent-Disposition: form-data; name=\\"name\\"\\r\\n\\r\\nwidget\\r\\n"
    f"--{_boundary}\\r\\nContent-Disposition: form-data; name=\\"upload\\"; "
    f"filename=\\"a.txt\\"\\r\\nContent-Type: text/plain\\r\\n\\r\\n"
    f"hello\\r\\n--{_boundary}--\\r\\n"
).encode()
_resp = _call("submit_form", method="POST", url="http://localhost/api/forms",
              headers={"Content-Type": f"multipart/form-data; boundary={_boundary}"},
              body=_multipart)
print(_resp.get_body().decode())
"""

JSON_EXPECTED = '{"count": 3, "id": "42", "name": "widget"}'
FORM_EXPECTED = (
    '{"fields": {"count": "3", "name": "widget"}, "files": {}}\n'
    '{"fields": {"name": "widget"}, "files": {"upload": "hello"}}'
)


def first_invocation_script(impl: str, forms: bool) -> str:
    return _import_line(impl) + FIRST_INVOCATION_APP + (FORM_CALLS if forms else JSON_CALL)


# -- in-process workloads (run by ``--worker``) --------------------------------------------


def _import_impl(impl: str) -> Any:
    if impl == "azfunc":
        sys.path.insert(0, str(SRC))
        import azfunc as func

        return func
    import azure.functions as func  # type: ignore[import-not-found, no-redef]

    return func


def _http_once(func: Any) -> tuple[int, bytes, str | None]:
    """The HTTP function of the Functions template, with a JSON body, a route parameter,
    a query parameter and a header read, and a response header set."""
    req = func.HttpRequest(
        method="POST",
        url="http://localhost/api/greet/42?name=Ada",
        headers={"Content-Type": "application/json", "X-Request-Id": "abc"},
        params={"name": "Ada"},
        route_params={"id": "42"},
        body=b'{"greeting": "Hello"}',
    )
    name = req.params.get("name")
    greeting = req.get_json()["greeting"]
    resp = func.HttpResponse(
        f"{greeting}, {name} ({req.route_params['id']})",
        status_code=200,
        headers={"X-Request-Id": req.headers.get("x-request-id", "")},
    )
    return resp.status_code, resp.get_body(), resp.headers.get("X-Request-Id")


HTTP_EXPECTED = (200, b"Hello, Ada (42)", "abc")


def _request(func: Any, path: str) -> Any:
    return func.HttpRequest(
        method="GET",
        url=f"http://localhost{path}?q=1",
        headers={"Accept": "application/json", "X-Request-Id": "abc"},
        body=b"",
    )


def _flask_app() -> Any:
    import flask

    app = flask.Flask("bench")

    @app.get("/api/items/<item_id>")
    def item(item_id: str) -> Any:
        return flask.jsonify(id=item_id, q=flask.request.args.get("q"))

    return app


def _starlette_app() -> Any:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def item(request: Any) -> Any:
        return JSONResponse({"id": request.path_params["item_id"], "q": request.query_params["q"]})

    return Starlette(routes=[Route("/api/items/{item_id}", item)])


WEB_EXPECTED = (200, {"id": "42", "q": "1"})


def _check(name: str, got: object, expected: object) -> None:
    if got != expected:
        raise SystemExit(f"{name}: got {got!r}, expected {expected!r}")


def timed_worker(impl: str, workload: str, count: int) -> dict[str, Any]:
    """Run an in-process workload ``count`` times; return CPU ns per iteration."""
    func = _import_impl(impl)
    if workload == "http":
        _check(workload, _http_once(func), HTTP_EXPECTED)
        step: Callable[[], object] = lambda: _http_once(func)  # noqa: E731
    elif workload == "wsgi":
        middleware = func.WsgiMiddleware(_flask_app())

        def step() -> object:
            return middleware.handle(_request(func, "/api/items/42"))

        resp = step()
        _check(workload, (resp.status_code, json.loads(resp.get_body())), WEB_EXPECTED)
    elif workload == "asgi":
        import asyncio

        middleware = func.AsgiMiddleware(_starlette_app())

        async def once() -> Any:
            return await middleware.handle_async(_request(func, "/api/items/42"))

        async def loop(n: int) -> int:
            start = time.process_time_ns()
            for _ in range(n):
                await middleware.handle_async(_request(func, "/api/items/42"))
            return time.process_time_ns() - start

        async def main() -> int:
            resp = await once()
            _check(workload, (resp.status_code, json.loads(resp.get_body())), WEB_EXPECTED)
            return await loop(count)

        elapsed = asyncio.run(main())
        return {"value": elapsed / count}
    else:
        raise SystemExit(f"unknown workload {workload}")
    for _ in range(min(count, 50)):  # warm up
        step()
    start = time.process_time_ns()
    for _ in range(count):
        step()
    return {"value": (time.process_time_ns() - start) / count}


def memory_worker(impl: str, module_file: Path, size: int) -> dict[str, Any]:
    """Bytes still allocated per function after registering ``size`` functions on an app."""
    import gc
    import tracemalloc

    func = _import_impl(impl)
    functions = bench_index._load_functions(func, module_file, size)
    bench_index.register(func, functions[:10])  # first-use costs (lazy imports, caches)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    app = bench_index.register(func, functions)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    texts = [f.get_function_json() for f in app.get_functions()]
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()
    return {"value": (after - before) / size, "digest": digest}


# -- the driver ----------------------------------------------------------------------------


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(python: str, args: list[str], what: str) -> tuple[float, str]:
    """Run ``python -I args``; return its CPU seconds and its stdout."""
    before = _child_cpu()
    result = subprocess.run([python, "-I", *args], capture_output=True, text=True, check=False)
    elapsed = _child_cpu() - before
    if result.returncode != 0:
        raise SystemExit(f"{what} failed:\n{result.stderr}")
    return elapsed, result.stdout.strip()


class Bench:
    """The measurements of one run: per row, each implementation's samples."""

    def __init__(self, python: str, impls: tuple[str, ...], folder: Path, repeats: int) -> None:
        self.python = python
        self.impls = impls
        self.folder = folder
        self.repeats = repeats
        self.samples: dict[str, dict[str, list[float]]] = {}
        self.units: dict[str, str] = {}

    def _has(self, module: str) -> bool:
        probe = [self.python, "-I", "-c", f"import {module}"]
        return subprocess.run(probe, capture_output=True, check=False).returncode == 0

    def _order(self, repeat: int) -> tuple[str, ...]:
        return self.impls if repeat % 2 == 0 else self.impls[::-1]

    def _add(self, row: str, impl: str, value: float, unit: str) -> None:
        self.samples.setdefault(row, {i: [] for i in self.impls})[impl].append(value)
        self.units[row] = unit

    def _script(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def processes(
        self, row: str, scripts: dict[str, list[str]], expected: str | None, repeats: int
    ) -> None:
        """Time whole processes (``scripts[impl]`` are the arguments after ``python -I``)."""
        outputs = {
            impl: run_process(self.python, scripts[impl], f"{row} ({impl})")[1]
            for impl in self.impls
        }  # checks the result, and warms the file cache
        if expected is not None:
            for impl, out in outputs.items():
                _check(f"{row} ({impl})", out, expected)
        elif len(set(outputs.values())) > 1:
            raise SystemExit(f"{row}: azfunc and the reference printed different results {outputs}")
        for repeat in range(repeats):
            for impl in self._order(repeat):
                seconds, _ = run_process(self.python, scripts[impl], row)
                self._add(row, impl, seconds * 1e3, "ms")

    def workers(
        self,
        row: str,
        args: dict[str, list[str]],
        unit: str,
        scale: float,
        same_digest: bool = False,
    ) -> None:
        """In-process workloads: each run prints ``{"value": ...}`` (and maybe a digest)."""
        for repeat in range(self.repeats):
            digests = {}
            for impl in self._order(repeat):
                _, out = run_process(self.python, args[impl], f"{row} ({impl})")
                result = json.loads(out.splitlines()[-1])
                self._add(row, impl, result["value"] * scale, unit)
                digests[impl] = result.get("digest")
            if same_digest and len(set(digests.values())) > 1:
                raise SystemExit(f"{row}: azfunc and the reference emit different metadata")

    def cold(self, cold_repeats: int) -> None:
        floor = {impl: ["-c", "pass"] for impl in self.impls}
        self.processes("python -c pass (floor)", floor, "", cold_repeats)
        imports = {impl: ["-c", _import_line(impl)] for impl in self.impls}
        self.processes("cold import", imports, "", cold_repeats)
        app20 = {
            impl: [str(self._script(f"app20_{impl}.py", app20_script(impl)))] for impl in self.impls
        }
        self.processes("cold 20-function app", app20, None, cold_repeats)
        for forms, row, expected in (
            (False, "first invocation, JSON", JSON_EXPECTED),
            (True, "first invocation, forms", FORM_EXPECTED),
        ):
            scripts = {
                impl: [
                    str(
                        self._script(
                            f"first_{impl}_{forms}.py", first_invocation_script(impl, forms)
                        )
                    )
                ]
                for impl in self.impls
            }
            self.processes(row, scripts, expected, cold_repeats)

    def per_function(self, sizes: tuple[int, ...], target: int) -> None:
        """``bench_index.py``'s register+index+json at each size, and get_functions alone
        at the largest."""
        runs = [("register+index+json", size) for size in sizes]
        runs.append(("get_functions", sizes[-1]))
        me = str(Path(bench_index.__file__).resolve())
        for workload, size in runs:
            module = self._script(f"app_{size}.py", bench_index.app_source(size))
            copies = max(1, target // size)
            args = {
                impl: [me, "--worker", impl, "--workload", workload, "--module", str(module),
                       "--size", str(size), "--copies", str(copies)]
                for impl in self.impls
            }  # fmt: skip
            for repeat in range(self.repeats):
                digests = {}
                for impl in self._order(repeat):
                    _, out = run_process(self.python, args[impl], f"{workload} ({impl})")
                    result = json.loads(out.splitlines()[-1])
                    self._add(f"{workload} / fn, {size:,}", impl,
                              result["ns_per_function"] / 1e3, "us")  # fmt: skip
                    digests[impl] = result["digest"]
                if len(set(digests.values())) > 1:
                    raise SystemExit(
                        f"{size} functions: azfunc and the reference emit different metadata"
                    )

    def memory(self, size: int) -> None:
        module = self._script(f"app_{size}.py", bench_index.app_source(size))
        me = str(Path(__file__).resolve())
        args = {
            impl: [me, "--memory-worker", impl, "--module", str(module), "--size", str(size)]
            for impl in self.impls
        }
        self.workers(f"memory / fn, {size:,} functions", args, "B", 1.0, same_digest=True)

    def hot(self, counts: dict[str, int]) -> None:
        me = str(Path(__file__).resolve())
        for workload, row, framework in (
            ("http", "HTTP hot path / request", None),
            ("wsgi", "WSGI (Flask) / request", "flask"),
            ("asgi", "ASGI (Starlette) / request", "starlette"),
        ):
            if framework and not self._has(framework):
                print(f"skipping {row}: {self.python} cannot import {framework}",
                      file=sys.stderr, flush=True)  # fmt: skip
                continue
            args = {
                impl: [
                    me,
                    "--timed-worker",
                    impl,
                    "--workload",
                    workload,
                    "--count",
                    str(counts[workload]),
                ]
                for impl in self.impls
            }
            self.workers(row, args, "us", 1e-3)


def summarize(bench: Bench) -> list[dict[str, Any]]:
    rows = []
    for row, per_impl in bench.samples.items():
        entry: dict[str, Any] = {"workload": row, "unit": bench.units[row]}
        for impl, values in per_impl.items():
            entry[impl] = statistics.median(values)
        if "reference" in per_impl and "azfunc" in per_impl:
            ratios = sorted(
                a / r for a, r in zip(per_impl["azfunc"], per_impl["reference"], strict=True)
            )
            entry.update(
                ratio=statistics.median(ratios),
                ratio_min=ratios[0],
                ratio_max=ratios[-1],
                samples=len(ratios),
            )
        rows.append(entry)
    return rows


def growth(bench: Bench, small: int, large: int) -> dict[str, float]:
    result = {}
    for impl in bench.impls:
        values = [
            statistics.median(bench.samples[f"register+index+json / fn, {size:,}"][impl])
            for size in (small, large)
        ]
        result[impl] = values[1] / values[0]
    return result


def report(
    rows: list[dict[str, Any]], grow: dict[str, float] | None, sizes: tuple[int, ...]
) -> None:
    print(
        f"\n{'workload':<38}{'unit':>5}{'azfunc':>10}{'reference':>11}{'ratio':>7}"
        f"{'min-max':>12}{'n':>4}"
    )
    for row in rows:
        ref = f"{row['reference']:.1f}" if "reference" in row else "-"
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        spread = f"{row['ratio_min']:.2f}-{row['ratio_max']:.2f}" if "ratio" in row else "-"
        print(
            f"{row['workload']:<38}{row['unit']:>5}{row['azfunc']:>10.1f}{ref:>11}{ratio:>7}"
            f"{spread:>12}{row.get('samples', ''):>4}"
        )
    if grow:
        parts = ", ".join(f"{impl} {value:.2f}" for impl, value in grow.items())
        print(
            f"\ngrowth of register+index+json per function from {sizes[-2]:,} to "
            f"{sizes[-1]:,} functions (1.00 = linear): {parts}"
        )
    print(
        "\nratio = azfunc / reference (CPU time; bytes for memory): median and min-max over "
        "n paired samples; below 1.00, azfunc is cheaper"
    )


def _golden() -> Any:
    sys.path.insert(0, str(ROOT / "tools"))
    import golden

    return golden


def find_python(requested: str | None, reference: bool) -> tuple[str, tuple[str, ...], str]:
    """The interpreter, the implementations it can run, and where it comes from."""
    golden = _golden()
    if not reference:
        python = requested or sys.executable
        return python, ("azfunc",), f"{python} (azfunc alone: --no-reference)"
    if requested:
        golden.check_reference_python(Path(requested))
        return requested, IMPLEMENTATIONS, requested
    key = hashlib.sha256(
        repr((sys.version, golden.REFERENCE, EXTRA_REQUIREMENTS)).encode()
    ).hexdigest()[:16]
    venv = Path(tempfile.gettempdir()) / f"azfunc-bench-venv-{key}"
    if not (venv / _MARKER).is_file():  # built in place (a venv cannot move); marker last
        print(
            f"Building a throwaway venv with {golden.REFERENCE}, Flask and Starlette in {venv} ...",
            file=sys.stderr,
            flush=True,
        )
        try:
            golden.build_reference_venv(venv, *EXTRA_REQUIREMENTS)
        except golden.GoldenError as error:
            if error.code not in (golden.EXIT_UNREACHABLE, golden.EXIT_NO_PYTHON):
                raise
            print(
                f"bench_compare.py: skipping the reference side: {error}\n"
                "azfunc runs alone on this interpreter.",
                file=sys.stderr,
                flush=True,
            )
            return sys.executable, ("azfunc",), f"{sys.executable} (azfunc alone)"
        (venv / _MARKER).write_text("ready\n", encoding="utf-8")
    return str(golden.venv_python(venv)), IMPLEMENTATIONS, f"a throwaway venv ({venv})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a smoke run: tiny sizes and counts, 2 repetitions (the numbers mean little)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        help="repetitions of the in-process workloads "
        "(default 7; cold processes run 3 times as often)",
    )
    parser.add_argument(
        "--python",
        default=os.environ.get("AZFUNC_REFERENCE_PYTHON"),
        help="an interpreter with azure-functions 1.26.0, azfunc's "
        "dependencies, Flask and Starlette (default: a throwaway venv)",
    )
    parser.add_argument(
        "--no-reference",
        action="store_true",
        help="run azfunc alone (on --python, else this interpreter)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=("cold", "per-function", "memory", "hot"),
        help="run only these groups of workloads (repeatable)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    parser.add_argument("--timed-worker", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--memory-worker", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--workload", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--module", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.timed_worker:
        print(json.dumps(timed_worker(args.timed_worker, args.workload, args.count)))
        return 0
    if args.memory_worker:
        print(json.dumps(memory_worker(args.memory_worker, args.module, args.size)))
        return 0

    quick = args.quick
    repeats = args.repeats or (2 if quick else 7)
    cold_repeats = repeats if quick else repeats * 3
    sizes = (10, 100) if quick else (100, 1_000, 10_000)
    target = 100 if quick else 10_000
    counts = (
        {"http": 100, "wsgi": 20, "asgi": 20}
        if quick
        else {"http": 20_000, "wsgi": 2_000, "asgi": 2_000}
    )
    groups = set(args.only or ("cold", "per-function", "memory", "hot"))
    python, impls, origin = find_python(args.python, reference=not args.no_reference)
    version = bench_index.python_version(python)
    print(
        f"Python {version} from {origin}; {os.cpu_count()} CPUs; {repeats} repetitions "
        f"({cold_repeats} for fresh processes)",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="azfunc-bench-compare-") as scratch:
        bench = Bench(python, impls, Path(scratch), repeats)
        started = time.monotonic()
        if "cold" in groups:
            bench.cold(cold_repeats)
        if "per-function" in groups:
            bench.per_function(sizes, target)
        if "memory" in groups:
            bench.memory(sizes[-2])
        if "hot" in groups:
            bench.hot(counts)
        print(f"measured in {time.monotonic() - started:.0f} s", file=sys.stderr)
    rows = summarize(bench)
    grow = growth(bench, sizes[-2], sizes[-1]) if "per-function" in groups else None
    report(rows, grow, sizes)
    if args.json:
        document = {
            "python": version,
            "cpus": os.cpu_count(),
            "repeats": repeats,
            "implementations": list(impls),
            "rows": rows,
            "growth": grow,
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
