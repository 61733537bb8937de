"""What sound will do on this machine, for ``coach sounds`` and for bug reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coach.sound.backends import Backend, BackendUnavailable, DeviceInfo
from coach.sound.cues import (
    MAX_CUE_SECONDS,
    MEANINGS,
    CueFile,
    CueProblem,
    all_cues,
    read_cue,
    too_long,
    wav_seconds,
)
from coach.sound.player import FALLBACK, default_backend


@dataclass(frozen=True)
class CueReport:
    name: str
    marks: str
    """What the cue tells the runner."""
    path: Path
    builtin: bool
    seconds: float | None
    """Length, or None when the file is missing or unreadable."""
    problem: str = ""
    """Why the user's file does not play (the built-in plays instead); empty when it does."""


@dataclass(frozen=True)
class SoundReport:
    backend: str
    """The library that plays sound, e.g. ``miniaudio``."""
    output: str
    """What it plays through (``PulseAudio``, ``Core Audio``…); empty when unavailable."""
    device: str
    """The default output device's name, when the backend can tell."""
    available: bool
    reason: str
    """Why there is no sound, and what happens instead; empty when sound works."""
    devices: tuple[DeviceInfo, ...]
    cues: tuple[CueReport, ...]


def cue_length(cue: CueFile) -> tuple[float | None, str]:
    """A cue's length and, when it will not play, why not (then the length is None).

    Reads the file the way the player does (see :func:`~coach.sound.cues.read_cue`), so
    what this reports is what plays.
    """
    try:
        data = read_cue(cue)
    except CueProblem as problem:
        return None, str(problem)
    seconds = wav_seconds(data)
    if seconds is None:
        try:  # float and other WAVs that the standard library does not read
            import miniaudio

            seconds = float(miniaudio.wav_get_info(data).duration)
        except Exception:
            return None, "not a WAV file coach can read; save it as a 16-bit PCM WAV"
        if seconds > MAX_CUE_SECONDS:
            return None, too_long(seconds)
    return seconds, ""


def cue_seconds(cue: CueFile) -> float | None:
    """A cue's length; None if it will not play."""
    return cue_length(cue)[0]


def cue_report(cue: CueFile) -> CueReport:
    seconds, problem = cue_length(cue)
    return CueReport(cue.name, MEANINGS[cue.name], cue.path, cue.builtin, seconds, problem)


def describe(backend: Backend | None = None) -> SoundReport:
    """Try the output once (opening and closing it) and look at every cue file."""
    backend = backend if backend is not None else default_backend()
    try:
        output = backend.open()
    except BackendUnavailable as error:
        output, reason = "", f"{error}; {FALLBACK}"
    except Exception as error:
        output, reason = "", f"sound could not start ({type(error).__name__}); {FALLBACK}"
    else:
        reason = ""
    finally:
        backend.close()
    devices = backend.devices() if not reason else ()
    default = next((device.name for device in devices if device.default), "")
    return SoundReport(
        backend=backend.name,
        output=output,
        device=default,
        available=not reason,
        reason=reason,
        devices=devices,
        cues=tuple(cue_report(cue) for cue in all_cues()),
    )
