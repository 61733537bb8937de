"""The core never imports Textual: it must run in scripts, tests and the fast CLI commands.

Modules are found by walking the package folders (not by importing them, which would pull
in ``coach.ui``), so a module added later is covered without touching this test.
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import coach

PACKAGE_DIR = Path(coach.__file__).resolve().parent
REQUIRED = (
    "coach.routine.durations",
    "coach.routine.model",
    "coach.routine.loader",
    "coach.routine.schema",
    "coach.routine.catalog",
    "coach.routine.timeline",
    "coach.play.events",
    "coach.locations",
    "coach.config",
    "coach.record.scales",
    "coach.cli",
    "coach.cli.routines",
)
"""Modules that exist today; the walk below adds any other module outside ``coach.ui``."""
SKIPPED = {"coach.ui", "coach.__main__"}
"""``coach.ui`` is the Textual side; ``coach.__main__`` runs the command line on import."""


def core_modules() -> list[str]:
    found: list[str] = ["coach"]

    def walk(folder: Path, prefix: str) -> None:
        for info in pkgutil.iter_modules([str(folder)]):
            name = f"{prefix}.{info.name}"
            if name in SKIPPED:
                continue
            found.append(name)
            if info.ispkg:
                walk(folder / info.name, name)

    walk(PACKAGE_DIR, "coach")
    return sorted(found)


def test_walk_finds_the_known_core_modules() -> None:
    modules = core_modules()
    assert set(REQUIRED) <= set(modules)
    assert not any(name == "coach.ui" or name.startswith("coach.ui.") for name in modules)


def test_core_imports_without_textual() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'textual' in sys.modules:\n"
        "        raise SystemExit(f'importing {name} imported textual')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr or result.stdout


def test_importing_the_core_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code = (
        "import importlib\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
    )
    env = {**os.environ, "COACH_HOME": str(home), "HOME": str(tmp_path / "user-home")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert not home.exists()
    assert not (tmp_path / "user-home").exists()
