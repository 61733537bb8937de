"""The named sound cues and the file that plays for each.

Cues are looked up by name only, from a fixed list, and a name becomes a file name inside
one of two folders. So a routine file that names a cue can pick a sound but never reach a
file anywhere else.

A user's file is read like any outside file: only a regular one, without blocking, and only
if it is a cue's size (at most :data:`MAX_CUE_BYTES` and :data:`MAX_CUE_SECONDS`). One that
fails is reported by ``coach sounds`` with the reason, and the built-in plays instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coach import locations
from coach.files import MEGABYTE, FileProblem, read_bytes, regular_file_problem
from coach.routine.model import CUE_EVENTS

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


MAX_CUE_BYTES = 5 * MEGABYTE
"""A cue is a second or two: 5 MB is half a minute of CD-quality stereo."""
MAX_CUE_SECONDS = 30.0
"""A cue marks a moment; a longer sound is music, and would drown the next cue."""


class UnknownCueError(ValueError):
    """A name that is not one of :data:`CUES`."""


class CueProblem(Exception):
    """A user's sound file that will not play; the message says why, without the path."""


@dataclass(frozen=True)
class CueFile:
    name: str
    path: Path
    builtin: bool
    """False when the user's own file replaces the shipped one."""
    problem: str = ""
    """Why the user's file cannot play (a named pipe, a folder…); the built-in plays."""


def check_cue(name: str) -> str:
    """Return ``name`` if it is a known cue; raise :class:`UnknownCueError` otherwise."""
    if name not in CUES:
        raise UnknownCueError(f"unknown sound cue {name!r}; known cues: {', '.join(CUES)}")
    return name


def builtin_cue(name: str) -> CueFile:
    return CueFile(check_cue(name), locations.builtin_sounds_dir() / f"{name}.wav", True)


def find_cue(name: str) -> CueFile:
    """The file for a cue: the user's ``<name>.wav`` if there is one, else the built-in.

    Anything at the user's name counts as theirs; one that is not a regular file carries
    the reason in ``problem``. Only ``stat`` is used: nothing is opened here.
    """
    user = locations.user_sounds_dir() / f"{check_cue(name)}.wav"
    if not os.path.lexists(user):
        return builtin_cue(name)
    return CueFile(name, user, False, regular_file_problem(user) or "")


def read_cue(cue: CueFile) -> bytes:
    """A cue file's bytes, if it is a sound coach will play; :class:`CueProblem` if not.

    Checks the kind of file, its size, and, for a WAV whose header the standard library
    reads, its length, all before anything is decoded.
    """
    if cue.problem:
        raise CueProblem(cue.problem)
    try:
        data = read_bytes(cue.path, MAX_CUE_BYTES, "sound cue")
    except FileProblem as problem:
        raise CueProblem(_without_name(str(problem), cue.path)) from None
    check_rate_and_length(data)
    return data


def check_rate_and_length(data: bytes) -> None:
    """Refuse a WAV no one would hear as a cue: an odd sample rate, too long, or empty."""
    rate = wav_rate(data)
    if rate is not None and not MIN_RATE <= rate <= MAX_RATE:
        raise CueProblem(f"its sample rate is {rate} Hz; a cue needs {MIN_RATE}–{MAX_RATE} Hz")
    seconds = wav_seconds(data)
    if seconds is not None and seconds > MAX_CUE_SECONDS:
        raise CueProblem(too_long(seconds))
    if seconds is not None and seconds <= 0:
        raise CueProblem("holds no sound (it may be cut short)")


MIN_RATE = 8000
MAX_RATE = 192000
"""Sample rates a cue may have: below is not a sound anyone would hear as a cue."""


def wav_rate(data: bytes) -> int | None:
    """A PCM WAV's sample rate from its header; None when it cannot be read."""
    import io
    import wave

    try:
        with wave.open(io.BytesIO(data), "rb") as sound:
            return sound.getframerate()
    except (EOFError, wave.Error, ValueError, OverflowError, ZeroDivisionError):
        return None


def too_long(seconds: float) -> str:
    return f"{seconds:.0f} s long; a cue may last {MAX_CUE_SECONDS:.0f} s"


def wav_seconds(data: bytes) -> float | None:
    """A PCM WAV's length from its header and the frames actually there; None when the
    standard library cannot read it (a float WAV, or not a WAV at all)."""
    import io
    import wave

    try:
        with wave.open(io.BytesIO(data), "rb") as sound:
            rate = sound.getframerate()
            frame = sound.getsampwidth() * sound.getnchannels()
            frames = min(sound.getnframes(), len(data) // frame) if frame else 0
            return frames / rate if rate > 0 else None
    except (EOFError, wave.Error, ValueError, OverflowError, ZeroDivisionError):
        return None


def _without_name(message: str, path: Path) -> str:
    from coach.text import one_line

    return message.removeprefix(f"{one_line(path)}: ")


def all_cues() -> tuple[CueFile, ...]:
    return tuple(find_cue(name) for name in CUES)
