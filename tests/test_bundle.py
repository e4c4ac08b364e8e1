"""`azfunc bundle`: an app installs azfunc from its own folder, with no package index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import azfunc
from azfunc._cli.bundle import update_requirements
from azfunc._cli.main import main
from azfunc._cli.metadata import metadata_json
from azfunc._loader import index_app, load_app

ROOT = Path(__file__).resolve().parent.parent
WHEEL = f"azfunc-{azfunc.__version__}-py3-none-any.whl"


def _app(folder: Path) -> Path:
    assert main(["init", str(folder)]) == 0
    assert main(["new", str(folder), "--template", "http", "--name", "hello"]) == 0
    assert main(["new", str(folder), "--template", "queue", "--name", "forward"]) == 0
    return folder


def test_bundle_writes_the_wheel_and_the_requirements_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app(tmp_path / "app")
    (app / "requirements.txt").write_text("azfunc>=0.1\nrequests\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["bundle", str(app)]) == 0
    assert main(["bundle", str(app)]) == 0  # again: the same result, one line
    assert (app / "requirements.txt").read_text(encoding="utf-8") == (f"wheels/{WHEEL}\nrequests\n")
    assert sorted(p.name for p in (app / "wheels").iterdir()) == [WHEEL]
    assert capsys.readouterr().out == (
        f"wrote wheels/{WHEEL}\nrequirements.txt: wheels/{WHEEL}\n" * 2
    )
    with zipfile.ZipFile(app / "wheels" / WHEEL) as wheel:
        names = set(wheel.namelist())
        shipped = wheel.read("azfunc/_cli/bundle.py")
    source = Path(azfunc.__file__).parent
    expected = {
        f"azfunc/{p.relative_to(source).as_posix()}"
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert {n for n in names if n.startswith("azfunc/")} == expected
    assert shipped == (source / "_cli" / "bundle.py").read_bytes()
    info = f"azfunc-{azfunc.__version__}.dist-info"
    assert {n for n in names if n.startswith(info)} == {
        f"{info}/{n}" for n in ("METADATA", "WHEEL", "RECORD", "entry_points.txt")
    } | ({f"{info}/top_level.txt"} if f"{info}/top_level.txt" in names else set())


def test_update_requirements_replaces_every_azfunc_line(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    path.write_text(
        "azfunc[start]==0.1\nazure-functions\nwheels/azfunc-0.0.9-py3-none-any.whl\n",
        encoding="utf-8",
    )
    assert update_requirements(path, "wheels/azfunc-1-py3-none-any.whl") == (
        "wheels/azfunc-1-py3-none-any.whl\nazure-functions\n"
    )


def test_bundle_refuses_a_folder_that_is_no_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["bundle", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"azfunc bundle: {tmp_path} holds neither function_app.py nor host.json; pass the "
        "app folder.\n"
    )
    assert not (tmp_path / "wheels").exists()


def test_an_app_installs_from_its_own_folder_into_a_fresh_venv(tmp_path: Path) -> None:
    app = _app(tmp_path / "app")
    assert main(["bundle", str(app), "--with-deps"]) == 0
    venv = tmp_path / "venv"
    made = subprocess.run(
        [sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, check=False
    )
    if made.returncode != 0:
        pytest.skip(f"cannot create a venv here (python -m venv failed): {made.stderr.strip()}")
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # Only the app folder: no package index, no pip configuration, not this checkout.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links", "wheels",
         "-r", "requirements.txt"],
        cwd=app, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    where = subprocess.run(
        [str(python), "-c", "import azfunc; print(azfunc.__file__, azfunc.__version__)"],
        cwd=app, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    location, version = where.stdout.split()
    assert Path(location).is_relative_to(venv) and version == azfunc.__version__
    indexed = subprocess.run(
        [str(python), "-m", "azfunc", "index", "."],
        cwd=app, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert indexed.returncode == 0, indexed.stderr
    assert json.loads(indexed.stdout) == json.loads(metadata_json(index_app(load_app(app))))
    assert [f["name"] for f in json.loads(indexed.stdout)] == ["hello", "forward"]
