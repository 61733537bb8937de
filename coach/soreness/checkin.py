"""Turning a soreness rating into advice, with what the history says about the session.

The advice rules need to know whether the cool-down and the warm-up were done, skipped or
missing, how this runner rated earlier, with the dates, and which runs the watch recorded.
This module reads that from the store so the form on screen (or ``coach log``) only collects
answers and the rules stay pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo

from coach.record.judgements import WARM_UP_WINDOW, cool_down_done, warm_up_counted
from coach.record.load import SPIKE_WINDOW, rates_run
from coach.record.models import Phase, SessionSummary, Timing
from coach.soreness.advice import (
    Advice,
    AdviceInput,
    PastRating,
    PastRun,
    SessionPart,
    advise,
)
from coach.store import SessionDetail, SorenessEntry, Store
from coach.store.runs import StoredRun


def phase_of(routine_kind: str) -> Phase | None:
    """Warm-ups come before a run, cool-downs and stretches after; mixed ones can't tell."""
    if routine_kind == "warm-up":
        return "before"
    if routine_kind in ("cool-down", "stretch"):
        return "after"
    return None


def cool_down_part(detail: SessionDetail | None) -> SessionPart:
    """Was the cool-down walk in this session walked, cut or skipped, or not there at all?"""
    if detail is None or detail.summary.is_preview:
        return "none"
    walked = cool_down_done(detail.summary.phase, detail.steps)
    if walked is None:
        return "none"
    return "done" if walked else "skipped"


def warm_up_part(store: Store, before: datetime) -> SessionPart:
    """Whether a warm-up was played in the hours before ``before``."""
    recent = [
        session for session in store.list_sessions(
            limit=5, phase="before", since=before - WARM_UP_WINDOW, until=before
        )
        if not session.is_preview
    ]
    if not recent:
        return "none"
    best: SessionSummary = max(recent, key=lambda s: s.steps_done / max(s.steps_planned, 1))
    return "done" if warm_up_counted(best.steps_done, best.steps_planned) else "skipped"


@dataclass(frozen=True)
class Rating:
    """What the runner entered in the soreness form."""

    overall: int
    regions: Mapping[str, int]
    effort: int | None = None
    run_minutes: float | None = None
    note: str = ""
    flags: tuple[str, ...] = ()
    """Warning signs ticked, names from :data:`coach.record.scales.WARNING_SIGN_KEYS`."""


def past_rating(entry: SorenessEntry) -> PastRating:
    """An entry as the advice rules see it: dated, with its run and the tips it showed."""
    return PastRating(
        entry.recorded_at, entry.overall, dict(entry.regions), run_minutes=entry.run_minutes,
        ran=entry.timing == "after" or entry.run_minutes is not None,
        advice=tuple(entry.advice or ()), effort=entry.effort,
    )


def imported_runs(
    store: Store, now: datetime, session_id: str | None, rating: Rating,
) -> tuple[StoredRun | None, list[PastRun]]:
    """The imported run this rating is about, and the other runs of the 30 days before.

    The rated run is the one the session warmed up for or cooled down from, or, for a
    rating on its own that gives the run's minutes, the run it was given during or within
    two hours after. It is never its own baseline for a spike.
    """
    recent = store.list_runs(since=now - SPIKE_WINDOW, until=now)
    rated: StoredRun | None = None
    if session_id is not None:
        rated = store.run_for_session(session_id)
    elif rating.run_minutes is not None:
        # newest first: the latest run whose window holds the rating
        rated = next((run for run in recent if rates_run(run.start, run.end, now)), None)
    others = [PastRun(run.start, run.minutes, run.effort) for run in recent
              if (rated is None or run.id != rated.id) and run.minutes >= 0]
    return rated, others


def routine_runs(store: Store, now: datetime) -> list[PastRun]:
    """Runs known only from the routines played around them: a warm-up gone through (a run
    came after it) or an after-run routine (a run came before it). Their length is unknown,
    but they end a spell of soreness and count as days with a run."""
    played = store.list_sessions(limit=None, since=now - SPIKE_WINDOW, until=now)
    return [PastRun(session.started_at) for session in played
            if session.phase in ("before", "after") and not session.is_preview
            and session.steps_done > 0]


def advice_for(
    store: Store, rating: Rating, now: datetime, session_id: str | None = None,
    timing: Timing | None = None, zone: tzinfo | None = None, leave_out: str | None = None,
) -> Advice:
    """The advice for ``rating`` given at ``now``, judged against the dated history.

    ``timing`` "after" says it follows a run today; without a timing, a rating linked to an
    after-run session, or giving the run's effort or minutes, does. ``leave_out`` is an
    entry being changed: it is not its own history.
    """
    detail = store.get_session(session_id) if session_id else None
    started = detail.summary.started_at if detail is not None else now
    history = [past_rating(entry) for entry in store.soreness_history(until=now)
               if entry.id != leave_out]
    rated_run, runs = imported_runs(store, now, session_id, rating)
    gave_run = rating.run_minutes is not None or rating.effort is not None
    if timing is None:
        ran = gave_run or (detail is not None and detail.summary.phase == "after")
    else:
        ran = timing == "after" or gave_run
    return advise(
        AdviceInput(
            overall=rating.overall,
            regions=dict(rating.regions),
            flags=tuple(rating.flags),
            cooldown=cool_down_part(detail),
            warmup=warm_up_part(store, started) if detail is not None else "none",
            effort=rating.effort,
            run_minutes=rating.run_minutes,
            ran=ran,
            history=history,
            runs=[*runs, *routine_runs(store, now)],
            run_descent_m=rated_run.descent_m if rated_run is not None else None,
            now=now,
            zone=zone,
        )
    )


@dataclass(frozen=True)
class Saved:
    """A rating saved: its entry, the advice it got (kept with it for the "why" view), and
    whether it reports a warning sign it did not before (then the advice must be shown)."""

    entry_id: str
    advice: Advice
    new_signs: bool


def save_rating(
    store: Store, rating: Rating, timing: Timing, now: datetime,
    session_id: str | None = None, *, entry: SorenessEntry | None = None,
    zone: tzinfo | None = None,
) -> Saved:
    """Save ``rating`` (a new entry, or ``entry`` changed) with its warning signs and the
    tip ids of the advice it gets, in one write: the check-ins, ``coach log`` and the
    history's edits all save here, so every rating keeps the tips the "why" view explains.

    The advice is chosen first, against the history without this entry, so the saved tip
    ids are exactly the ones a screen shows. A next-day entry keeps the run's effort and
    minutes it never asked. Raises ValueError for a value out of range and
    :class:`~coach.store.StoreError` when the database fails; either way nothing is saved.
    """
    if entry is not None:
        timing, session_id = entry.timing, entry.session_id
    advice = advice_for(store, rating, now, session_id, timing, zone,
                        leave_out=entry.id if entry is not None else None)
    before = set(entry.flags) if entry is not None else set()
    new_signs = bool(set(rating.flags) - before)
    if entry is None:
        entry_id = store.add_soreness(
            rating.overall, timing=timing, session_id=session_id, regions=rating.regions,
            effort=rating.effort, run_minutes=rating.run_minutes, note=rating.note,
            advice=advice.ids, recorded_at=now, flags=rating.flags,
        )
        return Saved(entry_id, advice, new_signs)
    if timing == "next day":
        store.update_soreness(
            entry.id, overall=rating.overall, regions=rating.regions, note=rating.note,
            advice=advice.ids, updated_at=now, flags=rating.flags,
        )
    else:
        store.update_soreness(
            entry.id, overall=rating.overall, regions=rating.regions, effort=rating.effort,
            run_minutes=rating.run_minutes, note=rating.note, advice=advice.ids,
            updated_at=now, flags=rating.flags,
        )
    return Saved(entry.id, advice, new_signs)
