"""CPU cost of indexing an app: azfunc against azure-functions 1.26.0, side by side.

Run: ``python benchmarks/bench_index.py [--quick] [--repeats 7] [--python PY] [--json OUT]``.

Two workloads, per function, for apps of 100, 1,000 and 10,000 functions (``--quick``: 100
and 1,000, fewer repetitions):

* ``get_functions``: the app is registered first (not timed), then ``get_functions()`` is
  timed, as the worker calls it once at start-up;
* ``register+index+json``: creating the app, applying the decorators to every function,
  ``get_functions()`` and ``get_function_json()`` of every function, all timed.

The apps mix five kinds of function, in turn: an HTTP GET route with ``function_name``, an
HTTP POST route with a queue output, a queue trigger with a blob output, a timer with a retry
policy and a blob trigger with a queue output. The plain functions (annotated, in a generated
module file) are defined before timing starts, so compiling them is not counted.

Every measurement runs in a fresh subprocess of the same interpreter: azfunc from this
checkout's ``src``, the reference as a black box (``import azure.functions``). For each
repetition, size and workload the two run back to back, alternating which goes first; each
process times ``time.process_time`` (CPU time) over enough copies of the app to index 10,000
functions (1,000 with ``--quick``) and reports the cost per function. The ratio
azfunc / reference is taken per repetition and shown as median and min-max; the growth is the
per-function cost at the largest size over the smallest (1.00 = linear). Each process also
hashes the function metadata it produced, and the run stops if the two differ: both must do
the same work.

The interpreter is a throwaway venv built by ``tools/golden.py`` (Python 3.10-3.12, from the
package registry) holding azure-functions 1.26.0 and azfunc's runtime dependencies, or
``--python PY`` (or ``AZFUNC_REFERENCE_PYTHON``) naming one that already has both. Exit codes
follow ``tools/golden.py``: 3 the package registry is unreachable, 4 no Python 3.10-3.12.

Not a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
IMPLEMENTATIONS = ("azfunc", "reference")
WORKLOADS = ("get_functions", "register+index+json")
SIZES = (100, 1_000, 10_000)
QUICK_SIZES = (100, 1_000)
# azfunc's runtime dependencies (pyproject.toml), installed next to the reference.
AZFUNC_DEPENDENCIES = (
    "typing-extensions>=4.6",
    "attrs>=23.1",
    "python-dateutil>=2.8",
    "werkzeug>=2.2",
)

# -- the app: plain functions in a module file, decorated by the worker --------------------

KINDS = (
    "def {name}(req: func.HttpRequest) -> func.HttpResponse:\n    return func.HttpResponse('ok')\n",
    "def {name}(req: func.HttpRequest, msg: func.Out[str]) -> func.HttpResponse:\n"
    "    msg.set(req.get_body().decode())\n"
    "    return func.HttpResponse('queued', status_code=202)\n",
    "def {name}(msg: func.QueueMessage, outblob: func.Out[bytes]) -> None:\n"
    "    outblob.set(msg.get_body())\n",
    "def {name}(timer: func.TimerRequest) -> None:\n    pass\n",
    "def {name}(blob: func.InputStream, msg: func.Out[str]) -> None:\n"
    "    msg.set(blob.name or '')\n",
)


def app_source(size: int) -> str:
    """The module that defines ``size`` plain functions ``f0``, ``f1``, ... of the mix."""
    return "\n\n".join(KINDS[i % len(KINDS)].format(name=f"f{i}") for i in range(size))


def register(func: Any, functions: list[Any]) -> Any:
    """Create an app and apply each function's decorators, innermost first, as Python does."""
    app = func.FunctionApp()
    storage = "AzureWebJobsStorage"
    for i, fn in enumerate(functions):
        kind = i % len(KINDS)
        if kind == 0:
            fn = app.route(route=f"items/{i}", methods=["GET"])(fn)
            app.function_name(name=f"get_item_{i}")(fn)
        elif kind == 1:
            fn = app.queue_output(arg_name="msg", queue_name=f"orders-{i}", connection=storage)(fn)
            app.route(route=f"orders/{i}", methods=["POST"], auth_level="ANONYMOUS")(fn)
        elif kind == 2:
            fn = app.blob_output(arg_name="outblob", path=f"out-{i}/{{id}}", connection=storage)(fn)
            app.queue_trigger(arg_name="msg", queue_name=f"jobs-{i}", connection=storage)(fn)
        elif kind == 3:
            fn = app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")(
                fn
            )
            app.timer_trigger(arg_name="timer", schedule="0 */5 * * * *", run_on_startup=False)(fn)
        else:
            fn = app.queue_output(arg_name="msg", queue_name=f"blobs-{i}", connection=storage)(fn)
            app.blob_trigger(arg_name="blob", path=f"in-{i}/{{name}}", connection=storage)(fn)
    return app


# -- the worker: one measurement in a fresh process ----------------------------------------


def _load_functions(func: Any, module_file: Path, size: int) -> list[Any]:
    import types

    module = types.ModuleType("bench_index_app")
    module.__file__ = str(module_file)
    module.func = func  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    exec(compile(module_file.read_text(), str(module_file), "exec"), module.__dict__)
    return [getattr(module, f"f{i}") for i in range(size)]


def worker(impl: str, workload: str, module_file: Path, size: int, copies: int) -> dict[str, Any]:
    """Time ``workload`` over ``copies`` apps of ``size`` functions; return CPU ns per function."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    if impl == "azfunc":
        sys.path.insert(0, str(SRC))
        import azfunc as func
    else:
        import azure.functions as func  # type: ignore[import-not-found, no-redef]
    functions = _load_functions(func, module_file, size)
    kept: list[Any] = []  # keep results alive: freeing them is not part of the workload
    if workload == "get_functions":
        apps = [register(func, functions) for _ in range(copies)]
        gc.collect()
        start = time.process_time_ns()
        for app in apps:
            kept.append(app.get_functions())
        elapsed = time.process_time_ns() - start
        texts = [f.get_function_json() for f in kept[0]]
    else:
        gc.collect()
        start = time.process_time_ns()
        for _ in range(copies):
            app = register(func, functions)
            kept.append([f.get_function_json() for f in app.get_functions()])
        elapsed = time.process_time_ns() - start
        texts = kept[0]
    if len(texts) != size:
        raise SystemExit(f"{impl}: indexed {len(texts)} functions instead of {size}")
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()
    return {"ns_per_function": elapsed / (size * copies), "digest": digest}


# -- the driver ----------------------------------------------------------------------------


def _golden() -> Any:
    sys.path.insert(0, str(ROOT / "tools"))
    import golden

    return golden


def find_python(requested: str | None, scratch: Path) -> tuple[str, str]:
    """Return an interpreter with azure-functions 1.26.0 and azfunc's dependencies, and its origin.

    :raises GoldenError: no such interpreter can be found or built (its ``code`` is the exit code).
    """
    golden = _golden()
    if requested:
        golden.check_reference_python(Path(requested))
        code = f"import sys; sys.path.insert(0, {str(SRC)!r}); import azfunc"
        probe = [requested, "-I", "-c", code]
        result = subprocess.run(probe, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise golden.GoldenError(
                f"{requested} cannot import azfunc from {SRC}: {result.stderr.strip()}; install "
                f"{' '.join(AZFUNC_DEPENDENCIES)} there, or leave out --python"
            )
        return requested, requested
    print("Building a throwaway venv with azure-functions 1.26.0 ...", file=sys.stderr, flush=True)
    python = golden.build_reference_venv(scratch / "venv", *AZFUNC_DEPENDENCIES)
    return str(python), "a throwaway venv (tools/golden.py)"


def python_version(python: str) -> str:
    """The version of ``python``, e.g. ``3.11.7``."""
    code = "import platform; print(platform.python_version())"
    result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def run_worker(
    python: str, impl: str, workload: str, module_file: Path, size: int, copies: int
) -> dict[str, Any]:
    command = [
        python,
        "-I",
        str(Path(__file__).resolve()),
        "--worker",
        impl,
        "--workload",
        workload,
        "--module",
        str(module_file),
        "--size",
        str(size),
        "--copies",
        str(copies),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{impl} worker failed ({workload}, {size}):\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def measure(
    python: str, sizes: tuple[int, ...], repeats: int, target: int, folder: Path
) -> dict[tuple[str, int], dict[str, list[float]]]:
    """Per (workload, size), each implementation's ns per function, one per repetition."""
    modules = {}
    for size in sizes:
        modules[size] = folder / f"app_{size}.py"
        modules[size].write_text(app_source(size))
    samples: dict[tuple[str, int], dict[str, list[float]]] = {
        (workload, size): {impl: [] for impl in IMPLEMENTATIONS}
        for workload in WORKLOADS
        for size in sizes
    }
    for repeat in range(repeats):
        print(f"repetition {repeat + 1}/{repeats}", file=sys.stderr, flush=True)
        order = IMPLEMENTATIONS if repeat % 2 == 0 else IMPLEMENTATIONS[::-1]
        for size in sizes:
            copies = max(1, target // size)
            for workload in WORKLOADS:
                digests = {}
                for impl in order:
                    result = run_worker(python, impl, workload, modules[size], size, copies)
                    samples[workload, size][impl].append(result["ns_per_function"])
                    digests[impl] = result["digest"]
                if digests["azfunc"] != digests["reference"]:
                    raise SystemExit(
                        f"azfunc and azure-functions 1.26.0 emit different function metadata "
                        f"for the {size}-function app ({workload}); compare "
                        f"`get_function_json()` of {modules[size]} under both"
                    )
    return samples


def summarize(
    samples: dict[tuple[str, int], dict[str, list[float]]], sizes: tuple[int, ...]
) -> dict[str, Any]:
    rows = []
    for (workload, size), per_impl in samples.items():
        ours, theirs = per_impl["azfunc"], per_impl["reference"]
        ratios = [a / r for a, r in zip(ours, theirs, strict=True)]
        rows.append(
            {
                "workload": workload,
                "functions": size,
                "azfunc_us": statistics.median(ours) / 1000,
                "reference_us": statistics.median(theirs) / 1000,
                "ratio_median": statistics.median(ratios),
                "ratio_min": min(ratios),
                "ratio_max": max(ratios),
                "ratios": ratios,
            }
        )
    growth = []
    small, large = min(sizes), max(sizes)
    for workload in WORKLOADS:
        entry: dict[str, Any] = {"workload": workload, "from": small, "to": large}
        for impl in IMPLEMENTATIONS:
            entry[impl] = statistics.median(samples[workload, large][impl]) / statistics.median(
                samples[workload, small][impl]
            )
        growth.append(entry)
    return {"rows": rows, "growth": growth}


def report(summary: dict[str, Any], repeats: int) -> None:
    print(
        f"\n{'workload':<22}{'functions':>10}{'azfunc us/fn':>14}{'reference us/fn':>17}"
        f"{'ratio':>8}{'min-max':>13}"
    )
    for row in summary["rows"]:
        spread = f"{row['ratio_min']:.2f}-{row['ratio_max']:.2f}"
        print(
            f"{row['workload']:<22}{row['functions']:>10,}{row['azfunc_us']:>14.2f}"
            f"{row['reference_us']:>17.2f}{row['ratio_median']:>8.2f}{spread:>13}"
        )
    print(
        f"\nratio = azfunc / reference CPU time per function: median and min-max of {repeats} "
        "repetitions (below 1.00: azfunc is cheaper)"
    )
    growth = summary["growth"]
    if growth and growth[0]["from"] != growth[0]["to"]:
        print(
            f"\n{'growth':<22}{'azfunc':>10}{'reference':>12}   (us/fn at "
            f"{growth[0]['to']:,} / us/fn at {growth[0]['from']:,}; 1.00 = linear)"
        )
        for entry in growth:
            print(f"{entry['workload']:<22}{entry['azfunc']:>10.2f}{entry['reference']:>12.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 100 and 1,000 functions, 2 repetitions"
    )
    parser.add_argument("--repeats", type=int, help="repetitions (default 7, --quick 2)")
    parser.add_argument(
        "--python",
        default=os.environ.get("AZFUNC_REFERENCE_PYTHON"),
        help="an interpreter that has azure-functions 1.26.0 and azfunc's "
        "dependencies (default: build a throwaway venv)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results here")
    parser.add_argument("--worker", choices=IMPLEMENTATIONS, help=argparse.SUPPRESS)
    parser.add_argument("--workload", choices=WORKLOADS, help=argparse.SUPPRESS)
    parser.add_argument("--module", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.workload, args.module, args.size, args.copies)))
        return 0

    sizes = QUICK_SIZES if args.quick else SIZES
    repeats = args.repeats or (2 if args.quick else 7)
    target = 1_000 if args.quick else 10_000
    with tempfile.TemporaryDirectory(prefix="azfunc-bench-index-") as scratch:
        folder = Path(scratch)
        golden = _golden()
        try:
            python, origin = find_python(args.python, folder)
        except golden.GoldenError as err:
            print(f"bench_index.py: {err}", file=sys.stderr)
            return int(err.code)
        version = python_version(python)
        print(
            f"Python {version} from {origin}, {os.cpu_count()} CPUs, {repeats} repetitions, "
            f"{target:,} functions indexed per process",
            flush=True,
        )
        samples = measure(python, sizes, repeats, target, folder)
    summary = summarize(samples, sizes)
    report(summary, repeats)
    if args.json:
        document = {"python": version, "cpus": os.cpu_count(), "repeats": repeats, **summary}
        args.json.write_text(json.dumps(document, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
