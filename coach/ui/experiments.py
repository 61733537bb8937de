"""Today's experiment in words, for the home screen and the player.

The assignment itself (which run this is, what it holds back, why a day is paused) is the
headless :mod:`coach.insights.experiment`; this only picks what is shown where. Reading it
brings the experiment's record up to date, so it writes: call it from a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from coach.routine.timeline import Timeline
from coach.store import Store, StoreError

HELD_BACK_KIND: Final = {"cool-down": "cool-down", "warm-up": "warm-up", "stretch": "stretch"}
"""The kind of routine a day without each factor holds back: home suggests none of it."""


@dataclass(frozen=True)
class HomeLine:
    """What the home screen says about the experiment."""

    text: str
    held_back: str | None = None
    """A routine kind not to suggest today (the experiment's day without it)."""


def home_line(store: Store, now: datetime, warmed_up: bool = False) -> HomeLine | None:
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
    held_back = HELD_BACK_KIND.get(assignment.factor) if assignment.withholds else None
    if recorded is None and warmed_up and assignment.factor == "warm-up" \
            and assignment.paused is None:
        return HomeLine(assignment.after_warm_up(), held_back)
    return HomeLine(recorded or assignment.home_line, held_back)


def player_line(store: Store, now: datetime, routine: Timeline) -> str | None:
    """The assignment, and whether playing ``routine`` goes against it; None with no
    experiment running (or the history unreadable: the routine plays all the same)."""
    from coach.insights import experiment
    from coach.soreness.checkin import phase_of

    try:
        assignment = experiment.today(store, now)
    except StoreError:
        return None
    if assignment is None:
        return None
    kinds = [step.kind for step in routine]
    return assignment.player_line(phase_of(routine.routine_kind), kinds)
