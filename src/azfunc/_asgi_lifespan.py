"""The ASGI lifespan protocol, run once per app: startup, shutdown and their outcome.

Also the ASGI callable types shared with :mod:`azfunc._http_asgi`.

Source: https://asgi.readthedocs.io/en/latest/specs/lifespan.html
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["ASGI_SPEC_VERSION", "ASGI_VERSION", "Lifespan", "LifespanError"]

#: The version azure-functions writes into the scope's flat ``asgi.version`` and
#: ``asgi.spec_version`` keys; the ASGI ``asgi`` key says ``3.0``.
ASGI_VERSION = "2.1"
ASGI_SPEC_VERSION = "2.1"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_logger = logging.getLogger("azfunc._http_asgi")
_APP_DONE = object()  # put on the reply queue when the lifespan task ends


class LifespanError(RuntimeError):
    """The app reported ``lifespan.startup.failed`` or ``lifespan.shutdown.failed``.

    .. versionadded:: azfunc 0.1
    """


class Lifespan:
    """Runs an ASGI app's lifespan protocol: startup once, shutdown once.

    :param app: The ASGI application.
    :param state: The lifespan state dict the app fills (``scope["state"]``).
    """

    def __init__(self, app: ASGIApp, state: dict[str, Any]) -> None:
        self._app = app
        self._state = state
        self._startup: asyncio.Future[bool] | None = None
        self._shutdown: asyncio.Future[None] | None = None
        self._startup_error: LifespanError | None = None
        self._lifespan_task: asyncio.Task[None] | None = None
        self._lifespan_in: asyncio.Queue[Message] = asyncio.Queue()
        self._lifespan_out: asyncio.Queue[Message | object] = asyncio.Queue()

    @property
    def startup_error(self) -> LifespanError | None:
        """Why the startup failed; ``None`` if it did not run or succeeded."""
        return self._startup_error

    @property
    def requested(self) -> bool:
        """Whether :meth:`startup` has been called."""
        return self._startup is not None

    @property
    def succeeded(self) -> bool:
        """Whether the startup has completed and the app may serve requests."""
        started = self._startup
        return started is not None and started.done() and started.result() is True

    async def startup(self) -> bool:
        """Run the startup once; later and concurrent calls share its result."""
        if self._startup is None:
            self._startup = asyncio.ensure_future(self._run_startup())
        return await asyncio.shield(self._startup)

    async def shutdown(self) -> None:
        """Run the shutdown once, if the app's lifespan is still listening.

        That is after a successful startup, and also after ``lifespan.startup.failed``
        when the app kept waiting for messages (as the reference, it is sent
        ``lifespan.shutdown``). Does nothing when the app's lifespan has ended.

        :raises RuntimeError: :meth:`startup` was never called.
        """
        if self._startup is None:
            raise RuntimeError("notify_startup() must be called first.")
        await asyncio.shield(self._startup)
        if self._shutdown is None:
            task = self._lifespan_task
            if task is None or task.done():
                return
            self._shutdown = asyncio.ensure_future(self._run_shutdown())
        await asyncio.shield(self._shutdown)

    async def _lifespan_receive(self) -> Message:
        return await self._lifespan_in.get()

    async def _lifespan_send(self, message: Message) -> None:
        self._lifespan_out.put_nowait(message)

    async def _run_startup(self) -> bool:
        scope = {
            "type": "lifespan",
            "asgi": {"version": "3.0", "spec_version": "2.0"},
            "asgi.version": ASGI_VERSION,
            "asgi.spec_version": ASGI_SPEC_VERSION,
            "state": self._state,
        }
        self._lifespan_in.put_nowait({"type": "lifespan.startup"})
        task = asyncio.ensure_future(self._app(scope, self._lifespan_receive, self._lifespan_send))
        task.add_done_callback(self._lifespan_ended)
        self._lifespan_task = task
        reply = await self._lifespan_out.get()
        if reply is _APP_DONE or not isinstance(reply, MutableMapping):
            error = None if task.cancelled() else task.exception()
            _logger.info(
                "The ASGI app %r does not support the lifespan protocol (%s); serving "
                "requests without it.",
                self._app,
                f"it raised {error!r}" if error else "it returned without a message",
            )
            return True
        kind = reply.get("type")
        if kind == "lifespan.startup.complete":
            return True
        message = str(reply.get("message", "")) if kind == "lifespan.startup.failed" else ""
        self._startup_error = LifespanError(
            f"The ASGI app {self._app!r} failed to start: "
            + (
                f"it sent lifespan.startup.failed{': ' + message if message else ''}."
                if kind == "lifespan.startup.failed"
                else f"it sent {kind!r} instead of lifespan.startup.complete."
            )
        )
        _logger.error("%s", self._startup_error)
        # The lifespan task keeps running: an app still listening gets lifespan.shutdown.
        return False

    async def _run_shutdown(self) -> None:
        self._lifespan_in.put_nowait({"type": "lifespan.shutdown"})
        reply = await self._lifespan_out.get()
        if isinstance(reply, MutableMapping) and reply.get("type") == "lifespan.shutdown.failed":
            _logger.error(
                "The ASGI app %r sent lifespan.shutdown.failed: %s",
                self._app,
                reply.get("message", ""),
            )
        await self._stop_lifespan_task()

    async def _stop_lifespan_task(self, timeout: float = 5) -> None:
        task = self._lifespan_task
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=timeout)
        except asyncio.TimeoutError:
            task.cancel()
        except Exception:  # logged by _lifespan_ended
            pass

    def _lifespan_ended(self, task: asyncio.Task[None]) -> None:
        """Wake whoever waits for a reply, and log how the app's lifespan task ended (an
        exception is retrieved here, so asyncio does not report it as never retrieved)."""
        self._lifespan_out.put_nowait(_APP_DONE)
        error = None if task.cancelled() else task.exception()
        if error is not None:
            _logger.debug(
                "The ASGI app's lifespan task ended with an exception.",
                exc_info=(type(error), error, error.__traceback__),
            )
