"""Which storage account a binding's ``connection`` names, as the host resolves it.

The host reads the app setting the ``connection`` property names (``AzureWebJobsStorage``
when it is empty), then ``AzureWebJobs<name>``. Its value is a connection string, or
``UseDevelopmentStorage=true`` for the emulator on its fixed ports. Settings of the
form ``<name>__queueServiceUri`` / ``__blobServiceUri`` / ``__tableServiceUri`` /
``__serviceUri`` / ``__accountName`` make an identity-based connection, which needs an
Azure credential: the local host does not run those.

Source: https://learn.microsoft.com/azure/azure-functions/functions-reference#connections
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = [
    "AZURITE_HINT",
    "DEFAULT_CONNECTION",
    "DEVELOPMENT_STORAGE",
    "ListenerHealth",
    "NotLocal",
    "StorageAccount",
    "is_unreachable",
    "resolve_connection",
    "unreachable_message",
]

#: The setting a binding without ``connection`` uses.
DEFAULT_CONNECTION = "AzureWebJobsStorage"

#: The connection string ``UseDevelopmentStorage=true`` stands for: Azurite's
#: well-known account on its default ports.
DEVELOPMENT_STORAGE = (
    "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
    "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
    "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;"
    "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;"
    "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
)

#: How to start the emulator, shown when storage does not answer.
AZURITE_HINT = (
    "Start Azurite (npx azurite --silent --location .azurite), or point the setting "
    "at a storage account that answers"
)

_IDENTITY_SUFFIXES = (
    "__serviceUri",
    "__queueServiceUri",
    "__blobServiceUri",
    "__tableServiceUri",
    "__accountName",
    "__credential",
)

#: The service each binding type talks to.
Service = str  # "blob", "queue" or "table"


@attrs.frozen
class StorageAccount:
    """A storage account reached through a connection string.

    Attributes:
        setting: The app setting that holds it (``AzureWebJobsStorage``).
        connection_string: The connection string (``UseDevelopmentStorage=true``
            expanded to Azurite's).
    """

    setting: str
    connection_string: str

    def _parts(self) -> dict[str, str]:
        parts: dict[str, str] = {}
        for piece in self.connection_string.split(";"):
            key, sep, value = piece.partition("=")
            if sep:
                parts[key.strip().lower()] = value.strip()
        return parts

    def endpoint(self, service: Service) -> str:
        """The URL of ``service`` (``blob``, ``queue``, ``table``) of this account."""
        parts = self._parts()
        explicit = parts.get(f"{service}endpoint")
        if explicit:
            return explicit.rstrip("/")
        protocol = parts.get("defaultendpointsprotocol", "https")
        account = parts.get("accountname", "?")
        suffix = parts.get("endpointsuffix", "core.windows.net")
        return f"{protocol}://{account}.{service}.{suffix}"

    def describe(self, service: Service) -> str:
        """``http://127.0.0.1:10001/devstoreaccount1 (connection 'AzureWebJobsStorage')``."""
        return f"{self.endpoint(service)} (connection {self.setting!r})"


@attrs.frozen
class NotLocal:
    """A connection the local host cannot use; ``reason`` says why and what to do."""

    reason: str


def resolve_connection(
    connection: str | None, settings: Mapping[str, str]
) -> StorageAccount | NotLocal:
    """The account of a binding's ``connection`` property, looked up in ``settings``.

    :returns: A :class:`StorageAccount`, or :class:`NotLocal` when the setting is
        missing or the connection is identity-based.
    """
    name = (connection or "").strip() or DEFAULT_CONNECTION
    for candidate in (name, f"AzureWebJobs{name}"):
        value = settings.get(candidate, "").strip()
        if value:
            if value.replace(" ", "").lower().startswith("usedevelopmentstorage=true"):
                return StorageAccount(candidate, DEVELOPMENT_STORAGE)
            return StorageAccount(candidate, value)
    lowered = {key.lower(): key for key in settings}
    for suffix in _IDENTITY_SUFFIXES:
        key = lowered.get(f"{name}{suffix}".lower())
        if key is not None:
            return NotLocal(
                f"connection {name!r} is identity-based ({key}); it needs an Azure "
                "credential, which azfunc start does not use"
            )
    return NotLocal(
        f"the app setting {name!r} is not set (set it to UseDevelopmentStorage=true for "
        "Azurite, or to a connection string)"
    )


def is_unreachable(error: BaseException) -> bool:
    """Whether ``error`` means the storage endpoint did not answer at all."""
    try:
        from azure.core.exceptions import ServiceRequestError
    except ImportError:  # pragma: no cover - only called once the SDK is in use
        return False
    return isinstance(error, (ServiceRequestError, ConnectionError))


def unreachable_message(account: StorageAccount, service: Service, what: str) -> str:
    """The message for storage that does not answer: the setting, the URL, the fix."""
    return (
        f"Storage does not answer for {what}: the app setting {account.setting!r} points "
        f"at {account.endpoint(service)}, which refused or dropped the connection. "
        f"{AZURITE_HINT}."
    )


def client_options() -> dict[str, Any]:
    """Keyword arguments of every SDK client: fail fast when storage does not answer
    (the listeners retry on their own schedule)."""
    return {"retry_total": 0, "connection_timeout": 5, "read_timeout": 30}


class ListenerHealth:
    """Reports a listener's storage failures: storage that does not answer once (with
    :func:`unreachable_message`) until it answers again, other failures each time.

    :param account: The listener's account.
    :param service: ``queue`` or ``blob``.
    :param what: What listens, e.g. ``"queue trigger 'f' (queue 'orders')"``.
    :param logger: Where to report.
    """

    def __init__(
        self, account: StorageAccount, service: Service, what: str, logger: logging.Logger
    ) -> None:
        self.account = account
        self.service = service
        self.what = what
        self.logger = logger
        self.unreachable = False

    def failed(self, error: BaseException) -> None:
        """Report ``error`` of a poll or of handling what it found."""
        if not is_unreachable(error):
            self.logger.error("The %s failed: %s", self.what, error)
        elif not self.unreachable:
            self.unreachable = True
            self.logger.error(
                "%s The listener keeps trying; the other functions keep running.",
                unreachable_message(self.account, self.service, self.what),
            )

    def answered(self) -> None:
        """A poll succeeded: say so once after storage did not answer."""
        if self.unreachable:
            self.unreachable = False
            self.logger.info("Storage answers again for the %s.", self.what)
