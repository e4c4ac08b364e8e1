"""The ``retry_policy`` setting."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.core import Setting

RETRY_POLICY = "retry_policy"


class RetryPolicy(Setting):
    """How the host retries a failed invocation: ``fixed_delay`` or ``exponential_backoff``.

    Intervals are TimeSpan strings ``hh:mm:ss``; values are passed to the host as given.
    """

    def __init__(
        self,
        strategy: str,
        max_retry_count: str | int,
        delay_interval: str | None = None,
        minimum_interval: str | None = None,
        maximum_interval: str | None = None,
        **kwargs: Any,
    ) -> None:
        self.strategy = strategy
        self.max_retry_count = max_retry_count
        self.delay_interval = delay_interval
        self.minimum_interval = minimum_interval
        self.maximum_interval = maximum_interval
        super().__init__(setting_name=RETRY_POLICY)
