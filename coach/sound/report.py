"""What sound will do on this machine, for ``coach sounds`` and for bug reports."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

from coach.sound.backends import Backend, BackendUnavailable, DeviceInfo
from coach.sound.cues import MEANINGS, CueFile, all_cues
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


def cue_seconds(path: Path) -> float | None:
    """Length of a WAV file from its header; None if it cannot be read."""
    try:
        with wave.open(str(path), "rb") as sound:
            return sound.getnframes() / sound.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        pass
    try:  # float and other WAVs that the standard library does not read
        import miniaudio

        return float(miniaudio.get_file_info(str(path)).duration)
    except Exception:
        return None


def cue_report(cue: CueFile) -> CueReport:
    return CueReport(cue.name, MEANINGS[cue.name], cue.path, cue.builtin, cue_seconds(cue.path))


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
