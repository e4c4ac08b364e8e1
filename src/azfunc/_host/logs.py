"""Console logging of the local host: host lines, and user logs tagged with their function."""

from __future__ import annotations

import datetime
import logging
import sys
import time
from collections.abc import Mapping
from typing import TextIO

from azfunc.invocation import InvocationLogFilter

__all__ = [
    "HOST_LOGGER",
    "LOG_LEVEL_NAMES",
    "HostFormatter",
    "HostStreamHandler",
    "info_line",
    "level_of",
    "python_level",
    "setup_logging",
]

#: The logger of the host's own lines (requests, invocations, timers, startup).
HOST_LOGGER = "azfunc.host"

_LEVELS = {
    "trace": logging.DEBUG,
    "debug": logging.DEBUG,
    "information": logging.INFO,
    "warning": logging.WARNING,
    "error": logging.ERROR,
    "critical": logging.CRITICAL,
    "none": logging.CRITICAL + 10,
}


#: The level names ``--log-level`` takes: host.json's, in any case.
LOG_LEVEL_NAMES = ("Trace", "Debug", "Information", "Warning", "Error", "Critical", "None")


def level_of(name: str) -> int:
    """The Python level of a host.json level name (``"Warning"``); INFO when unknown."""
    return _LEVELS.get(name.lower(), logging.INFO)


def python_level(log_levels: Mapping[str, str]) -> int:
    """The level of user logs from host.json ``logging.logLevel``: ``Function``, else
    ``default``, else Information."""
    lowered = {category.lower(): level for category, level in log_levels.items()}
    name = lowered.get("function", lowered.get("default", "Information"))
    return level_of(name)


class HostFormatter(logging.Formatter):
    """``[12:00:00.123] message``; user records get ``[FunctionName 1a2b3c4d]`` before it."""

    _second: int = -1
    _clock: str = ""

    def moment(self, created: float) -> str:
        """``HH:MM:SS.mmm`` of the time stamp ``created`` (seconds since the epoch)."""
        second = int(created)
        if second != self._second:  # strftime once a second, not once a line
            self._second = second
            self._clock = datetime.datetime.fromtimestamp(second).strftime("%H:%M:%S")
        return f"{self._clock}.{int((created - second) * 1000):03d}"

    def format(self, record: logging.LogRecord) -> str:
        moment = self.moment(record.created)
        function = getattr(record, "function_name", "")
        invocation = getattr(record, "invocation_id", "")
        tag = ""
        if function and not record.name.startswith(HOST_LOGGER):
            tag = f"[{function} {invocation[:8]}] "
        level = "" if record.levelno == logging.INFO else f"{record.levelname}: "
        text = f"[{moment}] {tag}{level}{record.getMessage()}"
        if record.exc_info:
            text = f"{text}\n{self.formatException(record.exc_info)}"
        return text


class HostStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The stream handler of the host's console, which also takes lines without a log
    record (:meth:`add_line`, used by :func:`info_line` for the line per request).

    :param stream: Where the lines go.
    """

    def add_line(self, text: str, created: float) -> None:
        """Write the INFO line ``text`` as :class:`HostFormatter` would, without a record."""
        formatter = self.formatter
        moment = (
            formatter.moment(created)
            if isinstance(formatter, HostFormatter)
            else HostFormatter().moment(created)
        )
        with self.lock:  # type: ignore[union-attr]
            try:
                self.stream.write(f"[{moment}] {text}{self.terminator}")
                self.flush()
            except ValueError:  # the stream was closed
                pass


def _only_handler(logger: logging.Logger) -> HostStreamHandler | None:
    """The host's handler when it is the only one a record of ``logger`` reaches and no
    filter or level stands in between, else ``None``."""
    found: HostStreamHandler | None = None
    current: logging.Logger | None = logger
    while current is not None:
        if current.filters:
            return None
        for handler in current.handlers:
            if found is not None or not isinstance(handler, HostStreamHandler):
                return None
            if handler.filters != [] and not all(
                isinstance(f, InvocationLogFilter) for f in handler.filters
            ):
                return None
            if handler.level > logging.INFO:
                return None
            found = handler
        if not current.propagate:
            break
        current = current.parent
    return found


def info_line(logger: logging.Logger, text: str) -> None:
    """Log ``text`` at INFO on ``logger``: the host's line per request, made cheap.

    When the host's handler is the only one the line would reach (no handler or filter
    added by the app), the line is queued on it directly, as it would be written, with
    no log record; otherwise it goes through :mod:`logging` as usual.
    """
    if not logger.isEnabledFor(logging.INFO):
        return
    handler = _only_handler(logger)
    if handler is None:
        logger.info("%s", text)
    else:
        handler.add_line(text, time.time())


def setup_logging(
    *,
    user_level: int = logging.INFO,
    host_level: int = logging.INFO,
    verbose: bool = False,
    stream: TextIO | None = None,
) -> logging.Handler:
    """Send every log record to ``stream`` (stdout) in the host's format.

    :param user_level: The level of the root logger, which user logs go through.
    :param host_level: The level of the host's own lines (WARNING: no line per request).
    :param verbose: Show azfunc's and uvicorn's own debug and info messages too.
    :returns: The handler, to remove when the host stops.
    """
    handler = HostStreamHandler(stream or sys.stdout)
    handler.setFormatter(HostFormatter())
    handler.addFilter(InvocationLogFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else user_level)
    logging.getLogger(HOST_LOGGER).setLevel(logging.DEBUG if verbose else host_level)
    for name in ("azfunc", "uvicorn", "uvicorn.error", "asyncio"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
    logging.getLogger("uvicorn.access").disabled = not verbose
    return handler
