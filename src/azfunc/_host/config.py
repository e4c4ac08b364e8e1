"""The settings of one ``azfunc start`` run."""

from __future__ import annotations

from pathlib import Path

import attrs

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "HostConfig"]

DEFAULT_PORT = 7071
DEFAULT_HOST = "127.0.0.1"


@attrs.frozen(kw_only=True)
class HostConfig:
    """What ``azfunc start`` was asked to do.

    Attributes:
        path: The app folder (holding function_app.py) or the app's ``.py`` file.
        host: The interface to listen on.
        port: The port; ``None``: ``Host.LocalHttpPort`` of local.settings.json, else 7071.
        functions: Serve only these functions (``--functions``); ``None``: all.
        auth: Check function keys as Azure does (``--auth``); by default, as Core Tools'
            ``func start``, keys are not checked.
        outputs: Folder to write each output binding value to (``--outputs``).
        cors: Allowed CORS origins (``--cors``); ``None``: ``Host.CORS``.
        cors_credentials: ``--cors-credentials``; ``None``: ``Host.CORSCredentials``.
        verbose: Also log azfunc's and uvicorn's debug messages.
        quiet: Log no line per request or invocation (``--quiet``); warnings and
            errors (failed invocations among them) still show.
        log_level: ``--log-level``: a host.json level name (``Information``,
            ``Warning``, ...) for the host's lines and the functions' logs, in place of
            host.json ``logging.logLevel``; ``None``: host.json's.
    """

    path: Path
    host: str = DEFAULT_HOST
    port: int | None = None
    functions: tuple[str, ...] | None = None
    auth: bool = False
    outputs: Path | None = None
    cors: tuple[str, ...] | None = None
    cors_credentials: bool | None = None
    verbose: bool = False
    quiet: bool = False
    log_level: str | None = None
