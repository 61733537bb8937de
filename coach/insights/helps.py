"""What helps this runner: next-day soreness after runs with and without a warm-up or cool-down.

A run is an after-run session (a cool-down or stretch played after running) with a next-day
rating: that is where coach hears how the legs took it. The cool-down counts when its walk
was walked (done or extended), and the warm-up when a before-run session started within
4 hours before the after-run one with at least half its steps done — the same judgements the
advice rules make (:mod:`coach.store.judgements`). SQL judges every run and sums the ratings per
group in one query, so a year of runs costs one pass over indexed rows.

These are one runner's own averages, not an experiment: with a handful of runs in a group a
single bad day moves the mean by a point. Every comparison carries its counts, and below
:data:`MIN_GROUP` runs on either side it says there are too few to tell.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from coach.scales import REGION_KEYS
from coach.store.judgements import cool_down_done_sql, counts_sql, warm_up_before_sql

MIN_GROUP: Final = 3
"""Fewer runs than this on either side and the means are noise."""
SAME: Final = 0.5
"""Means closer than half a point on a 0–10 scale read as "about the same"."""
OVERALL: Final = ""
"""The region key of the overall rating in :class:`Cell`."""

# Runs judged once (MATERIALIZED), then summed per group: overall, and per region rated in
# the next-day entry (a region left out of an entry was not rated, so it is not a 0). The
# judgements are the store's own: the advice and the summary use the same ones.
_CELLS: Final = f"""
WITH runs AS MATERIALIZED (
  SELECT {cool_down_done_sql('s')} AS cool, {warm_up_before_sql('s')} AS warm,
    n.overall AS overall, n.regions_json AS regions
  FROM sessions s JOIN soreness n ON n.id = (
    SELECT x.id FROM soreness x WHERE x.session_id = s.id AND x.timing = 'next day'
    ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1)
  WHERE s.phase = 'after' AND {counts_sql('s')}
)
SELECT '{OVERALL}', cool, warm, COUNT(*), SUM(overall) FROM runs GROUP BY cool, warm
UNION ALL
SELECT r.key, cool, warm, COUNT(*), SUM(r.value) FROM runs, json_each(runs.regions) r
GROUP BY r.key, cool, warm
"""


@dataclass(frozen=True)
class Cell:
    """Runs with one combination of warm-up and cool-down, and their summed rating."""

    region: str
    """A key of :data:`coach.scales.REGION_KEYS`, or :data:`OVERALL`."""
    cool_down: bool
    warm_up: bool
    n: int
    total: int


@dataclass(frozen=True)
class Group:
    n: int
    mean: float | None


@dataclass(frozen=True)
class Comparison:
    """Next-day soreness with a routine part done against without it."""

    done: Group
    missed: Group
    """Skipped, cut short or not there at all."""

    @property
    def enough(self) -> bool:
        return self.done.n >= MIN_GROUP and self.missed.n >= MIN_GROUP

    @property
    def difference(self) -> float | None:
        """How much lower soreness was with it (negative: higher); None without both means."""
        if self.done.mean is None or self.missed.mean is None:
            return None
        return self.missed.mean - self.done.mean


@dataclass(frozen=True)
class Effects:
    """Both comparisons for the overall rating or one region."""

    region: str
    cool_down: Comparison
    warm_up: Comparison


def _group(cells: Iterable[Cell]) -> Group:
    n = total = 0
    for cell in cells:
        n += cell.n
        total += cell.total
    return Group(n, total / n if n else None)


def effects(cells: Iterable[Cell], region: str) -> Effects:
    """Combine the cells of one region into its two comparisons."""
    mine = [cell for cell in cells if cell.region == region]
    return Effects(
        region,
        Comparison(_group(c for c in mine if c.cool_down),
                   _group(c for c in mine if not c.cool_down)),
        Comparison(_group(c for c in mine if c.warm_up),
                   _group(c for c in mine if not c.warm_up)),
    )


def read_cells(conn: sqlite3.Connection) -> list[Cell]:
    return [
        Cell(str(row[0]), bool(row[1]), bool(row[2]), int(row[3]), int(row[4]))
        for row in conn.execute(_CELLS)
    ]


@dataclass(frozen=True)
class WhatHelps:
    runs: int
    """After-run sessions with a next-day rating."""
    overall: Effects
    regions: tuple[Effects, ...]
    """One per region in :data:`coach.scales.REGION_KEYS` order."""


def what_helps(cells: Iterable[Cell]) -> WhatHelps:
    by_region: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_region[cell.region].append(cell)
    overall = effects(by_region[OVERALL], OVERALL)
    return WhatHelps(
        runs=overall.cool_down.done.n + overall.cool_down.missed.n,
        overall=overall,
        regions=tuple(effects(by_region[key], key) for key in REGION_KEYS),
    )


def verdict(comparison: Comparison, part: str) -> str:
    """One plain sentence about a comparison; ``part`` is e.g. "cool-down"."""
    done, missed = comparison.done, comparison.missed
    if not comparison.enough:
        return (
            f"Too few runs to tell yet: {done.n} with the {part}, {missed.n} without "
            f"(at least {MIN_GROUP} of each needed)."
        )
    difference = comparison.difference
    assert difference is not None
    if abs(difference) < SAME:
        return f"About the same with or without the {part} so far."
    direction = "lower" if difference > 0 else "higher"
    return (
        f"Next-day soreness was {abs(difference):.1f} points {direction} after runs "
        f"with the {part}."
    )
