"""``azfunc start --reload``: restart the host in a child process when the app changes.

The parent watches the app folder (``*.py``, ``*.json``, and host.json
``watchDirectories``) by polling modification times, and runs ``azfunc start`` without
``--reload`` as a child. On a change it stops the child the way Ctrl-C does (so
``on_shutdown`` hooks run) and starts a new one. A child that fails to start (a syntax
error, say) is reported and restarted at the next change.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from azfunc._host.logs import HOST_LOGGER, setup_logging

__all__ = ["POLL_INTERVAL", "snapshot", "supervise"]

#: Seconds between two scans of the app folder.
POLL_INTERVAL = 0.5
_SKIP_DIRS = frozenset({"__pycache__", "node_modules", "venv", "env", "site-packages"})
_SUFFIXES = frozenset({".py", ".json"})

_logger = logging.getLogger(HOST_LOGGER)


def snapshot(roots: Iterable[Path]) -> dict[Path, tuple[int, int]]:
    """Modification time and size of every watched file below ``roots``."""
    files: dict[Path, tuple[int, int]] = {}
    for root in roots:
        for directory, subdirs, names in os.walk(root):
            subdirs[:] = [d for d in subdirs if not d.startswith(".") and d not in _SKIP_DIRS]
            for name in names:
                path = Path(directory, name)
                if path.suffix in _SUFFIXES:
                    try:
                        stat = path.stat()
                    except OSError:
                        continue
                    files[path] = (stat.st_mtime_ns, stat.st_size)
    return files


def _changed(before: dict[Path, tuple[int, int]], after: dict[Path, tuple[int, int]]) -> str:
    for path in sorted(set(before) | set(after)):
        if before.get(path) != after.get(path):
            return str(path)
    return ""


def _stop(child: subprocess.Popen[bytes], timeout: float = 20) -> None:
    if child.poll() is not None:
        return
    child.send_signal(signal.SIGINT if sys.platform == "win32" else signal.SIGTERM)
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def supervise(child_args: Sequence[str], roots: Sequence[Path]) -> int:
    """Run ``python -m azfunc start <child_args>`` and restart it when ``roots`` change.

    :returns: 0 after Ctrl-C or SIGTERM.
    """
    handler = setup_logging()
    stop = threading.Event()

    def request_stop(signum: int, frame: object) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    command = [sys.executable, "-m", "azfunc", "start", *child_args]
    state = snapshot(roots)
    child = subprocess.Popen(command)
    reported_exit = False
    _logger.info("Watching %s for changes (--reload).", ", ".join(map(str, roots)))
    try:
        while not stop.wait(POLL_INTERVAL):
            current = snapshot(roots)
            changed = _changed(state, current)
            if changed:
                state = current
                _logger.info("%s changed; restarting the host.", changed)
                _stop(child)
                child = subprocess.Popen(command)
                reported_exit = False
            elif child.poll() is not None and not reported_exit:
                reported_exit = True
                _logger.info(
                    "The host exited with status %s; it restarts when a file changes.",
                    child.returncode,
                )
    finally:
        _stop(child)
        for sig, old in previous.items():
            signal.signal(sig, old)
        logging.getLogger().removeHandler(handler)
    return 0
