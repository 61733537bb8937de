"""Sound cues and speech: what a runner hears instead of watching the screen.

Headless: nothing here imports Textual, and the audio library is imported only when a
device is opened, so importing this package is cheap. The UI builds one
:class:`CuePlayer` from the settings, hands it each batch of engine events, and wires
``on_fallback`` (bell and flash) and ``on_notice`` (one line for the runner).
"""

from __future__ import annotations

from coach.sound.backends import (
    Backend,
    BackendUnavailable,
    DeviceInfo,
    NullBackend,
    RecordingBackend,
)
from coach.sound.cues import CUES, MEANINGS, CueFile, UnknownCueError, all_cues, find_cue
from coach.sound.mapping import cue_for
from coach.sound.miniaudio_backend import MiniaudioBackend
from coach.sound.player import CuePlayer
from coach.sound.quiet import quiet_stderr
from coach.sound.report import CueReport, SoundReport, describe
from coach.sound.speech import Speaker

__all__ = [
    "CUES",
    "MEANINGS",
    "Backend",
    "BackendUnavailable",
    "CueFile",
    "CuePlayer",
    "CueReport",
    "DeviceInfo",
    "MiniaudioBackend",
    "NullBackend",
    "RecordingBackend",
    "SoundReport",
    "Speaker",
    "UnknownCueError",
    "all_cues",
    "cue_for",
    "describe",
    "find_cue",
    "quiet_stderr",
]
