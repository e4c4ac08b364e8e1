"""Black-box parity with azure-functions 1.26.0 for inputs where azfunc must answer as the
reference does: timestamp and duration parsing, and the converters' annotation checks.
The `reference` test runs the same probe script in a venv holding the reference."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.reference_venv import reference_python

# Run as ``python -c PROBE <package>``; prints one JSON object of answers. An answer is
# the result's repr, "ValueError" for a deliberate rejection, or "crash" for any other
# exception (azfunc may answer those inputs as it likes).
PROBE = r'''
import datetime, importlib, json, sys, typing
from typing import Any, Dict, Iterable, List, Optional, Union
package = sys.argv[1]
meta = importlib.import_module(package + ".meta")
func = importlib.import_module(package)
B = meta._BaseConverter

def answer(call):
    try:
        return repr(call())
    except ValueError:
        return "ValueError"
    except Exception:
        return "crash"

DATETIMES = [
    "2018-12-12T03:16:34.219289Z", "2018-12-12X03:16:34.219289Z", "2018-12-12 03:16:34Z",
    "2018-12-12t03:16:34z", "2018-12-12T03:16:34.2192891Z", "2018-12-12T03:16:34+00:00",
    "2018-12-12T03:16:34-00:00", "2018-12-12T03:16:34.5+00:00", "2018-12-12T03:16:34+01:00",
    "2018-12-12T03:16:34+0000", "2018-12-12T03:16:34", "2018-12-12T03:16:34.1234567",
    "2018-12-12", "12/12/2018 03:16:34", "12/12/2018 03:16:34Z", "12/12/2018 03:16:34.123Z",
    "12/12/2018 03:16:34+00:00", "12/12/2018T03:16:34", "12/12/2018T03:16:34Z",
    "2018-1-2T3:4:5Z", "12/12/2018  03:16:34Z", "12/12/2018\t03:16:34Z",
    " 2018-12-12T03:16:34Z", "2018-12-12T24:00:00Z", "2018-13-12T03:16:34Z",
    "2018-12-12T03:16:34.Z", "2018-12-12T03:16Z", "2018-02-30T03:16:34Z",
    "2018-12-12T03:16:60Z", "garbage", "", None,
]
DURATIONS = [
    "03:16:34", "16:34", "90", "-5", " 5 ", "+5", "1.5", "14.00:00:00", "24:00:00",
    "90:00", "1:2:3", "00:00:60", "1.02:03:04.5", "-01:00:00", "03:16:34.5", "5.0", "", None,
]

class Sub(func.QueueMessage):
    pass

ANNOTATIONS = {
    "List[QM]": List[func.QueueMessage], "list[QM]": list[func.QueueMessage],
    "List[Sub]": List[Sub], "Iterable[str]": Iterable[str], "list[str]": list[str],
    "List[str]": List[str], "List[bytes]": List[bytes], "Dict[str, Any]": Dict[str, Any],
    "List[Union[int, str]]": List[Union[int, str]], "Optional[List[str]]": Optional[List[str]],
    "List[SBM]": List[func.ServiceBusMessage], "list[SBM]": list[func.ServiceBusMessage],
    "List[EHE]": List[func.EventHubEvent], "list[EHE]": list[func.EventHubEvent],
    "List[KE]": List[func.KafkaEvent], "list[KE]": list[func.KafkaEvent],
    "List[EGOE]": List[func.EventGridOutputEvent], "str": str, "bytes": bytes,
}
CHECKS = {
    "queue out": "queue", "eventHub in": "eventHub", "eventHub out": "eventHub",
    "serviceBusTrigger in": "serviceBusTrigger", "kafka in": "kafka", "kafka out": "kafka",
    "eventGrid out": "eventGrid",
}
registry = meta.get_binding_registry()
result = {
    "datetime": {repr(t): answer(lambda: B._parse_datetime(t)) for t in DATETIMES},
    "timedelta": {repr(t): answer(lambda: B._parse_timedelta(t)) for t in DURATIONS},
    "iterable": {
        f"{name} / {pytype.__name__}": answer(
            lambda: meta.is_iterable_type_annotation(annotation, pytype)
        )
        for name, annotation in ANNOTATIONS.items()
        for pytype in (str, func.QueueMessage, Sub, int)
    },
    "checks": {
        f"{label} {name}": answer(
            lambda: getattr(registry.get(binding), "check_input_type_annotation"
                            if label.endswith(" in") else "check_output_type_annotation")(
                annotation
            )
        )
        for label, binding in CHECKS.items()
        for name, annotation in ANNOTATIONS.items()
    },
}
print(json.dumps(result, sort_keys=True))
'''


def _answers(python: str, package: str) -> dict[str, dict[str, str]]:
    completed = subprocess.run(
        [python, "-c", PROBE, package],
        capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    answers: dict[str, dict[str, str]] = json.loads(completed.stdout)
    return answers


def _comparable(answers: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The answers without the inputs where the reference crashes."""
    return {
        group: {key: value for key, value in values.items() if value != "crash"}
        for group, values in answers.items()
    }


def test_probe_runs_on_azfunc() -> None:
    answers = _answers(sys.executable, "azfunc")
    assert answers["datetime"]["'2018-12-12X03:16:34.219289Z'"] == "ValueError"
    assert answers["timedelta"]["'14.00:00:00'"] == "ValueError"
    assert answers["iterable"]["list[QM] / QueueMessage"] == "False"


@pytest.mark.reference
def test_azfunc_answers_as_the_reference() -> None:
    expected = _comparable(_answers(str(reference_python()), "azure.functions"))
    actual = _answers(sys.executable, "azfunc")
    assert {
        group: {key: actual[group][key] for key in values} for group, values in expected.items()
    } == expected
