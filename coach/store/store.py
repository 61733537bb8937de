"""The session history and soreness log, behind one small typed API.

Every write is one transaction, committed before the method returns, so what a screen or
the recorder was told is saved is on disk. SQLite errors come out as :class:`StoreError` with a
sentence the runner can act on. One store may be shared between threads (the UI runs big
queries in workers): a lock keeps their calls from interleaving on the one connection.

Longer than 400 lines on purpose: this is the store's whole public surface, one short method
per operation over the table modules beside it (sessions, soreness, runs, shoes, listing),
so every caller finds every read and write in one place.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, Final

from coach import locations
from coach.record.models import (
    Phase,
    SessionDetail,
    SessionSummary,
    SorenessEntry,
    Timing,
    utc_now,
)
from coach.routine.timeline import Timeline, TimelineStep
from coach.store import db, listing, runs, sessions, shoes, soreness, watched
from coach.store.processes import pid_alive

OPEN_ATTEMPTS: Final = 8
"""Tries at opening a database another coach is creating at the same moment."""

class _Unset(Enum):
    UNSET = 0


UNSET: Final = _Unset.UNSET
"""Marks a field :meth:`Store.update_soreness` should leave as it is."""


class Store:
    """coach.db, open. Use :meth:`open`, and close it (or use it as a context manager)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | str, backup: Path | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self._conn = conn
        self._path = path
        self._lock = threading.RLock()
        self._clock = clock
        self.backup = backup
        """The copy made before this open upgraded the schema, if it did."""
        self.pid = os.getpid()
        self.host = socket.gethostname()
        self.alive: Callable[[int], bool] = pid_alive
        """How :meth:`mark_interrupted` tells whether a writer is still running."""

    @classmethod
    def open(
        cls, path: Path | str | None = None, *, clock: Callable[[], datetime] = utc_now
    ) -> Store:
        """Open coach.db (the data folder's, unless ``path`` says otherwise), creating it
        and its folder if needed and upgrading an older schema after backing it up."""
        target: Path | str = locations.database_file() if path is None else path
        for attempt in range(OPEN_ATTEMPTS):
            conn = db.connect(target)
            try:
                backup = db.migrate(conn, target, clock)
            except sqlite3.OperationalError as error:
                conn.close()
                # Two coach windows creating a new database at the same moment: switching
                # it to WAL can fail at once instead of waiting. The other one wins; retry.
                if "locked" in str(error) and attempt + 1 < OPEN_ATTEMPTS:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise db.describe(error, target) from error
            except sqlite3.Error as error:
                conn.close()
                raise db.describe(error, target) from error
            except BaseException:
                conn.close()
                raise
            return cls(conn, target, backup, clock)
        raise AssertionError("unreachable: the last attempt returns or raises")

    @classmethod
    def memory(cls, *, clock: Callable[[], datetime] = utc_now) -> Store:
        """A throwaway store that never touches the disk."""
        return cls.open(db.MEMORY, clock=clock)

    @property
    def path(self) -> Path | str:
        return self._path

    @property
    def schema_version(self) -> int:
        with self._guard() as conn:
            return db.user_version(conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise db.describe(error, self._path) from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction for bulk work in this package (imports, seeding)."""
        with self._guard() as conn, db.write(conn):
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: several queries see one consistent state of the database,
        even while another coach window writes."""
        with self._guard() as conn:
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.rollback()

    def _now(self, moment: datetime | None) -> datetime:
        return self._clock() if moment is None else moment

    # ------------------------------------------------------------------------ sessions

    def start_session(
        self, timeline: Timeline, phase: Phase | None = None,
        started_at: datetime | None = None, speed: float = 1.0,
    ) -> str:
        """Write the session row as the routine starts; returns its new UUID."""
        session_id = str(uuid.uuid4())
        with self.transaction() as conn:
            sessions.insert_session(
                conn, session_id, timeline, phase, self._now(started_at), self.pid, self.host,
                speed,
            )
        return session_id

    def record_step(
        self, session_id: str, step: TimelineStep, outcome: str, planned_seconds: float,
        actual_seconds: float, ended_at: datetime | None = None,
    ) -> int:
        """Save how one step ended, at once; returns its sequence number in the session."""
        with self.transaction() as conn:
            return sessions.insert_step(
                conn, session_id, step, outcome, planned_seconds, actual_seconds,
                self._now(ended_at),
            )

    def end_session(
        self, session_id: str, status: str, elapsed_seconds: float,
        ended_at: datetime | None = None,
    ) -> None:
        with self.transaction() as conn:
            sessions.finish_session(
                conn, session_id, status, elapsed_seconds, self._now(ended_at)
            )

    def add_watch_session(
        self, session_id: str, timeline: Timeline, phase: Phase | None, started_at: datetime,
        visits: Sequence[tuple[TimelineStep, str, float, float, datetime]], status: str,
        elapsed_seconds: float, ended_at: datetime,
    ) -> bool:
        """Store a session read back from a watch workout's laps, whole, with source
        ``watch``; False (and nothing written) when a session with its id is there already,
        so reading the same file twice adds nothing."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
                return False
            sessions.insert_session(conn, session_id, timeline, phase, started_at, None, None,
                                    source="watch")
            for step, outcome, planned, actual, ended in visits:
                sessions.insert_step(conn, session_id, step, outcome, planned, actual, ended)
            sessions.finish_session(conn, session_id, status, elapsed_seconds, ended_at)
        return True

    def mark_interrupted(self, now: datetime | None = None) -> int:
        """Mark sessions left unfinished by a writer that is gone; returns how many.

        Call it on start-up. Sessions another running coach is still playing are left alone.
        """
        with self.transaction() as conn:
            return sessions.interrupt_dead(
                conn, self.pid, self.host, self.alive, self._now(now)
            )

    def get_session(self, session_id: str) -> SessionDetail:
        with self._guard() as conn:
            summary = sessions.summary(conn, session_id)
            timeline, pid, host, dismissed = sessions.extras(conn, session_id)
            return SessionDetail(
                summary=summary, timeline=timeline, steps=sessions.steps(conn, session_id),
                soreness=soreness.for_session(conn, session_id), pid=pid, host=host,
                follow_up_dismissed_at=dismissed,
            )

    def list_sessions(
        self, limit: int | None = 50, offset: int = 0, *, kind: str | None = None,
        phase: str | None = None, status: str | None = None, since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[SessionSummary]:
        """Newest first; ``since`` inclusive, ``until`` exclusive; ``limit=None`` for all."""
        filters = sessions.Filters(kind, phase, status, since, until)
        with self._guard() as conn:
            return sessions.list_summaries(conn, filters, limit, offset)

    def list_history(
        self, limit: int | None = 50, offset: int = 0, *, kind: str | None = None,
        since: datetime | None = None, until: datetime | None = None,
    ) -> list[listing.HistoryItem]:
        """Sessions and ratings logged on their own, newest first (``kind="log"`` for
        the ratings only)."""
        filters = sessions.Filters(kind, None, None, since, until)
        with self._guard() as conn:
            return listing.list_items(conn, filters, limit, offset)

    def count_history(
        self, *, kind: str | None = None, since: datetime | None = None,
        until: datetime | None = None,
    ) -> int:
        with self._guard() as conn:
            return listing.count_items(conn, sessions.Filters(kind, None, None, since, until))

    def count_sessions(
        self, *, kind: str | None = None, phase: str | None = None,
        status: str | None = None, since: datetime | None = None,
        until: datetime | None = None,
    ) -> int:
        with self._guard() as conn:
            return sessions.count(conn, sessions.Filters(kind, phase, status, since, until))

    def delete_session(self, session_id: str) -> None:
        """Delete a session with its steps, soreness entries and follow-up dismissal."""
        with self.transaction() as conn:
            sessions.delete(conn, session_id)

    def pending_follow_up(self, now: datetime | None = None) -> SessionSummary | None:
        """The session to ask "how do your legs feel today?" about, if any."""
        with self._guard() as conn:
            return sessions.pending_follow_up(conn, self._now(now))

    def dismiss_follow_up(self, session_id: str, now: datetime | None = None) -> None:
        """Remember the runner waved the next-day question away, so it is asked only once."""
        with self.transaction() as conn:
            sessions.dismiss_follow_up(conn, session_id, self._now(now))

    # ------------------------------------------------------------------------ soreness

    def add_soreness(
        self, overall: int, *, timing: Timing = "standalone", session_id: str | None = None,
        regions: Mapping[str, int] | None = None, effort: int | None = None,
        run_minutes: float | None = None, note: str = "", advice: Sequence[str] | None = None,
        recorded_at: datetime | None = None, flags: Sequence[str] = (),
    ) -> str:
        """Save a soreness entry; returns its new UUID. Ratings out of range: ValueError."""
        moment = self._now(recorded_at)
        entry = SorenessEntry(
            id=str(uuid.uuid4()), session_id=session_id, recorded_at=moment,
            timing=timing,
            overall=overall, regions=dict(regions or {}), effort=effort,
            run_minutes=run_minutes, note=note,
            advice=tuple(advice) if advice is not None else None, updated_at=moment,
            flags=tuple(flags),
        )
        with self.transaction() as conn:
            soreness.insert(conn, entry)
        return entry.id

    def update_soreness(
        self, entry_id: str, *, overall: int | _Unset = UNSET,
        regions: Mapping[str, int] | _Unset = UNSET, effort: int | None | _Unset = UNSET,
        run_minutes: float | None | _Unset = UNSET, note: str | _Unset = UNSET,
        advice: Sequence[str] | None | _Unset = UNSET, updated_at: datetime | None = None,
        flags: Sequence[str] | _Unset = UNSET,
    ) -> SorenessEntry:
        """Change the given fields of an entry (the rest stay); returns the saved entry."""
        changes: dict[str, Any] = {}
        if not isinstance(overall, _Unset):
            changes["overall"] = overall
        if not isinstance(regions, _Unset):
            changes["regions"] = dict(regions)
        if not isinstance(effort, _Unset):
            changes["effort"] = effort
        if not isinstance(run_minutes, _Unset):
            changes["run_minutes"] = run_minutes
        if not isinstance(note, _Unset):
            changes["note"] = note
        if not isinstance(advice, _Unset):
            changes["advice"] = tuple(advice) if advice is not None else None
        if not isinstance(flags, _Unset):
            changes["flags"] = tuple(flags)
        with self.transaction() as conn:
            entry = replace(
                soreness.get(conn, entry_id), updated_at=self._now(updated_at), **changes
            )
            soreness.replace(conn, entry)
        return entry

    def get_soreness(self, entry_id: str) -> SorenessEntry:
        with self._guard() as conn:
            return soreness.get(conn, entry_id)

    def delete_soreness(self, entry_id: str) -> None:
        with self.transaction() as conn:
            soreness.delete(conn, entry_id)

    def soreness_history(
        self, since: datetime | None = None, until: datetime | None = None,
        timing: str | None = None,
    ) -> list[SorenessEntry]:
        """Entries oldest first, for trends and advice; ``until`` is exclusive."""
        with self._guard() as conn:
            return soreness.history(conn, since, until, timing)

    # ------------------------------------------------------------------------ runs
    # Runs imported from watch files and exports (queries in coach.store.runs).

    def run_source(self, key: str) -> tuple[str, str | None] | None:
        """What a source key was last time, ``(state, run id)``, or None if never seen."""
        with self._guard() as conn:
            return runs.key_state(conn, key)

    def add_run(
        self, run: runs.RunValues, keys: Sequence[str], *, revive: bool = True,
        now: datetime | None = None,
    ) -> tuple[str, str | None]:
        """Store an imported run (a :class:`coach.runs.model.Run`) under its source keys:
        ``("added", id)``, ``("duplicate", id)`` or ``("deleted", None)``."""
        with self.transaction() as conn:
            return runs.add(conn, run, keys, self._now(now), revive)

    def skip_source(self, key: str, what: str, now: datetime | None = None) -> None:
        """Remember that a source holds no run (``what``: ride, swim, …): not read again."""
        with self.transaction() as conn:
            runs.remember(conn, key, f"skipped:{what}", self._now(now))

    def list_runs(
        self, limit: int | None = None, offset: int = 0, *, since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[runs.StoredRun]:
        """Runs newest first, with their linked sessions."""
        with self.snapshot() as conn:
            return runs.list_runs(conn, limit, offset, since, until)

    def count_runs(self) -> int:
        with self._guard() as conn:
            return runs.count(conn)

    def has_experiments(self) -> bool:
        """Whether an experiment was ever started: without one, screens need not load the
        experiment's rules at all."""
        with self._guard() as conn:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM experiments)").fetchone()[0])

    def get_run(self, run_id: str) -> runs.StoredRun:
        """One run by id (or a unique start of one); NotFoundError otherwise."""
        with self.snapshot() as conn:
            return runs.get(conn, run_id)

    def run_for_session(self, session_id: str) -> runs.StoredRun | None:
        """The run this session warmed up for or cooled down from, or None: its minutes
        (``seconds / 60``) and effort pre-fill the soreness form."""
        with self.snapshot() as conn:
            return runs.for_session(conn, session_id)

    def delete_run(self, run_id: str, now: datetime | None = None) -> None:
        with self.transaction() as conn:
            runs.delete(conn, run_id, self._now(now))

    def update_run(
        self, run_id: str, *, surface: str | None | _Unset = UNSET,
        shoe: str | None | _Unset = UNSET, effort: float | None | _Unset = UNSET,
        now: datetime | None = None,
    ) -> runs.StoredRun:
        """Correct a run's surface, shoe or effort (None clears one); returns the run.
        A surface outside ``runs.SURFACES`` or an effort outside 0–10: ValueError."""
        changes: dict[str, Any] = {}
        if not isinstance(surface, _Unset):
            if surface is not None and surface not in runs.SURFACES:
                raise ValueError(f"surface must be one of {', '.join(runs.SURFACES)}")
            changes["surface"] = surface
        if not isinstance(shoe, _Unset):
            changes["shoe"] = runs.shoe_name(shoe)
        if not isinstance(effort, _Unset):
            if effort is not None and not 0 <= effort <= 10:
                raise ValueError("effort must be from 0 to 10")
            changes["effort"] = effort
        with self.transaction() as conn:
            runs.update(conn, run_id, changes, self._now(now))
            return runs.get(conn, run_id)

    def shoes(self) -> list[shoes.ShoeTotal]:
        """Kilometres per shoe, most worn first."""
        with self.snapshot() as conn:
            return shoes.shoes(conn)

    def set_shoe_retirement(
        self, name: str, retire_km: float | None, now: datetime | None = None
    ) -> None:
        """The kilometres at which a shoe should be retired (None: no point set)."""
        shoe = runs.shoe_name(name)
        if shoe is None:
            raise ValueError("a shoe needs a name")
        with self.transaction() as conn:
            shoes.set_retirement(conn, shoe, retire_km, self._now(now))

    def watched_unchanged(self, path: str, size: int, mtime_ns: int) -> bool:
        """Whether a watched folder's file is as it was when last imported."""
        with self._guard() as conn:
            return watched.watched_unchanged(conn, path, size, mtime_ns)

    def watched_seen(self, path: str, size: int, mtime_ns: int) -> None:
        with self.transaction() as conn:
            watched.watched_seen(conn, path, size, mtime_ns)
