"""Today's experiment assignment in words, for the home screen and the player.

The assignment itself (which run this is, what it holds back, why a day is paused) is the
headless :mod:`coach.insights.experiment`; this only picks the sentence for where it is
shown. Reading it brings the experiment's record up to date, so it writes: call it from a
worker thread.
"""

from __future__ import annotations

from datetime import datetime

from coach.routine.timeline import Timeline
from coach.store import Store, StoreError


def assignment_line(store: Store, now: datetime, routine: Timeline | None = None) -> str | None:
    """The home screen's line (``routine`` None) or the player's line about ``routine``;
    None with no experiment running, or when the history can't be read (the routine plays
    all the same). The home screen also shows a recently completed experiment's result."""
    from coach.insights import experiment
    from coach.soreness.checkin import phase_of

    try:
        assignment = experiment.today(store, now)
        if assignment is None:
            state = None if routine is not None else experiment.status(store, now)
            return None if state is None else experiment.result_line(state, now)
    except StoreError:
        return None
    if routine is None:
        return assignment.home_line
    kinds = [step.kind for step in routine]
    return assignment.player_line(phase_of(routine.routine_kind), kinds)
