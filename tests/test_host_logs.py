"""The local host's log lines: batched writes, and the cheap per-request line."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

from azfunc._host.logs import (
    HOST_LOGGER,
    BatchedStreamHandler,
    HostFormatter,
    info_line,
    setup_logging,
)


@pytest.fixture
def host_log() -> Iterator[tuple[io.StringIO, logging.Handler]]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    root.handlers = []
    stream = io.StringIO()
    handler = setup_logging(stream=stream)
    try:
        yield stream, handler
    finally:
        handler.close()
        root.handlers, root.level = saved
        for name in ("azfunc", "uvicorn", "uvicorn.error", "asyncio", HOST_LOGGER):
            logging.getLogger(name).setLevel(logging.NOTSET)
        logging.getLogger("uvicorn.access").disabled = False


def test_lines_are_written_in_batches_and_warnings_at_once() -> None:
    stream = io.StringIO()
    handler = BatchedStreamHandler(stream, interval=60)
    handler.setFormatter(HostFormatter())
    logger = logging.getLogger(f"{HOST_LOGGER}.batch-test")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        logger.info("first")
        info_line(logger, "second")
        assert stream.getvalue() == ""  # queued, not written yet
        logger.warning("third")  # a warning writes everything pending, in order
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = stream.getvalue().splitlines()
    assert [re.sub(r"^\[\d\d:\d\d:\d\d\.\d{3}\] ", "", line) for line in lines] == [
        "first",
        "second",
        "WARNING: third",
    ]


def test_an_app_handler_still_gets_the_request_line(
    host_log: tuple[io.StringIO, logging.Handler],
) -> None:
    stream, handler = host_log
    seen: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    extra = Keep()
    logging.getLogger().addHandler(extra)
    try:
        info_line(logging.getLogger(HOST_LOGGER), "GET /api/x -> 200")
    finally:
        logging.getLogger().removeHandler(extra)
    handler.flush()
    assert seen == ["GET /api/x -> 200"]
    assert stream.getvalue().endswith("] GET /api/x -> 200\n")


def test_no_line_below_the_level(host_log: tuple[io.StringIO, logging.Handler]) -> None:
    stream, handler = host_log
    logger = logging.getLogger(HOST_LOGGER)
    logger.setLevel(logging.WARNING)  # --quiet
    info_line(logger, "GET /api/x -> 200")
    handler.flush()
    assert stream.getvalue() == ""
