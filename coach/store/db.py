"""Opening coach.db safely: pragmas, schema migrations, backups and readable errors.

Durability: the database runs in WAL mode with ``synchronous=FULL``. Every commit is synced
to disk before it returns, so a recorded step survives a kill -9, a closed terminal and even
a power cut. ``NORMAL`` would survive process crashes only; coach commits once per step (a
few times a minute), so the extra sync costs nothing anyone could notice.

Two coach windows may write at once: each waits up to ``BUSY_TIMEOUT_MS`` for the other's
transaction, and every write transaction starts with ``BEGIN IMMEDIATE`` so a reader that
later wants to write never fails halfway through.

A file coach cannot read is never overwritten, truncated or deleted: it is reported, and
the runner decides what to do with it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Final

from coach.files import kind_of
from coach.record.models import StoreError, utc_now
from coach.text import one_line

BUSY_TIMEOUT_MS: Final = 15000
"""How long a write waits for another coach's. SQLite's waiting is not first come, first
served: a writer committing in a tight loop (an import, say) can keep another waiting for
seconds on a busy machine, so the margin is wide; a real lock-up is still reported."""
MEMORY: Final = ":memory:"

Migration = Callable[[sqlite3.Connection], None]
"""Moves the schema from one version to the next; runs inside the migration transaction."""


def _schema_v1(conn: sqlite3.Connection) -> None:
    """The first schema: sessions, the steps they ended, soreness and follow-up dismissals."""
    statements = (
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY NOT NULL,
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            routine_kind TEXT NOT NULL,
            timeline_json TEXT NOT NULL,
            steps_planned INTEGER NOT NULL,
            phase TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL,
            elapsed_seconds REAL,
            pid INTEGER,
            host TEXT
        )""",
        "CREATE INDEX sessions_by_start ON sessions (started_at, id)",
        "CREATE INDEX sessions_by_kind ON sessions (routine_kind, started_at, id)",
        "CREATE INDEX sessions_in_progress ON sessions (status) WHERE status = 'in progress'",
        """CREATE TABLE steps (
            session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            side TEXT,
            switch INTEGER NOT NULL DEFAULT 0,
            round INTEGER,
            rounds INTEGER,
            outcome TEXT NOT NULL,
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL,
            ended_at TEXT NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID""",
        """CREATE TABLE soreness (
            id TEXT PRIMARY KEY NOT NULL,
            session_id TEXT REFERENCES sessions (id) ON DELETE CASCADE,
            recorded_at TEXT NOT NULL,
            timing TEXT NOT NULL,
            overall INTEGER NOT NULL,
            regions_json TEXT NOT NULL DEFAULT '{}',
            effort INTEGER,
            run_minutes REAL,
            note TEXT NOT NULL DEFAULT '',
            advice_json TEXT,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX soreness_by_session ON soreness (session_id, timing, recorded_at)",
        "CREATE INDEX soreness_by_time ON soreness (recorded_at)",
        """CREATE TABLE follow_ups (
            session_id TEXT PRIMARY KEY NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            dismissed_at TEXT NOT NULL
        )""",
    )
    for statement in statements:
        conn.execute(statement)


def _schema_v2(conn: sqlite3.Connection) -> None:
    """Sessions keep the speed they were played at (a preview at 20x counts in no
    statistic), and soreness entries keep the warning signs the runner reported."""
    conn.execute("ALTER TABLE sessions ADD COLUMN speed REAL NOT NULL DEFAULT 1.0")
    conn.execute("ALTER TABLE soreness ADD COLUMN flags_json TEXT NOT NULL DEFAULT '[]'")


def _schema_v3(conn: sqlite3.Connection) -> None:
    """Runs read from watch files and exports, shoes, and personal experiments; each
    table is defined beside the module that reads and writes it."""
    from coach.store import experiments, runs

    runs.create_tables(conn)
    experiments.create_tables(conn)


def _schema_v4(conn: sqlite3.Connection) -> None:
    """Sessions say where they were recorded: ``coach`` (played here) or ``watch`` (read
    back from the laps of a watch workout)."""
    conn.execute("ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'coach'")


MIGRATIONS: list[Migration] = [_schema_v1, _schema_v2, _schema_v3, _schema_v4]
"""``MIGRATIONS[n]`` takes the schema from version n to n + 1; append, never edit."""


def schema_version() -> int:
    """The schema version this coach writes."""
    return len(MIGRATIONS)


def describe(error: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an SQLite error into one line that says what to do about it."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or "malformed" in text:
        return StoreError(
            f"{path} is damaged or not a coach database ({text}); coach left it untouched: "
            "move it aside to start a new history, or put a backup in its place"
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_CANTOPEN", "SQLITE_AUTH")):
        return StoreError(
            f"cannot write {path} ({text}); make the file and its folder writable, "
            "or set COACH_HOME to another folder"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError(
            f"{path} stayed locked by another program for over {BUSY_TIMEOUT_MS // 1000} s; "
            "close other coach windows and try again"
        )
    if name.startswith("SQLITE_FULL"):
        return StoreError(
            f"the disk holding {path} is full; free some space (what was saved before is safe)"
        )
    if name.startswith("SQLITE_IOERR"):
        return StoreError(f"cannot read or write {path} ({text}); check the disk and its space")
    return StoreError(f"{path}: {text}")


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``; :func:`migrate` must follow."""
    if str(path) != MEMORY:
        path = Path(path)
        _refuse_special(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the data folder {path.parent} ({error.strerror or error}); "
                "make its parent folder writable or set COACH_HOME to another folder"
            ) from error
    try:
        conn = sqlite3.connect(
            str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise describe(error, path) from error
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as error:
        conn.close()
        raise describe(error, path) from error
    return conn


def _refuse_special(path: Path) -> None:
    """A folder, FIFO or device where the database should be is refused: SQLite would
    block on a FIFO and read a device without end."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing (it is created) or unreadable (SQLite's error says which)
    if not stat.S_ISREG(mode):
        raise StoreError(
            f"{path} is {kind_of(mode)}, not a database file; move it aside or set "
            "COACH_HOME to another folder"
        )


def _use_wal(conn: sqlite3.Connection, path: Path | str) -> None:
    """Switch to WAL (a setting kept in the file), once the file is known to be coach's."""
    if str(path) == MEMORY:
        return
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"cannot switch {path} to WAL mode (it stays in {mode} mode)")


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or none of it is."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def user_version(conn: sqlite3.Connection) -> int:
    value = conn.execute("PRAGMA user_version").fetchone()[0]
    return value if isinstance(value, int) else -1


CORE_TABLES: Final = frozenset({"sessions", "steps", "soreness", "follow_ups"})
"""Tables every schema version has: a file with a version but without them is not coach's."""


def migrate(
    conn: sqlite3.Connection, path: Path | str, now: Callable[[], datetime] = utc_now
) -> Path | None:
    """Check the file is coach's, switch it to WAL and bring the schema up to date.

    Returns the backup made before upgrading, if any.

    A database written by a newer coach is refused rather than guessed at, and an existing
    database is copied aside before any change, so a failed or unwanted upgrade loses nothing.
    """
    known = len(MIGRATIONS)
    # One snapshot for both reads: another coach creating the schema at this moment must
    # not be seen half-way (its tables without its version), which would look foreign.
    conn.execute("BEGIN")
    try:
        version = user_version(conn)
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        )}
        anything = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    conn.execute("COMMIT")
    _refuse_unknown(version, known, path)
    if (version == 0 and anything) or (version > 0 and not CORE_TABLES.issubset(tables)):
        raise StoreError(
            f"{path} is an SQLite database but not one of coach's; coach left it "
            "untouched: move it aside or set COACH_HOME to another folder"
        )
    _use_wal(conn, path)
    if version == known:
        return None
    backup = None
    if version > 0:
        _check_intact(conn, path)
    if version > 0 and str(path) != MEMORY:
        backup = make_backup(conn, Path(path), version, now())
    with write(conn):
        version = user_version(conn)
        _refuse_unknown(version, known, path)
        for step in range(version, known):
            MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {step + 1}")
    return backup


def _check_intact(conn: sqlite3.Connection, path: Path | str) -> None:
    """Refuse to upgrade a damaged file: an upgrade would write to it."""
    try:
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.Error as error:
        raise describe(error, path) from error
    if verdict != "ok":
        raise StoreError(
            f"{path} is damaged ({one_line(verdict)}); coach left it untouched: "
            "move it aside to start a new history, or put a backup in its place"
        )


def _refuse_unknown(version: int, known: int, path: Path | str) -> None:
    """A version from a newer coach, or one no coach writes (negative), is not guessed at."""
    if version < 0:
        raise StoreError(
            f"{path} has schema version {version}, which no coach writes; coach left it "
            "untouched: move it aside to start a new history, or put a backup in its place"
        )
    if version > known:
        raise StoreError(
            f"{path} was written by a newer coach (schema {version}, this coach knows "
            f"{known}); upgrade coach or point COACH_HOME elsewhere"
        )


def make_backup(conn: sqlite3.Connection, path: Path, version: int, moment: datetime) -> Path:
    """Copy the live database (WAL included) beside it as ``coach.db.backup-vN-STAMP``."""
    stamp = moment.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.backup-v{version}-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.backup-v{version}-{stamp}-{number}")
    try:
        copy = sqlite3.connect(str(target))
    except sqlite3.Error as error:
        raise describe(error, target) from error
    try:
        conn.backup(copy)
    except sqlite3.Error as error:
        copy.close()
        target.unlink(missing_ok=True)
        raise StoreError(
            f"could not back up {path} to {target} before upgrading it ({error}); "
            "nothing was changed: free some space or make the folder writable"
        ) from error
    finally:
        copy.close()
    return target
