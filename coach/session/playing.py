"""One routine at a time: which coach is playing, shared by every coach on this computer.

Each browser window of ``coach serve`` is a coach process of its own, and a terminal coach
may run beside them; two players writing the history at once would record two sessions of
one warm-up. So a player holds an exclusive lock on ``playing.lock`` in the data folder for
as long as it plays, and writes into it what it is playing (for another window to show).

The lock is the operating system's (``flock``): it goes with the process, so a coach that
crashed or was killed leaves no stale lock behind, only stale words, which are ignored
because nobody holds the lock. Without ``fcntl`` (Windows) every coach may play, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from coach.locations import data_dir
from coach.play.engine import Status

if TYPE_CHECKING:
    from coach.session.owner import PlayedRoutine

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "playing.lock"

TAKE_OVER_SIGNAL: int | None = getattr(signal, "SIGUSR1", None)
"""Sent to the playing coach by one taking over: it stops its routine (what was done is
kept) and so lets go of the lock."""


@dataclass(frozen=True)
class Playing:
    """What the coach holding the lock says it plays, as of ``at`` (seconds since 1970)."""

    pid: int
    host: str
    routine: str
    step: str = ""
    number: int = 0
    count: int = 0
    paused: bool = False
    left: float | None = None
    """Seconds left in the step at ``at``; None for an open step."""
    at: float = 0.0

    def left_now(self, now: float) -> float | None:
        if self.left is None:
            return None
        return self.left if self.paused else max(0.0, self.left - max(0.0, now - self.at))

    @property
    def here(self) -> bool:
        """Whether it plays on this computer (a data folder may be shared)."""
        return self.host == socket.gethostname()


def lock_path() -> Path:
    return data_dir() / LOCK_NAME


class PlayingLock:
    """Held by the one coach playing a routine, from its start to its end."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or lock_path()
        self._file: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def acquire(self, routine: str) -> bool:
        """Take the lock for ``routine``; False if another coach holds it."""
        if self._file is not None:
            return True
        if fcntl is None:  # pragma: no cover - Windows
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while playing
        except OSError:
            return True  # no lock to be had (a read-only folder): play, as before
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.close()
            return False
        self._file = file
        self.update(Playing(os.getpid(), socket.gethostname(), routine, at=time.time()))
        return True

    def update(self, playing: Playing) -> None:
        """Say what is playing now (for another window's "watch")."""
        if self._file is None:
            return
        with contextlib.suppress(OSError):
            self._file.seek(0)
            self._file.truncate()
            self._file.write(json.dumps(asdict(playing)))
            self._file.flush()

    def release(self) -> None:
        file, self._file = self._file, None
        if file is None:
            return
        with contextlib.suppress(OSError):
            file.truncate(0)
        file.close()  # closing lets go of the lock


def now_playing(path: Path | None = None) -> Playing | None:
    """What another coach is playing, or None when no coach holds the lock."""
    path = path or lock_path()
    if fcntl is None:  # pragma: no cover - Windows
        return None
    try:
        file = open(path, encoding="utf-8")  # noqa: SIM115
    except OSError:
        return None
    with file:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return _read(file.read())  # held: somebody plays
        return None  # nobody holds it: whatever it says is left from a coach that ended


def _read(text: str) -> Playing:
    """The holder's words; a lock whose words can't be read still means someone plays."""
    try:
        data: Any = json.loads(text)
        return Playing(
            pid=int(data["pid"]), host=str(data["host"]), routine=str(data["routine"]),
            step=str(data.get("step", "")), number=int(data.get("number", 0)),
            count=int(data.get("count", 0)), paused=bool(data.get("paused", False)),
            left=None if data.get("left") is None else float(data["left"]),
            at=float(data.get("at", 0.0)),
        )
    except (ValueError, TypeError, KeyError):
        return Playing(pid=0, host="", routine="a routine")


def ask_to_stop(playing: Playing) -> bool:
    """Ask the coach playing to stop its routine; False if it can't be asked from here."""
    if TAKE_OVER_SIGNAL is None or not playing.here or playing.pid <= 0:
        return False
    try:
        os.kill(playing.pid, TAKE_OVER_SIGNAL)
    except OSError:
        return False
    return True


def report(lock: PlayingLock, played: PlayedRoutine) -> None:
    """Write what ``played`` shows now into the lock, for the other windows."""
    state = played.state()
    timeline = played.timeline
    lock.update(Playing(
        pid=os.getpid(), host=socket.gethostname(), routine=timeline.routine_name,
        step=state.step.title, number=timeline.step_number(state.index),
        count=timeline.step_count, paused=state.status is Status.PAUSED,
        left=None if state.step_remaining is None else state.step_remaining / played.speed,
        at=time.time(),
    ))
