"""What the weekly trends read from the store: sessions, soreness ratings and run loads.

SQL picks the rows and does the per-session work (whether any step was done, which entry
holds a run's load) over indexed columns. Bucketing into the runner's days and weeks happens
in Python with an explicit time zone: SQLite only knows UTC and the computer's own zone, and
a week must stay Monday to Sunday across DST changes in Berlin as anywhere else.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from coach.store import Store
from coach.store.judgements import counts_sql, steps_done_sql
from coach.store.models import Phase, Timing, from_iso, to_iso


@dataclass(frozen=True)
class SessionFact:
    """One session, reduced to what the weekly trends and streaks look at."""

    started_at: datetime
    """UTC, as stored."""
    phase: Phase | None
    minutes: float = 0.0
    """Time spent in steps, pauses excluded; 0 while a session is still in progress."""
    active: bool = True
    """At least one step was done (not skipped): the session counts for a streak."""


@dataclass(frozen=True)
class SorenessPoint:
    """One soreness rating on the timeline, for the soreness-over-time chart."""

    at: datetime
    timing: Timing
    overall: int


@dataclass(frozen=True)
class LoadPoint:
    """One run's session-RPE load (effort × minutes), placed at the run's session."""

    at: datetime
    load: float


@dataclass(frozen=True)
class History:
    """Everything the insights need, oldest first; build one by hand in tests."""

    sessions: tuple[SessionFact, ...] = ()
    soreness: tuple[SorenessPoint, ...] = ()
    loads: tuple[LoadPoint, ...] = ()


# Previews (played at another speed) count in nothing: not in streaks, minutes, soreness
# over time or loads.
_SESSIONS: Final = f"""
SELECT s.started_at, s.phase, COALESCE(s.elapsed_seconds, 0), {steps_done_sql('s')} > 0
FROM sessions s WHERE s.started_at >= ? AND {counts_sql('s')}
ORDER BY s.started_at, s.id
"""

_SORENESS: Final = f"""
SELECT e.recorded_at, e.timing, e.overall FROM soreness e
LEFT JOIN sessions s ON s.id = e.session_id
WHERE e.recorded_at >= ? AND (s.id IS NULL OR {counts_sql('s')})
ORDER BY e.recorded_at, e.id
"""

# One load per run: a session's latest "after" entry that has both effort and minutes, or
# any entry given on its own. A load belongs to the run, so it sits at the session's start
# even when the rating was added or edited days later.
_LOADS: Final = f"""
SELECT COALESCE(s.started_at, e.recorded_at) AS at, e.effort * e.run_minutes
FROM soreness e LEFT JOIN sessions s ON s.id = e.session_id
WHERE e.effort IS NOT NULL AND e.run_minutes IS NOT NULL AND e.timing <> 'next day'
  AND (e.session_id IS NULL OR e.id = (
      SELECT x.id FROM soreness x WHERE x.session_id = e.session_id AND x.timing = 'after'
         AND x.effort IS NOT NULL AND x.run_minutes IS NOT NULL
      ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1))
  AND COALESCE(s.started_at, e.recorded_at) >= ? AND (s.id IS NULL OR {counts_sql('s')})
ORDER BY at
"""

_EPOCH: Final = "0000"
"""Sorts before every stored time: "since the beginning"."""


def read(conn: sqlite3.Connection, since: datetime | None = None) -> History:
    """The history from ``since`` (UTC, inclusive) on, in one read transaction's view."""
    start = _EPOCH if since is None else to_iso(since)
    sessions = tuple(
        SessionFact(from_iso(row[0]), row[1], float(row[2]) / 60, bool(row[3]))
        for row in conn.execute(_SESSIONS, (start,))
    )
    soreness = tuple(
        SorenessPoint(from_iso(row[0]), row[1], int(row[2]))
        for row in conn.execute(_SORENESS, (start,))
    )
    loads = tuple(
        LoadPoint(from_iso(row[0]), float(row[1])) for row in conn.execute(_LOADS, (start,))
    )
    return History(sessions, soreness, loads)


def read_history(store: Store, since: datetime | None = None) -> History:
    """Read through the store's lock, as one consistent snapshot."""
    with store.snapshot() as conn:
        return read(conn, since)

