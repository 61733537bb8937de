"""Soreness entries: overall and per-region ratings, run effort, warning signs, a note and
the tips shown.

Values are checked here, before SQL, so a bad rating from a screen or an import is refused
with a sentence instead of landing in the history where insights would trip over it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Final

from coach.record.models import (
    MAX_RUN_MINUTES,
    TIMINGS,
    NotFoundError,
    SorenessEntry,
    from_iso,
    to_iso,
)
from coach.record.scales import REGION_KEYS, SORENESS_MAX, WARNING_SIGN_KEYS
from coach.store.sessions import require_session

COLUMNS: Final = (
    "id, session_id, recorded_at, timing, overall, regions_json, effort, run_minutes, note,"
    " advice_json, updated_at"
)
"""The columns every schema has (bulk seeding writes these; ``flags_json`` then has its
default), in :func:`entry_values` order."""
ALL_COLUMNS: Final = COLUMNS + ", flags_json"
"""Every column, in :func:`row_values` order: what this module reads and writes."""
_PLACEHOLDERS: Final = ", ".join("?" * len(ALL_COLUMNS.split(",")))


def check_rating(value: object, what: str, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SORENESS_MAX:
        raise ValueError(f"{what} must be a whole number from 0 to {SORENESS_MAX}, not {value!r}")
    return value


def check_entry(entry: SorenessEntry) -> None:
    """Raise ValueError naming the first field that is out of range."""
    if entry.timing not in TIMINGS:
        raise ValueError(f"timing must be one of {TIMINGS}, not {entry.timing!r}")
    check_rating(entry.overall, "overall soreness")
    if not isinstance(entry.regions, Mapping):
        raise ValueError(f"regions must map region keys to ratings, not {entry.regions!r}")
    for key, value in entry.regions.items():
        if key not in REGION_KEYS:
            raise ValueError(f"unknown region {key!r}; known: {', '.join(REGION_KEYS)}")
        check_rating(value, f"soreness of {key}")
    check_rating(entry.effort, "effort", optional=True)
    minutes = entry.run_minutes
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int | float)
        or not math.isfinite(minutes) or not 0 <= minutes <= MAX_RUN_MINUTES
    ):
        raise ValueError(f"run minutes must be from 0 to {MAX_RUN_MINUTES}, not {minutes!r}")
    if not isinstance(entry.note, str):
        raise ValueError(f"note must be text, not {entry.note!r}")
    if entry.advice is not None and not all(isinstance(tip, str) for tip in entry.advice):
        raise ValueError(f"advice must be a list of texts, not {entry.advice!r}")
    check_flags(entry.flags)


def check_flags(flags: object) -> None:
    """Only warning-sign names coach knows, each once: an unknown name would be a sign
    nobody acts on."""
    if isinstance(flags, str) or not isinstance(flags, Sequence):
        raise ValueError(f"flags must be a list of warning-sign names, not {flags!r}")
    for flag in flags:
        if flag not in WARNING_SIGN_KEYS:
            raise ValueError(
                f"unknown warning sign {flag!r}; known: {', '.join(WARNING_SIGN_KEYS)}"
            )
    if len(set(flags)) != len(flags):
        raise ValueError(f"flags must name each warning sign once, not {list(flags)!r}")


def regions_json(regions: Mapping[str, int]) -> str:
    return json.dumps(dict(regions), sort_keys=True, separators=(",", ":"))


def advice_json(advice: Sequence[str] | None) -> str | None:
    if advice is None:
        return None
    return json.dumps(list(advice), separators=(",", ":"), ensure_ascii=False)


def flags_json(flags: Sequence[str]) -> str:
    """Warning signs in the order coach lists them, so equal sets are equal text."""
    return json.dumps([key for key in WARNING_SIGN_KEYS if key in flags], separators=(",", ":"))


def read_flags(text: str) -> tuple[str, ...]:
    """The warning signs stored in a row; anything but known names (a hand-edited row) is
    left out rather than breaking every screen that lists the entry."""
    try:
        stored = json.loads(text)
    except (TypeError, ValueError):
        return ()
    if not isinstance(stored, list):
        return ()
    return tuple(key for key in WARNING_SIGN_KEYS if key in stored)


def entry_values(entry: SorenessEntry) -> tuple[Any, ...]:
    """Values in :data:`COLUMNS` order."""
    updated = entry.updated_at if entry.updated_at is not None else entry.recorded_at
    minutes = float(entry.run_minutes) if entry.run_minutes is not None else None
    return (
        entry.id, entry.session_id, to_iso(entry.recorded_at), entry.timing, entry.overall,
        regions_json(entry.regions), entry.effort, minutes, entry.note,
        advice_json(entry.advice), to_iso(updated),
    )


def row_values(entry: SorenessEntry) -> tuple[Any, ...]:
    """Values in :data:`ALL_COLUMNS` order."""
    return (*entry_values(entry), flags_json(entry.flags))


def insert(conn: sqlite3.Connection, entry: SorenessEntry) -> None:
    """Check and add a new entry; its session, if it names one, must exist."""
    check_entry(entry)
    if entry.session_id is not None:
        require_session(conn, entry.session_id)
    conn.execute(
        f"INSERT INTO soreness ({ALL_COLUMNS}) VALUES ({_PLACEHOLDERS})", row_values(entry)
    )


def replace(conn: sqlite3.Connection, entry: SorenessEntry) -> None:
    check_entry(entry)
    values = row_values(entry)
    cursor = conn.execute(
        "UPDATE soreness SET session_id = ?, recorded_at = ?, timing = ?, overall = ?,"
        " regions_json = ?, effort = ?, run_minutes = ?, note = ?, advice_json = ?,"
        " updated_at = ?, flags_json = ? WHERE id = ?",
        (*values[1:], values[0]),
    )
    if cursor.rowcount == 0:
        raise NotFoundError(f"no soreness entry with id {entry.id}")


def entry_from_row(row: Sequence[Any]) -> SorenessEntry:
    advice = json.loads(row[9]) if row[9] is not None else None
    return SorenessEntry(
        id=row[0], session_id=row[1], recorded_at=from_iso(row[2]), timing=row[3],
        overall=row[4], regions=json.loads(row[5]), effort=row[6], run_minutes=row[7],
        note=row[8], advice=tuple(advice) if advice is not None else None,
        updated_at=from_iso(row[10]), flags=read_flags(row[11]),
    )


def get(conn: sqlite3.Connection, entry_id: str) -> SorenessEntry:
    row = conn.execute(
        f"SELECT {ALL_COLUMNS} FROM soreness WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no soreness entry with id {entry_id}")
    return entry_from_row(row)


def for_session(conn: sqlite3.Connection, session_id: str) -> tuple[SorenessEntry, ...]:
    rows = conn.execute(
        f"SELECT {ALL_COLUMNS} FROM soreness WHERE session_id = ? ORDER BY recorded_at, id",
        (session_id,),
    ).fetchall()
    return tuple(entry_from_row(row) for row in rows)


def history(
    conn: sqlite3.Connection, since: datetime | None, until: datetime | None,
    timing: str | None,
) -> list[SorenessEntry]:
    clauses: list[str] = []
    values: list[Any] = []
    if since is not None:
        clauses.append("recorded_at >= ?")
        values.append(to_iso(since))
    if until is not None:
        clauses.append("recorded_at < ?")
        values.append(to_iso(until))
    if timing is not None:
        clauses.append("timing = ?")
        values.append(timing)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        f"SELECT {ALL_COLUMNS} FROM soreness{where} ORDER BY recorded_at, id", values
    ).fetchall()
    return [entry_from_row(row) for row in rows]


def delete(conn: sqlite3.Connection, entry_id: str) -> None:
    if conn.execute("DELETE FROM soreness WHERE id = ?", (entry_id,)).rowcount == 0:
        raise NotFoundError(f"no soreness entry with id {entry_id}")
