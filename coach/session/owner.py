"""The one owner of a played routine: engine, clock and speed, recorder, sounds, summary.

Data flows one way: a command or the passing of time goes into the engine, and the events
that come out go, in order, down one channel that every listener takes (the recorder, the
cue player, the screen). A listener that joins late (the recorder waits for the history to
open after the first frame) is handed every event so far first, so nothing is lost to the
delay. Screens ask the owner for state and for how long to sleep; they never reach inside.

Speed lives here and in the clock only: the engine counts clock seconds, the owner turns
them into real seconds for sleeping and scales what must stay real (the back grace).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Literal

from coach.play.clock import Clock, ScaledClock, SuspendWatch
from coach.play.engine import BACK_GRACE_SECONDS, Engine, EngineState, Status
from coach.play.events import Event
from coach.record.judgements import is_preview
from coach.routine.timeline import Timeline
from coach.session.recorder import Recorder, SessionWriter
from coach.session.summary import RoutineSummary, summarize
from coach.store import Phase, StoreError

Listener = Callable[[Event], None]
MomentListener = Callable[[list[Event]], None]
"""Gets all the events of one command or update together (the cue player picks one sound)."""
Command = Literal[
    "start", "toggle_pause", "pause", "resume", "next", "back", "extend", "done", "stop"
]


class PlayedRoutine:
    """One play of one timeline, from its first step to its summary."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        speed: float = 1.0,
        clock: Clock | None = None,
        suspended: Callable[[], float] | None = None,
    ) -> None:
        """``clock`` and ``suspended`` are for tests; by default time is real, scaled by
        ``speed``, and a computer's sleep pauses the routine."""
        if clock is None:
            clock = ScaledClock(speed)
            watch = SuspendWatch()
            suspended = lambda: watch.check() * speed  # noqa: E731
        self.timeline = timeline
        self.speed = speed
        self._engine = Engine(timeline, clock, suspended=suspended,
                              back_grace=BACK_GRACE_SECONDS * speed)
        self._listeners: list[Listener] = []
        self._moment_listeners: list[MomentListener] = []
        self._events: list[Event] = []
        self._held = False
        self.recorder: Recorder | None = None

    # ----------------------------------------------------------------- listening

    def listen(self, listener: Listener) -> None:
        """Hand ``listener`` every event so far, then each new one as it happens."""
        for event in self._events:
            listener(event)
        self._listeners.append(listener)

    def listen_moments(self, listener: MomentListener) -> None:
        """Hand ``listener`` each command's or update's events together, from now on
        (cues are for the moment: a late listener does not replay old ones)."""
        self._moment_listeners.append(listener)

    def attach_recorder(self, recorder: Recorder) -> None:
        """Record this play: the session row first, then every visit so far and to come."""
        self.recorder = recorder
        recorder.begin()
        self.listen(recorder.handle)

    def record_to(
        self, store: SessionWriter, phase: Phase | None, started_at: datetime,
        utc_now: Callable[[], datetime], on_error: Callable[[StoreError], None],
    ) -> None:
        """Record this play in ``store`` from its start: the session row is dated
        ``started_at`` (when the runner pressed play; the history opens a moment later),
        the visits as they end. A failed write goes to ``on_error`` once, and the routine
        goes on."""
        recorder = Recorder(store, self.timeline, phase, lambda: started_at, self.speed)
        recorder.begin()
        recorder.clock_utc = utc_now
        self.attach_recorder(recorder)

        def report(_event: Event | None = None) -> None:
            error = recorder.take_error()
            if error is not None:
                on_error(error)

        self.listen(report)
        report()

    @property
    def session_to_rate(self) -> str | None:
        """The recorded session a soreness check-in follows: an after-run routine, saved,
        played at normal speed; None for anything else."""
        recorder = self.recorder
        if recorder is None or recorder.phase != "after" or self.is_preview:
            return None
        return recorder.session_id

    # ----------------------------------------------------------------- commands

    def command(self, name: Command) -> list[Event]:
        # Any command of the runner's settles the pause a dialog made.
        self._held = False
        events: list[Event] = getattr(self._engine, name)()
        self._dispatch(events)
        return events

    def update(self) -> list[Event]:
        events = self._engine.update()
        self._dispatch(events)
        return events

    def hold(self) -> list[Event]:
        """A dialog covers the player: pause, remembering that the dialog did it."""
        if self._engine.status is not Status.RUNNING:
            return []
        events = self.command("pause")
        self._held = self.state().status is Status.PAUSED
        return events

    def release(self) -> list[Event]:
        """The dialog is gone: go on where it was, if the dialog was what paused it."""
        if not self._held:
            return []
        return self.command("resume")

    def interrupt(self) -> list[Event]:
        """coach is ending (the terminal closed, a polite kill): record it as such."""
        events = self._engine.interrupt()
        self._dispatch(events)
        return events

    # ----------------------------------------------------------------- reading

    def state(self) -> EngineState:
        return self._engine.state()

    @property
    def finished(self) -> bool:
        return self._engine.status is Status.FINISHED

    @property
    def is_preview(self) -> bool:
        return is_preview(self.speed)

    def sleep_seconds(self) -> float | None:
        """Real seconds until the shown countdown changes or a cue is due; None while
        nothing will change by itself (paused, finished)."""
        wait = self._engine.seconds_to_next_change()
        return None if wait is None else wait / self.speed

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    def summary(self) -> RoutineSummary:
        return summarize(self.timeline, self._events, self.speed)

    # ----------------------------------------------------------------- the channel

    def _dispatch(self, events: list[Event]) -> None:
        for event in events:
            self._events.append(event)
            for listener in self._listeners:
                listener(event)
        if events:
            for moment_listener in self._moment_listeners:
                moment_listener(events)
