"""Kilometres per shoe, from the runs run in it, and the point at which to retire a pair."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from coach.frozen import Record
from coach.record.models import from_iso, to_iso


class ShoeTotal(Record):
    name: str
    runs: int
    km: float
    retire_km: float | None
    last_run: datetime | None

    @property
    def worn_out(self) -> bool:
        return self.retire_km is not None and self.km >= self.retire_km


def shoes(conn: sqlite3.Connection) -> list[ShoeTotal]:
    """Every shoe run in or given a retirement point, most kilometres first."""
    found: dict[str, list[Any]] = {}
    for name, runs, metres, last in conn.execute(
        "SELECT shoe, COUNT(*), COALESCE(SUM(distance_m), 0), MAX(start) FROM runs"
        " WHERE shoe IS NOT NULL GROUP BY shoe"
    ):
        found[name] = [runs, metres / 1000, None, from_iso(last)]
    for name, retire_km in conn.execute("SELECT name, retire_km FROM shoes"):
        found.setdefault(name, [0, 0.0, None, None])[2] = retire_km
    totals = [ShoeTotal(name, *values) for name, values in found.items()]
    return sorted(totals, key=lambda shoe: (-shoe.km, shoe.name))


def set_retirement(conn: sqlite3.Connection, name: str, retire_km: float | None,
                   now: datetime) -> None:
    """Set (or with None, remove) the kilometres at which to retire a pair; a pair with no
    runs and no retirement point left is forgotten."""
    if retire_km is None and not conn.execute(
            "SELECT 1 FROM runs WHERE shoe = ? LIMIT 1", (name,)).fetchone():
        conn.execute("DELETE FROM shoes WHERE name = ?", (name,))
        return
    conn.execute(
        "INSERT INTO shoes (name, retire_km, added_at) VALUES (?, ?, ?) ON CONFLICT (name)"
        " DO UPDATE SET retire_km = excluded.retire_km", (name, retire_km, to_iso(now)),
    )
