"""Every folder and file coach reads or writes, in one place.

By default coach follows the operating system's conventions (through platformdirs).
``COACH_HOME=DIR`` puts everything under one folder instead, which is what the tests use so
they never touch the real home. Nothing here creates anything: folders are made by the code
that first writes into them.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coach"
HOME_VARIABLE = "COACH_HOME"

_PACKAGE_DIR = Path(__file__).resolve().parent


def _home_override() -> Path | None:
    value = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """Folder of ``config.toml`` and the user's ``routines/`` and ``sounds/``."""
    home = _home_override()
    if home is not None:
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Folder of the session database."""
    home = _home_override()
    if home is not None:
        return home
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_routines_dir() -> Path:
    return config_dir() / "routines"


def user_sounds_dir() -> Path:
    return config_dir() / "sounds"


def database_file() -> Path:
    return data_dir() / "coach.db"


def _shipped(name: str) -> Path:
    """A data folder shipped with coach.

    An installed wheel carries it inside the package (``coach/_data/NAME``); a source checkout
    or an editable install keeps it at the top of the repository.
    """
    inside = _PACKAGE_DIR / "_data" / name
    if inside.is_dir():
        return inside
    return _PACKAGE_DIR.parent / name


def builtin_routines_dir() -> Path:
    return _shipped("routines")


def builtin_sounds_dir() -> Path:
    return _shipped("sounds")
