"""``azfunc start``: serve a function app locally, without Core Tools.

Importing this module is cheap: the server (uvicorn) is imported when the command runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from azfunc._cli.arguments import add_app_argument

PARSER_ARGS = {
    "help": "run the app locally: HTTP routes, timers, admin invocation (not the real host)",
    "description": (
        "Serve a function app on this machine with the Functions host's HTTP semantics "
        "(routePrefix, route constraints, methods, auth levels and keys, CORS), run its "
        "timer functions on their schedules, and invoke any function with "
        "POST /admin/functions/<name>. As with Core Tools' func start, keys are not "
        "checked unless --auth is given. This is a local development host, not the Azure "
        "Functions host. Needs uvicorn and croniter (the 'start' extra: "
        "pip install 'azfunc[start]' from a checkout, or pip install uvicorn croniter)."
    ),
}


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return int(text)


def _log_level(text: str) -> str:
    from azfunc._host.logs import LOG_LEVEL_NAMES

    for name in LOG_LEVEL_NAMES:
        if text.lower() == name.lower():
            return name
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a log level; use one of {', '.join(LOG_LEVEL_NAMES)}"
    )


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``azfunc start``."""
    add_app_argument(parser, as_path=True)
    parser.add_argument(
        "--port",
        type=_port,
        help="port to listen on (default: Host.LocalHttpPort of local.settings.json, else 7071)",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--reload", action="store_true", help="restart when a .py or .json file of the app changes"
    )
    parser.add_argument("--functions", nargs="+", metavar="NAME", help="serve only these functions")
    auth = parser.add_mutually_exclusive_group()
    auth.add_argument(
        "--auth",
        action="store_true",
        help="check function keys as Azure does (keys kept in .azfunc/keys.json); by "
        "default, as with Core Tools' func start, keys are not checked",
    )
    auth.add_argument(
        "--no-auth",
        action="store_true",
        help="do not check keys (the default; kept for scripts written for azfunc 0.1)",
    )
    parser.add_argument(
        "--outputs",
        type=Path,
        metavar="DIR",
        help="write each value sent to an output binding under DIR/<function>/<binding>/",
    )
    parser.add_argument(
        "--cors",
        metavar="ORIGINS",
        help="comma-separated allowed origins, or * (default: Host.CORS of local.settings.json)",
    )
    parser.add_argument(
        "--cors-credentials",
        action="store_true",
        default=None,
        help="allow credentials in CORS requests (default: Host.CORSCredentials)",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="also show azfunc's and uvicorn's debug logs"
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no log line per request or invocation (warnings and failures still show)",
    )
    parser.add_argument(
        "--log-level",
        type=_log_level,
        metavar="LEVEL",
        help="level of the host's lines and the functions' logs: Trace, Debug, Information, "
        "Warning, Error, Critical or None (default: host.json logging.logLevel)",
    )


def _child_args(args: argparse.Namespace) -> list[str]:
    """The arguments of ``args`` for a child ``azfunc start`` (``--reload`` left out)."""
    argv = [str(args.path), "--host", args.host]
    if args.port is not None:
        argv += ["--port", str(args.port)]
    if args.functions:
        argv += ["--functions", *args.functions]
    if args.auth:
        argv.append("--auth")
    if args.outputs is not None:
        argv += ["--outputs", str(args.outputs.resolve())]
    if args.cors is not None:
        argv += ["--cors", args.cors]
    if args.cors_credentials:
        argv.append("--cors-credentials")
    if args.verbose:
        argv.append("--verbose")
    if args.quiet:
        argv.append("--quiet")
    if args.log_level is not None:
        argv += ["--log-level", args.log_level]
    return argv


def _supervise(args: argparse.Namespace) -> int:
    """Run the host in a child process restarted on every change (``--reload``).

    The keys (``--auth``) stay the same across restarts: they are kept in the app's
    ``.azfunc/keys.json``.
    """
    from azfunc._config.host_json import HostJsonError, load_host_json
    from azfunc._host.reload import supervise

    root = args.path.resolve()
    root = root if root.is_dir() else root.parent
    try:
        extra = [root / d for d in load_host_json(root).watch_directories]
    except HostJsonError:
        extra = []  # the child reports it
    return supervise(_child_args(args), [root, *(d for d in extra if d.is_dir())])


def run(args: argparse.Namespace) -> int:
    """Run ``azfunc start``; returns the exit status (0 after Ctrl-C, 1 on a bad app)."""
    from azfunc._host.config import HostConfig

    if args.reload:
        return _supervise(args)
    from azfunc._host.server import serve

    cors = None
    if args.cors is not None:
        cors = tuple(o.strip().rstrip("/") for o in args.cors.split(",") if o.strip())
    config = HostConfig(
        path=args.path,
        host=args.host,
        port=args.port,
        functions=tuple(args.functions) if args.functions else None,
        auth=args.auth,
        outputs=args.outputs.resolve() if args.outputs is not None else None,
        cors=cors,
        cors_credentials=args.cors_credentials,
        verbose=args.verbose,
        quiet=args.quiet,
        log_level=args.log_level,
    )
    return serve(config)
