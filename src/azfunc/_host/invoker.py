"""Run one invocation through the pipeline, log its line and record its outputs."""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Coroutine, Mapping
from pathlib import Path
from typing import Any, Protocol

import azfunc
from azfunc import _abc
from azfunc._context import SimpleContext
from azfunc._host.logs import HOST_LOGGER
from azfunc._host.recorder import OutputRecorder, invocation_line
from azfunc._runtime.runner import new_context
from azfunc.decorators._function import Function
from azfunc.invocation import InvocationResult, invoke_async

__all__ = ["BindingProvider", "Invoker", "user_traceback"]

_logger = logging.getLogger(HOST_LOGGER)
_AZFUNC_DIR = Path(azfunc.__file__).resolve().parent


def user_traceback(error: BaseException) -> str:
    """Format ``error`` without the frames of azfunc itself: the user's code only."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not Path(frame.filename).resolve().is_relative_to(_AZFUNC_DIR)
        and "asyncio" not in Path(frame.filename).parts
        and "concurrent" not in Path(frame.filename).parts
    ]
    lines = ["Traceback (most recent call last):\n", *traceback.format_list(frames)]
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines).rstrip("\n")


class BindingProvider(Protocol):
    """Reads input bindings before an invocation and writes outputs after it (the
    storage bindings of :mod:`azfunc._host.storage`)."""

    async def inputs(
        self,
        function: Function,
        inputs: Mapping[str, object],
        trigger_metadata: Mapping[str, object] | None,
    ) -> dict[str, object]:
        """``inputs`` with the provider's bindings filled."""
        ...

    async def send(
        self, result: InvocationResult, trigger_metadata: Mapping[str, object] | None
    ) -> InvocationResult:
        """Write the provider's outputs; the result without them (or failed)."""
        ...


class Invoker:
    """Invokes functions for the local host and keeps track of background invocations.

    :param app_dir: The app's folder (the functions' ``function_directory``).
    :param recorder: Where non-HTTP outputs go; ``None``: the invoker is quiet, it
        neither logs invocations nor records their outputs (the test client's).
    :param bindings: Reads and writes real input and output bindings (storage); the
        outputs it writes are not recorded.
    """

    def __init__(
        self,
        app_dir: Path,
        recorder: OutputRecorder | None,
        bindings: BindingProvider | None = None,
    ) -> None:
        self.app_dir = app_dir
        self.recorder = recorder
        self.bindings = bindings
        self._background: set[asyncio.Task[Any]] = set()

    def new_context(self, function: Function) -> SimpleContext:
        """A fresh invocation context for ``function`` (new invocation id)."""
        return new_context(function, str(self.app_dir))

    async def invoke(
        self,
        function: Function,
        inputs: Mapping[str, object],
        *,
        trigger_type: str,
        context: _abc.Context | None = None,
        trigger_metadata: Mapping[str, object] | None = None,
        raise_refusal: bool = False,
    ) -> InvocationResult | None:
        """Invoke ``function``; ``None`` (and an error line) when the pipeline refuses
        the call (inputs that cannot be decoded). Call :meth:`report` with the result.

        :param raise_refusal: Raise the pipeline's refusal instead.
        """
        context = context or self.new_context(function)
        try:
            if self.bindings is not None:
                inputs = await self.bindings.inputs(function, inputs, trigger_metadata)
            result = await invoke_async(
                function, inputs, context=context, trigger_metadata=trigger_metadata
            )
            if self.bindings is not None:
                result = await self.bindings.send(result, trigger_metadata)
            return result
        except Exception as error:  # the pipeline refused the call: a host-side problem
            if raise_refusal:
                raise
            if self.recorder is None:
                return None
            _logger.error(
                "Executed 'Functions.%s' (Failed, trigger=%s, Id=%s): %s",
                function.get_function_name(),
                trigger_type,
                context.invocation_id,
                error,
            )
            return None

    def report(self, result: InvocationResult, trigger_type: str, detail: str = "") -> None:
        """Log the invocation's line (with the user's traceback if it failed) and record
        its outputs. A quiet invoker does neither."""
        if self.recorder is None:
            return
        line = invocation_line(result, trigger_type, detail)
        if result.error is None:
            _logger.info(line)
        else:
            _logger.error("%s\n%s", line, user_traceback(result.error))
        self.recorder.record(result)

    async def run(
        self,
        function: Function,
        inputs: Mapping[str, object],
        *,
        trigger_type: str,
        detail: str = "",
        context: _abc.Context | None = None,
        trigger_metadata: Mapping[str, object] | None = None,
    ) -> InvocationResult | None:
        """:meth:`invoke`, then :meth:`report`."""
        result = await self.invoke(
            function,
            inputs,
            trigger_type=trigger_type,
            context=context,
            trigger_metadata=trigger_metadata,
        )
        if result is not None:
            self.report(result, trigger_type, detail)
        return result

    def start(self, coroutine: Coroutine[Any, Any, object]) -> asyncio.Task[Any]:
        """Run ``coroutine`` in the background; :meth:`drain` waits for it."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    async def drain(self, timeout: float) -> None:
        """Wait up to ``timeout`` seconds for background invocations, then cancel them."""
        pending = set(self._background)
        if not pending:
            return
        _, late = await asyncio.wait(pending, timeout=timeout)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=1)
