"""Settings decorators: ``retry``."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.retry_policy import RetryPolicy


class _RetrySettings(DecoratorApi):
    def retry(
        self,
        strategy: str,
        max_retry_count: str,
        delay_interval: str | None = None,
        minimum_interval: str | None = None,
        maximum_interval: str | None = None,
        setting_extra_fields: dict[str, Any] | None = None,
    ) -> FunctionDecorator:
        """Retry failed invocations with a fixed delay or an exponential backoff.

        Not part of function.json: the worker reads it as the ``retry_policy`` setting.

        :param strategy: ``"fixed_delay"`` or ``"exponential_backoff"``.
        :param max_retry_count: Maximum retries per execution, e.g. ``"3"``; ``-1`` retries forever.
        :param delay_interval: TimeSpan ``hh:mm:ss`` between retries, for ``fixed_delay``.
        :param minimum_interval: Smallest TimeSpan ``hh:mm:ss``, for ``exponential_backoff``.
        :param maximum_interval: Largest TimeSpan ``hh:mm:ss``, for ``exponential_backoff``.
        :param setting_extra_fields: Extra fields stored on the setting.

        Source: https://aka.ms/azure-functions-retries
        """
        return self._add_setting(
            RetryPolicy(
                strategy=strategy,
                max_retry_count=max_retry_count,
                delay_interval=delay_interval,
                minimum_interval=minimum_interval,
                maximum_interval=maximum_interval,
                **(setting_extra_fields or {}),
            )
        )
