"""The store's API: sessions, steps, soreness, history queries and the next-day question."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.play.events import EndStatus, Outcome
from coach.routine.timeline import Timeline
from coach.store import NotFoundError, Store, db, from_iso, pid_alive, to_iso, to_local
from tests.support.seed import cool_down_timeline, warm_up_timeline

T0 = datetime(2024, 6, 1, 7, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(clock=lambda: T0) as opened:
        yield opened


def play(store: Store, timeline: Timeline, start: datetime, steps: int | None = None,
         status: str | None = "completed", phase: str = "before") -> str:
    """A session with its first ``steps`` steps done, each one minute apart."""
    session_id = store.start_session(timeline, phase, start)  # type: ignore[arg-type]
    chosen = timeline.steps[: len(timeline) if steps is None else steps]
    for number, step in enumerate(chosen, start=1):
        store.record_step(session_id, step, "done", 30, 31, start + timedelta(minutes=number))
    if status is not None:
        store.end_session(session_id, status, 31.0 * len(chosen),
                          start + timedelta(minutes=len(chosen)))
    return session_id


def test_nothing_is_created_until_the_store_is_opened(coach_home: Path) -> None:
    import coach.store.exchange  # noqa: F401
    import tests.support.seed  # noqa: F401

    assert not coach_home.exists()
    with Store.open():
        assert (coach_home / "coach.db").is_file()


def test_the_database_is_durable_and_shares_well(store: Store) -> None:
    with store.snapshot() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == db.schema_version()


def test_a_session_round_trips(store: Store) -> None:
    timeline = warm_up_timeline()
    session_id = store.start_session(timeline, "before", T0)
    left, switch, right = timeline[1], timeline[2], timeline[3]
    store.record_step(session_id, timeline[0], Outcome.DONE, 120, 121.5, T0 + timedelta(minutes=2))
    store.record_step(session_id, left, "skipped", 30, 4, T0 + timedelta(minutes=3))
    store.record_step(session_id, switch, "done", 5, 5, T0 + timedelta(minutes=4))
    store.record_step(session_id, right, "cut short", 30, 20, T0 + timedelta(minutes=5))
    # The runner goes back to the left side and does it properly this time.
    store.record_step(session_id, left, "extended", 60, 60, T0 + timedelta(minutes=6))
    store.end_session(session_id, EndStatus.STOPPED, 210.5, T0 + timedelta(minutes=7))

    detail = store.get_session(session_id)
    summary = detail.summary
    assert (summary.routine_id, summary.routine_kind, summary.phase) == (
        "dynamic-warm-up", "warm-up", "before")
    assert summary.status == "stopped"
    assert summary.elapsed_seconds == 210.5
    assert summary.started_at == T0
    assert summary.ended_at == T0 + timedelta(minutes=7)
    assert summary.steps_planned == len(timeline) - 1  # the switch pause is not a step
    assert summary.steps_done == 3  # walk, right, left (on its second visit)
    assert detail.timeline == timeline
    assert [(s.seq, s.position, s.outcome) for s in detail.steps] == [
        (0, 0, "done"), (1, 1, "skipped"), (2, 2, "done"), (3, 3, "cut short"),
        (4, 1, "extended")]
    assert detail.steps[2].switch and detail.steps[3].side == "right"
    assert detail.steps[0].actual_seconds == 121.5
    assert detail.pid == os.getpid()
    assert detail.soreness == ()
    assert detail.follow_up_dismissed_at is None


def test_each_write_is_committed_when_it_returns(store: Store) -> None:
    timeline = warm_up_timeline()
    other = sqlite3.connect(str(store.path))
    try:
        session_id = store.start_session(timeline, "before", T0)
        assert other.execute("SELECT status FROM sessions").fetchall() == [("in progress",)]
        for step in timeline.steps[:3]:
            store.record_step(session_id, step, "done", 30, 30, T0)
            seen = other.execute("SELECT MAX(position) FROM steps").fetchone()[0]
            assert seen == step.index
        store.end_session(session_id, "completed", 90, T0)
        assert other.execute("SELECT status FROM sessions").fetchone()[0] == "completed"
    finally:
        other.close()


def test_mistakes_are_refused(store: Store) -> None:
    timeline = warm_up_timeline()
    with pytest.raises(NotFoundError):
        store.record_step("nope", timeline[0], "done", 1, 1)
    with pytest.raises(NotFoundError):
        store.end_session("nope", "completed", 1)
    with pytest.raises(NotFoundError):
        store.get_session("nope")
    with pytest.raises(NotFoundError):
        store.delete_session("nope")
    session_id = store.start_session(timeline, None, T0)
    with pytest.raises(ValueError, match="outcome"):
        store.record_step(session_id, timeline[0], "finished", 1, 1)
    with pytest.raises(ValueError, match="status"):
        store.end_session(session_id, "in progress", 1)
    with pytest.raises(ValueError, match="phase"):
        store.start_session(timeline, "during", T0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="time zone"):
        store.start_session(timeline, None, datetime(2024, 1, 1))


def _writer(store: Store, session_id: str, pid: int | None, host: str | None = None) -> None:
    with store.transaction() as conn:
        conn.execute("UPDATE sessions SET pid = ?, host = COALESCE(?, host) WHERE id = ?",
                     (pid, host, session_id))


def test_unfinished_sessions_of_gone_writers_become_interrupted(store: Store) -> None:
    timeline = warm_up_timeline()
    dead = play(store, timeline, T0, steps=3, status=None)
    mine = play(store, timeline, T0, steps=1, status=None)
    live = play(store, timeline, T0 + timedelta(hours=11), steps=1, status=None)
    elsewhere = play(store, timeline, T0, steps=1, status=None)
    stale = play(store, timeline, T0 - timedelta(days=2), steps=1, status=None)
    done = play(store, timeline, T0, steps=2)
    _writer(store, dead, 4001)
    _writer(store, live, 4002)
    _writer(store, elsewhere, 4002, host="another-computer")
    _writer(store, stale, 4002)
    store.alive = lambda pid: pid == 4002

    assert store.mark_interrupted(now=T0 + timedelta(hours=12)) == 3
    status = {sid: store.get_session(sid).summary for sid in (dead, mine, live, elsewhere,
                                                                 stale, done)}
    assert status[dead].status == "interrupted"
    assert status[dead].ended_at == T0 + timedelta(minutes=3)  # its last step
    assert status[dead].elapsed_seconds == 93
    assert status[mine].status == "in progress"
    assert status[live].status == "in progress"
    assert status[elsewhere].status == "interrupted"
    assert status[stale].status == "interrupted"
    assert status[done].status == "completed"
    assert store.mark_interrupted(now=T0 + timedelta(hours=12)) == 0


def test_a_session_taken_for_dead_heals_when_it_goes_on(store: Store) -> None:
    timeline = warm_up_timeline()
    session_id = play(store, timeline, T0, steps=1, status=None)
    _writer(store, session_id, 4001)
    store.alive = lambda pid: False
    assert store.mark_interrupted() == 1
    store.record_step(session_id, timeline[1], "done", 30, 30, T0)
    assert store.get_session(session_id).summary.status == "in progress"
    store.end_session(session_id, "completed", 60, T0)
    assert store.get_session(session_id).summary.status == "completed"


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert not pid_alive(child.pid)
    assert not pid_alive(0)


def test_history_is_newest_first_with_filters_and_pages(store: Store) -> None:
    ids = []
    for day in range(30):
        timeline = warm_up_timeline() if day % 3 else cool_down_timeline()
        ids.append(play(store, timeline, T0 + timedelta(days=day), steps=2))
    newest_first = list(reversed(ids))
    assert [s.id for s in store.list_sessions(limit=10)] == newest_first[:10]
    assert [s.id for s in store.list_sessions(limit=10, offset=25)] == newest_first[25:]
    assert [s.id for s in store.list_sessions(limit=None)] == newest_first
    cool = store.list_sessions(limit=None, kind="cool-down")
    assert [s.id for s in cool] == [ids[day] for day in range(27, -1, -3)]
    assert store.count_sessions(kind="cool-down") == 10
    week = store.list_sessions(since=T0 + timedelta(days=7), until=T0 + timedelta(days=14))
    assert [s.id for s in week] == [ids[d] for d in range(13, 6, -1)]
    assert store.count_sessions(since=T0 + timedelta(days=7),
                                until=T0 + timedelta(days=14)) == 7
    assert store.count_sessions() == 30
    assert store.count_sessions(status="stopped") == 0
    assert store.list_sessions(limit=5, offset=40) == []


def test_history_rows_carry_soreness_and_load(store: Store) -> None:
    session_id = play(store, cool_down_timeline(), T0, phase="after")
    store.add_soreness(2, timing="after", session_id=session_id, effort=6, run_minutes=40,
                       recorded_at=T0 + timedelta(minutes=20))
    store.add_soreness(5, timing="next day", session_id=session_id,
                       recorded_at=T0 + timedelta(hours=26))
    store.add_soreness(4, timing="next day", session_id=session_id,
                       recorded_at=T0 + timedelta(hours=30))
    (row,) = store.list_sessions()
    assert (row.soreness_after, row.soreness_next_day) == (2, 4)  # the latest of each
    assert (row.effort, row.run_minutes, row.load) == (6, 40.0, 240.0)
    assert row.phase == "after"


def test_deleting_a_session_takes_its_steps_soreness_and_dismissal(store: Store) -> None:
    session_id = play(store, warm_up_timeline(), T0)
    kept = play(store, warm_up_timeline(), T0 + timedelta(hours=1))
    store.add_soreness(3, timing="after", session_id=session_id)
    standalone = store.add_soreness(1)
    store.dismiss_follow_up(session_id)
    store.delete_session(session_id)
    with store.snapshot() as conn:
        for table in ("steps", "soreness", "follow_ups"):
            rows = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE session_id = ?",
                                (session_id,)).fetchone()[0]
            assert rows == 0, table
    assert store.get_soreness(standalone).overall == 1
    assert [s.id for s in store.list_sessions()] == [kept]


def test_soreness_entries(store: Store) -> None:
    session_id = play(store, cool_down_timeline(), T0, phase="after")
    entry_id = store.add_soreness(
        3, timing="after", session_id=session_id, regions={"calves": 5, "knees": 0},
        effort=7, run_minutes=45.5, note="tight calves — hills", advice=["Walk it off"],
        recorded_at=T0,
    )
    entry = store.get_soreness(entry_id)
    assert entry.regions == {"calves": 5, "knees": 0}
    assert entry.advice == ("Walk it off",)
    assert entry.load == 7 * 45.5
    assert entry.updated_at == T0
    assert store.get_session(session_id).soreness == (entry,)

    later = T0 + timedelta(minutes=5)
    updated = store.update_soreness(entry_id, overall=4, effort=None, updated_at=later)
    assert (updated.overall, updated.effort, updated.updated_at) == (4, None, later)
    assert updated.regions == {"calves": 5, "knees": 0}
    assert updated.note == "tight calves — hills"
    assert store.get_soreness(entry_id) == updated

    store.delete_soreness(entry_id)
    with pytest.raises(NotFoundError):
        store.get_soreness(entry_id)
    with pytest.raises(NotFoundError):
        store.update_soreness(entry_id, overall=1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"overall": 11}, "overall soreness"),
        ({"overall": True}, "overall soreness"),
        ({"overall": 3, "regions": {"elbows": 2}}, "unknown region"),
        ({"overall": 3, "regions": {"calves": -1}}, "soreness of calves"),
        ({"overall": 3, "effort": 10.5}, "effort"),
        ({"overall": 3, "run_minutes": -5}, "run minutes"),
        ({"overall": 3, "timing": "later"}, "timing"),
    ],
)
def test_bad_soreness_is_refused(store: Store, fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.add_soreness(**fields)  # type: ignore[arg-type]
    assert store.soreness_history() == []


def test_soreness_for_an_unknown_session_is_refused(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.add_soreness(2, timing="after", session_id="nope")


def test_soreness_history_is_oldest_first_and_filtered(store: Store) -> None:
    first = store.add_soreness(1, recorded_at=T0 + timedelta(days=2))
    second = store.add_soreness(2, timing="next day", recorded_at=T0)
    third = store.add_soreness(3, recorded_at=T0 + timedelta(days=5))
    assert [e.id for e in store.soreness_history()] == [second, first, third]
    assert [e.id for e in store.soreness_history(since=T0 + timedelta(days=1))] == [first, third]
    assert [e.id for e in store.soreness_history(until=T0 + timedelta(days=5))] == [second, first]
    assert [e.id for e in store.soreness_history(timing="next day")] == [second]


@pytest.mark.parametrize(("hours", "asked"), [(11, False), (12, True), (72, True), (73, False)])
def test_the_next_day_question_window(store: Store, hours: int, asked: bool) -> None:
    session_id = play(store, cool_down_timeline(), T0, phase="after")
    pending = store.pending_follow_up(T0 + timedelta(hours=hours))
    assert (pending.id if pending else None) == (session_id if asked else None)


def test_the_next_day_question_is_asked_once(store: Store) -> None:
    answered = play(store, cool_down_timeline(), T0, phase="after")
    dismissed = play(store, cool_down_timeline(), T0 + timedelta(days=7), phase="after")
    now = T0 + timedelta(hours=24)
    store.add_soreness(3, timing="next day", session_id=answered, recorded_at=now)
    assert store.pending_follow_up(now) is None

    later = T0 + timedelta(days=8)
    pending = store.pending_follow_up(later)
    assert pending is not None and pending.id == dismissed
    store.dismiss_follow_up(dismissed, later)
    assert store.pending_follow_up(later) is None
    assert store.get_session(dismissed).follow_up_dismissed_at == later


def test_only_the_newest_finished_after_run_session_is_asked_about(store: Store) -> None:
    older = play(store, cool_down_timeline(), T0, phase="after")
    newer = play(store, cool_down_timeline(), T0 + timedelta(hours=10), phase="after")
    play(store, cool_down_timeline(), T0 + timedelta(hours=20), status=None,
         phase="after")  # in progress
    now = T0 + timedelta(hours=30)
    pending = store.pending_follow_up(now)
    assert pending is not None and pending.id == newer
    store.dismiss_follow_up(newer, now)
    assert store.pending_follow_up(now) is None  # the older one is not brought up
    assert older


def test_the_next_day_question_skips_warm_ups_and_previews(store: Store) -> None:
    play(store, warm_up_timeline(), T0 + timedelta(hours=4))  # before a run: not asked
    preview = store.start_session(cool_down_timeline(), "after", T0 + timedelta(hours=2),
                                  speed=20.0)
    store.end_session(preview, "completed", 30.0, T0 + timedelta(hours=2, minutes=1))
    assert store.pending_follow_up(T0 + timedelta(hours=24)) is None
    run = play(store, cool_down_timeline(), T0, phase="after")
    pending = store.pending_follow_up(T0 + timedelta(hours=24))
    assert pending is not None and pending.id == run


def test_a_standalone_next_day_entry_answers_the_question(store: Store) -> None:
    play(store, cool_down_timeline(), T0)
    store.add_soreness(2, timing="next day", recorded_at=T0 + timedelta(hours=20))
    assert store.pending_follow_up(T0 + timedelta(hours=22)) is None


def test_times_are_utc_text() -> None:
    paris = timezone(timedelta(hours=2))
    moment = datetime(2024, 6, 1, 9, 30, 15, 123456, tzinfo=paris)
    assert to_iso(moment) == "2024-06-01T07:30:15.123Z"
    assert from_iso("2024-06-01T07:30:15.123Z") == datetime(2024, 6, 1, 7, 30, 15, 123000,
                                                            tzinfo=UTC)
    assert from_iso("2024-06-01T09:30:15+02:00") == datetime(2024, 6, 1, 7, 30, 15, tzinfo=UTC)
    with pytest.raises(ValueError):
        to_iso(datetime(2024, 6, 1))
    local = to_local(T0)
    assert local.tzinfo is not None and local == T0


def test_a_store_can_be_shared_between_threads(store: Store) -> None:
    import threading

    timeline = warm_up_timeline()
    session_id = store.start_session(timeline, None, T0)

    def write() -> None:
        for _ in range(50):
            store.record_step(session_id, timeline[0], "done", 1, 1, T0)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    steps = store.get_session(session_id).steps
    assert [step.seq for step in steps] == list(range(200))


def test_ratings_logged_on_their_own_are_rows_of_the_history(store: Store) -> None:
    session = play(store, cool_down_timeline(), T0, phase="after")
    logged = store.add_soreness(4, timing="standalone", recorded_at=T0 + timedelta(days=1))
    linked = store.add_soreness(2, timing="after", session_id=session,
                                recorded_at=T0 + timedelta(minutes=30))
    items = store.list_history()
    assert [item.id for item in items] == [logged, session]  # newest first
    assert items[0].entry is not None and items[0].entry.overall == 4
    assert items[1].session is not None and items[1].session.soreness_after == 2
    assert store.count_history() == 2
    assert [item.id for item in store.list_history(kind="log")] == [logged]
    assert [item.id for item in store.list_history(kind="cool-down")] == [session]
    assert store.count_history(since=T0 + timedelta(hours=12)) == 1
    assert [i.id for i in store.list_history(limit=1, offset=1)] == [session]
    store.delete_soreness(logged)
    assert [item.id for item in store.list_history()] == [session]
    assert linked
