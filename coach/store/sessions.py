"""Session rows and the steps they ended: writing them as a routine plays, reading history.

Functions take an open connection; :class:`coach.store.Store` adds the lock, the
transactions and the error messages. History is read with one query per page (correlated
subqueries over indexed columns), so a list of 10,000 sessions costs what a list of 20 does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final, cast

from coach.record.judgements import counts_sql, steps_done_sql, went_through_sql
from coach.record.models import (
    END_STATUSES,
    OUTCOMES,
    PHASES,
    NotFoundError,
    Phase,
    SessionSummary,
    StepRecord,
    from_iso,
    to_iso,
)
from coach.routine.timeline import Timeline, TimelineStep

STALE_AFTER: Final = timedelta(hours=12)
"""An unfinished session with no step ended for this long is taken as interrupted even if a
process with its pid is alive: after a reboot that pid may belong to something else. A
session wrongly marked heals itself when its routine ends."""

MAX_SPEED: Final = 1000.0
"""The fastest preview ``coach run --speed`` allows."""

SOURCES: Final = ("coach", "watch")
"""Where a session was recorded: played in coach, or read back from a watch workout's laps."""

FOLLOW_UP_FROM: Final = timedelta(hours=12)
"""From this long after a run its legs are rated "the next day": the morning after an
evening run. The next-day question, ``coach log --last`` and experiments all use it."""
FOLLOW_UP_UNTIL: Final = timedelta(hours=72)
"""Muscle soreness peaks 24–72 h after effort: ask the next day, not an hour later."""


def timeline_json(timeline: Timeline) -> str:
    """The snapshot text kept with a session; stable so exports compare byte for byte."""
    return json.dumps(timeline.to_dict(), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False)


def planned_steps(timeline: Timeline) -> int:
    return timeline.step_count


def insert_session(
    conn: sqlite3.Connection, session_id: str, timeline: Timeline, phase: Phase | None,
    started_at: datetime, pid: int | None, host: str | None, speed: float = 1.0,
    source: str = "coach",
) -> None:
    if phase is not None and phase not in PHASES:
        raise ValueError(f"phase must be one of {PHASES} or None, not {phase!r}")
    if not 0 < speed <= MAX_SPEED:
        raise ValueError(f"speed must be above 0 and at most {MAX_SPEED:g}, not {speed!r}")
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}, not {source!r}")
    conn.execute(
        "INSERT INTO sessions (id, routine_id, routine_name, routine_kind, timeline_json,"
        " steps_planned, phase, started_at, status, pid, host, speed, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in progress', ?, ?, ?, ?)",
        (session_id, timeline.routine_id, timeline.routine_name, timeline.routine_kind,
         timeline_json(timeline), planned_steps(timeline), phase, to_iso(started_at), pid,
         host, float(speed), source),
    )


def require_session(conn: sqlite3.Connection, session_id: str) -> None:
    if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone() is None:
        raise NotFoundError(f"no session with id {session_id}")


def insert_step(
    conn: sqlite3.Connection, session_id: str, step: TimelineStep, outcome: str,
    planned_seconds: float, actual_seconds: float, ended_at: datetime,
) -> int:
    outcome = str(getattr(outcome, "value", outcome))
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
    require_session(conn, session_id)
    seq = int(conn.execute(
        "SELECT COALESCE(MAX(seq) + 1, 0) FROM steps WHERE session_id = ?", (session_id,)
    ).fetchone()[0])
    conn.execute(
        "INSERT INTO steps (session_id, seq, position, name, kind, side, switch, round,"
        " rounds, outcome, planned_seconds, actual_seconds, ended_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (session_id, seq, step.index, step.name, step.kind, step.side, int(step.switch),
         step.round, step.rounds, outcome, float(planned_seconds), float(actual_seconds),
         to_iso(ended_at)),
    )
    # A session another process took for dead is alive after all.
    conn.execute(
        "UPDATE sessions SET status = 'in progress', ended_at = NULL, elapsed_seconds = NULL"
        " WHERE id = ? AND status = 'interrupted'", (session_id,),
    )
    return seq


def finish_session(
    conn: sqlite3.Connection, session_id: str, status: str, elapsed_seconds: float,
    ended_at: datetime,
) -> None:
    status = str(getattr(status, "value", status))
    if status not in END_STATUSES:
        raise ValueError(f"status must be one of {END_STATUSES}, not {status!r}")
    cursor = conn.execute(
        "UPDATE sessions SET status = ?, elapsed_seconds = ?, ended_at = ? WHERE id = ?",
        (status, float(elapsed_seconds), to_iso(ended_at), session_id),
    )
    if cursor.rowcount == 0:
        raise NotFoundError(f"no session with id {session_id}")


def interrupt_dead(
    conn: sqlite3.Connection, own_pid: int, own_host: str, alive: Callable[[int], bool],
    now: datetime,
) -> int:
    """Mark unfinished sessions whose writer is gone as interrupted; returns how many."""
    rows = conn.execute(
        "SELECT s.id, s.pid, s.host, COALESCE((SELECT MAX(t.ended_at) FROM steps t"
        " WHERE t.session_id = s.id), s.started_at)"
        " FROM sessions s WHERE s.status = 'in progress'"
    ).fetchall()
    stale = to_iso(now - STALE_AFTER)
    count = 0
    for session_id, pid, host, last in rows:
        if host == own_host and pid == own_pid:
            continue
        local = host is None or host == own_host
        if local and pid is not None and last >= stale and alive(int(pid)):
            continue
        count += conn.execute(
            "UPDATE sessions SET status = 'interrupted',"
            " ended_at = (SELECT COALESCE(MAX(t.ended_at), sessions.started_at) FROM steps t"
            "  WHERE t.session_id = sessions.id),"
            " elapsed_seconds = (SELECT COALESCE(SUM(t.actual_seconds), 0) FROM steps t"
            "  WHERE t.session_id = sessions.id)"
            " WHERE id = ? AND status = 'in progress'", (session_id,),
        ).rowcount
    return count


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    phase: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL conditions on ``sessions`` (``since`` inclusive, ``until`` exclusive)."""
        clauses: list[str] = []
        values: list[Any] = []
        if self.kind is not None:
            clauses.append("routine_kind = ?")
            values.append(self.kind)
        if self.phase is not None:
            clauses.append("phase = ?")
            values.append(self.phase)
        if self.status is not None:
            clauses.append("status = ?")
            values.append(self.status)
        if self.since is not None:
            clauses.append("started_at >= ?")
            values.append(to_iso(self.since))
        if self.until is not None:
            clauses.append("started_at < ?")
            values.append(to_iso(self.until))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", values


_SUMMARY = """
SELECT s.id, s.routine_id, s.routine_name, s.routine_kind, s.phase, s.started_at,
       s.ended_at, s.status, s.elapsed_seconds, s.steps_planned,
       {steps_done},
       a.overall,
       (SELECT n.overall FROM soreness n WHERE n.session_id = s.id AND n.timing = 'next day'
         ORDER BY n.recorded_at DESC, n.id DESC LIMIT 1),
       a.effort, a.run_minutes, s.speed, s.source
FROM {source} s
LEFT JOIN soreness a ON a.id = (
    SELECT x.id FROM soreness x WHERE x.session_id = s.id AND x.timing = 'after'
    ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
ORDER BY s.started_at DESC, s.id DESC
"""


def _summary_sql(source: str) -> str:
    return _SUMMARY.format(source=source, steps_done=steps_done_sql("s"))


def summary_from_row(row: Sequence[Any]) -> SessionSummary:
    return SessionSummary(
        id=row[0], routine_id=row[1], routine_name=row[2], routine_kind=row[3],
        phase=row[4], started_at=from_iso(row[5]),
        ended_at=from_iso(row[6]) if row[6] is not None else None, status=row[7],
        elapsed_seconds=row[8], steps_planned=row[9], steps_done=row[10],
        soreness_after=row[11], soreness_next_day=row[12], effort=row[13],
        run_minutes=row[14], speed=row[15], source=row[16],
    )


def list_summaries(
    conn: sqlite3.Connection, filters: Filters, limit: int | None, offset: int
) -> list[SessionSummary]:
    where, values = filters.where()
    page = (
        f"(SELECT * FROM sessions{where} ORDER BY started_at DESC, id DESC"
        " LIMIT ? OFFSET ?)"
    )
    values += [-1 if limit is None else int(limit), int(offset)]
    rows = conn.execute(_summary_sql(page), values).fetchall()
    return [summary_from_row(row) for row in rows]


def count(conn: sqlite3.Connection, filters: Filters) -> int:
    where, values = filters.where()
    return int(conn.execute(f"SELECT COUNT(*) FROM sessions{where}", values).fetchone()[0])


def summary(conn: sqlite3.Connection, session_id: str) -> SessionSummary:
    source = "(SELECT * FROM sessions WHERE id = ?)"
    row = conn.execute(_summary_sql(source), (session_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no session with id {session_id}")
    return summary_from_row(row)


STEP_COLUMNS: Final = (
    "seq, position, name, kind, side, switch, round, rounds, outcome, planned_seconds,"
    " actual_seconds, ended_at"
)


def steps(conn: sqlite3.Connection, session_id: str) -> tuple[StepRecord, ...]:
    rows = conn.execute(
        f"SELECT {STEP_COLUMNS} FROM steps WHERE session_id = ? ORDER BY seq", (session_id,)
    ).fetchall()
    return tuple(
        StepRecord(
            seq=row[0], position=row[1], name=row[2], kind=row[3], side=row[4],
            switch=bool(row[5]), round=row[6], rounds=row[7], outcome=row[8],
            planned_seconds=row[9], actual_seconds=row[10], ended_at=from_iso(row[11]),
        )
        for row in rows
    )


def extras(
    conn: sqlite3.Connection, session_id: str
) -> tuple[Timeline, int | None, str | None, datetime | None]:
    """Timeline snapshot, writer pid and host, and when the follow-up was dismissed."""
    row = conn.execute(
        "SELECT s.timeline_json, s.pid, s.host, f.dismissed_at FROM sessions s"
        " LEFT JOIN follow_ups f ON f.session_id = s.id WHERE s.id = ?", (session_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no session with id {session_id}")
    timeline = Timeline.from_dict(cast(dict[str, Any], json.loads(row[0])))
    dismissed = from_iso(row[3]) if row[3] is not None else None
    return timeline, row[1], row[2], dismissed


def delete(conn: sqlite3.Connection, session_id: str) -> None:
    """Delete a session; its steps, soreness entries and dismissal go with it (cascade)."""
    if conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount == 0:
        raise NotFoundError(f"no session with id {session_id}")


def pending_follow_up(conn: sqlite3.Connection, now: datetime) -> SessionSummary | None:
    """The newest finished after-run session 12–72 h old, unless its next-day question
    was settled.

    Only after-run sessions are asked about (the legs are asked how they took a run, not a
    warm-up), never previews, and never a routine only opened (stopped or closed before a
    step was done or skipped). Only the newest one is considered: once the runner has
    answered (or waved away) the question about their latest run, older ones are not
    brought up again. A next-day entry given on its own after it also counts as an answer.
    A plain rating logged on its own does not: the answer the question saves is linked to
    the session, which is what "what helps you" compares.
    """
    row = conn.execute(
        "SELECT s.id, s.started_at FROM sessions s WHERE s.started_at >= ?"
        " AND s.started_at <= ? AND s.status <> 'in progress' AND s.phase = 'after'"
        f" AND {counts_sql('s')} AND {went_through_sql('s')}"
        " ORDER BY s.started_at DESC, s.id DESC LIMIT 1",
        (to_iso(now - FOLLOW_UP_UNTIL), to_iso(now - FOLLOW_UP_FROM)),
    ).fetchone()
    if row is None:
        return None
    session_id, started_at = row
    settled = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM follow_ups WHERE session_id = ?)"
        " OR EXISTS (SELECT 1 FROM soreness WHERE timing = 'next day' AND (session_id = ?"
        "  OR (session_id IS NULL AND recorded_at >= ?)))",
        (session_id, session_id, started_at),
    ).fetchone()[0]
    return None if settled else summary(conn, session_id)


def dismiss_follow_up(conn: sqlite3.Connection, session_id: str, now: datetime) -> None:
    require_session(conn, session_id)
    conn.execute(
        "INSERT OR IGNORE INTO follow_ups (session_id, dismissed_at) VALUES (?, ?)",
        (session_id, to_iso(now)),
    )

