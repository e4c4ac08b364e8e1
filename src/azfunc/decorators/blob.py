"""Blob storage trigger, input and output binding classes."""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import BLOB, BLOB_TRIGGER
from azfunc.decorators.core import BlobSource, DataType, InputBinding, OutputBinding, Trigger


class BlobTrigger(Trigger):
    """``blobTrigger``: run the function for each new or updated blob under ``path``.

    :param source: A :class:`BlobSource` member, emitted as its value
        (``"EventGrid"``); any other value is emitted as given.
    """

    @staticmethod
    def get_binding_name() -> str:
        return BLOB_TRIGGER

    def __init__(
        self,
        name: str,
        path: str,
        connection: str,
        source: BlobSource | str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.path = path
        self.connection = connection
        self.source = source.value if isinstance(source, BlobSource) else source
        super().__init__(name=name, data_type=data_type)


class BlobInput(InputBinding):
    """``blob`` (IN): the blob at ``path`` read into the function."""

    @staticmethod
    def get_binding_name() -> str:
        return BLOB

    def __init__(
        self,
        name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.path = path
        self.connection = connection
        super().__init__(name=name, data_type=data_type)


class BlobOutput(OutputBinding):
    """``blob`` (OUT): the blob at ``path`` written by the function."""

    @staticmethod
    def get_binding_name() -> str:
        return BLOB

    def __init__(
        self,
        name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.path = path
        self.connection = connection
        super().__init__(name=name, data_type=data_type)
