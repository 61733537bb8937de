"""Personal experiments: a balanced schedule reproducible from its seed, kept across a
restart, one at a time; runs taking their assignments; safety first; a randomised result."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coach.insights import experiment
from coach.insights.experiment import ExperimentError
from coach.store import Store
from coach.store.experiments import schedule
from tests.support.seed import cool_down_timeline

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)
WITHOUT_FIRST = 1
"""A seed whose schedule starts with "without"."""


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: T0) as opened:
        yield opened


def cool_down(store: Store, start: datetime, *, walk: bool = True, end: bool = True,
              speed: float = 1.0) -> str:
    """An after-run cool-down: its walk done or skipped, the rest done."""
    timeline = cool_down_timeline()
    session = store.start_session(timeline, "after", start, speed=speed)
    if not end:
        return session
    for step in timeline.steps:
        outcome = "done" if walk or step.kind != "walk" else "skipped"
        store.record_step(session, step, outcome, 30, 30, start + timedelta(seconds=step.index))
    store.end_session(session, "completed", 300, start + timedelta(minutes=10))
    return session


def follow(store: Store, start: datetime, *, rating: int | None = None,
           obey: bool = True) -> experiment.Assignment:
    """Play today's run as the experiment asks (or the opposite), rated the next day."""
    assignment = experiment.today(store, start)
    assert assignment is not None
    walk = (assignment.shown == "with") == obey
    session = cool_down(store, start, walk=walk)
    if rating is not None:
        store.add_soreness(rating, timing="next day", session_id=session,
                           recorded_at=start + 22 * HOUR)
    return assignment


# ------------------------------------------------------------------------ the schedule


def _blocks(arms: tuple[str, ...]) -> list[int]:
    """Where the running balance returns to even: the ends of the blocks that can be seen."""
    ends, balance = [], 0
    for index, arm in enumerate(arms, 1):
        balance += 1 if arm == "with" else -1
        if balance == 0:
            ends.append(index)
    return ends


def test_schedule_is_balanced_in_blocks_of_two_and_four() -> None:
    firsts = 0
    seen = set()
    second_known = 0
    for seed in range(400):
        arms = schedule(seed, 12)
        assert len(arms) == 12 and arms.count("with") == 6
        # Never more than two runs off balance: every block is two or four long.
        balance = 0
        for arm in arms:
            balance += 1 if arm == "with" else -1
            assert abs(balance) <= 2
        firsts += arms[0] == "with"
        second_known += arms[1] != arms[0]
        seen.add(arms)
    assert 160 <= firsts <= 240  # fair, not a fixed pattern
    assert len(seen) > 100
    # With blocks of two only, the second run would always be the other arm; with blocks
    # of four mixed in, it often is not, so a runner cannot tell it from the first.
    assert 300 <= second_known <= 365  # 5 in 6 expected, not 6 in 6
    assert schedule(5, 12) == schedule(5, 12)  # the same seed, the same schedule
    assert any(4 in {b - a for a, b in zip([0, *_blocks(arms)], _blocks(arms), strict=False)}
               for arms in seen)


def test_schedule_is_reproducible_from_its_stored_seed(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0)
    assert started.schedule == schedule(started.seed, 12)
    with store.snapshot() as conn:
        seed, stored = conn.execute("SELECT seed, schedule_json FROM experiments").fetchone()
    assert json.loads(stored) == list(schedule(seed, 12))
    assert schedule(seed, 12) == schedule(seed, 12)


def test_restart_keeps_the_experiment(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    with Store.open(path) as first:
        started = experiment.start(first, "cool-down", T0, 10, seed=99)
        follow(first, T0 + 2 * HOUR, rating=4)
    with Store.open(path) as again:
        state = experiment.status(again, T0 + DAY)
        assert state is not None
        assert state.experiment.schedule == started.schedule == schedule(99, 10)
        assert state.done == 1 and state.experiment.planned == 10
        assert state.today is not None and state.today.number == 2
        assert state.today.arm == started.schedule[1]


def test_one_experiment_at_a_time(store: Store) -> None:
    experiment.start(store, "cool-down", T0)
    with pytest.raises(ExperimentError, match="already running"):
        experiment.start(store, "warm-up", T0 + HOUR)
    with store.transaction() as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO experiments VALUES ('x', 'stretch', 12, 1, '[]', ?, NULL,"
                     " 'active')", (T0.isoformat(),))
    experiment.stop(store, T0 + 2 * HOUR)
    assert experiment.start(store, "warm-up", T0 + 3 * HOUR).factor == "warm-up"


@pytest.mark.parametrize("runs", [0, 4, 7, 102, -2])
def test_a_bad_number_of_runs_is_refused(store: Store, runs: int) -> None:
    with pytest.raises(ValueError, match="even number from 6 to 100"):
        experiment.start(store, "cool-down", T0, runs)


def test_an_unknown_factor_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="cool-down, warm-up, stretch, massage"):
        experiment.start(store, "ice bath", T0)


# ------------------------------------------------------------------ runs and assignments


def test_a_run_takes_its_assignment_when_its_routine_ends(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0, seed=1)
    first = experiment.today(store, T0 + HOUR)
    assert first is not None and (first.number, first.arm) == (1, started.schedule[0])
    assert first.sentence.startswith("Experiment, run 1 of 12: ")
    session = cool_down(store, T0 + 2 * HOUR, end=False)  # still playing
    playing = experiment.today(store, T0 + 2 * HOUR + 5 * MINUTE)
    assert playing is not None and playing.number == 1
    waiting = experiment.status(store, T0 + 3 * HOUR)
    assert waiting is not None and waiting.done == 0
    timeline = cool_down_timeline()
    store.record_step(session, timeline[0], "done", 300, 300, T0 + 3 * HOUR)
    store.end_session(session, "completed", 300, T0 + 3 * HOUR)
    state = experiment.status(store, T0 + 3 * HOUR)
    assert state is not None and state.done == 1
    assert state.today is not None and state.today.number == 1  # the run of the moment
    later = experiment.today(store, T0 + 7 * HOUR)
    assert later is not None and (later.number, later.arm) == (2, started.schedule[1])


def test_two_routines_after_one_run_are_one_run(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=3)
    cool_down(store, T0 + HOUR)
    cool_down(store, T0 + 2 * HOUR)  # a stretch routine after the walk
    cool_down(store, T0 + HOUR, speed=20)  # a preview never counts
    state = experiment.status(store, T0 + DAY)
    assert state is not None and state.done == 1


def test_a_routine_left_playing_does_not_block_the_experiment(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=3)
    session = cool_down(store, T0 + HOUR, end=False)  # never ended nor marked interrupted
    walk = cool_down_timeline().steps[0]
    store.record_step(session, walk, "done", 300, 300, T0 + HOUR + 5 * MINUTE)
    playing = experiment.status(store, T0 + 2 * HOUR)
    assert playing is not None and playing.done == 0
    cool_down(store, T0 + DAY)
    state = experiment.status(store, T0 + 2 * DAY)
    assert state is not None and state.done == 2


def test_a_routine_opened_by_mistake_is_no_run(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=3)
    timeline = cool_down_timeline()
    stopped = store.start_session(timeline, "after", T0 + HOUR)
    store.end_session(stopped, "stopped", 1, T0 + HOUR + MINUTE)  # q, y at 0:01
    cool_down(store, T0 + DAY, end=False)  # and one abandoned before its first step
    state = experiment.status(store, T0 + 3 * DAY)
    assert state is not None and state.done == 0 and state.days == ()
    assignment = experiment.today(store, T0 + 3 * DAY)
    assert assignment is not None and assignment.number == 1


def test_followed_is_judged_from_the_routine(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=5)
    for day in range(4):
        follow(store, T0 + day * DAY + HOUR, rating=3, obey=day != 2)
    state = experiment.status(store, T0 + 5 * DAY)
    assert state is not None
    assert [view.followed for view in state.days] == [True, True, False, True]
    assert state.not_followed == 1
    assert "1 of 4 runs did not follow their assignment" in state.estimate.method


def test_a_run_without_a_routine_counts_with_its_ratings(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0, seed=WITHOUT_FIRST)
    assert started.schedule[0] == "without"
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=T0 + 2 * HOUR)
    store.add_soreness(4, recorded_at=T0 + 20 * HOUR)  # the next morning, on its own
    state = experiment.status(store, T0 + 2 * DAY)
    assert state is not None and state.done == 1
    (view,) = state.days
    assert (view.arm, view.followed, view.next_day) == ("without", True, 4)


# ---------------------------------------------------------------------------- safety


def test_a_warning_sign_pauses_the_experiment_and_the_run_is_skipped(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0, seed=2)
    store.add_soreness(3, flags=["swelling"], recorded_at=T0 + HOUR)
    today = experiment.today(store, T0 + 2 * HOUR)
    assert today is not None and today.paused is not None and "swelling" in today.paused
    assert not today.withholds and today.shown == "with"
    assert "paused" in today.sentence and "does not count" in today.sentence
    cool_down(store, T0 + 3 * HOUR)
    state = experiment.status(store, T0 + DAY)
    assert state is not None and state.done == 0 and len(state.skipped) == 1
    assert state.to_json()["today"] == "with"
    # A week later the sign is out of the window: the same assignment, never lost.
    after = experiment.today(store, T0 + 9 * DAY)
    assert after is not None and after.paused is None
    assert (after.number, after.arm) == (1, started.schedule[0])


@pytest.mark.parametrize(("stored", "pauses"), [
    ('["swelling"]', True), ('["not-a-sign"]', True), ("not json", False), ('{}', False),
    ("[]", False),
])
def test_hand_edited_warning_signs_never_break_the_check(
    store: Store, stored: str, pauses: bool
) -> None:
    experiment.start(store, "cool-down", T0, seed=3)
    entry = store.add_soreness(2, recorded_at=T0 + HOUR)
    with store.transaction() as conn:
        conn.execute("UPDATE soreness SET flags_json = ? WHERE id = ?", (stored, entry))
    today = experiment.today(store, T0 + 2 * HOUR)
    assert today is not None and (today.paused is not None) == pauses


def test_a_hard_run_never_has_its_cool_down_withheld(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0, seed=WITHOUT_FIRST)
    assert started.schedule[0] == "without"
    told = experiment.today(store, T0 + HOUR, effort=9)
    assert told is not None and told.paused is not None and "effort 9" in told.paused
    assert not told.withholds
    assert "skip" not in told.sentence and "cool-down walk as usual" in told.sentence
    easy = experiment.today(store, T0 + HOUR, effort=4)
    assert easy is not None and easy.withholds


def test_a_hard_effort_rated_after_the_routine_skips_the_run(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=2)
    session = cool_down(store, T0 + HOUR)
    state = experiment.status(store, T0 + HOUR + 15 * MINUTE)
    assert state is not None and state.done == 1
    store.add_soreness(4, timing="after", session_id=session, effort=8,
                       recorded_at=T0 + 2 * HOUR)
    state = experiment.status(store, T0 + 2 * HOUR)
    assert state is not None and state.done == 0
    assert state.skipped[0].skipped_reason is not None
    assert "effort 8" in state.skipped[0].skipped_reason


def test_a_warning_sign_the_next_day_keeps_its_run_and_pauses_the_next(store: Store) -> None:
    """Skipping on the outcome would hide harm: the run stays, the next one is paused."""
    experiment.start(store, "cool-down", T0, seed=3)
    session = cool_down(store, T0 + HOUR)
    store.add_soreness(7, timing="next day", session_id=session, flags=["sharp-pain"],
                       recorded_at=T0 + DAY)
    state = experiment.status(store, T0 + DAY + HOUR)
    assert state is not None and state.done == 1 and state.days[0].next_day == 7
    assert state.today is not None and state.today.number == 2
    assert state.today.paused is not None and "sharp or stabbing pain" in state.today.paused
    cool_down(store, T0 + 2 * DAY)
    later = experiment.status(store, T0 + 3 * DAY)
    assert later is not None and later.done == 1 and len(later.skipped) == 1


def test_a_run_without_a_routine_is_asked_about_the_next_day(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=WITHOUT_FIRST)
    store.add_soreness(2, effort=4, run_minutes=35, recorded_at=T0 + 2 * HOUR)
    assert experiment.next_day_due(store, T0 + 6 * HOUR) is None  # too soon
    assert experiment.next_day_due(store, T0 + 20 * HOUR) == T0 + 2 * HOUR
    store.add_soreness(3, timing="next day", recorded_at=T0 + 21 * HOUR)
    assert experiment.next_day_due(store, T0 + 22 * HOUR) is None
    state = experiment.status(store, T0 + 22 * HOUR)
    assert state is not None and state.days[0].next_day == 3


# ---------------------------------------------------------------------------- results


def test_a_finished_experiment_gives_a_randomised_verdict(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=7)
    for day in range(12):
        assignment = experiment.today(store, T0 + day * DAY + HOUR)
        assert assignment is not None and assignment.number == day + 1
        rating = (2 + day % 2) if assignment.arm == "with" else (5 + day % 2)
        follow(store, T0 + day * DAY + HOUR, rating=rating)
        if day == 3:
            state = experiment.status(store, T0 + day * DAY + 6 * HOUR)
            assert state is not None and state.result is None  # too few yet
    assert experiment.today(store, T0 + 13 * DAY) is None
    state = experiment.status(store, T0 + 13 * DAY)
    assert state is not None and state.experiment.status == "completed"
    result = state.result
    assert result is not None and result.randomised and result.verdict == "helps"
    assert (result.n_with, result.n_without) == (6, 6)
    assert result.low is not None and result.high is not None
    assert result.low <= -3 <= result.high
    assert result.method.startswith("randomised experiment (permuted blocks of 2 and 4)")
    assert "seed 7" in result.method  # told once nothing is ahead
    document = state.to_json()
    assert set(document) == {"factor", "planned", "done", "schedule", "today", "result",
                             "power"}
    assert document["done"] == 12 and document["today"] is None
    assert document["result"]["randomised"] is True
    with store.snapshot() as conn:
        assert [e.randomised for e in experiment.results(conn)] == [True]


def test_stop_keeps_the_runs(store: Store) -> None:
    experiment.start(store, "massage", T0, seed=4)
    follow(store, T0 + HOUR, rating=3)
    stopped = experiment.stop(store, T0 + DAY)
    assert stopped is not None
    assert stopped.experiment.status == "stopped" and stopped.done == 1
    assert experiment.today(store, T0 + 2 * DAY) is None
    state = experiment.status(store, T0 + 2 * DAY)
    assert state is not None and state.experiment.status == "stopped" and state.done == 1
    with pytest.raises(ExperimentError, match="no experiment is running"):
        experiment.stop(store, T0 + 2 * DAY)


# ------------------------------------------------- only what was played for the run counts


def test_a_cool_down_counts_only_within_thirty_minutes_of_the_run(store: Store) -> None:
    started = experiment.start(store, "cool-down", T0, seed=7)
    first = started.schedule[0]
    # The run is recorded by its rating; a walk 25 minutes later is its cool-down, one
    # 45 minutes later (after the legs have told how they feel) is not.
    store.add_soreness(3, effort=5, run_minutes=40, recorded_at=T0 + HOUR)
    cool_down(store, T0 + HOUR + timedelta(minutes=25))
    state = experiment.status(store, T0 + 6 * HOUR)
    assert state is not None and state.days[0].followed == (first == "with")
    store2_start = T0 + 2 * DAY
    store.add_soreness(3, effort=5, run_minutes=40, recorded_at=store2_start)
    cool_down(store, store2_start + timedelta(minutes=45))
    state = experiment.status(store, store2_start + 6 * HOUR)
    assert state is not None
    second = state.days[1]
    assert second.followed == (second.arm == "without")  # the late walk did not count


def test_a_walk_before_the_experiment_started_never_makes_a_without_run(
    store: Store,
) -> None:
    cool_down(store, T0 - timedelta(minutes=20))  # walked, then started the experiment
    experiment.start(store, "cool-down", T0, seed=7)
    # The rating of that same run, given after the start, is not a run of the experiment.
    store.add_soreness(3, effort=5, run_minutes=40, recorded_at=T0 + timedelta(minutes=10))
    state = experiment.status(store, T0 + 6 * HOUR)
    assert state is not None and state.days == () and state.done == 0
    # The next run is run 1, judged from what was played for it.
    store.add_soreness(3, effort=5, run_minutes=40, recorded_at=T0 + DAY)
    state = experiment.status(store, T0 + DAY + 6 * HOUR)
    assert state is not None and [day.number for day in state.days] == [1]


def test_power_is_stated_up_front() -> None:
    from coach.insights.plan import power_words

    assert power_words(12) == "12 runs find a 1-point difference about 15 % of the time"
    assert power_words(40).startswith("40 runs find a 1-point difference about 5")


# ------------------------------------------------------------------ export and import


def _played(store: Store, runs: int) -> experiment.Experiment:
    started = experiment.start(store, "cool-down", T0, 6, seed=11)
    for day in range(runs):
        follow(store, T0 + day * DAY + HOUR, rating=2 + day % 3)
    return started


def test_an_experiment_travels_in_export_and_import() -> None:
    from coach.store.exchange import export_json, import_json

    with Store.memory(clock=lambda: T0) as first:
        started = _played(first, 6)
        before = experiment.status(first, T0 + 8 * DAY)
        text = export_json(first)
    assert before is not None and before.experiment.status == "completed"
    document = json.loads(text)
    assert document["version"] >= 4 and len(document["experiments"]) == 1
    with Store.memory(clock=lambda: T0) as second:
        result = import_json(second, text)
        assert result.added_experiments == 1 and "added 1 experiment" in result.text()
        after = experiment.status(second, T0 + 8 * DAY)
        assert after is not None
        assert after.experiment == before.experiment and after.experiment.id == started.id
        assert after.days == before.days
        assert after.estimate == before.estimate
        assert export_json(second) == text  # canonical: the same bytes back
        again = import_json(second, text)
        assert again.added_experiments == 0 and again.skipped_experiments == 1


def test_a_running_experiment_arriving_while_one_runs_is_kept_as_stopped() -> None:
    from coach.store.exchange import export_json, import_json

    with Store.memory(clock=lambda: T0) as first:
        _played(first, 2)
        text = export_json(first)
    with Store.memory(clock=lambda: T0) as second:
        experiment.start(second, "warm-up", T0)
        result = import_json(second, text)
        assert result.stopped_experiments == 1 and "kept as stopped" in result.text()
        state = experiment.status(second, T0 + HOUR)
        assert state is not None and state.experiment.factor == "warm-up"


def test_a_broken_experiment_in_a_file_is_one_line_and_nothing_is_imported() -> None:
    from coach.store.exchange import ExchangeError, export_json, import_json

    with Store.memory(clock=lambda: T0) as first:
        _played(first, 2)
        document = json.loads(export_json(first))
    document["experiments"][0]["schedule"] = ["with"] * 6
    with Store.memory(clock=lambda: T0) as second:
        with pytest.raises(ExchangeError, match=r"experiments\[0\]\.schedule"):
            import_json(second, json.dumps(document))
        assert second.count_sessions() == 0
    older = {**document, "version": 3}
    del older["experiments"]
    with Store.memory(clock=lambda: T0) as third:
        assert import_json(third, json.dumps(older)).added_experiments == 0
        assert third.count_sessions() == 2
