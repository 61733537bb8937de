"""User settings from ``config.toml``.

The file is optional; every setting has a sensible default. A bad value is reported in one
line naming the file and the key, and the default is used, so a typo never stops a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from coach import locations

CUE_EVENTS = ("start", "tick", "halfway", "switch", "end", "done")
"""Names of the sound cues, one per engine event that makes a sound."""


class ConfigError(Exception):
    """A problem in the config file, phrased for the user."""


@dataclass(frozen=True)
class SoundSettings:
    volume: int = 80
    """Loudness of the cues, 0–100."""
    mute: bool = False
    """Start muted (``m`` toggles it in the player)."""
    events: tuple[str, ...] = CUE_EVENTS
    """Which cues sound; leave one out to silence it."""
    speech_command: tuple[str, ...] = ()
    """A command that speaks text given as its last argument, e.g. ``["espeak-ng"]``.

    Only the user's own config may name a command; a routine file never can."""
    speech_timeout: float = 5.0
    """Seconds a speech command may take before it is stopped."""


@dataclass(frozen=True)
class Settings:
    sound: SoundSettings = field(default_factory=SoundSettings)
    """Sound cues and speech."""
    morning_until: int = 12
    """Hour (local, 0–23) before which coach suggests the longer morning warm-up."""


def _check_sound(raw: dict[str, Any], path: Path, problems: list[str]) -> SoundSettings:
    defaults = SoundSettings()
    values: dict[str, Any] = {}
    known = {f.name for f in fields(SoundSettings)}
    for key, value in raw.items():
        where = f"{path}: [sound] {key}"
        if key not in known:
            problems.append(f"{where}: unknown setting (known: {', '.join(sorted(known))})")
        elif key == "volume":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                problems.append(f"{where}: must be a whole number from 0 to 100, e.g. volume = 70")
            else:
                values[key] = value
        elif key == "mute":
            if not isinstance(value, bool):
                problems.append(f"{where}: must be true or false, e.g. mute = false")
            else:
                values[key] = value
        elif key == "events":
            if not isinstance(value, list) or any(v not in CUE_EVENTS for v in value):
                problems.append(
                    f"{where}: must be a list of cue names from {', '.join(CUE_EVENTS)}, "
                    'e.g. events = ["start", "switch", "done"]'
                )
            else:
                values[key] = tuple(value)
        elif key == "speech_command":
            if isinstance(value, str):
                value = [value]
            if (
                not isinstance(value, list)
                or not value
                or not all(isinstance(v, str) and v for v in value)
            ):
                problems.append(
                    f'{where}: must be a command as a list, e.g. ["espeak-ng", "-s", "160"]'
                )
            else:
                values[key] = tuple(value)
        elif key == "speech_timeout":
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 60:
                problems.append(
                    f"{where}: must be seconds between 0 and 60, e.g. speech_timeout = 5"
                )
            else:
                values[key] = float(value)
    return SoundSettings(**{**defaults.__dict__, **values})


def load_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """Read the settings, returning them with one line per problem found.

    Problems never raise: the affected settings keep their defaults.
    """
    path = path or locations.config_file()
    problems: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(), [f"{path}: cannot be read ({exc}); using default settings"]
    import tomllib  # only when there is a file: most runs have none, and start faster

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"{path}: {exc}; using default settings"]
    sound_raw = raw.pop("sound", {})
    if not isinstance(sound_raw, dict):
        problems.append(f"{path}: [sound] must be a table, e.g. [sound] then volume = 70")
        sound_raw = {}
    sound = _check_sound(sound_raw, path, problems)
    morning_until = Settings.morning_until
    if "morning_until" in raw:
        value = raw.pop("morning_until")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 23:
            problems.append(f"{path}: morning_until must be an hour from 0 to 23, e.g. 12")
        else:
            morning_until = value
    for key in raw:
        problems.append(f"{path}: {key}: unknown setting (known: sound, morning_until)")
    return Settings(sound=sound, morning_until=morning_until), problems
