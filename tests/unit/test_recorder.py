"""The recorder saves each step as it ends and never lets a failing disk stop a routine."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.play.events import (
    Countdown,
    EndStatus,
    Halfway,
    Outcome,
    Paused,
    Resumed,
    RoutineEnded,
    StepEnded,
    StepStarted,
)
from coach.routine.timeline import Timeline, TimelineStep
from coach.session.recorder import Recorder
from coach.store import Phase, Store, StoreError
from tests.support.seed import cool_down_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open() as opened:
        yield opened


def test_a_routine_is_saved_as_it_plays(store: Store) -> None:
    timeline = cool_down_timeline()
    clock = FakeClock()
    recorder = Recorder(store, timeline, "after", clock_utc=clock)
    session_id = recorder.begin()
    assert session_id is not None
    assert recorder.begin() == session_id  # a second call writes nothing new

    other = sqlite3.connect(str(store.path))
    try:
        walk, left = timeline[0], timeline[1]
        recorder.handle_all([StepStarted(walk), Halfway(walk), Countdown(walk, 3), Paused(),
                             Resumed()])
        assert other.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 0
        clock.now = T0 + timedelta(minutes=6)
        recorder.handle(StepEnded(walk, Outcome.DONE, 300.0, 361.5))
        assert other.execute("SELECT outcome, actual_seconds, ended_at FROM steps").fetchall() \
            == [("done", 361.5, "2024-06-01T07:06:00.000Z")]
        clock.now = T0 + timedelta(minutes=7)
        recorder.handle(StepEnded(left, Outcome.SKIPPED, 30.0, 3.0))
        recorder.handle(RoutineEnded(EndStatus.STOPPED, 364.5))
        assert other.execute("SELECT status, elapsed_seconds FROM sessions").fetchone() == (
            "stopped", 364.5)
    finally:
        other.close()

    detail = store.get_session(session_id)
    assert detail.summary.phase == "after"
    assert detail.summary.started_at == T0
    assert detail.summary.ended_at == T0 + timedelta(minutes=7)
    assert [(s.name, s.outcome) for s in detail.steps] == [
        ("Cool-down walk", "done"), ("Calf stretch", "skipped")]
    assert recorder.finished and recorder.last_error is None

    recorder.handle(StepEnded(left, Outcome.DONE, 30.0, 30.0))  # after the end: ignored
    assert len(store.get_session(session_id).steps) == 2


class BrokenStore:
    """Passes writes to a real store until the disk fills up after ``good`` of them."""

    def __init__(self, inner: Store, good: int) -> None:
        self.inner = inner
        self.good = good

    def _check(self) -> None:
        if self.good <= 0:
            raise StoreError("the disk holding coach.db is full")
        self.good -= 1

    def start_session(self, timeline: Timeline, phase: Phase | None = None,
                      started_at: datetime | None = None, speed: float = 1.0) -> str:
        self._check()
        return self.inner.start_session(timeline, phase, started_at, speed)

    def record_step(self, session_id: str, step: TimelineStep, outcome: str,
                    planned_seconds: float, actual_seconds: float,
                    ended_at: datetime | None = None) -> int:
        self._check()
        return self.inner.record_step(session_id, step, outcome, planned_seconds,
                                      actual_seconds, ended_at)

    def end_session(self, session_id: str, status: str, elapsed_seconds: float,
                    ended_at: datetime | None = None) -> None:
        self._check()
        self.inner.end_session(session_id, status, elapsed_seconds, ended_at)


def test_a_failing_disk_is_reported_not_raised(store: Store) -> None:
    timeline = cool_down_timeline()
    recorder = Recorder(BrokenStore(store, good=2), timeline, "after", clock_utc=FakeClock())
    session_id = recorder.begin()
    assert session_id is not None
    recorder.handle(StepEnded(timeline[0], Outcome.DONE, 300.0, 300.0))
    recorder.handle(StepEnded(timeline[1], Outcome.DONE, 30.0, 30.0))
    recorder.handle(RoutineEnded(EndStatus.COMPLETED, 330.0))
    assert recorder.failed_writes == 2
    assert isinstance(recorder.last_error, StoreError)
    assert "full" in str(recorder.take_error())
    assert recorder.take_error() is None
    assert not recorder.finished
    # What was written before the disk filled up is kept.
    assert len(store.get_session(session_id).steps) == 1


def test_a_session_that_could_not_start_records_nothing(store: Store) -> None:
    timeline = cool_down_timeline()
    recorder = Recorder(BrokenStore(store, good=0), timeline, clock_utc=FakeClock())
    assert recorder.begin() is None
    recorder.handle(StepEnded(timeline[0], Outcome.DONE, 300.0, 300.0))
    assert recorder.failed_writes == 1
    assert recorder.last_error is not None
    assert store.count_sessions() == 0
