"""The runs "what helps you" compares: each after-run session with its next-day rating,
what was done around it, and — where an imported run is linked to it — the run itself.

A run here is an after-run session (not a preview) with a next-day rating; a session with
several next-day ratings counts its latest. Which parts were done is the store's judgement
(:mod:`coach.record.judgements`), decided in SQL, so these figures agree with the summary, the
history and the advice.

An imported run enters through the store's own link (a cool-down is the after-run session
that started within 2 hours after the run ended); without linked runs every comparison is
unadjusted, and says so.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from coach.record.judgements import (
    cool_down_done_sql,
    cool_down_of_run_sql,
    counts_sql,
    massage_done_sql,
    stretch_done_sql,
    warm_up_before_sql,
)
from coach.record.models import from_iso
from coach.record.scales import REGION_KEYS

PARTS: Final[dict[str, Callable[[str], str]]] = {
    "cool-down": cool_down_done_sql,
    "warm-up": warm_up_before_sql,
    "stretch": stretch_done_sql,
    "massage": massage_done_sql,
}
"""Each routine part a comparison (and an experiment) can be about, with its judgement."""

NEXT_DAY_SQL: Final = (
    "(SELECT x.id FROM soreness x WHERE x.session_id = {s}.id AND x.timing = 'next day'"
    " ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)"
)
"""The next-day entry that counts for a session: its latest."""

_RUNS: Final = f"""
SELECT s.id, s.started_at, {', '.join(judge('s') for judge in PARTS.values())},
  n.overall, n.regions_json
FROM sessions s JOIN soreness n ON n.id = {NEXT_DAY_SQL.format(s='s')}
WHERE s.phase = 'after' AND {counts_sql('s')}
ORDER BY s.started_at, s.id
"""


@dataclass(frozen=True)
class RunFacts:
    """What an imported run says about itself; any of it may be missing."""

    minutes: float | None = None
    distance_km: float | None = None
    effort: float | None = None
    descent_m: float | None = None
    surface: str | None = None
    shoe: str | None = None


@dataclass(frozen=True)
class Observation:
    """One run: what was done around it, and how the legs were the next day."""

    session_id: str
    started_at: datetime
    parts: dict[str, bool]
    """Each key of :data:`PARTS`: done (True) or not."""
    overall: int
    regions: dict[str, int] = field(default_factory=dict)
    """Regions rated in the next-day entry; one left out was not rated (not a 0)."""
    run: RunFacts | None = None


def regions_of(text: str | None) -> dict[str, int]:
    """The ratings of a stored ``regions_json``; anything unexpected is left out."""
    try:
        stored = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(stored, dict):
        return {}
    return {key: value for key, value in stored.items()
            if key in REGION_KEYS and isinstance(value, int) and not isinstance(value, bool)}


def read(conn: sqlite3.Connection) -> list[Observation]:
    """Every run with a next-day rating, oldest first, with its linked run if any."""
    linked = linked_runs(conn)
    count = len(PARTS)
    observations = []
    for row in conn.execute(_RUNS):
        parts = {key: bool(value) for key, value in zip(PARTS, row[2:2 + count], strict=True)}
        observations.append(Observation(
            session_id=row[0], started_at=from_iso(row[1]), parts=parts,
            overall=int(row[2 + count]), regions=regions_of(row[3 + count]),
            run=linked.get(row[0]),
        ))
    return observations


# ---------------------------------------------------------------------- imported runs

# A run's cool-down is the store's judgement (:func:`cool_down_of_run_sql`); the run's own
# effort wins, else the one rated right after the session.
_LINKED: Final = f"""
SELECT s.id, r.seconds / 60.0, r.distance_m / 1000.0,
  COALESCE(r.effort, (SELECT a.effort FROM soreness a WHERE a.session_id = s.id
    AND a.timing = 'after' AND a.effort IS NOT NULL
    ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1)),
  r.descent_m, r.surface, r.shoe
FROM sessions s JOIN runs r ON {cool_down_of_run_sql('s', 'r')}
WHERE s.phase = 'after' AND {counts_sql('s')}
ORDER BY s.started_at, s.id
"""


def linked_runs(conn: sqlite3.Connection) -> dict[str, RunFacts]:
    """The imported run each after-run session cools down from, by session id."""
    found: dict[str, RunFacts] = {}
    for row in conn.execute(_LINKED):
        found.setdefault(str(row[0]), RunFacts(
            minutes=_number(row[1]), distance_km=_number(row[2]), effort=_number(row[3]),
            descent_m=_number(row[4]), surface=_text(row[5]), shoe=_text(row[6]),
        ))
    return found


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return None


def _text(value: object) -> str | None:
    from coach.text import one_line

    if not isinstance(value, str):
        return None
    text = one_line(value).strip()
    return text or None
