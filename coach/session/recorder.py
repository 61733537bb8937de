"""Writes a routine's progress to the store as it happens.

The owner of the played routine hands the recorder every event the engine returns. The
session row is written when the routine starts, each visit's outcome the moment the visit
ends, and the end status last; each write is committed on its own, so a crash or a closed
terminal loses at most the visit in progress.

A failing write (a full disk, a locked or damaged database) must not stop the runner's
routine: the recorder keeps going, remembers the error in :attr:`Recorder.last_error` and
counts it, so the screen can show one notice instead of a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Protocol

from coach.play.events import Event, RoutineEnded, StepEnded
from coach.routine.timeline import Timeline, TimelineStep
from coach.store import Phase, StoreError


class SessionWriter(Protocol):
    """The part of :class:`coach.store.Store` the recorder uses."""

    def start_session(
        self, timeline: Timeline, phase: Phase | None = None,
        started_at: datetime | None = None, speed: float = 1.0,
    ) -> str: ...

    def record_step(
        self, session_id: str, step: TimelineStep, outcome: str, planned_seconds: float,
        actual_seconds: float, ended_at: datetime | None = None,
    ) -> int: ...

    def end_session(
        self, session_id: str, status: str, elapsed_seconds: float,
        ended_at: datetime | None = None,
    ) -> None: ...


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Records one play of one timeline."""

    def __init__(
        self, store: SessionWriter, timeline: Timeline, phase: Phase | None = None,
        clock_utc: Callable[[], datetime] = _utc_now, speed: float = 1.0,
    ) -> None:
        self.store = store
        self.timeline = timeline
        self.phase = phase
        self.speed = speed
        self.clock_utc = clock_utc
        self.session_id: str | None = None
        """Set by :meth:`begin` once the session row is saved."""
        self.last_error: StoreError | None = None
        """The most recent failed write, for the screen to mention; None while all is well."""
        self.failed_writes = 0
        self.finished = False

    def begin(self) -> str | None:
        """Write the session row; returns its id, or None if it could not be saved."""
        if self.session_id is not None:
            return self.session_id
        try:
            self.session_id = self.store.start_session(
                self.timeline, self.phase, self.clock_utc(), self.speed
            )
        except StoreError as error:
            self._failed(error)
        return self.session_id

    def handle(self, event: Event) -> None:
        """Save what ``event`` says, if it is something the history keeps."""
        if isinstance(event, StepEnded):
            self._step_ended(event)
        elif isinstance(event, RoutineEnded):
            self._routine_ended(event)

    def handle_all(self, events: Iterable[Event]) -> None:
        for event in events:
            self.handle(event)

    def take_error(self) -> StoreError | None:
        """The last error, cleared: lets the screen show each problem once."""
        error, self.last_error = self.last_error, None
        return error

    def _step_ended(self, event: StepEnded) -> None:
        if self.session_id is None or self.finished:
            return
        try:
            self.store.record_step(
                self.session_id, event.step, event.outcome.value, event.planned_seconds,
                event.actual_seconds, self.clock_utc(),
            )
        except StoreError as error:
            self._failed(error)

    def _routine_ended(self, event: RoutineEnded) -> None:
        if self.session_id is None or self.finished:
            return
        try:
            self.store.end_session(
                self.session_id, event.status.value, event.elapsed_seconds, self.clock_utc()
            )
        except StoreError as error:
            self._failed(error)
            return
        self.finished = True

    def _failed(self, error: StoreError) -> None:
        self.last_error = error
        self.failed_writes += 1
