"""Wheels of installed distributions, rebuilt from their installed files, for ``azfunc bundle``.

azfunc is not on a package index, so an app ships azfunc's wheel in its own folder. The
wheel is built from the installed package itself (its files, its metadata), without pip,
a build backend or a network: what runs here is what is shipped. Dependencies can be
shipped the same way (``--with-deps``); each keeps the tags of the wheel it was installed
from, so a compiled one (MarkupSafe) is only installable where it was installed.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["WheelError", "build_wheel", "dependency_names"]

_NAME_END = re.compile(r"[\s;<>=!~\[(@]")
#: A fixed date for every entry, so the same files give the same wheel.
_DATE = (2020, 1, 1, 0, 0, 0)


class WheelError(Exception):
    """A wheel cannot be built from the installed files; ``str()`` says why and what to do."""


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _distribution(name: str) -> importlib.metadata.Distribution:
    try:
        return importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        raise WheelError(
            f"{name} is not installed in this environment ({name} is needed to bundle it)."
        ) from None


def dependency_names(name: str) -> list[str]:
    """The distributions ``name`` needs at run time, recursively, in a stable order.

    Requirements limited to an extra are left out; the others are followed when they are
    installed (a requirement for another Python version is not).
    """
    seen: dict[str, str] = {}
    pending = [name]
    while pending:
        current = pending.pop(0)
        for requirement in _distribution(current).requires or []:
            if "extra ==" in requirement.replace("extra==", "extra =="):
                continue
            dependency = _NAME_END.split(requirement.strip(), maxsplit=1)[0]
            key = _normalize(dependency)
            if key in seen or key == _normalize(name):
                continue
            try:
                importlib.metadata.distribution(dependency)
            except importlib.metadata.PackageNotFoundError:
                continue  # e.g. typing-extensions "; python_version < ..." not needed here
            seen[key] = dependency
            pending.append(dependency)
    return list(seen.values())


def _tags(distribution: importlib.metadata.Distribution) -> list[str]:
    wheel = distribution.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel.splitlines() if line.startswith("Tag:")]
    return tags or ["py3-none-any"]


def _file_tag(tags: list[str]) -> str:
    """The tag of the wheel's file name: ``py2.py3-none-any`` for two tags that differ
    only in the Python part, else the first tag."""
    parts = [tag.split("-", 1) for tag in tags]
    rest = {part[1] for part in parts if len(part) == 2}
    if len(rest) == 1 and all(len(part) == 2 for part in parts):
        return ".".join(part[0] for part in parts) + "-" + rest.pop()
    return tags[0]


def _package_files(
    distribution: importlib.metadata.Distribution, name: str
) -> Iterator[tuple[str, Path]]:
    """``(path in the wheel, file)`` for each installed file of ``distribution``."""
    info = f"{_normalize(name)}-{distribution.version}.dist-info"
    direct = distribution.read_text("direct_url.json") or ""
    if '"editable": true' in direct.replace('"editable":true', '"editable": true'):
        # An editable install records no package files: take the import packages' folders.
        top_level = (distribution.read_text("top_level.txt") or "").split() or [name]
        for package in top_level:
            spec = importlib.util.find_spec(package)
            if spec is None or not spec.submodule_search_locations:
                raise WheelError(f"Cannot find the files of the package {package!r} of {name}.")
            root = Path(next(iter(spec.submodule_search_locations)))
            for file in sorted(root.rglob("*")):
                if file.is_file() and "__pycache__" not in file.parts:
                    yield f"{package}/{file.relative_to(root).as_posix()}", file
        return
    for entry in distribution.files or []:
        path = entry.as_posix()
        if path.startswith("..") or "__pycache__" in path or path.endswith(".pyc"):
            continue  # scripts outside site-packages are made again by the installer
        if path.startswith(f"{info}/") or ".dist-info/" in path:
            continue
        yield path, Path(str(entry.locate()))


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(name: str, folder: Path) -> Path:
    """Write the wheel of the installed distribution ``name`` into ``folder``.

    :returns: The wheel's path, ``folder/<name>-<version>-<tag>.whl``.
    :raises WheelError: ``name`` is not installed, or its files cannot be found.
    """
    distribution = _distribution(name)
    project = _normalize(distribution.metadata["Name"] or name)
    tags = _tags(distribution)
    info = f"{project}-{distribution.version}.dist-info"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{project}-{distribution.version}-{_file_tag(tags)}.whl"
    records: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:

        def add(path: str, data: bytes) -> None:
            entry = zipfile.ZipInfo(path, _DATE)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
            records.append(_record_line(path, data))

        for path, file in _package_files(distribution, name):
            try:
                add(path, file.read_bytes())
            except OSError as error:
                raise WheelError(f"Cannot read {file} of {name}: {error}") from error
        for extra in ("METADATA", "entry_points.txt", "top_level.txt"):
            text = distribution.read_text(extra)
            if text is not None:
                add(f"{info}/{extra}", text.encode("utf-8"))
        generator = "Wheel-Version: 1.0\nGenerator: azfunc bundle\n"
        pure = "true" if all(tag.endswith("-none-any") for tag in tags) else "false"
        add(
            f"{info}/WHEEL",
            (
                generator + f"Root-Is-Purelib: {pure}\n" + "".join(f"Tag: {t}\n" for t in tags)
            ).encode(),
        )
        records.append(f"{info}/RECORD,,")
        entry = zipfile.ZipInfo(f"{info}/RECORD", _DATE)
        wheel.writestr(entry, "\n".join(records) + "\n")
    return target
