"""The reads an experiment's days are decided from: its candidate runs, the warning signs
and hard efforts around a run, whether a part was done, and the next-day rating.

Queries only; :mod:`coach.insights.experiment_days` applies the experiment's rules to what
they return. Each takes the open connection, so the days are read and written in one
transaction. The judgements (what counts, what is a warning sign, a hard run, a part done)
are the record's, the same SQL the history, the trends and "what helps you" use.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Final

from coach.record.judgements import (
    counts_sql,
    hard_run_sql,
    warm_up_before_sql,
    warning_sign_sql,
    went_through_sql,
)
from coach.record.models import from_iso, to_iso
from coach.store.observations import NEXT_DAY_SQL, PARTS
from coach.store.soreness import read_flags

_RUN_ENTRY: Final = (
    "e.session_id IS NULL AND e.timing = 'standalone'"
    " AND (e.effort IS NOT NULL OR e.run_minutes IS NOT NULL)"
)
_CANDIDATES: Final = f"""
SELECT s.started_at AS at, s.id, NULL, s.status <> 'in progress' OR s.started_at <= ?
FROM sessions s
WHERE s.phase = 'after' AND {counts_sql('s')} AND s.started_at > ? AND s.started_at <= ?
  AND ({went_through_sql('s')} OR (s.status = 'in progress' AND s.started_at > ?))
UNION ALL
SELECT e.recorded_at AS at, NULL, e.id, 1 FROM soreness e
WHERE {_RUN_ENTRY} AND e.recorded_at > ? AND e.recorded_at <= ?
ORDER BY at
"""
_WARNING: Final = f"""
SELECT e.flags_json FROM soreness e WHERE {warning_sign_sql('e')}
  AND e.recorded_at >= ? AND e.recorded_at <= ? ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1
"""
_HARD: Final = f"""
SELECT MAX(e.effort) FROM soreness e LEFT JOIN sessions s ON s.id = e.session_id
WHERE {hard_run_sql('e')} AND e.recorded_at <= ? AND (
  (e.session_id IS NULL AND e.recorded_at >= ?)
  OR (s.phase = 'after' AND {counts_sql('s')} AND s.started_at >= ? AND s.started_at < ?))
"""

Candidate = tuple[datetime, str | None, str | None, bool]
"""A possible run: when, its session id or its entry id, and whether it has ended."""


def candidates(conn: sqlite3.Connection, since: datetime, now: datetime,
               stale: datetime) -> list[Candidate]:
    """The after-run sessions gone through and the ratings logged with a run's effort or
    minutes, after ``since`` and up to ``now``, oldest first. A session still in progress
    counts as ended once it started before ``stale``."""
    found = conn.execute(_CANDIDATES, (
        to_iso(stale), to_iso(since), to_iso(now), to_iso(stale), to_iso(since), to_iso(now),
    )).fetchall()
    return [(from_iso(at), session_id, entry_id, bool(ready))
            for at, session_id, entry_id, ready in found]


def latest_warning(conn: sqlite3.Connection, since: datetime,
                   until: datetime) -> tuple[str, ...] | None:
    """The warning signs of the latest rating that reported one in the span; None if none."""
    row = conn.execute(_WARNING, (to_iso(since), to_iso(until))).fetchone()
    return None if row is None else tuple(read_flags(row[0]))


def hardest_effort(conn: sqlite3.Connection, until: datetime, *, entries_from: datetime,
                   sessions_from: datetime, sessions_to: datetime) -> int | None:
    """The hardest effort rated up to ``until``: on its own since ``entries_from``, or
    after a routine started from ``sessions_from`` to ``sessions_to``; None if none was hard."""
    hardest = conn.execute(_HARD, (
        to_iso(until), to_iso(entries_from), to_iso(sessions_from), to_iso(sessions_to),
    )).fetchone()[0]
    return None if hardest is None else int(hardest)


def part_done(conn: sqlite3.Connection, factor: str, start: datetime, end: datetime, *,
              through: bool = False) -> bool:
    """Whether the part (a key of :data:`PARTS`) was done for the run from ``start``: a
    warm-up before it, or the part in an after-run routine started before ``end`` (or at
    ``end`` too, with ``through``)."""
    if factor == "warm-up":
        query = f"SELECT {warm_up_before_sql('a')} FROM (SELECT ? AS started_at) a"
        return bool(conn.execute(query, (to_iso(start),)).fetchone()[0])
    before = "<=" if through else "<"
    query = (
        f"SELECT EXISTS (SELECT 1 FROM sessions s WHERE s.phase = 'after' AND {counts_sql('s')}"
        f" AND s.started_at >= ? AND s.started_at {before} ? AND {PARTS[factor]('s')})"
    )
    return bool(conn.execute(query, (to_iso(start), to_iso(end))).fetchone()[0])


def after_run_before(conn: sqlite3.Connection, start: datetime,
                     gap: timedelta) -> datetime | None:
    """The start of the latest after-run routine played in the ``gap`` before ``start``."""
    row = conn.execute(
        f"SELECT MAX(s.started_at) FROM sessions s WHERE s.phase = 'after'"
        f" AND {counts_sql('s')} AND s.started_at > ? AND s.started_at <= ?",
        (to_iso(start - gap), to_iso(start)),
    ).fetchone()
    return None if row is None or row[0] is None else from_iso(row[0])


def session_next_day(conn: sqlite3.Connection, start: datetime, end: datetime) -> int | None:
    """The latest next-day rating of an after-run routine started in the span."""
    row = conn.execute(
        f"SELECT n.overall, n.recorded_at FROM sessions s JOIN soreness n"
        f" ON n.id = {NEXT_DAY_SQL.format(s='s')} WHERE s.phase = 'after'"
        f" AND {counts_sql('s')} AND s.started_at >= ? AND s.started_at < ?"
        " ORDER BY n.recorded_at DESC LIMIT 1", (to_iso(start), to_iso(end)),
    ).fetchone()
    return None if row is None else int(row[0])


def first_rating_alone(conn: sqlite3.Connection, since: datetime,
                       until: datetime) -> int | None:
    """The first rating logged on its own in the span without a run's effort or minutes
    (one with them would be the next run)."""
    row = conn.execute(
        "SELECT e.overall FROM soreness e WHERE e.session_id IS NULL"
        " AND e.timing IN ('next day', 'standalone') AND e.effort IS NULL"
        " AND e.run_minutes IS NULL AND e.recorded_at >= ? AND e.recorded_at < ?"
        " ORDER BY e.recorded_at, e.id LIMIT 1",
        (to_iso(since), to_iso(until)),
    ).fetchone()
    return None if row is None else int(row[0])
