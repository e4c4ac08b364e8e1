"""The keys of ``azfunc start --auth``: stable across restarts, kept out of git.

Each key comes from, in order: the environment or local.settings.json ``Values``
(``AZFUNC_MASTER_KEY``, ``AZFUNC_HOST_KEY``, ``AZFUNC_FUNCTION_KEY_<name>``), else the
app's ``.azfunc/keys.json``, which is created with new random keys the first time they
are needed. ``.azfunc/`` holds its own ``.gitignore`` (``*``), so the keys are never
committed, whatever the app's .gitignore says.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from azfunc._host_auth import HOST_KEY_SETTING, MASTER_KEY_SETTING, HostKeys, generate_key

__all__ = ["KEYS_FILE", "STATE_DIR", "load_keys"]

#: The folder, in the app folder, where azfunc keeps local state.
STATE_DIR = ".azfunc"
#: The keys file, relative to the app folder.
KEYS_FILE = f"{STATE_DIR}/keys.json"


def _stored(path: Path) -> dict[str, str]:
    """The keys saved in ``path``; ``{}`` when it is missing or not a JSON object of strings."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict):
        return {}
    return {k: v for k, v in document.items() if isinstance(k, str) and isinstance(v, str) and v}


def _save(folder: Path, keys: Mapping[str, str]) -> None:
    state = folder / STATE_DIR
    state.mkdir(exist_ok=True)
    ignore = state / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# azfunc's local state (keys): never commit it\n*\n", encoding="utf-8")
    path = folder / KEYS_FILE
    path.write_text(json.dumps(dict(keys), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if os.name == "posix":
        path.chmod(0o600)


def load_keys(
    folder: Path, settings: Mapping[str, str], function_names: Iterable[str] = ()
) -> HostKeys:
    """Return the keys of the app in ``folder``, creating ``.azfunc/keys.json`` when needed.

    :param folder: The app folder.
    :param settings: The environment (with local.settings.json ``Values`` exported).
    :param function_names: The functions whose ``AZFUNC_FUNCTION_KEY_<name>`` to read.
    :returns: The keys; ``generated`` names the settings whose key comes from the file.
    :raises OSError: The keys file cannot be written (a read-only app folder).
    """
    stored = _stored(folder / KEYS_FILE)
    missing = {
        name: generate_key()
        for name in (MASTER_KEY_SETTING, HOST_KEY_SETTING)
        if not settings.get(name) and name not in stored
    }
    if missing:
        stored.update(missing)
        _save(folder, stored)
    merged = dict(settings)
    from_file = []
    for name in (MASTER_KEY_SETTING, HOST_KEY_SETTING):
        if not settings.get(name):
            merged[name] = stored[name]
            from_file.append(name)
    keys = HostKeys.from_settings(merged, function_names)
    return HostKeys(
        master=keys.master, host=keys.host, functions=keys.functions, generated=tuple(from_file)
    )
