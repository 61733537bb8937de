"""The packages stay in layers: each imports only the ones below it, never upwards.

The order is the ``[tool.importlinter]`` contract in ``pyproject.toml``; a module that
imports upwards (the store reaching for insights, a rule of the record reading a screen)
fails here with the import chain named. Every package of ``coach`` must be in a layer, so
a new one can't slip past the contract.
"""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

import coach

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"


def layers() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return [name.strip() for layer in contract["layers"] for name in layer.split(":")]


def test_every_package_has_a_layer() -> None:
    named = set(layers())
    top = {f"coach.{info.name}" for info in pkgutil.iter_modules(coach.__path__)
           if info.name != "__main__"}
    assert top - named == set()


def test_no_package_imports_a_layer_above_it() -> None:
    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    assert status == EXIT_STATUS_SUCCESS, "an import goes upwards: see the contract above"


def test_only_the_store_speaks_sql() -> None:
    # A schema change touches the store alone: every query lives there, the ones the
    # insights read included; the record's judgements give it the SQL of each rule.
    root = Path(coach.__file__).parent
    speaking = sorted(
        path.relative_to(root).as_posix() for path in root.rglob("*.py")
        if path.parts[len(root.parts)] not in ("store", "record")
        and any(word in path.read_text(encoding="utf-8")
                for word in ("SELECT ", "INSERT INTO", "DELETE FROM", "conn.execute("))
    )
    assert speaking == []
