"""Serve a prepared app with uvicorn on a socket azfunc binds itself.

Binding first turns "port in use" into a clear message before anything starts. Ctrl-C
and SIGTERM shut down gracefully: uvicorn stops accepting requests, the lifespan
shutdown stops the timers, waits for running invocations and runs the app's
``on_shutdown`` hooks, and the process exits with status 0.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TextIO

from azfunc._host.asgi import LocalHost
from azfunc._host.config import HostConfig
from azfunc._host.limits import ServerLimits, with_headers_timeout
from azfunc._host.logs import level_of, python_level, setup_logging
from azfunc._host.prepare import HostError, describe, prepare
from azfunc._host.recorder import OutputRecorder
from azfunc._host.storage.options import QueueOptionsError

if TYPE_CHECKING:
    import uvicorn

__all__ = ["bind", "serve", "settle_heap", "uvicorn_server"]


def bind(host: str, port: int, *, backlog: int = ServerLimits().backlog) -> socket.socket:
    """Return a listening socket on ``host:port``.

    :raises HostError: the port is in use or cannot be bound; the message says what to do.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on
    # sockets that say they are TCP, and accepted sockets inherit it. Without it every
    # keep-alive response waits for the client's delayed ACK (about 40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if sys.platform != "win32":  # lets a restart reuse the port at once
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise HostError(
                f"Port {port} on {host} is already in use (another azfunc start or func "
                "start?). Stop that process, or pick another port with --port, e.g. "
                f"--port {port + 1}."
            ) from error
        raise HostError(f"Cannot listen on {host}:{port}: {error.strerror or error}.") from error
    sock.set_inheritable(True)
    return sock


def _uvicorn_limits(limits: ServerLimits) -> dict[str, Any]:
    """The ``uvicorn.Config`` arguments of ``limits``: uvicorn's HTTP protocol
    (httptools' when installed, else h11's) with the headers timeout, and the rest."""
    base: type[Any]
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        base = HttpToolsProtocol
    except ImportError:  # httptools is optional in uvicorn
        from uvicorn.protocols.http.h11_impl import H11Protocol

        base = H11Protocol
    return {
        "http": with_headers_timeout(base, limits),
        "timeout_keep_alive": limits.keep_alive_timeout,
        "h11_max_incomplete_event_size": limits.max_header_bytes,
        "backlog": limits.backlog,
    }


def settle_heap() -> None:
    """Move what the process holds once started (modules, the app, the route table) out
    of the garbage collector's reach: collect, then :func:`gc.freeze`. A full collection
    then scans only what requests allocate, which takes it from about 10 ms (tens of
    thousands of objects, a pause every request in flight waits for) to well under 1 ms.
    """
    gc.collect()
    gc.freeze()


def uvicorn_server(
    app: Any, *, verbose: bool = False, limits: ServerLimits | None = None
) -> uvicorn.Server:
    """A uvicorn server for the ASGI ``app`` with ``limits``, whose signal handling does
    not re-raise the signal."""
    import uvicorn

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            settle_heap()

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            # uvicorn re-raises a captured SIGINT after shutting down, which would end
            # in a KeyboardInterrupt traceback; azfunc start exits with status 0.
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            handled = [signal.SIGINT, signal.SIGTERM]
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in handled}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    uv_config = uvicorn.Config(
        app,
        lifespan="on",
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=15,
        log_level="debug" if verbose else "warning",
        **_uvicorn_limits(limits or ServerLimits()),
    )
    return _Server(uv_config)


def serve(config: HostConfig, *, out: TextIO | None = None) -> int:
    """Run ``azfunc start`` in this process until Ctrl-C or SIGTERM.

    :returns: The exit status: 0 after a clean shutdown, 1 when the app cannot be
        served (the message is printed to stderr) or its startup hooks failed.
    """
    stream = out or sys.stdout
    try:
        import uvicorn  # noqa: F401 - checked early for a clear message
    except ImportError:
        print(
            "azfunc start: the local host needs uvicorn and croniter. Install them with "
            "`pip install uvicorn croniter` (or the 'start' extra from a checkout of azfunc: "
            "`pip install './azfunc[start]'`).",
            file=sys.stderr,
        )
        return 1
    host_level = logging.WARNING if config.quiet else logging.INFO
    if config.log_level is not None:
        host_level = max(host_level, level_of(config.log_level))
    setup_logging(verbose=config.verbose, host_level=host_level, stream=stream)
    try:
        prepared = prepare(config)
        if not config.verbose:
            user_level = python_level(prepared.host_json.log_levels)
            if config.log_level is not None:
                user_level = level_of(config.log_level)
            logging.getLogger().setLevel(user_level)
        sock = bind(config.host, prepared.port)
    except HostError as error:
        print(f"azfunc start: {error}", file=sys.stderr)
        return 1
    try:
        app = LocalHost.serving(prepared, OutputRecorder(directory=config.outputs))
    except QueueOptionsError as error:
        sock.close()
        print(f"azfunc start: {error}", file=sys.stderr)
        return 1
    shown_host = f"[{config.host}]" if ":" in config.host else config.host
    stream.write(describe(prepared, f"http://{shown_host}:{prepared.port}"))
    stream.flush()
    server = uvicorn_server(app, verbose=config.verbose)
    try:
        server.run(sockets=[sock])
    except SystemExit:  # uvicorn exits with status 3 when the lifespan startup fails
        pass
    finally:
        sock.close()
    if not server.started:
        print("azfunc start: the app's startup failed (see above).", file=sys.stderr)
        return 1
    return 0
