"""Blob storage decorators."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.blob import BlobInput, BlobOutput, BlobTrigger
from azfunc.decorators.core import BlobSource, DataType


class _BlobTriggers(DecoratorApi):
    def blob_trigger(
        self,
        arg_name: str,
        path: str,
        connection: str,
        source: BlobSource | str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Run the function when a blob is created or updated under ``path``.

        Emits a ``blobTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the :class:`~azfunc.InputStream`.
        :param path: Container and blob name pattern, e.g. ``"samples/{name}"``.
        :param connection: Name of the app setting (or prefix) that locates the storage account.
        :param source: :class:`~azfunc.BlobSource` (emitted as its value, ``"EventGrid"``)
            or a string emitted as given.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/azure-function-binding-storage-blob
        """
        return self._add_trigger(
            BlobTrigger(
                name=arg_name,
                path=path,
                connection=connection,
                source=source,
                data_type=data_type,
                **kwargs,
            )
        )


class _BlobBindings(DecoratorApi):
    def blob_input(
        self,
        arg_name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read a blob into the function.

        Emits a ``blob`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the blob (``str``, ``bytes`` or
            :class:`~azfunc.InputStream`).
        :param path: Container and blob name, may use binding expressions (``"c/{id}"``).
        :param connection: Name of the app setting (or prefix) that locates the storage account.
        :param data_type: How the host hands over the payload; BINARY for ``bytes``.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/azure-function-binding-storage-blob
        """
        return self._add_binding(
            BlobInput(
                name=arg_name, path=path, connection=connection, data_type=data_type, **kwargs
            )
        )

    def blob_output(
        self,
        arg_name: str,
        path: str,
        connection: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Write a blob from the function.

        Emits a ``blob`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter (``func.Out[str]``, ``func.Out[bytes]``) or ``$return``.
        :param path: Container and blob name, may use binding expressions.
        :param connection: Name of the app setting (or prefix) that locates the storage account.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://aka.ms/azure-function-binding-storage-blob
        """
        return self._add_binding(
            BlobOutput(
                name=arg_name, path=path, connection=connection, data_type=data_type, **kwargs
            )
        )
