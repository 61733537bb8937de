"""Today's experiment in words, for the home screen and the player.

The assignment itself (which run this is, what it holds back, why a day is paused) is the
headless :mod:`coach.insights.experiment`; this only picks what is shown where. Reading it
brings the experiment's record up to date, so it writes: call it from a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coach.routine.model import Routine
from coach.routine.timeline import Timeline, expand
from coach.store import Store, StoreError

if TYPE_CHECKING:
    from coach.insights.assignment import Assignment


def any_experiment(store: Store) -> bool:
    """Whether an experiment was ever started (False when the history can't be read):
    without one, no screen loads the experiment's rules."""
    try:
        return store.has_experiments()
    except StoreError:
        return False


@dataclass(frozen=True)
class HomeLine:
    """What the home screen says about the experiment."""

    text: str
    held_back: frozenset[str] = frozenset()
    """Ids of routines not to suggest today: those holding what the day leaves out."""


def home_line(store: Store, now: datetime, warmed_up: bool = False,
              routines: Sequence[Routine] = ()) -> HomeLine | None:
    """Today's assignment (``warmed_up``: a warm-up was just played, so what is left to
    do), or the word on a run just recorded, or a recently completed experiment's
    verdict; None with none of these, or when the history can't be read."""
    from coach.insights import experiment

    try:
        assignment = experiment.today(store, now)
        if assignment is None:
            state = experiment.status(store, now)
            verdict = None if state is None else experiment.result_line(state, now)
            return None if verdict is None else HomeLine(verdict)
        recorded = experiment.run_note(store, now)
    except StoreError:
        return None
    held_back = frozenset(routine.id for routine in routines
                          if against(assignment, expand(routine)))
    if recorded is None and warmed_up and assignment.factor == "warm-up" \
            and assignment.paused is None:
        return HomeLine(assignment.after_warm_up(), held_back)
    return HomeLine(recorded or assignment.home_line, held_back)


def player_line(store: Store, now: datetime, routine: Timeline) -> str | None:
    """The assignment, and whether playing ``routine`` goes against it; None with no
    experiment running (or the history unreadable: the routine plays all the same)."""
    from coach.insights import experiment

    try:
        assignment = experiment.today(store, now)
    except StoreError:
        return None
    if assignment is None:
        return None
    return assignment.player_line(*_shape(routine))


def against(assignment: Assignment, timeline: Timeline) -> bool:
    """Whether playing ``timeline`` does what today's assignment leaves out."""
    return assignment.against(*_shape(timeline))


def _shape(timeline: Timeline) -> tuple[str | None, list[str]]:
    """What an assignment asks of a routine: its phase and its steps' kinds."""
    from coach.soreness.checkin import phase_of

    return phase_of(timeline.routine_kind), [step.kind for step in timeline]
