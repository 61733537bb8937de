"""Which runs belong to an experiment, which assignment each took, and what came of it.

The day-advancing rule, in full:

1. **A run** of the experiment is an after-run session played at normal speed that started
   after the experiment did and was gone through: a step done or skipped on purpose (a
   routine opened by mistake and stopped or closed at once is no run) — or, on a day with
   no routine, a rating logged on its own with the run's effort or minutes
   (``coach log --overall 2 --effort 5 --minutes 40``).
2. **One run, one day**: every record within :data:`RUN_GAP` of a run's first record
   (its *anchor*) belongs to that run — the cool-down walk and a stretch routine after it,
   or a rating logged before the cool-down.
3. **Taking an assignment**: a run takes the next assignment of the schedule as soon as its
   first routine has ended (or its rating is logged); a routine still playing takes
   nothing yet (one left "in progress" for :data:`RUN_GAP` counts as ended). Runs are taken
   in the order they happened and never re-ordered.
4. **Safety first**: a run with a warning sign reported in the :data:`WARNING_LOOKBACK`
   before it (or with it), or rated hard (effort ≥ 8, :data:`HARD_EFFORT`), is skipped: it
   takes no assignment — the assignment waits for the next run — and the reason is kept.
   Both sides lose the same kind of day, so the comparison stays fair. While the latest
   run is less than :data:`RUN_GAP` old its skip is checked again, so an effort rated
   right after the routine still counts.
5. **Followed** is judged when read, from the run's routines and the store's judgements:
   on a "with" day the part was done, on a "without" day it was not. Only what was played
   for that run counts: a cool-down walk counts for a run only if it starts within
   :data:`COOL_DOWN_WITHIN` of the run's first record (a walk hours later, once the legs
   have told how they feel, is not the run's cool-down), and a routine played before the
   experiment started never makes a run of it: a rating logged within :data:`RUN_GAP`
   after such a routine belongs to that earlier run.
6. **Outcome**: the run's next-day rating — the latest next-day entry of one of its
   sessions, else the first rating logged on its own 12–72 h after it (one without a
   run's effort or minutes: that would be the next run).
7. **Complete** when every assignment is taken and the last run's :data:`RUN_GAP` is over.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from coach.record.judgements import HARD_EFFORT
from coach.record.scales import WARNING_SIGN_LABELS
from coach.store import experiment_runs as queries
from coach.store import experiments as rows
from coach.store.experiments import Arm, Day, Experiment
from coach.store.sessions import FOLLOW_UP_FROM, FOLLOW_UP_UNTIL

RUN_GAP: Final = timedelta(hours=4)
COOL_DOWN_WITHIN: Final = timedelta(minutes=30)
"""A cool-down walk counts for a run only if it starts this soon after the run's first
record."""
NEXT_DAY_FROM: Final = FOLLOW_UP_FROM
"""A rating logged on its own this long after a run is its next-day one."""
WARNING_LOOKBACK: Final = timedelta(days=7)

def safety_reason(conn: sqlite3.Connection, start: datetime, until: datetime, *,
                  sessions_from: datetime, sessions_to: datetime) -> str | None:
    """Why nothing may be held back for the run starting at ``start``: a warning sign in the
    :data:`WARNING_LOOKBACK` before it, or a hard effort — logged on its own from
    :data:`RUN_GAP` before it, or rated after one of its routines (those started from
    ``sessions_from`` to ``sessions_to``). Nothing recorded after ``until`` counts."""
    flags = queries.latest_warning(conn, start - WARNING_LOOKBACK, until)
    if flags is not None:
        return warning_words(flags)
    hardest = queries.hardest_effort(conn, until, entries_from=start - RUN_GAP,
                                     sessions_from=sessions_from, sessions_to=sessions_to)
    if hardest is not None:
        return hard_words(hardest)
    return None


def warning_words(flags: Iterable[str]) -> str:
    labels = ", ".join(WARNING_SIGN_LABELS[flag].lower() for flag in flags
                       if flag in WARNING_SIGN_LABELS) or "unnamed"
    days = WARNING_LOOKBACK.days
    return f"you reported a warning sign ({labels}) in the last {days} days"


def hard_words(effort: int) -> str:
    return f"your run was hard (effort {effort} of 10, {HARD_EFFORT} or more is hard)"


def run_reason(conn: sqlite3.Connection, anchor: datetime, now: datetime) -> str | None:
    """The safety reason of the run anchored at ``anchor``, as far as ``now`` knows it."""
    end = anchor + RUN_GAP
    return safety_reason(conn, anchor, min(end, now), sessions_from=anchor, sessions_to=end)


def next_reason(conn: sqlite3.Connection, now: datetime) -> str | None:
    """The safety reason of a run about to happen (or just happened) at ``now``."""
    return safety_reason(conn, now, now, sessions_from=now - RUN_GAP, sessions_to=now)


def sync(conn: sqlite3.Connection, experiment: Experiment, now: datetime) -> list[Day]:
    """Record the runs since the last one (rules 1–4 and 7); returns every day.

    Call inside a write transaction.
    """
    days = rows.days(conn, experiment)
    taken = sum(1 for day in days if day.slot is not None)
    last = days[-1] if days else None
    if last is not None and now < last.anchor_at + RUN_GAP:
        reason = run_reason(conn, last.anchor_at, now)
        if reason is not None and last.slot is not None:
            rows.update_day(conn, experiment.id, last.seq, None, reason)
            taken -= 1
        elif reason is None and last.slot is None and taken < experiment.planned:
            rows.update_day(conn, experiment.id, last.seq, taken, None)
            taken += 1
        return rows.days(conn, experiment)
    since = last.anchor_at if last is not None else experiment.started_at
    # Records soon after a routine played just before the start belong to that run.
    anchor = (last.anchor_at if last is not None
              else queries.after_run_before(conn, experiment.started_at, RUN_GAP))
    seq = len(days)
    for at, session_id, entry_id, ready in queries.candidates(conn, since, now, now - RUN_GAP):
        if taken >= experiment.planned:
            break
        if anchor is not None and at < anchor + RUN_GAP:
            continue
        if not ready:
            break
        reason = run_reason(conn, at, now)
        slot = None if reason is not None else taken
        rows.add_day(conn, experiment.id, Day(seq, slot, at, session_id, entry_id, reason, now))
        taken += slot is not None
        seq += 1
        anchor = at
    if taken >= experiment.planned and (anchor is None or now >= anchor + RUN_GAP):
        rows.end(conn, experiment.id, "completed", now)
    return rows.days(conn, experiment)


@dataclass(frozen=True)
class DayView:
    """One run of an experiment, as the runner is shown it."""

    number: int | None
    """Its run number in the schedule (1-based); None for a run skipped for safety."""
    arm: Arm | None
    anchor_at: datetime
    followed: bool | None
    """None for a skipped run."""
    next_day: int | None
    """Overall soreness the next day, once rated."""
    skipped_reason: str | None


def _done(conn: sqlite3.Connection, factor: str, anchor: datetime) -> bool:
    if factor == "cool-down":
        return queries.part_done(conn, factor, anchor, anchor + COOL_DOWN_WITHIN, through=True)
    return queries.part_done(conn, factor, anchor, anchor + RUN_GAP)


def _next_day(conn: sqlite3.Connection, anchor: datetime, before: datetime | None) -> int | None:
    overall = queries.session_next_day(conn, anchor, anchor + RUN_GAP)
    if overall is not None:
        return overall
    until = anchor + FOLLOW_UP_UNTIL
    if before is not None and before < until:
        until = before
    return queries.first_rating_alone(conn, anchor + NEXT_DAY_FROM, until)


def views(conn: sqlite3.Connection, experiment: Experiment, days: list[Day]) -> list[DayView]:
    """What each run took, whether it was followed and how the legs were the next day."""
    found: list[DayView] = []
    for index, day in enumerate(days):
        following = days[index + 1].anchor_at if index + 1 < len(days) else None
        if day.slot is None:
            found.append(DayView(None, None, day.anchor_at, None, None, day.skipped_reason))
            continue
        arm = experiment.schedule[day.slot]
        done = _done(conn, experiment.factor, day.anchor_at)
        found.append(DayView(
            day.slot + 1, arm, day.anchor_at, done == (arm == "with"),
            _next_day(conn, day.anchor_at, following), None,
        ))
    return found
