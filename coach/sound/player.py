"""Plays cues in the background so the screen never waits for sound.

One thread owns the audio output: it opens the device once, then plays each cue as it is
asked for, a new cue cutting the previous one short with a quick fade. Where there is no
sound device (a server over SSH, CI, a laptop without a sound server) the player says so
once and hands every cue to ``on_fallback`` instead, so the UI can ring the terminal bell
and flash. It does not keep retrying the device: each try means silencing file descriptor
2 for a moment, and a machine without sound rarely grows one mid-stretch.

Every call into the backend runs with descriptor 2 silenced (see :mod:`coach.sound.quiet`)
and inside the worker's net for exceptions and warnings, so no backend, however it fails,
writes on the terminal.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coach.config import SoundSettings
from coach.play.events import Event
from coach.sound.backends import Backend, BackendUnavailable
from coach.sound.cues import check_cue, find_cue
from coach.sound.mapping import cue_for
from coach.sound.quiet import quiet_stderr
from coach.sound.speech import Speaker
from coach.sound.worker import Worker

TICK_STALE_SECONDS = 0.5
"""A countdown tick heard later than this marks the wrong second, so it is dropped."""
FALLBACK = "using the terminal bell"
IDLE_SECONDS = 3.0
"""Quiet time after which the device is stopped until the next cue (see
:meth:`Backend.rest`); long enough to span a countdown's ticks."""
MOMENT_SECONDS = 0.02
"""Events handed over one by one within this time count as one moment (see
:meth:`CuePlayer.handle`). Far below one second, far above the microseconds between the
events of one engine update."""


@dataclass(frozen=True, slots=True)
class CueRequest:
    cue: str
    volume: int
    queued_at: float
    done: threading.Event | None = None
    """Set once the cue has finished; only :meth:`CuePlayer.play_and_wait` asks for it."""


@dataclass(frozen=True, slots=True)
class _Heard:
    """An event handed over on its own, waiting to be grouped with its moment."""

    event: Event
    queued_at: float


def fresh(backlog: list[CueRequest], now: float) -> list[CueRequest]:
    """The requests in a backlog still worth playing, in order.

    A tick is dropped when anything is queued behind it or when it is
    :data:`TICK_STALE_SECONDS` late: a late tick misleads the count. Other cues are kept;
    each cuts the one before it short.
    """
    last = len(backlog) - 1
    return [
        request
        for i, request in enumerate(backlog)
        if request.cue != "tick"
        or request.done is not None
        or (i == last and now - request.queued_at <= TICK_STALE_SECONDS)
    ]


def default_backend() -> Backend:
    from coach.sound.miniaudio_backend import MiniaudioBackend

    return MiniaudioBackend()


class CuePlayer:
    """The app's one voice: cues for engine events, the bell where there is no sound.

    Every public method may be called from any thread and returns at once, except
    :meth:`play_and_wait`, :meth:`wait_ready` and :meth:`close`. The callbacks
    ``on_fallback(cue)`` and ``on_notice(message)`` run on the player's (or speaker's)
    thread; a UI hands them on to its own thread.
    """

    def __init__(
        self,
        settings: SoundSettings | None = None,
        *,
        backend: Backend | None = None,
        speaker: Speaker | None = None,
        on_fallback: Callable[[str], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        settings = settings or SoundSettings()
        self._backend = backend if backend is not None else default_backend()
        self._muted = settings.mute
        self._volume = max(0, min(100, settings.volume))
        self._enabled = frozenset(settings.events)
        self.speaker = speaker
        self.on_fallback = on_fallback
        """Called with each cue that could not sound because there is no device."""
        self._clock = clock
        self._available: bool | None = None
        self.reason = ""
        """Why there is no sound, with what happens instead; empty while sound works."""
        self.output = ""
        """What plays the sound once it is open, e.g. ``PulseAudio``."""
        self._notice_lock = threading.Lock()
        self._on_notice = on_notice
        self._pending: list[str] = []
        self._noticed: set[str] = set()
        self._worker: Worker[CueRequest | _Heard] = Worker(
            "coach-sound",
            self._handle,
            prepare=self._open,
            finish=self._close_backend,
            on_error=self._on_error,
            on_idle=self._rest,
            idle_after=IDLE_SECONDS,
            gather=MOMENT_SECONDS,
        )
        self._exit_hook = False
        if speaker is not None and speaker.on_notice is None:
            speaker.on_notice = self._notice

    @classmethod
    def from_settings(
        cls, settings: SoundSettings, *, backend: Backend | None = None
    ) -> CuePlayer:
        """The player the app uses: the settings' volume, mute and cues, plus speech if a
        command is configured."""
        return cls(settings, backend=backend, speaker=Speaker.from_settings(settings))

    # State -------------------------------------------------------------------------------

    @property
    def backend(self) -> Backend:
        return self._backend

    @property
    def available(self) -> bool | None:
        """True once the device is open, False if there is none, None before it is tried."""
        return self._available

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        """Silence cues (and speech, and the bell fallback) until unmuted; what is being
        said stops at once."""
        self._muted = muted
        if muted and self.speaker is not None:
            self.speaker.hush()

    def set_speaker(self, speaker: Speaker | None) -> None:
        """Start (or stop, with None) speaking the steps while the app runs; the old speaker
        is closed on its own thread."""
        old, self.speaker = self.speaker, speaker
        if speaker is not None and speaker.on_notice is None:
            speaker.on_notice = self._notice
        if old is not None and old is not speaker:
            old.hush()
            threading.Thread(target=old.close, name="coach-speech-close", daemon=True).start()

    @property
    def volume(self) -> int:
        return self._volume

    def set_volume(self, volume: int) -> None:
        self._volume = max(0, min(100, volume))

    @property
    def warnings(self) -> list[str]:
        """Python warnings raised while playing, kept here instead of printed."""
        return self._worker.warnings

    @property
    def on_notice(self) -> Callable[[str], None] | None:
        """Hears each notice once: no sound device, a cue that cannot play, speech failing.

        Notices given before a callback is set are delivered when it is set.
        """
        return self._on_notice

    @on_notice.setter
    def on_notice(self, callback: Callable[[str], None] | None) -> None:
        with self._notice_lock:
            self._on_notice = callback
            pending: list[str] = []
            if callback is not None:
                pending, self._pending = self._pending, []
        for message in pending:
            self._deliver(callback, message)

    # Commands ----------------------------------------------------------------------------

    def start(self) -> None:
        """Open the device in the background now, so the first cue is on time and a missing
        device is reported before it is needed. Playing starts it too."""
        if self._worker.closed:
            return
        if not self._exit_hook:
            # A device left open while the interpreter shuts down would call into a
            # half-dismantled Python from its audio thread.
            self._exit_hook = True
            atexit.register(self.close)
        self._worker.start()

    def wait_ready(self, timeout: float) -> bool:
        """Start, and block until the device has been tried; False if ``timeout`` ran out."""
        self.start()
        return self._worker.ready.wait(timeout)

    def play(self, cue: str) -> None:
        """Play one cue by name, unless muted or at volume 0.

        The ``events`` setting is not applied here: it is about events, and
        :meth:`handle_events` applies it. Raises :class:`UnknownCueError` for a name that
        is not a cue.
        """
        check_cue(cue)
        if self._silent():
            return
        self.start()
        self._worker.put(CueRequest(cue, self._volume, self._clock()))

    def handle_events(self, events: Iterable[Event]) -> str | None:
        """Sound the cue for one moment's events; returns the cue chosen, if any.

        Pass everything one engine call returned: the events of a moment decide between
        them which one sounds (see :mod:`coach.sound.mapping`).
        """
        cue = cue_for(events, self._enabled)
        if cue is not None:
            self.play(cue)
        return cue

    def handle(self, event: Event) -> None:
        """Take events one at a time, for code that hands each event to each listener.

        Events that arrive within :data:`MOMENT_SECONDS` of each other are treated as one
        moment, exactly as :meth:`handle_events` would treat them together.
        """
        if self._silent():
            return
        self.start()
        self._worker.put(_Heard(event, self._clock()))

    def say(self, text: str) -> None:
        """Speak ``text`` if a speech command is configured and the player is not muted."""
        if self.speaker is not None and not self._muted:
            self.speaker.say(text)

    def play_and_wait(self, cue: str, timeout: float = 5.0) -> bool:
        """Play a cue whatever the mute setting and wait for its end (``coach sounds
        --play``). False if it did not finish within ``timeout``."""
        check_cue(cue)
        self.start()
        done = threading.Event()
        self._worker.put(CueRequest(cue, self._volume, self._clock(), done))
        return done.wait(timeout)

    def flush(self, timeout: float) -> bool:
        """Block until every cue asked for so far has been handled; False on timeout."""
        return self._worker.flush(timeout)

    def close(self, timeout: float = 2.0) -> bool:
        """Stop speech and sound and the thread; safe to call twice. False if the thread
        did not stop within ``timeout``."""
        if self._exit_hook:
            self._exit_hook = False
            atexit.unregister(self.close)
        if self.speaker is not None:
            self.speaker.close(timeout)
        return self._worker.close(timeout)

    def _silent(self) -> bool:
        return self._muted or self._volume == 0

    # The player's thread -----------------------------------------------------------------

    def _open(self) -> None:
        try:
            with quiet_stderr():
                self.output = self._backend.open()
        except BackendUnavailable as error:
            self._set_unavailable(str(error) or "no sound device found")
        except Exception as error:
            self._set_unavailable(f"sound could not start ({type(error).__name__})")
        else:
            self._available = True

    def _set_unavailable(self, reason: str) -> None:
        self.reason = f"{reason}; {FALLBACK}"
        self._available = False
        self._notice(self.reason, kind="device")

    def _close_backend(self) -> None:
        with quiet_stderr():
            self._backend.close()

    def _rest(self) -> None:
        if self._available:
            with quiet_stderr():
                self._backend.rest()

    def _requests(self, backlog: list[CueRequest | _Heard]) -> list[CueRequest]:
        """Cue requests from a backlog, its loose events turned into one moment's cue."""
        requests = [item for item in backlog if isinstance(item, CueRequest)]
        heard = [item for item in backlog if isinstance(item, _Heard)]
        if heard and not self._silent():
            cue = cue_for((item.event for item in heard), self._enabled)
            if cue is not None:
                requests.append(CueRequest(cue, self._volume, heard[0].queued_at))
        return requests

    def _handle(self, backlog: list[CueRequest | _Heard]) -> None:
        for request in fresh(self._requests(backlog), self._clock()):
            try:
                self._play(request)
            finally:
                if request.done is not None:
                    request.done.set()

    def _play(self, request: CueRequest) -> None:
        if request.done is None and self._muted:
            return  # muted after it was queued
        if not self._available:
            self._fallback(request.cue)
            return
        try:
            with quiet_stderr():
                length = self._backend.play(find_cue(request.cue), request.volume)
            if request.done is not None:
                self._backend.wait(length + 1.0)
        except Exception as error:
            self._notice(
                f"cannot play the {request.cue} sound ({type(error).__name__}); {FALLBACK}",
                kind="play",
            )
            self._fallback(request.cue)

    def _fallback(self, cue: str) -> None:
        callback = self.on_fallback
        if callback is not None:
            with contextlib.suppress(Exception):
                callback(cue)

    def _on_error(self, error: BaseException) -> None:
        self._notice(f"sound stopped working ({type(error).__name__})", kind="error")

    def _notice(self, message: str, kind: str = "") -> None:
        """Pass ``message`` on unless a notice of the same kind was already given."""
        with self._notice_lock:
            if (kind or message) in self._noticed:
                return
            self._noticed.add(kind or message)
            callback = self._on_notice
            if callback is None:
                self._pending.append(message)
                return
        self._deliver(callback, message)

    @staticmethod
    def _deliver(callback: Callable[[str], None] | None, message: str) -> None:
        if callback is not None:
            with contextlib.suppress(Exception):
                callback(message)
