"""A fair test on oneself: "does the cool-down help *my* legs?"

The runner picks a factor (the cool-down walk, the warm-up, the post-run stretch or the
self-massage) and a number of runs; coach draws a balanced schedule (permuted blocks of two
and four, :mod:`coach.store.experiments`) and tells them before each run whether to do it or
skip it — that run's assignment only, never the ones ahead (nor the seed that draws them,
until the experiment is over), so the schedule cannot be steered.
Which runs count, and when the next assignment comes, is the rule in
:mod:`coach.insights.experiment_days`. The result compares next-day soreness by assignment
(as randomised, whether each day was followed or not), with Welch's 95 % interval.

Headless. Screens call :func:`today` (home and player) and :func:`status` in a worker: both
bring the record up to date first, so they write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from coach.insights.assignment import Assignment
from coach.insights.estimates import MIN_GROUP, Estimate, estimate
from coach.insights.experiment_days import (
    COOL_DOWN_WITHIN,
    NEXT_DAY_FROM,
    RUN_GAP,
    DayView,
    hard_words,
    next_reason,
    sync,
    views,
    warning_words,
)
from coach.insights.factors import factor_words
from coach.insights.plan import power_words
from coach.record.judgements import is_hard_run
from coach.record.models import to_local
from coach.store import Store
from coach.store import experiments as rows
from coach.store.experiments import (
    DEFAULT_RUNS,
    FACTORS,
    MAX_RUNS,
    MIN_RUNS,
    Experiment,
    ExperimentError,
)
from coach.store.sessions import FOLLOW_UP_UNTIL

DESIGN: Final = "randomised experiment (permuted blocks of 2 and 4), analysed as assigned"

def check_runs(runs: int) -> int:
    """The number of runs an experiment may have; ValueError naming the range."""
    if isinstance(runs, bool) or not isinstance(runs, int) or not (
        MIN_RUNS <= runs <= MAX_RUNS and runs % 2 == 0
    ):
        raise ValueError(f"use an even number from {MIN_RUNS} to {MAX_RUNS}")
    return runs


def start(store: Store, factor: str, now: datetime, runs: int = DEFAULT_RUNS,
          seed: int | None = None) -> Experiment:
    """Start an experiment; :class:`ExperimentError` while one runs, ValueError for a bad
    factor or number of runs."""
    if factor not in FACTORS:
        raise ValueError(f"use one of {', '.join(FACTORS)}")
    check_runs(runs)
    with store.transaction() as conn:
        running = rows.active(conn)
        if running is not None:
            sync(conn, running, now)  # an experiment that just finished makes room
            if rows.active(conn) is not None:
                raise ExperimentError(
                    f"an experiment on the {factor_words(running.factor)} is already "
                    "running; one at a time (stop it first with `coach experiment stop`)")
        return rows.insert(conn, factor, runs, rows.new_seed() if seed is None else seed,
                           now)


def today(store: Store, now: datetime, *, effort: int | None = None,
          flags: Iterable[str] = ()) -> Assignment | None:
    """Today's assignment, or None with no experiment running (or every run taken).

    ``effort`` and ``flags`` are what the runner has just said about this run, if anything:
    a hard run or a warning sign pauses the day, whatever the schedule says.
    """
    with store.transaction() as conn:
        experiment = rows.active(conn)
        if experiment is None:
            return None
        days = sync(conn, experiment, now)
        reason = next_reason(conn, now)
        given = tuple(flags)
        if given:
            reason = warning_words(given)
        elif reason is None and effort is not None and is_hard_run(effort):
            reason = hard_words(effort)
        if rows.active(conn) is None:
            return None
        return _current(experiment, days, reason, now)


def _current(experiment: Experiment, days: list[rows.Day], reason: str | None,
             now: datetime) -> Assignment | None:
    """The run of the moment (less than :data:`RUN_GAP` since its first record) keeps its
    own assignment; otherwise the next run gets the next one."""
    taken = sum(1 for day in days if day.slot is not None)
    last = days[-1] if days else None
    if last is not None and now < last.anchor_at + RUN_GAP:
        slot = last.slot if last.slot is not None else taken
        if slot < experiment.planned:
            return Assignment(experiment.id, experiment.factor, slot + 1, experiment.planned,
                              experiment.schedule[slot], reason or last.skipped_reason)
    if taken >= experiment.planned:
        return None
    return Assignment(experiment.id, experiment.factor, taken + 1, experiment.planned,
                      experiment.schedule[taken], reason)


@dataclass(frozen=True)
class State:
    """An experiment as ``coach experiment status`` shows it."""

    experiment: Experiment
    days: tuple[DayView, ...]
    today: Assignment | None
    estimate: Estimate
    """Next-day soreness by assignment so far (may be "too few")."""

    @property
    def done(self) -> int:
        """Runs that took their assignment."""
        return sum(1 for day in self.days if day.number is not None)

    @property
    def skipped(self) -> tuple[DayView, ...]:
        return tuple(day for day in self.days if day.number is None)

    @property
    def not_followed(self) -> int:
        return sum(1 for day in self.days if day.followed is False)

    @property
    def result(self) -> Estimate | None:
        """The comparison, once both sides have :data:`MIN_GROUP` rated runs."""
        if self.estimate.verdict == "too few":
            return None
        return self.estimate

    def to_json(self) -> dict[str, Any]:
        result = self.result
        return {
            "factor": self.experiment.factor, "planned": self.experiment.planned,
            "done": self.done, "schedule": list(self.taken),
            "today": None if self.today is None else self.today.shown,
            "result": None if result is None else result.to_json(),
            "power": power_words(self.experiment.planned),
        }

    @property
    def taken(self) -> tuple[str, ...]:
        """The assignments of the runs so far, in order: never the ones ahead."""
        return tuple(day.arm for day in self.days if day.arm is not None)


def _state(conn: sqlite3.Connection, experiment: Experiment, days: list[rows.Day],
           today_: Assignment | None) -> State:
    shown = views(conn, experiment, days)
    with_ = [float(day.next_day) for day in shown if day.arm == "with" and day.next_day is not None]
    without = [float(day.next_day) for day in shown
               if day.arm == "without" and day.next_day is not None]
    missed = sum(1 for day in shown if day.followed is False)
    taken = sum(1 for day in shown if day.number is not None)
    note = ("every run followed its assignment" if missed == 0
            else f"{missed} of {taken} runs did not follow their assignment")
    # The seed draws the whole schedule: it is told only once nothing is ahead.
    seed = "" if experiment.status == "active" else f", seed {experiment.seed}"
    found = estimate(experiment.factor, with_, without, randomised=True,
                     design=f"{DESIGN}{seed}", note=note)
    return State(experiment, tuple(shown), today_, found)


def status(store: Store, now: datetime) -> State | None:
    """The running experiment, else the last one (completed or stopped); None if never."""
    with store.transaction() as conn:
        running = rows.active(conn)
        if running is not None:
            sync(conn, running, now)
        experiment = rows.latest(conn)
        if experiment is None:
            return None
        days = rows.days(conn, experiment)
        assignment = None
        if experiment.status == "active":
            reason = next_reason(conn, now)
            assignment = _current(experiment, days, reason, now)
        return _state(conn, experiment, days, assignment)


def stop(store: Store, now: datetime) -> State | None:
    """Stop the running experiment (its runs so far are kept); ExperimentError if none.

    None when the running experiment was damaged (a hand-edited file): it is stopped all
    the same, so a new one can start.
    """
    with store.transaction() as conn:
        try:
            running = rows.active(conn)
            if running is None:
                raise ExperimentError("no experiment is running; nothing to stop")
            days = sync(conn, running, now)
        except rows.DamagedError:
            rows.end_active(conn, now)
            return None
        if rows.active(conn) is not None:
            rows.end(conn, running.id, "stopped", now)
        ended = rows.latest(conn)
        assert ended is not None
        return _state(conn, ended, days, None)


def run_note(store: Store, now: datetime) -> str | None:
    """A line on the run just recorded (a routine ended, a rating logged), for the runner:
    which run of the experiment it was and whether it followed its assignment, or why it
    does not count. None with no experiment, or no run in the last :data:`RUN_GAP`."""
    state = status(store, now)
    if state is None or not state.days or state.experiment.status == "stopped":
        return None
    last = state.days[-1]
    if now >= last.anchor_at + RUN_GAP:
        return None
    planned = state.experiment.planned
    part = factor_words(state.experiment.factor)
    if last.number is None:
        return (f"Experiment: this run does not count, because {last.skipped_reason}. "
                f"Nothing is held back on such a day: do your {part} as usual. The "
                "schedule waits for the next run.")
    done = "with" if (last.arm == "with") == bool(last.followed) else "without"
    line = f"Experiment, run {last.number} of {planned} recorded: {done} the {part}"
    if last.followed:
        return f"{line}, as assigned."
    if last.arm == "with":
        window = COOL_DOWN_WITHIN if state.experiment.factor == "cool-down" else RUN_GAP
        left = int((last.anchor_at + window - now).total_seconds() // 60)
        if left <= 0:
            return (f"{line}, though the schedule said with. It still counts as assigned, "
                    "which keeps the comparison fair.")
        within = f"{left // 60} h {left % 60:02d} min" if left >= 60 else f"{left} min"
        return (f"{line}, though the schedule said with: play it in the next {within} and "
                "this run still follows its assignment.")
    return (f"{line}, though the schedule said without. It still counts as assigned, "
            "which keeps the comparison fair.")


def logged_note(store: Store, now: datetime, *, gave_run: bool,
                was_due: datetime | None) -> str | None:
    """What a rating logged on its own meant to the running experiment: a run recorded
    (it gave the run's effort or minutes), the next-day rating of a run (``was_due``: what
    :func:`next_day_due` with routines said just before it was saved), or neither, and how
    to make it count. None with no experiment running."""
    if gave_run:
        return run_note(store, now)
    if was_due is not None:
        when = to_local(was_due)
        return (f"Experiment: saved as the next-day rating of your run on {when:%A} "
                f"at {when:%H:%M}.")
    with store.snapshot() as conn:
        running = rows.active(conn)
    if running is None:
        return None
    return ("Experiment: a rating without the run's effort or minutes is not a run of the "
            "experiment; after a run, give them (in coach: l; or coach log --effort N "
            "--minutes M) so it counts.")


RESULT_SHOWN: Final = timedelta(days=14)
"""How long after it completes an experiment's result stays on the home screen."""


def result_line(state: State, now: datetime) -> str | None:
    """The verdict of an experiment completed in the last :data:`RESULT_SHOWN`, with the
    sample-size planner; None otherwise."""
    experiment = state.experiment
    if experiment.status != "completed" or experiment.ended_at is None \
            or now - experiment.ended_at > RESULT_SHOWN:
        return None
    head = f"Experiment on the {factor_words(experiment.factor)} complete"
    result = state.result
    plan = state.estimate.plan
    if result is None:
        return (f"{head}, but too few runs were rated the next day for a result "
                f"({state.estimate.n_with} with, {state.estimate.n_without} without); "
                f"{plan}.")
    return (f"{head}. Next-day soreness with it against without (randomised, "
            f"{result.n_with} and {result.n_without} runs): {result.sentence}; {plan}.")


def refresh(store: Store, now: datetime) -> None:
    """Record the running experiment's latest runs (a no-op with none running)."""
    with store.transaction() as conn:
        running = rows.active(conn)
        if running is not None:
            sync(conn, running, now)


def is_experiment_run(store: Store, started_at: datetime, now: datetime) -> bool:
    """Whether the after-run session that started at ``started_at`` belongs to a run of an
    experiment that took its assignment: its next-day rating is the result, so coach asks
    for it without a "don't ask". The running experiment's latest runs are recorded first."""
    with store.transaction() as conn:
        running = rows.active(conn)
        if running is not None:
            sync(conn, running, now)
        return rows.took_run_between(conn, started_at - RUN_GAP, started_at)


def next_day_due(store: Store, now: datetime, with_routine: bool = False
                 ) -> datetime | None:
    """When the run was that still waits for its next-day rating, 12–72 h ago, and that
    no routine brings up (a run logged on its own), or None; ``with_routine`` counts the
    runs with a routine too (whose question :meth:`coach.store.Store.pending_follow_up`
    asks): a rating logged on its own is their next-day rating as well.

    Save the answer as a next-day entry on its own (``timing="next day"``, no session).
    """
    with store.transaction() as conn:
        running = rows.active(conn)
        if running is None:
            return None
        days = sync(conn, running, now)
        shown = views(conn, running, days)
    for day, view in zip(reversed(days), reversed(shown), strict=True):
        age = now - day.anchor_at
        if (with_routine or day.session_id is None) and view.number is not None \
                and view.next_day is None and NEXT_DAY_FROM <= age <= FOLLOW_UP_UNTIL:
            return day.anchor_at
    return None


def results(conn: sqlite3.Connection) -> list[Estimate]:
    """The randomised result of each factor's latest experiment that has one.

    Reads only: runs not yet recorded (see :func:`today`) join at the next update.
    """
    latest: dict[str, Experiment] = {}
    for experiment in rows.every(conn):
        latest[experiment.factor] = experiment
    found = []
    for experiment in latest.values():
        try:
            state = _state(conn, experiment, rows.days(conn, experiment), None)
        except rows.DamagedError:
            continue  # "what helps you" still shows everything else
        if state.result is not None:
            found.append(state.result)
    return found


__all__ = [
    "DEFAULT_RUNS", "FACTORS", "MAX_RUNS", "MIN_GROUP", "MIN_RUNS", "Assignment",
    "DayView", "Experiment", "ExperimentError", "State", "check_runs", "is_experiment_run",
    "logged_note", "next_day_due",
    "refresh", "result_line", "results", "run_note", "start", "status", "stop", "today",
]
