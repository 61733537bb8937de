"""What an experiment tells the runner: the home screen's and the player's line, a word on
each run recorded, and the verdict of one just completed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.insights import experiment
from coach.insights.experiment import Assignment
from coach.store import Store
from coach.store.experiments import schedule
from tests.support.seed import cool_down_timeline

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def seed_starting(arm: str, runs: int = 12) -> int:
    return next(seed for seed in range(100) if schedule(seed, runs)[0] == arm)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.memory(clock=lambda: T0) as opened:
        yield opened


def assignment(factor: str, arm: str, paused: str | None = None) -> Assignment:
    return Assignment("x", factor, 3, 12, arm, paused)  # type: ignore[arg-type]


AFTER_KINDS = [step.kind for step in cool_down_timeline()]


@pytest.mark.parametrize(("factor", "phase", "kinds", "against"), [
    ("cool-down", "after", AFTER_KINDS, True),
    ("cool-down", "after", ["stretch"], False),  # no walk: the cool-down walk is skipped
    ("cool-down", "before", ["move"], False),
    ("warm-up", "before", ["move"], True),
    ("warm-up", "after", AFTER_KINDS, False),
    ("stretch", "after", AFTER_KINDS, True),
    ("stretch", "after", ["walk"], False),
    ("massage", "after", ["walk", "stretch"], False),
    ("massage", "after", AFTER_KINDS, True),
])
def test_a_routine_goes_against_a_without_day_when_it_holds_the_part(
    factor: str, phase: str, kinds: list[str], against: bool,
) -> None:
    without = assignment(factor, "without")
    assert without.against(phase, kinds) is against
    said = without.player_line(phase, kinds)
    assert ("does not follow its assignment" in said) is against
    assert said.startswith("Experiment, run 3 of 12: today is without" if against
                           else "Experiment, run 3 of 12: skip")
    # A "with" day and a paused day never hold anything back.
    assert not assignment(factor, "with").against(phase, kinds)
    assert not assignment(factor, "without", paused="a reason").against(phase, kinds)


def test_a_day_without_the_cool_down_says_how_the_run_still_counts() -> None:
    assert "log it" in assignment("cool-down", "without").home_line
    assert "log it (l: effort and minutes) so it counts" in \
        assignment("cool-down", "without").home_line
    # Where a routine after the run is asked for, it records the run (or a rating does).
    for factor, arm in (("cool-down", "with"), ("stretch", "without"), ("warm-up", "without")):
        assert "your after-run routine records it" in assignment(factor, arm).home_line
    paused = assignment("cool-down", "without", paused="your run was hard")
    assert paused.home_line.startswith("Experiment paused today: your run was hard")


def test_no_note_without_an_experiment(store: Store) -> None:
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=T0)
    assert experiment.run_note(store, T0) is None


def test_a_run_logged_on_a_without_day_is_as_assigned(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=seed_starting("without"))
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=T0 + HOUR)
    note = experiment.run_note(store, T0 + HOUR)
    assert note == ("Experiment, run 1 of 12 recorded: without the cool-down walk, as assigned.")
    # Once the run is over, there is nothing new to say.
    assert experiment.run_note(store, T0 + 6 * HOUR) is None


def test_a_with_day_logged_without_a_routine_says_there_is_still_time(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=seed_starting("with"))
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=T0 + HOUR)
    note = experiment.run_note(store, T0 + HOUR + 30 * timedelta(minutes=1))
    assert note is not None
    assert "without the cool-down walk, though the schedule said with" in note
    assert "in the next" not in note  # a cool-down counts only within 30 minutes
    early = experiment.run_note(store, T0 + HOUR + 10 * timedelta(minutes=1))
    assert early is not None and "play it in the next 20 min" in early


def test_a_cool_down_played_on_a_with_day_follows_it(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=seed_starting("with"))
    timeline = cool_down_timeline()
    session = store.start_session(timeline, "after", T0 + HOUR)
    for step in timeline.steps:
        store.record_step(session, step, "done", 30, 30, T0 + HOUR)
    store.end_session(session, "completed", 300, T0 + HOUR + 10 * timedelta(minutes=1))
    note = experiment.run_note(store, T0 + 2 * HOUR)
    assert note == "Experiment, run 1 of 12 recorded: with the cool-down walk, as assigned."


def test_a_hard_run_says_it_does_not_count(store: Store) -> None:
    experiment.start(store, "cool-down", T0, seed=seed_starting("without"))
    store.add_soreness(2, effort=9, run_minutes=40, recorded_at=T0 + HOUR)
    note = experiment.run_note(store, T0 + HOUR)
    assert note is not None and note.startswith("Experiment: this run does not count")
    assert "effort 9 of 10" in note and "do your cool-down walk as usual" in note


def _complete(store: Store, *, rated: bool) -> experiment.State:
    seed = seed_starting("with", 6)
    experiment.start(store, "cool-down", T0, runs=6, seed=seed)
    for number, arm in enumerate(schedule(seed, 6)):
        ran = T0 + HOUR + number * timedelta(days=2)
        store.add_soreness(2, effort=5, run_minutes=40, recorded_at=ran)
        if rated:
            sore = (2 if arm == "with" else 5) + number % 2
            store.add_soreness(sore, timing="next day", recorded_at=ran + 20 * HOUR)
    end = T0 + 12 * timedelta(days=1)
    state = experiment.status(store, end)
    assert state is not None and state.experiment.status == "completed"
    return state


def test_a_completed_experiment_gives_its_verdict_for_two_weeks(store: Store) -> None:
    state = _complete(store, rated=True)
    ended = state.experiment.ended_at
    assert ended is not None
    line = experiment.result_line(state, ended + timedelta(days=1))
    assert line is not None
    assert line.startswith("Experiment on the cool-down walk complete. Next-day soreness with "
                           "it against without (randomised, 3 and 3 runs): helps: about")
    assert "difference" in line  # the planner
    assert experiment.result_line(state, ended + timedelta(days=15)) is None


def test_a_completed_experiment_without_ratings_says_so(store: Store) -> None:
    state = _complete(store, rated=False)
    assert state.experiment.ended_at is not None
    line = experiment.result_line(state, state.experiment.ended_at)
    assert line is not None and "too few runs were rated the next day" in line


def test_a_rating_on_its_own_says_what_it_was_to_the_experiment(store: Store) -> None:
    assert experiment.logged_note(store, T0, gave_run=False, was_due=None) is None
    experiment.start(store, "cool-down", T0, seed=seed_starting("without"))
    # Neither a run nor a next-day rating: how to make it count.
    store.add_soreness(3, recorded_at=T0 + HOUR)
    note = experiment.logged_note(store, T0 + HOUR, gave_run=False, was_due=None)
    assert note is not None and "not a run of the experiment" in note and "--effort" in note
    # A run logged, then its next-day rating the morning after.
    store.add_soreness(2, effort=5, run_minutes=40, recorded_at=T0 + 2 * HOUR)
    ran = experiment.logged_note(store, T0 + 2 * HOUR, gave_run=True, was_due=None)
    assert ran is not None and "run 1 of 12 recorded" in ran
    morning = T0 + 24 * HOUR
    due = experiment.next_day_due(store, morning)
    assert due == T0 + 2 * HOUR
    store.add_soreness(4, recorded_at=morning)
    note = experiment.logged_note(store, morning, gave_run=False, was_due=due)
    assert note is not None and note.startswith("Experiment: saved as the next-day rating")
    assert experiment.next_day_due(store, morning) is None


def test_the_morning_after_a_routine_a_rating_on_its_own_is_its_next_day_rating(
    store: Store,
) -> None:
    experiment.start(store, "cool-down", T0, seed=seed_starting("with"))
    timeline = cool_down_timeline()
    session = store.start_session(timeline, "after", T0 + HOUR)
    for step in timeline.steps:
        store.record_step(session, step, "done", 30, 30, T0 + HOUR)
    store.end_session(session, "completed", 300, T0 + 2 * HOUR)
    morning = T0 + 15 * HOUR
    assert experiment.next_day_due(store, morning) is None  # the question asks for this one
    due = experiment.next_day_due(store, morning, with_routine=True)
    assert due == T0 + HOUR
    store.add_soreness(4, recorded_at=morning)
    note = experiment.logged_note(store, morning, gave_run=False, was_due=due)
    assert note is not None and note.startswith("Experiment: saved as the next-day rating")
    state = experiment.status(store, morning)
    assert state is not None and state.days[0].next_day == 4
    # The question still comes: its answer is linked to the session for "what helps".
    assert store.pending_follow_up(morning) is not None
