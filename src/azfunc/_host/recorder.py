"""Output bindings of local invocations: logged, kept, and written to files on request.

The local host has no storage, queues or event hubs, so what a function sends to an
output binding goes nowhere; it is recorded instead. Each value is logged (shortened),
and with ``--outputs DIR`` written to
``DIR/<function>/<binding>/<sequence>-<invocation id>.<ext>``, the extension telling its
form: ``.txt`` (string), ``.json``, ``.bin`` (bytes).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
from pathlib import Path
from typing import Any

import attrs

from azfunc._host.logs import HOST_LOGGER
from azfunc.decorators.constants import HTTP_OUTPUT
from azfunc.invocation import InvocationResult
from azfunc.meta import Datum

__all__ = ["OutputRecorder", "RecordedOutput", "invocation_line"]

_logger = logging.getLogger(HOST_LOGGER)

#: The function.json key that best names where an output goes, per binding type.
_TARGET_KEYS = (
    "queueName",
    "topicName",
    "path",
    "eventHubName",
    "containerName",
    "tableName",
    "commandText",
    "topic",
    "stateStore",
)
_PREVIEW = 200


@attrs.frozen(kw_only=True)
class RecordedOutput:
    """One value a function sent to an output binding.

    Attributes:
        function_name: The function.
        invocation_id: The invocation.
        binding: The binding name (``"$return"`` for the return value).
        binding_type: The binding type (``"queue"``).
        target: Where it would go (``"queueName=outbox"``), or ``""``.
        datum_type: The encoded form: ``string``, ``bytes``, ``json``, ...
        value: The encoded value.
        file: The file it was written to, if any.
    """

    function_name: str
    invocation_id: str
    binding: str
    binding_type: str
    target: str
    datum_type: str | None
    value: Any
    file: Path | None = None


def _target(fields: dict[str, Any]) -> str:
    for key in _TARGET_KEYS:
        if fields.get(key) is not None:
            return f"{key}={fields[key]}"
    return ""


def _text(datum: Datum) -> str:
    value = datum.value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return f"<{len(value)} bytes>"
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _file_content(datum: Datum) -> tuple[str, bytes]:
    value = datum.value
    if isinstance(value, bytes):
        return "bin", value
    if datum.type == "json":
        return "json", (value if isinstance(value, str) else json.dumps(value)).encode("utf-8")
    if isinstance(value, str):
        return "txt", value.encode("utf-8")
    return "json", json.dumps(value, default=str).encode("utf-8")


@attrs.define
class OutputRecorder:
    """Records the non-HTTP outputs of every invocation.

    Attributes:
        directory: Where to write the values (``--outputs``), or ``None``.
        recorded: Every value recorded so far, oldest first.
    """

    directory: Path | None = None
    recorded: list[RecordedOutput] = attrs.Factory(list)
    _lock: threading.Lock = attrs.Factory(threading.Lock)
    _sequence: itertools.count[int] = attrs.Factory(lambda: itertools.count(1))

    def record(self, result: InvocationResult) -> list[RecordedOutput]:
        """Log and keep each encoded output of ``result`` (HTTP responses excepted)."""
        if not result.encoded_outputs:
            return []
        bindings = {b.name: b for b in result.function.get_bindings()}
        trigger = result.function.get_trigger()
        outputs: list[RecordedOutput] = []
        for name, datum in result.encoded_outputs.items():
            # a trigger with an implicit output (MCP, Dapr, ...) returns through "$return"
            binding = bindings.get(name, trigger if name == "$return" else None)
            binding_type = str(binding.type) if binding is not None else "?"
            if binding_type == HTTP_OUTPUT:
                continue
            fields = binding.get_dict_repr() if binding is not None else {}
            output = RecordedOutput(
                function_name=result.function_name,
                invocation_id=result.invocation_id,
                binding=name,
                binding_type=binding_type,
                target=_target(fields),
                datum_type=datum.type,
                value=datum.value,
                file=self._write(result, name, datum),
            )
            preview = _text(datum)
            if len(preview) > _PREVIEW:
                preview = preview[:_PREVIEW] + f"... ({len(preview)} characters)"
            where = f" ({output.target})" if output.target else ""
            saved = f" -> {output.file}" if output.file is not None else ""
            _logger.info("  output %s %r%s: %s%s", binding_type, name, where, preview, saved)
            outputs.append(output)
        with self._lock:
            self.recorded.extend(outputs)
            del self.recorded[:-1000]  # keep memory bounded on long runs
        return outputs

    def _write(self, result: InvocationResult, name: str, datum: Datum) -> Path | None:
        if self.directory is None:
            return None
        extension, content = _file_content(datum)
        with self._lock:
            sequence = next(self._sequence)
        folder = self.directory / result.function_name / name.lstrip("$")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{sequence:06d}-{result.invocation_id}.{extension}"
        path.write_bytes(content)
        return path


def invocation_line(
    result: InvocationResult, trigger_type: str, detail: str = "", *, failed: bool = False
) -> str:
    """The one log line of an invocation, in the host's words, e.g.
    ``Executed 'Functions.hello' (Succeeded, trigger=httpTrigger, Id=..., Duration=3ms)``.

    :param failed: Say Failed even though the function returned (its response could not
        be sent)."""
    status = "Succeeded" if result.ok and not failed else "Failed"
    milliseconds = round(result.duration * 1000)
    suffix = f" {detail}" if detail else ""
    return (
        f"Executed 'Functions.{result.function_name}' ({status}, trigger={trigger_type}, "
        f"Id={result.invocation_id}, Duration={milliseconds}ms){suffix}"
    )
