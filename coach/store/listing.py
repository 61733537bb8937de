"""The history list: sessions, runs and soreness entries logged on their own, newest first.

A rating given with ``coach log`` belongs to no session, yet it is part of the runner's
history: it must be found, opened, edited and deleted like a session. So the list is one
query over both, paged in SQL (an index on each side keeps a page of a long history cheap),
and each row is a :class:`HistoryItem` holding one or the other.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from coach.record.models import SessionSummary, SorenessEntry, to_iso
from coach.store import runs, sessions, soreness
from coach.store.runs import StoredRun

LOG_KIND: Final = "log"
"""The history's kind filter for ratings logged on their own."""
RUN_KIND: Final = "run"
"""The history's kind filter for imported runs."""


@dataclass(frozen=True)
class HistoryItem:
    """One row of the history: a session, a run, or a soreness entry logged on its own."""

    session: SessionSummary | None = None
    entry: SorenessEntry | None = None
    run: StoredRun | None = None

    @property
    def id(self) -> str:
        if self.session is not None:
            return self.session.id
        if self.run is not None:
            return self.run.id
        assert self.entry is not None
        return self.entry.id

    @property
    def at(self) -> datetime:
        if self.session is not None:
            return self.session.started_at
        if self.run is not None:
            return self.run.start
        assert self.entry is not None
        return self.entry.recorded_at


def _parts(filters: sessions.Filters) -> tuple[str, list[Any]]:
    """The UNION of the session rows and the standalone entries the filters let through."""
    queries: list[str] = []
    values: list[Any] = []
    if filters.kind not in (LOG_KIND, RUN_KIND):
        where, session_values = filters.where()
        queries.append(f"SELECT 0 AS what, id, started_at AS at FROM sessions{where}")
        values += session_values
    # Ratings logged on their own and runs have no kind, phase or status of a session.
    plain = filters.phase is None and filters.status is None
    for what, kind, table, column, base in ((1, LOG_KIND, "soreness", "recorded_at",
                                             "session_id IS NULL"),
                                            (2, RUN_KIND, "runs", "start", "1")):
        if plain and filters.kind in (None, kind):
            clauses = [base]
            if filters.since is not None:
                clauses.append(f"{column} >= ?")
                values.append(to_iso(filters.since))
            if filters.until is not None:
                clauses.append(f"{column} < ?")
                values.append(to_iso(filters.until))
            queries.append(f"SELECT {what} AS what, id, {column} AS at FROM {table} WHERE "
                           + " AND ".join(clauses))
    if not queries:
        return "SELECT 0 AS what, '' AS id, '' AS at WHERE 0", []
    return " UNION ALL ".join(queries), values


def list_items(conn: sqlite3.Connection, filters: sessions.Filters, limit: int | None,
               offset: int) -> list[HistoryItem]:
    union, values = _parts(filters)
    rows = conn.execute(
        f"SELECT what, id FROM ({union}) ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
        [*values, -1 if limit is None else int(limit), int(offset)],
    ).fetchall()
    items: list[HistoryItem] = []
    for what, item_id in rows:
        if what == 0:
            items.append(HistoryItem(session=sessions.summary(conn, item_id)))
        elif what == 2:
            items.append(HistoryItem(run=runs.get(conn, item_id)))
        else:
            items.append(HistoryItem(entry=soreness.get(conn, item_id)))
    return items


def count_items(conn: sqlite3.Connection, filters: sessions.Filters) -> int:
    union, values = _parts(filters)
    return int(conn.execute(f"SELECT COUNT(*) FROM ({union})", values).fetchone()[0])
