"""Runs imported from watch files and exports, and the shoes they were run in.

A run remembers every source it came from as a key (``sha256:…`` of a file's unpacked
bytes, ``strava:…`` of an export row): importing the same file or export again finds its key
and adds nothing, and the same run from a second source (a FIT file and a Strava row) is
found by :func:`coach.record.judgements.same_run` and merged into the first. Keys outlive
what they point at: a file holding a ride keeps ``skipped`` (it is not read again), and a
run the runner deleted keeps ``deleted`` (a watched folder does not bring it back).
Warm-ups and cool-downs are linked by query, never stored, so a run imported days after its
sessions links to them at once.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, Protocol

from coach.frozen import Record
from coach.record.judgements import (
    SAME_RUN_START,
    cool_down_of_run_sql,
    same_run,
    warm_up_of_run_sql,
)
from coach.record.models import NotFoundError, from_iso, to_iso
from coach.record.runs import MAX_SHOE_LENGTH as MAX_SHOE_LENGTH
from coach.record.runs import SURFACES as SURFACES
from coach.record.runs import shoe_name as shoe_name

RUN_NAMESPACE: Final = uuid.UUID("6f0c1c62-3a57-4a8e-9f1b-6b0d0f3a7e21")
"""Run ids are derived from their first source key, so two computers importing the same
file give the run the same id, and merging their exports keeps one."""
FILLABLE: Final = ("distance_m", "ascent_m", "descent_m", "sub_sport", "surface", "effort",
                   "feel", "average_hr", "shoe")
"""What a second source may fill in where the first left nothing."""
MEASURED: Final = ("seconds", "elapsed_seconds", "distance_m", "ascent_m", "descent_m",
                   "average_hr", "feel", "sub_sport")
"""What the watch measured: never changed by the runner (``coach runs set`` changes only
surface, shoe and effort), so a better source of the same run may replace it."""
CORRECTED_AFTER: Final = timedelta(milliseconds=1)
"""The least a correction's time follows its run's import (times are kept to the ms)."""
SOURCE_RANK: Final = {"fit": 3, "tcx": 2, "gpx": 2, "strava": 1}
"""The watch's own file is the record; a track export comes next; a summary row of a
platform's export last. The same run from two sources keeps the best one's measurements,
whichever was imported first."""


def create_tables(conn: sqlite3.Connection) -> None:
    """The runs tables (schema version 3)."""
    conn.execute(
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY NOT NULL,
            start TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            seconds REAL NOT NULL,
            elapsed_seconds REAL NOT NULL,
            distance_m REAL,
            ascent_m REAL,
            descent_m REAL,
            sport TEXT NOT NULL,
            sub_sport TEXT,
            surface TEXT,
            effort REAL,
            feel INTEGER,
            average_hr REAL,
            shoe TEXT,
            source TEXT NOT NULL,
            file_hash TEXT,
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX runs_by_start ON runs (start, id)")
    conn.execute("CREATE INDEX runs_by_end ON runs (ended_at, id)")
    conn.execute("CREATE INDEX runs_by_shoe ON runs (shoe) WHERE shoe IS NOT NULL")
    conn.execute(
        """CREATE TABLE run_sources (
            key TEXT PRIMARY KEY NOT NULL,
            run_id TEXT REFERENCES runs (id) ON DELETE SET NULL,
            state TEXT NOT NULL,
            seen_at TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    conn.execute("CREATE INDEX run_sources_by_run ON run_sources (run_id) WHERE run_id IS NOT NULL")
    conn.execute(
        """CREATE TABLE shoes (
            name TEXT PRIMARY KEY NOT NULL,
            retire_km REAL,
            added_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE watched_files (
            path TEXT PRIMARY KEY NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL
        ) WITHOUT ROWID"""
    )


class RunValues(Protocol):
    """What a reader hands the store (:class:`coach.runs.model.Run` is one)."""

    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    @property
    def seconds(self) -> float: ...
    @property
    def elapsed_seconds(self) -> float: ...
    @property
    def distance_m(self) -> float | None: ...
    @property
    def ascent_m(self) -> float | None: ...
    @property
    def descent_m(self) -> float | None: ...
    @property
    def sport(self) -> str: ...
    @property
    def sub_sport(self) -> str | None: ...
    @property
    def surface(self) -> str | None: ...
    @property
    def effort(self) -> float | None: ...
    @property
    def feel(self) -> int | None: ...
    @property
    def average_hr(self) -> float | None: ...
    @property
    def shoe(self) -> str | None: ...
    @property
    def source(self) -> str: ...


class StoredRun(Record):
    """One run as coach keeps it, with the sessions linked to it."""

    id: str
    start: datetime
    end: datetime
    seconds: float
    """Moving (or timer) time, pauses removed."""
    elapsed_seconds: float
    distance_m: float | None
    ascent_m: float | None
    descent_m: float | None
    sport: str
    sub_sport: str | None
    surface: str | None
    effort: float | None
    feel: int | None
    average_hr: float | None
    shoe: str | None
    source: str
    imported_at: datetime
    updated_at: datetime
    warm_ups: tuple[str, ...] = ()
    """Ids of the before-run sessions linked to it, oldest first."""
    cool_downs: tuple[str, ...] = ()

    @property
    def sessions(self) -> tuple[str, ...]:
        return self.warm_ups + self.cool_downs

    @property
    def minutes(self) -> float:
        return self.seconds / 60


COLUMNS: Final = (
    "id, start, ended_at, seconds, elapsed_seconds, distance_m, ascent_m, descent_m, sport,"
    " sub_sport, surface, effort, feel, average_hr, shoe, source, imported_at, updated_at"
)


def _stored(row: Sequence[Any], links: Mapping[str, tuple[list[str], list[str]]]) -> StoredRun:
    warm, cool = links.get(row[0], ([], []))
    return StoredRun(
        id=row[0], start=from_iso(row[1]), end=from_iso(row[2]), seconds=row[3],
        elapsed_seconds=row[4], distance_m=row[5], ascent_m=row[6], descent_m=row[7],
        sport=row[8], sub_sport=row[9], surface=row[10], effort=row[11], feel=row[12],
        average_hr=row[13], shoe=row[14], source=row[15], imported_at=from_iso(row[16]),
        updated_at=from_iso(row[17]), warm_ups=tuple(warm), cool_downs=tuple(cool),
    )


# ---------------------------------------------------------------------------- sources


def key_state(conn: sqlite3.Connection, key: str) -> tuple[str, str | None] | None:
    """``(state, run id)`` of a source key (``run``, ``skipped:ride``, ``deleted``), or None."""
    row = conn.execute("SELECT state, run_id FROM run_sources WHERE key = ?", (key,)).fetchone()
    return None if row is None else (row[0], row[1])


def remember(conn: sqlite3.Connection, key: str, state: str, now: datetime,
             run_id: str | None = None) -> None:
    conn.execute(
        "INSERT INTO run_sources (key, run_id, state, seen_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, state = excluded.state,"
        " seen_at = excluded.seen_at", (key, run_id, state, to_iso(now)),
    )


def add(conn: sqlite3.Connection, run: RunValues, keys: Sequence[str], now: datetime,
        revive: bool = True) -> tuple[str, str | None]:
    """Store a run read from the sources ``keys``: ``("added", id)``, ``("duplicate", id)``
    when it is already there (keys or same run), or ``("deleted", None)`` when the runner
    deleted it before and ``revive`` is false."""
    states = {key: key_state(conn, key) for key in keys}
    known = [state[1] for state in states.values() if state and state[0] == "run" and state[1]]
    if known:
        return "duplicate", _merge(conn, known[0], run, states, now)
    if not revive and any(state and state[0] == "deleted" for state in states.values()):
        return "deleted", None
    for row in conn.execute(
        "SELECT id, start, seconds, distance_m FROM runs WHERE start BETWEEN ? AND ?",
        (to_iso(run.start - SAME_RUN_START), to_iso(run.start + SAME_RUN_START)),
    ):
        if same_run(from_iso(row[1]), row[2], row[3], run.start, run.seconds, run.distance_m):
            return "duplicate", _merge(conn, row[0], run, states, now)
    run_id = str(uuid.uuid5(RUN_NAMESPACE, keys[0])) if keys else str(uuid.uuid4())
    if conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
        run_id = str(uuid.uuid4())
    file_hash = next((key[7:] for key in keys if key.startswith("sha256:")), None)
    conn.execute(
        f"INSERT INTO runs ({COLUMNS}, file_hash) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (run_id, to_iso(run.start), to_iso(run.end), run.seconds, run.elapsed_seconds,
         run.distance_m, run.ascent_m, run.descent_m, run.sport, run.sub_sport, run.surface,
         run.effort, run.feel, run.average_hr, run.shoe, run.source, to_iso(now), to_iso(now),
         file_hash),
    )
    for key in keys:
        remember(conn, key, "run", now, run_id)
    return "added", run_id


def _merge(conn: sqlite3.Connection, run_id: str, run: RunValues,
           states: Mapping[str, tuple[str, str | None] | None], now: datetime) -> str:
    """Point the new keys at ``run_id`` and fill what it lacks from ``run``; a better source
    (:data:`SOURCE_RANK`) replaces what was measured. A source seen before changes nothing
    (the runner may have cleared a value on purpose)."""
    new = [key for key, state in states.items() if not state or state[1] != run_id]
    if not new:
        return run_id
    for key in new:
        remember(conn, key, "run", now, run_id)
    source, imported_at, updated_at = conn.execute(
        "SELECT source, imported_at, updated_at FROM runs WHERE id = ?", (run_id,)).fetchone()
    if SOURCE_RANK.get(run.source, 0) > SOURCE_RANK.get(source, 0):
        # Never corrected by the runner, the better source's own surface, shoe and effort
        # win too: the same files give the same run whichever came first.
        better = MEASURED + (("surface", "shoe", "effort") if updated_at == imported_at else ())
        measured = ", ".join(f"{name} = COALESCE(?, {name})" for name in better)
        conn.execute(
            f"UPDATE runs SET start = ?, ended_at = ?, source = ?, {measured} WHERE id = ?",
            (to_iso(run.start), to_iso(run.end), run.source,
             *(getattr(run, name) for name in better), run_id),
        )
    sets = ", ".join(f"{name} = COALESCE({name}, ?)" for name in FILLABLE)
    conn.execute(f"UPDATE runs SET {sets} WHERE id = ?",
                 (*(getattr(run, name) for name in FILLABLE), run_id))
    return run_id


# ---------------------------------------------------------------------------- reading


def _links(conn: sqlite3.Connection, run_ids: Sequence[str] | None
           ) -> dict[str, tuple[list[str], list[str]]]:
    """Warm-ups and cool-downs of the given runs (of every run when None), oldest first.

    Runs are the outer loop and sessions are found through their start index, so linking a
    thousand runs against ten thousand sessions is a few milliseconds, not a cross product.
    """
    pairs: list[tuple[str, str, str, int]] = []
    chunks: list[Sequence[str] | None] = (
        [None] if run_ids is None else [run_ids[n:n + 500] for n in range(0, len(run_ids), 500)]
    )
    for chunk in chunks:
        where = "" if chunk is None else f" AND r.id IN ({', '.join('?' * len(chunk))})"
        for index, rule in enumerate((warm_up_of_run_sql("s", "r"),
                                      cool_down_of_run_sql("s", "r"))):
            pairs.extend((run_id, session_id, started, index) for run_id, session_id, started
                         in conn.execute(
                f"SELECT r.id, s.id, s.started_at FROM runs r CROSS JOIN sessions s"
                f" INDEXED BY sessions_by_start WHERE {rule}{where}", tuple(chunk or ()),
            ))
    found: dict[str, tuple[list[str], list[str]]] = {}
    for run_id, session_id, _, index in sorted(pairs, key=lambda pair: (pair[2], pair[1])):
        found.setdefault(run_id, ([], []))[index].append(session_id)
    return found


def list_runs(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0,
              since: datetime | None = None, until: datetime | None = None) -> list[StoredRun]:
    """Runs newest first; ``since`` inclusive, ``until`` exclusive."""
    clauses, values = [], []
    if since is not None:
        clauses.append("start >= ?")
        values.append(to_iso(since))
    if until is not None:
        clauses.append("start < ?")
        values.append(to_iso(until))
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows = conn.execute(f"SELECT {COLUMNS} FROM runs{where} ORDER BY start DESC, id{page}",
                        values).fetchall()
    everything = limit is None and not clauses
    links = _links(conn, None if everything else [row[0] for row in rows])
    return [_stored(row, links) for row in rows]


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0])


def get(conn: sqlite3.Connection, run_id: str) -> StoredRun:
    """The run with this id, or with this unique beginning of one (at least 4 characters)."""
    row = conn.execute(f"SELECT {COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None and len(run_id) >= 4:
        rows = conn.execute(
            f"SELECT {COLUMNS} FROM runs WHERE substr(id, 1, ?) = ? LIMIT 2",
            (len(run_id), run_id.lower()),
        ).fetchall()
        if len(rows) == 1:
            row = rows[0]
        elif rows:
            raise NotFoundError(f'more than one run has an id starting "{run_id}"; give more '
                                "of it")
    if row is None and len(run_id) < 4:
        raise NotFoundError(f'"{run_id}" is too short to find a run by: give at least 4 '
                            "characters of its id (`coach runs list` shows them)")
    if row is None:
        raise NotFoundError(f'no run has the id "{run_id}"; `coach runs list` shows them')
    return _stored(row, _links(conn, [row[0]]))


def for_session(conn: sqlite3.Connection, session_id: str) -> StoredRun | None:
    """The run a session is the warm-up or cool-down of, if any."""
    row = conn.execute(
        f"SELECT {', '.join('r.' + name.strip() for name in COLUMNS.split(','))}"
        f" FROM sessions s JOIN runs r ON ({warm_up_of_run_sql('s', 'r')}"
        f" OR {cool_down_of_run_sql('s', 'r')}) WHERE s.id = ? LIMIT 1", (session_id,),
    ).fetchone()
    return None if row is None else _stored(row, _links(conn, [row[0]]))


def delete(conn: sqlite3.Connection, run_id: str, now: datetime) -> None:
    """Delete a run; its sources stay, marked deleted, so a watched folder leaves it gone."""
    conn.execute("UPDATE run_sources SET state = 'deleted', run_id = NULL, seen_at = ?"
                 " WHERE run_id = ?", (to_iso(now), run_id))
    if conn.execute("DELETE FROM runs WHERE id = ?", (run_id,)).rowcount == 0:
        raise NotFoundError(f'no run has the id "{run_id}"')


EDITABLE: Final = ("surface", "shoe", "effort")


def update(conn: sqlite3.Connection, run_id: str, changes: Mapping[str, Any],
           now: datetime) -> None:
    """Set the runner's corrections (surface, shoe, effort; None clears one)."""
    names = [name for name in EDITABLE if name in changes]
    if not names:
        return
    row = conn.execute("SELECT imported_at FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise NotFoundError(f'no run has the id "{run_id}"')
    # A correction is later than the import, always: that is how a run is known to have
    # been corrected (an export carries it; a better source leaves it alone).
    at = max(now, from_iso(row[0]) + CORRECTED_AFTER)
    sets = ", ".join(f"{name} = ?" for name in names)
    conn.execute(f"UPDATE runs SET {sets}, updated_at = ? WHERE id = ?",
                 (*(changes[name] for name in names), to_iso(at), run_id))
