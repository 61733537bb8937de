"""Personal experiments: a factor, its seeded balanced schedule, and the runs that took it.

The schedule is made of permuted blocks of randomly varying size, two or four: each block
holds as many "with" as "without" in a random order, so both sides stay nearly equal and
the runs stay balanced over time, yet a runner who knows the rule cannot tell the next
assignment from the last ones (with blocks of two only, every second run would be known).
Only the assignment of the run at hand is ever shown. It is drawn from a seed stored with
the experiment, and
:func:`schedule` gives the same list from the same seed on any machine (``getrandbits``
is the one part of :mod:`random` whose output Python keeps stable); the list is stored too,
and the stored list is the one followed.

One experiment is active at a time; the database enforces it (a unique partial index), so
two coach windows starting one each cannot both succeed.

Each run the experiment sees is a row of ``experiment_days`` in the order they happened:
one that took the next assignment (its ``slot`` in the schedule), or one skipped for safety
(``slot`` NULL, with the reason). Rows are written by :mod:`coach.insights.experiment`,
which owns the rule for when a run counts.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

from coach.record.models import StoreError, from_iso, to_iso
from coach.text import one_line

Factor = Literal["cool-down", "warm-up", "stretch", "massage"]
FACTORS: Final[tuple[Factor, ...]] = ("cool-down", "warm-up", "stretch", "massage")
Arm = Literal["with", "without"]
ARMS: Final[tuple[Arm, ...]] = ("with", "without")
ExperimentStatus = Literal["active", "completed", "stopped"]
STATUSES: Final[tuple[ExperimentStatus, ...]] = ("active", "completed", "stopped")
BLOCKS: Final = (2, 4)
"""Block sizes, drawn at random for each block (a four only where four runs are left)."""
DEFAULT_RUNS: Final = 12
MIN_RUNS: Final = 6
"""Three runs a side: the fewest that give an interval."""
MAX_RUNS: Final = 100


class ExperimentError(StoreError):
    """An experiment cannot be started or changed; the message says what to do."""


class DamagedError(StoreError):
    """A stored experiment is not one coach could have written (a hand-edited file)."""


def create_tables(conn: sqlite3.Connection) -> None:
    """The experiments tables (schema version 3)."""
    conn.execute(
        """CREATE TABLE experiments (
            id TEXT PRIMARY KEY NOT NULL,
            factor TEXT NOT NULL,
            planned INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            schedule_json TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL
        )"""
    )
    conn.execute(
        "CREATE UNIQUE INDEX one_active_experiment ON experiments (status)"
        " WHERE status = 'active'"
    )
    conn.execute("CREATE INDEX experiments_by_start ON experiments (started_at, id)")
    conn.execute(
        """CREATE TABLE experiment_days (
            experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            slot INTEGER,
            anchor_at TEXT NOT NULL,
            session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
            entry_id TEXT REFERENCES soreness (id) ON DELETE SET NULL,
            skipped_reason TEXT,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (experiment_id, seq)
        ) WITHOUT ROWID"""
    )


def schedule(seed: int, planned: int) -> tuple[Arm, ...]:
    """The balanced schedule of ``planned`` runs (even) drawn from ``seed``: blocks of two
    or four, each half "with", shuffled by bits of the seeded generator alone."""
    rng = random.Random(seed)
    arms: list[Arm] = []
    while len(arms) < planned:
        size = 4 if planned - len(arms) >= 4 and rng.getrandbits(1) else 2
        block: list[Arm] = []
        for arm in ARMS:
            block += [arm] * (size // 2)
        for index in range(size - 1, 0, -1):  # Fisher-Yates on getrandbits: stable
            other = _below(rng, index + 1)
            block[index], block[other] = block[other], block[index]
        arms += block
    return tuple(arms)


def _below(rng: random.Random, count: int) -> int:
    """A uniform whole number below ``count`` (≤ 4) from ``getrandbits`` only, by rejection."""
    while True:
        value = rng.getrandbits(2)
        if value < count:
            return value


def new_seed() -> int:
    import secrets

    return secrets.randbits(31)


@dataclass(frozen=True)
class Experiment:
    id: str
    factor: Factor
    planned: int
    seed: int
    schedule: tuple[Arm, ...]
    started_at: datetime
    ended_at: datetime | None
    status: ExperimentStatus


@dataclass(frozen=True)
class Day:
    """One run during an experiment."""

    seq: int
    slot: int | None
    """Its place in the schedule (0-based); None for a run skipped for safety."""
    anchor_at: datetime
    """When the run's first record was made: its after-run session's start, or the rating
    logged on its own with the run's effort or minutes."""
    session_id: str | None
    entry_id: str | None
    skipped_reason: str | None
    recorded_at: datetime


_EXPERIMENT: Final = (
    "SELECT id, factor, planned, seed, schedule_json, started_at, ended_at, status"
    " FROM experiments"
)


def _experiment(row: Any) -> Experiment:
    """A stored experiment; a row coach could not have written is a :class:`DamagedError`."""
    try:
        stored = json.loads(row[4])
        arms = tuple(arm for arm in stored if arm in ARMS) if isinstance(stored, list) else ()
        factor, status = row[1], row[7]
        if factor not in FACTORS or len(arms) != row[2] or status not in STATUSES:
            raise ValueError("not a schedule coach writes")
        return Experiment(
            id=str(row[0]), factor=factor, planned=int(row[2]), seed=int(row[3]),
            schedule=arms, started_at=from_iso(row[5]),
            ended_at=None if row[6] is None else from_iso(row[6]), status=status,
        )
    except (TypeError, ValueError) as error:
        raise DamagedError(
            f"experiment {one_line(str(row[0]))[:40]} in the database is damaged ({error}); "
            "stop it with `coach experiment stop` and start another"
        ) from None


def insert(conn: sqlite3.Connection, factor: Factor, planned: int, seed: int,
           now: datetime) -> Experiment:
    """Start an experiment; :class:`ExperimentError` while another is active."""
    running = active(conn)
    if running is not None:
        raise ExperimentError(
            f"an experiment on the {running.factor} is already running; one at a time "
            "(stop it first with `coach experiment stop`)"
        )
    experiment = Experiment(
        id=str(uuid.uuid4()), factor=factor, planned=planned, seed=seed,
        schedule=schedule(seed, planned), started_at=now, ended_at=None, status="active",
    )
    try:
        conn.execute(
            "INSERT INTO experiments (id, factor, planned, seed, schedule_json, started_at,"
            " ended_at, status) VALUES (?, ?, ?, ?, ?, ?, NULL, 'active')",
            (experiment.id, factor, planned, seed, json.dumps(list(experiment.schedule)),
             to_iso(now)),
        )
    except sqlite3.IntegrityError as error:  # another coach window started one just now
        raise ExperimentError(
            "another experiment was started at the same moment; one at a time "
            "(see it with `coach experiment status`)"
        ) from error
    return experiment


def active(conn: sqlite3.Connection) -> Experiment | None:
    row = conn.execute(_EXPERIMENT + " WHERE status = 'active'").fetchone()
    return None if row is None else _experiment(row)


def latest(conn: sqlite3.Connection) -> Experiment | None:
    """The active experiment, else the one started last."""
    row = conn.execute(
        _EXPERIMENT + " ORDER BY status = 'active' DESC, started_at DESC, id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _experiment(row)


def every(conn: sqlite3.Connection) -> list[Experiment]:
    """Every intact experiment, oldest first (a damaged one is left out)."""
    found = []
    for row in conn.execute(_EXPERIMENT + " ORDER BY started_at, id"):
        try:
            found.append(_experiment(row))
        except DamagedError:
            continue
    return found


def end(conn: sqlite3.Connection, experiment_id: str, status: ExperimentStatus,
        now: datetime) -> None:
    conn.execute(
        "UPDATE experiments SET status = ?, ended_at = ? WHERE id = ?",
        (status, to_iso(now), experiment_id),
    )


def end_active(conn: sqlite3.Connection, now: datetime) -> bool:
    """Stop whatever is active, even a damaged row; whether there was one."""
    cursor = conn.execute(
        "UPDATE experiments SET status = 'stopped', ended_at = ? WHERE status = 'active'",
        (to_iso(now),),
    )
    return cursor.rowcount > 0


def days(conn: sqlite3.Connection, experiment: Experiment) -> list[Day]:
    """The runs recorded for an experiment, in order; a slot outside its schedule (a
    hand-edited row) is a :class:`DamagedError`."""
    found = []
    for row in conn.execute(
        "SELECT seq, slot, anchor_at, session_id, entry_id, skipped_reason, recorded_at"
        " FROM experiment_days WHERE experiment_id = ? ORDER BY seq", (experiment.id,)
    ):
        try:
            slot = None if row[1] is None else int(row[1])
            if slot is not None and not 0 <= slot < experiment.planned:
                raise ValueError(f"run {slot + 1} is not in the schedule")
            found.append(Day(
                seq=int(row[0]), slot=slot, anchor_at=from_iso(row[2]), session_id=row[3],
                entry_id=row[4], skipped_reason=None if row[5] is None else str(row[5]),
                recorded_at=from_iso(row[6]),
            ))
        except (TypeError, ValueError) as error:
            raise DamagedError(
                f"a run of the {experiment.factor} experiment in the database is damaged "
                f"({error}); stop it with `coach experiment stop` and start another"
            ) from None
    return found


def took_run_between(conn: sqlite3.Connection, after: datetime, until: datetime) -> bool:
    """Whether any experiment has a run anchored in (``after``, ``until``] that took an
    assignment."""
    return bool(conn.execute(
        "SELECT EXISTS (SELECT 1 FROM experiment_days WHERE slot IS NOT NULL"
        " AND anchor_at > ? AND anchor_at <= ?)", (to_iso(after), to_iso(until)),
    ).fetchone()[0])


def add_day(conn: sqlite3.Connection, experiment_id: str, day: Day) -> None:
    conn.execute(
        "INSERT INTO experiment_days (experiment_id, seq, slot, anchor_at, session_id,"
        " entry_id, skipped_reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (experiment_id, day.seq, day.slot, to_iso(day.anchor_at), day.session_id,
         day.entry_id, day.skipped_reason, to_iso(day.recorded_at)),
    )


def update_day(conn: sqlite3.Connection, experiment_id: str, seq: int, slot: int | None,
               skipped_reason: str | None) -> None:
    conn.execute(
        "UPDATE experiment_days SET slot = ?, skipped_reason = ?"
        " WHERE experiment_id = ? AND seq = ?", (slot, skipped_reason, experiment_id, seq),
    )
