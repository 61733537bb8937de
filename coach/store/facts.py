"""What the weekly trends read from the store: sessions, soreness ratings, runs and loads.

SQL picks the rows and does the per-session work (whether any step was done, which entry
holds a run's load) over indexed columns. Bucketing into the runner's days and weeks happens
in Python with an explicit time zone: SQLite only knows UTC and the computer's own zone, and
a week must stay Monday to Sunday across DST changes in Berlin as anywhere else.

A run's load is counted once. An imported run that carries an effort is its own load; a
rating's load (effort and minutes typed after the run) then belongs to that run and is left
out, found through the store's own run links (:func:`coach.record.judgements.run_link`) and,
for a rating given on its own, by its time (:func:`coach.record.load.rates_run`). A run
without an effort leaves the rating's load standing: the runner's word is all there is.
"""

from __future__ import annotations

import math
import sqlite3
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from coach.record.judgements import RUN_LINK_WINDOW, counts_sql, run_link, steps_done_sql
from coach.record.load import RATED_AFTER, rates_run
from coach.record.models import Phase, Timing, from_iso, to_iso


@dataclass(frozen=True)
class SessionFact:
    """One session, reduced to what the weekly trends and streaks look at."""

    started_at: datetime
    """UTC, as stored."""
    phase: Phase | None
    minutes: float = 0.0
    """Time spent in steps, pauses excluded; 0 while a session is still in progress."""
    active: bool = True
    """At least one step was done (not skipped): the session counts for a streak."""


@dataclass(frozen=True)
class SorenessPoint:
    """One soreness rating on the timeline, for the soreness-over-time chart."""

    at: datetime
    timing: Timing
    overall: int


@dataclass(frozen=True)
class LoadPoint:
    """One run's session-RPE load (effort × minutes, Foster et al. 2001), placed at the
    imported run's start, or at the session it was rated with."""

    at: datetime
    load: float


@dataclass(frozen=True)
class RunPoint:
    """One imported run, reduced to what the weekly trends and the spike finder look at."""

    start: datetime
    """UTC, as stored."""
    minutes: float
    """Moving time."""
    distance_m: float | None = None
    descent_m: float | None = None
    effort: float | None = None
    """Borg CR10 session-RPE, 0–10, when the watch or the runner gave one."""

    @property
    def load(self) -> float | None:
        """Session-RPE load, or None without an effort."""
        return None if self.effort is None else self.effort * self.minutes


@dataclass(frozen=True)
class History:
    """Everything the insights need, oldest first; build one by hand in tests."""

    sessions: tuple[SessionFact, ...] = ()
    soreness: tuple[SorenessPoint, ...] = ()
    loads: tuple[LoadPoint, ...] = ()
    runs: tuple[RunPoint, ...] = ()


# Previews (played at another speed) count in nothing: not in streaks, minutes, soreness
# over time or loads.
_SESSIONS: Final = f"""
SELECT s.started_at, s.phase, COALESCE(s.elapsed_seconds, 0), {steps_done_sql('s')} > 0
FROM sessions s WHERE s.started_at >= ? AND {counts_sql('s')}
ORDER BY s.started_at, s.id
"""

_SORENESS: Final = f"""
SELECT e.recorded_at, e.timing, e.overall FROM soreness e
LEFT JOIN sessions s ON s.id = e.session_id
WHERE e.recorded_at >= ? AND (s.id IS NULL OR {counts_sql('s')})
ORDER BY e.recorded_at, e.id
"""

# One load per run: a session's latest "after" entry that has both effort and minutes, or
# any entry given on its own. A load belongs to the run, so it sits at the session's start
# even when the rating was added or edited days later. The session's phase and start (or
# the entry's own time) tell which imported run the entry is about.
_LOADS: Final = f"""
SELECT COALESCE(s.started_at, e.recorded_at) AS at, e.effort * e.run_minutes,
  s.phase, s.speed, s.started_at, e.recorded_at
FROM soreness e LEFT JOIN sessions s ON s.id = e.session_id
WHERE e.effort IS NOT NULL AND e.run_minutes IS NOT NULL AND e.timing <> 'next day'
  AND (e.session_id IS NULL OR e.id = (
      SELECT x.id FROM soreness x WHERE x.session_id = e.session_id AND x.timing = 'after'
         AND x.effort IS NOT NULL AND x.run_minutes IS NOT NULL
      ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1))
  AND COALESCE(s.started_at, e.recorded_at) >= ? AND (s.id IS NULL OR {counts_sql('s')})
ORDER BY at
"""

# Runs that ended from two hours before ``since`` on: a rating read from ``since`` on may
# still be about one of them (a cool-down or a rating up to two hours after its end).
_RUNS: Final = """
SELECT id, start, ended_at, seconds, distance_m, descent_m, effort FROM runs
WHERE ended_at >= ? ORDER BY start, id
"""

_EPOCH: Final = "0000"
"""Sorts before every stored time: "since the beginning"."""


def read(conn: sqlite3.Connection, since: datetime | None = None) -> History:
    """The history from ``since`` (UTC, inclusive) on, in one read transaction's view."""
    start = _EPOCH if since is None else to_iso(since)
    sessions = tuple(
        SessionFact(from_iso(row[0]), row[1], float(row[2]) / 60, bool(row[3]))
        for row in conn.execute(_SESSIONS, (start,))
    )
    soreness = tuple(
        SorenessPoint(from_iso(row[0]), row[1], int(row[2]))
        for row in conn.execute(_SORENESS, (start,))
    )
    reach = _EPOCH if since is None else to_iso(since - RATED_AFTER)
    runs = _Runs([_run(row) for row in conn.execute(_RUNS, (reach,))])
    loads: list[LoadPoint] = []
    for at, load, phase, speed, session_start, recorded_at in conn.execute(_LOADS, (start,)):
        if not runs.owns(phase, speed, session_start, recorded_at):
            loads.append(LoadPoint(from_iso(at), float(load)))
    mine = [run for run in runs.by_start if since is None or run.point.start >= since]
    loads.extend(LoadPoint(run.point.start, run.load) for run in mine if run.load is not None)
    loads.sort(key=lambda point: point.at)  # stable: equal times keep the query's order
    return History(sessions, soreness, tuple(loads), tuple(run.point for run in mine))


@dataclass(frozen=True)
class _Run:
    id: str
    end: datetime
    point: RunPoint

    @property
    def start(self) -> datetime:
        return self.point.start

    @property
    def load(self) -> float | None:
        return self.point.load


def _number(value: object) -> float | None:
    """A stored number, or None for anything else (NULL, text, NaN, infinity)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def _run(row: Sequence[object]) -> _Run:
    minutes = max(0.0, _number(row[3]) or 0.0) / 60
    effort = _number(row[6])
    point = RunPoint(
        start=from_iso(str(row[1])), minutes=minutes, distance_m=_number(row[4]),
        descent_m=_number(row[5]), effort=effort if effort is not None and effort >= 0 else None,
    )
    return _Run(str(row[0]), from_iso(str(row[2])), point)


class _Runs:
    """The imported runs, indexed by start and by end, to find the run a rating is about
    in a few steps each instead of a pass over every run."""

    def __init__(self, runs: Iterable[_Run]) -> None:
        self.by_start = sorted(runs, key=lambda run: (run.start, run.id))
        self.starts = [run.start for run in self.by_start]
        self.by_end = sorted(self.by_start, key=lambda run: (run.end, run.id))
        self.ends = [run.end for run in self.by_end]
        self.by_id = {run.id: run for run in self.by_start}
        self.longest = max((run.end - run.start for run in self.by_start), default=timedelta(0))

    def owns(self, phase: str | None, speed: float | None, session_start: str | None,
             recorded_at: str) -> bool:
        """Whether the rating's load belongs to an imported run that carries its own."""
        if not self.by_start:
            return False
        if session_start is None:
            at = from_iso(recorded_at)
            return any(run.load is not None and rates_run(run.start, run.end, at)
                       for run in self._around(at))
        started = from_iso(session_start)
        link = run_link(phase, speed if speed is not None else 0.0, started,
                        self._linkable(phase, started))
        return link is not None and self.by_id[link[0]].load is not None

    def _around(self, at: datetime) -> list[_Run]:
        """Runs that started at most as long before ``at`` as any run plus two hours lasts."""
        low = bisect_left(self.starts, at - self.longest - RATED_AFTER)
        return self.by_start[low:bisect_right(self.starts, at)]

    def _linkable(self, phase: str | None, started: datetime) -> list[_Run]:
        """The runs within the link window of a session: all :func:`run_link` looks at."""
        if phase == "before":
            low = bisect_left(self.starts, started)
            return self.by_start[low:bisect_right(self.starts, started + RUN_LINK_WINDOW)]
        if phase == "after":
            low = bisect_left(self.ends, started - RUN_LINK_WINDOW)
            return self.by_end[low:bisect_right(self.ends, started)]
        return []

