"""Files of the watched folders seen before, by size and time: unchanged, they are not
read again at the next start."""

from __future__ import annotations

import sqlite3


def watched_unchanged(conn: sqlite3.Connection, path: str, size: int, mtime_ns: int) -> bool:
    row = conn.execute("SELECT size, mtime_ns FROM watched_files WHERE path = ?",
                       (path,)).fetchone()
    return row is not None and tuple(row) == (size, mtime_ns)


def watched_seen(conn: sqlite3.Connection, path: str, size: int, mtime_ns: int) -> None:
    conn.execute(
        "INSERT INTO watched_files (path, size, mtime_ns) VALUES (?, ?, ?) ON CONFLICT (path)"
        " DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns",
        (path, size, mtime_ns),
    )
