"""The named sound cues and the file that plays for each.

Cues are looked up by name only, from a fixed list, and a name becomes a file name inside
one of two folders. So a routine file that names a cue can pick a sound but never reach a
file anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach import locations
from coach.config import CUE_EVENTS

CUES: tuple[str, ...] = CUE_EVENTS
"""Every cue name, in the order a routine meets them."""

MEANINGS: dict[str, str] = {
    "start": "a step starts",
    "tick": "each of the last seconds of a step",
    "halfway": "halfway through a step",
    "switch": "time to switch sides",
    "end": "a step ends and nothing starts right away",
    "done": "the routine is complete",
}
"""What each cue tells the runner, for listings and the README."""


class UnknownCueError(ValueError):
    """A name that is not one of :data:`CUES`."""


@dataclass(frozen=True)
class CueFile:
    name: str
    path: Path
    builtin: bool
    """False when the user's own file replaces the shipped one."""


def check_cue(name: str) -> str:
    """Return ``name`` if it is a known cue; raise :class:`UnknownCueError` otherwise."""
    if name not in CUES:
        raise UnknownCueError(f"unknown sound cue {name!r}; known cues: {', '.join(CUES)}")
    return name


def builtin_cue(name: str) -> CueFile:
    return CueFile(check_cue(name), locations.builtin_sounds_dir() / f"{name}.wav", True)


def find_cue(name: str) -> CueFile:
    """The file for a cue: the user's ``<name>.wav`` if there is one, else the built-in."""
    user = locations.user_sounds_dir() / f"{check_cue(name)}.wav"
    if user.is_file():
        return CueFile(name, user, False)
    return builtin_cue(name)


def all_cues() -> tuple[CueFile, ...]:
    return tuple(find_cue(name) for name in CUES)
