"""Runs and shoes in coach's own JSON export, and back in: lossless and idempotent.

Each run is exported with its source keys, so a machine that receives the export and later
imports the same watch file finds the run already there. Importing adds runs whose id (or
any source key) is new and leaves the rest as they are, so importing twice adds nothing.
Every value is checked like the rest of an export (:mod:`coach.store.values`): its place is
named (``runs[3].distance_m``) when it is not what this coach writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

from coach.frozen import Record
from coach.record.models import from_iso, to_iso
from coach.record.plausible import from_the_future, too_fast
from coach.record.runs import MAX_SHOE_LENGTH, SURFACES
from coach.store.runs import COLUMNS, key_state, remember
from coach.store.values import (
    Invalid,
    choice,
    items,
    moment,
    number,
    obj,
    text,
    uuid_text,
    whole,
)

RUN_KEYS: Final = tuple(name.strip() for name in COLUMNS.split(",")) + ("sources",)
SHOE_KEYS: Final = ("name", "retire_km")
MAX_RUNS: Final = 1_000_000
MAX_SHOES: Final = 1_000
"""Far more pairs than a runner wears out in a lifetime."""
MAX_SOURCES: Final = 20
MAX_KEY_LENGTH: Final = 100
KEY_PREFIXES: Final = ("sha256:", "strava:")
"""Source keys coach writes."""


class ParsedRuns(Record):
    """Checked runs and shoes of an export, as rows to insert."""

    runs: tuple[tuple[Any, ...], ...] = ()
    sources: tuple[tuple[str, str], ...] = ()
    """``(key, run id)``."""
    shoes: tuple[tuple[str, float | None], ...] = ()


def runs_to_export(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every run, oldest first, with its source keys (sorted): canonical, so two exports
    of the same history are the same text."""
    keys: dict[str, list[str]] = {}
    for key, run_id in conn.execute(
        "SELECT key, run_id FROM run_sources WHERE run_id IS NOT NULL ORDER BY key"
    ):
        keys.setdefault(run_id, []).append(key)
    out = []
    for row in conn.execute(f"SELECT {COLUMNS} FROM runs ORDER BY start, id"):
        data = dict(zip(RUN_KEYS, row, strict=False))
        data["sources"] = keys.get(row[0], [])
        out.append(data)
    return out


def shoes_to_export(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    return [{"name": name, "retire_km": retire_km}
            for name, retire_km in conn.execute("SELECT name, retire_km FROM shoes ORDER BY name")]


def check_runs(document: dict[str, Any]) -> ParsedRuns:
    """The ``runs`` and ``shoes`` of a parsed export (both optional: older exports have
    neither); raises :class:`Invalid` naming the first wrong place."""
    runs: list[tuple[Any, ...]] = []
    sources: list[tuple[str, str]] = []
    shoes: list[tuple[str, float | None]] = []
    seen: set[str] = set()
    seen_keys: set[str] = set()
    if "runs" in document:
        for n, item in enumerate(items(document, "runs", "", MAX_RUNS)):
            row, keys = _run(item, f"runs[{n}]")
            if row[0] in seen:
                raise Invalid(f"runs[{n}].id: {row[0]} appears twice")
            seen.add(row[0])
            for key in keys:
                if key in seen_keys:
                    raise Invalid(f"runs[{n}].sources: {key} belongs to two runs")
                seen_keys.add(key)
                sources.append((key, row[0]))
            runs.append(row)
    if "shoes" in document:
        names: set[str] = set()
        for n, item in enumerate(items(document, "shoes", "", MAX_SHOES)):
            where = f"shoes[{n}]"
            data = obj(item, where, SHOE_KEYS)
            name = text(data, "name", where, MAX_SHOE_LENGTH, blank=False)
            if name in names:
                raise Invalid(f"{where}.name: {name!r} appears twice; coach writes each shoe once")
            names.add(name)
            shoes.append((name, number(data, "retire_km", where, high=100_000, nullable=True)))
    return ParsedRuns(tuple(runs), tuple(sources), tuple(shoes))


def _run(item: Any, where: str) -> tuple[tuple[Any, ...], list[str]]:
    data = obj(item, where, RUN_KEYS)
    start = moment(data, "start", where)
    end = moment(data, "ended_at", where)
    if end < start:
        raise Invalid(f"{where}.ended_at: before its start")
    seconds = number(data, "seconds", where)
    if not seconds:
        raise Invalid(f"{where}.seconds: must be more than 0")
    row = (
        uuid_text(data, "id", where), start, end, seconds,
        number(data, "elapsed_seconds", where),
        number(data, "distance_m", where, high=1_000_000, nullable=True),
        number(data, "ascent_m", where, high=50_000, nullable=True),
        number(data, "descent_m", where, high=50_000, nullable=True),
        choice(data, "sport", where, ("running",)),
        text(data, "sub_sport", where, 40, nullable=True),
        choice(data, "surface", where, SURFACES, nullable=True),
        number(data, "effort", where, high=10, nullable=True),
        whole(data, "feel", where, 0, 100, nullable=True),
        number(data, "average_hr", where, high=300, nullable=True),
        text(data, "shoe", where, MAX_SHOE_LENGTH, nullable=True, blank=False),
        text(data, "source", where, 20, blank=False),
        moment(data, "imported_at", where), moment(data, "updated_at", where),
    )
    future = from_the_future(from_iso(start), datetime.now(UTC))
    if future is not None:
        raise Invalid(f"{where}.start: the run {future}")
    fast = too_fast(row[5], seconds)
    if fast is not None:
        raise Invalid(f"{where}.distance_m: {fast}")
    keys = items(data, "sources", where, MAX_SOURCES)
    for number_, key in enumerate(keys):
        place = f"{where}.sources[{number_}]"
        if (not isinstance(key, str) or len(key) > MAX_KEY_LENGTH
                or not key.startswith(KEY_PREFIXES) or not key.isascii()
                or not key.isprintable()):
            raise Invalid(f"{place}: expected a source key such as \"sha256:…\" or "
                          "\"strava:…\"")
    return row, list(keys)


def write_runs(conn: sqlite3.Connection, parsed: ParsedRuns, now: datetime
               ) -> tuple[int, int, int]:
    """Add the runs the database lacks (inside the caller's transaction); returns
    ``(added, updated, already there)``. A run already there (by id or a source key) takes
    the runner's corrections (surface, shoe, effort) from the file when the file's run was
    corrected, unless this copy was corrected later; its measurements stay."""
    known = {row[0]: (row[1], row[2])
             for row in conn.execute("SELECT id, imported_at, updated_at FROM runs")}
    by_run: dict[str, list[str]] = {}
    for key, run_id in parsed.sources:
        by_run.setdefault(run_id, []).append(key)
    added = updated = 0
    for row in parsed.runs:
        keys = by_run.get(row[0], [])
        local = row[0] if row[0] in known else _claimed(conn, keys)
        if local is not None:
            if _corrected_later(row, known.get(local)):
                conn.execute(
                    "UPDATE runs SET surface = ?, effort = ?, shoe = ?, updated_at = ?"
                    " WHERE id = ?",
                    (row[_SURFACE], row[_EFFORT], row[_SHOE], row[_UPDATED_AT], local))
                known[local] = (known[local][0], row[_UPDATED_AT])
                updated += 1
            continue
        conn.execute(
            f"INSERT INTO runs ({COLUMNS}, file_hash) VALUES ({', '.join('?' * 18)}, ?)",
            (*row, next((key[7:] for key in keys if key.startswith("sha256:")), None)),
        )
        for key in keys:
            remember(conn, key, "run", now, row[0])
        known[row[0]] = (row[_IMPORTED_AT], row[_UPDATED_AT])
        added += 1
    for name, retire_km in parsed.shoes:
        conn.execute("INSERT OR IGNORE INTO shoes (name, retire_km, added_at) VALUES (?, ?, ?)",
                     (name, retire_km, to_iso(now)))
    return added, updated, len(parsed.runs) - added - updated


_COLUMN_NAMES: Final = tuple(name.strip() for name in COLUMNS.split(","))
_SURFACE, _EFFORT, _SHOE, _IMPORTED_AT, _UPDATED_AT = (
    _COLUMN_NAMES.index(name)
    for name in ("surface", "effort", "shoe", "imported_at", "updated_at"))


def _corrected_later(row: Sequence[Any], local: tuple[str, str] | None) -> bool:
    """Whether the file's run was corrected by its runner (changed after it was imported),
    and more lately than this database's own copy was (if it was corrected at all)."""
    if local is None or not row[_UPDATED_AT] > row[_IMPORTED_AT]:
        return False
    imported_at, updated_at = local
    return updated_at == imported_at or row[_UPDATED_AT] > updated_at


def _claimed(conn: sqlite3.Connection, keys: Sequence[str]) -> str | None:
    """The id of the run one of ``keys`` already belongs to, or None."""
    for key in keys:
        state = key_state(conn, key)
        if state is not None and state[0] == "run" and state[1] is not None:
            return state[1]
    return None

