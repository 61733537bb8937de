"""The wheel carries the built-in routines, their schema and the default sounds.

Without them an installed coach has nothing to play. The wheel is built with hatchling's
own build function (no network, well under a second); only if hatchling is not installed
does it fall back to ``pip wheel``, which fetches the build backend.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BUILD = "import sys; from hatchling.build import build_wheel; print(build_wheel(sys.argv[1]))"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    if importlib.util.find_spec("hatchling") is not None:
        command = [sys.executable, "-c", BUILD, str(out)]
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), "."]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    wheels = list(out.glob("coach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.parametrize(
    "path", sorted((REPO / "routines").glob("*.toml")), ids=lambda path: path.name
)
def test_builtin_routine_is_in_the_wheel(wheel_names: set[str], path: Path) -> None:
    assert f"coach/_data/routines/{path.name}" in wheel_names


@pytest.mark.parametrize(
    "path", sorted((REPO / "sounds").glob("*.wav")), ids=lambda path: path.name
)
def test_sound_is_in_the_wheel(wheel_names: set[str], path: Path) -> None:
    assert f"coach/_data/sounds/{path.name}" in wheel_names


def test_shipped_folders_are_not_empty() -> None:
    assert list((REPO / "routines").glob("*.toml"))
    assert list((REPO / "sounds").glob("*.wav"))


def test_schema_and_starter_are_in_the_wheel(wheel_names: set[str]) -> None:
    assert "coach/_data/routines/schema.json" in wheel_names
    assert "coach/routine/starter.toml" in wheel_names


def test_the_windows_speech_script_is_in_the_wheel(wheel_names: set[str]) -> None:
    assert "coach/sound/speak.ps1" in wheel_names


def test_code_is_in_the_wheel_and_tests_are_not(wheel_names: set[str]) -> None:
    assert "coach/routine/loader.py" in wheel_names
    assert "coach/cli/routines.py" in wheel_names
    assert not any(name.startswith("tests/") for name in wheel_names)


def test_console_script_is_declared(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = archive.read(name).decode()
    assert "coach = coach.cli:main" in entry_points
