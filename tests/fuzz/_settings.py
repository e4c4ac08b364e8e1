"""The hypothesis settings of the fuzz suite: bounded and derandomised by default, long
with ``AZFUNC_FUZZ=long``.

Default (CI): a fixed sequence of ``AZFUNC_FUZZ_EXAMPLES`` (150) cases per target, each
within 5 s, so a run is fast and repeatable. Long mode (see the README): 10,000 random
cases per target, each within 1 s; run it with ``--hypothesis-show-statistics`` to see
the counts.

A case's time is the CPU time of this process (all its threads), not the wall clock: a
quadratic parser or a backtracking regex burns CPU, while other processes on a busy
machine only stretch the wall clock (which made a 9-byte body "take" 1 s once).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, settings

LONG = os.environ.get("AZFUNC_FUZZ", "").lower() == "long"
#: The longest one case may take in long mode (seconds).
CASE_LIMIT = 1.0

_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]

FUZZ = settings(
    max_examples=int(os.environ.get("AZFUNC_FUZZ_EXAMPLES", "10000" if LONG else "150")),
    deadline=None,  # wall clock; bounded() checks CPU time
    derandomize=not LONG,
    suppress_health_check=_SUPPRESSED,
    database=None,
)


@contextmanager
def bounded(limit: float = 5.0 if not LONG else CASE_LIMIT) -> Iterator[None]:
    """Fail a case that takes over ``limit`` seconds of CPU (a quadratic parser, a
    backtracking regex)."""
    started = time.process_time()
    yield
    elapsed = time.process_time() - started
    assert elapsed < limit, f"one case took {elapsed:.2f} s of CPU (limit {limit} s)"
