"""What the cue player needs from an audio output, and two outputs that make no sound.

A backend is driven from one thread only (the player's), so it needs no locking of its own
beyond what its audio library's threads require.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from coach.sound.cues import CueFile


class BackendUnavailable(Exception):
    """No sound can be made; the message is one short line for the runner."""


@dataclass(frozen=True)
class DeviceInfo:
    name: str
    default: bool


class Backend(Protocol):
    @property
    def name(self) -> str:
        """Short name for listings, e.g. ``miniaudio``."""
        ...

    def open(self) -> str:
        """Get ready to play; return what plays the sound (e.g. the system's audio API).

        Raises :class:`BackendUnavailable` when there is nothing to play on.
        """
        ...

    def play(self, cue: CueFile, volume: int) -> float:
        """Start ``cue`` at ``volume`` (1–100), cutting short any sound still playing.

        Returns at once with the sound's length in seconds.
        """
        ...

    def wait(self, timeout: float) -> bool:
        """Block until the sound playing has finished; False if ``timeout`` ran out first."""
        ...

    def rest(self) -> None:
        """Nothing has played for a while: stop whatever costs CPU or power meanwhile.

        The next :meth:`play` picks up again.
        """
        ...

    def devices(self) -> tuple[DeviceInfo, ...]:
        """Output devices this backend can see, for ``coach sounds``."""
        ...

    def close(self) -> None:
        ...


class NullBackend:
    """Plays nothing.

    With a ``reason`` it behaves like a machine without a sound device, which is how tests
    and headless runs reach the terminal-bell fallback; without one it silently accepts
    every cue.
    """

    def __init__(self, reason: str | None = None) -> None:
        self.reason = reason

    @property
    def name(self) -> str:
        return "none"

    def open(self) -> str:
        if self.reason is not None:
            raise BackendUnavailable(self.reason)
        return "no output"

    def play(self, cue: CueFile, volume: int) -> float:
        return 0.0

    def wait(self, timeout: float) -> bool:
        return True

    def rest(self) -> None:
        pass

    def devices(self) -> tuple[DeviceInfo, ...]:
        return ()

    def close(self) -> None:
        pass


@dataclass
class RecordingBackend:
    """Remembers what it was asked to play, for tests of what sounds when."""

    fail_open: str | None = None
    """When set, :meth:`open` fails with this reason, like a machine without sound."""
    played: list[tuple[str, int]] = field(default_factory=list)
    """(cue name, volume) for every cue played, in order."""
    files: list[CueFile] = field(default_factory=list)
    opened: int = 0
    rested: int = 0
    closed: int = 0

    @property
    def name(self) -> str:
        return "recording"

    def open(self) -> str:
        self.opened += 1
        if self.fail_open is not None:
            raise BackendUnavailable(self.fail_open)
        return "memory"

    def play(self, cue: CueFile, volume: int) -> float:
        self.played.append((cue.name, volume))
        self.files.append(cue)
        return 0.0

    def wait(self, timeout: float) -> bool:
        return True

    def rest(self) -> None:
        self.rested += 1

    def devices(self) -> tuple[DeviceInfo, ...]:
        return ()

    def close(self) -> None:
        self.closed += 1

    @property
    def cues(self) -> list[str]:
        return [name for name, _ in self.played]
