"""Turning a soreness rating into advice, with what the history says about the session.

The advice rules need to know whether the cool-down and the warm-up were done, skipped or
missing, and how this runner rated earlier. This module reads that from the store so the
form on screen only collects numbers and the rules stay pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from coach.soreness.advice import Advice, AdviceInput, PastRating, SessionPart, advise
from coach.store import SessionDetail, Store
from coach.store.judgements import WARM_UP_WINDOW, cool_down_done, warm_up_counted
from coach.store.models import Phase, SessionSummary


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


def advice_for(
    store: Store, rating: Rating, now: datetime, session_id: str | None = None
) -> Advice:
    detail = store.get_session(session_id) if session_id else None
    started = detail.summary.started_at if detail is not None else now
    history = [
        PastRating(entry.recorded_at, entry.overall, dict(entry.regions))
        for entry in store.soreness_history(until=now)
    ]
    return advise(
        AdviceInput(
            overall=rating.overall,
            regions=dict(rating.regions),
            cooldown=cool_down_part(detail),
            warmup=warm_up_part(store, started) if detail is not None else "none",
            effort=rating.effort,
            run_minutes=rating.run_minutes,
            history=history,
            now=now,
        )
    )
