"""Everything "what helps you" shows, in one call: the observational comparisons and
each experiment's randomised result (the two modules that make them stay independent).

:func:`estimates_for` gives every comparison as if alone; what a page shows goes through
:func:`coach.insights.family.shown`, which judges the rows shown together as one family."""

from __future__ import annotations

import contextlib
from datetime import datetime

from coach.insights import experiment
from coach.insights.estimates import Estimate, comparisons
from coach.insights.family import shown
from coach.store import Store, StoreError, observations


def estimates_for(store: Store, now: datetime) -> list[Estimate]:
    """Everything "what helps you" shows: the observational comparisons, then each
    experiment's randomised result. The running experiment's latest runs are recorded
    first (when the database can be written); then all is read in one snapshot. Call it in
    a worker: a long history takes a moment."""
    with contextlib.suppress(StoreError):
        experiment.refresh(store, now)
    with store.snapshot() as conn:
        return comparisons(observations.read(conn)) + experiment.results(conn)


__all__ = ["estimates_for", "shown"]
