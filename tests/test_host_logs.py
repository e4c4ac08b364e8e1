"""The local host's log lines: the cheap per-request line, in order with the others."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

from azfunc._host.logs import HOST_LOGGER, info_line, setup_logging


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


def test_the_request_line_is_written_like_a_record_in_order(
    host_log: tuple[io.StringIO, logging.Handler],
) -> None:
    stream, _ = host_log
    logger = logging.getLogger(HOST_LOGGER)
    logger.info("first")
    info_line(logger, "GET /api/x -> 200")
    logger.warning("third")
    lines = stream.getvalue().splitlines()
    assert [re.sub(r"^\[\d\d:\d\d:\d\d\.\d{3}\] ", "", line) for line in lines] == [
        "first",
        "GET /api/x -> 200",
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
