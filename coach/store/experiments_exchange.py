"""Experiments in the JSON export: each with its schedule and the runs it took.

An experiment travels with everything its result rests on: the factor, the seed and the
stored schedule (the one followed), its status and each run it saw (the schedule slot taken,
or the reason a run was skipped for safety), so a completed experiment's result reads the
same after an import. The runs point at sessions and soreness entries by id; those must be
in the file or the database.

Importing adds experiments whose id is new and leaves the rest as they are. One experiment
may be running at a time: a running experiment that arrives while another runs here is kept
as stopped (its runs are kept), and the import says so.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from coach.record.models import to_iso
from coach.store.experiments import ARMS, FACTORS, MAX_RUNS, MIN_RUNS, STATUSES
from coach.store.values import (
    Invalid,
    choice,
    items,
    moment,
    obj,
    text,
    uuid_text,
    whole,
)

EXPERIMENT_KEYS: Final = ("id", "factor", "planned", "seed", "schedule", "started_at",
                          "ended_at", "status", "days")
DAY_KEYS: Final = ("seq", "slot", "anchor_at", "session_id", "entry_id", "skipped_reason",
                   "recorded_at")
MAX_EXPERIMENTS: Final = 10_000
MAX_DAYS: Final = 1_000


@dataclass(frozen=True)
class ParsedExperiment:
    row: tuple[Any, ...]
    days: tuple[tuple[Any, ...], ...]


def experiments_to_export(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every experiment with its runs, oldest first (rows as stored)."""
    found: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for row in conn.execute(
        "SELECT id, factor, planned, seed, schedule_json, started_at, ended_at, status"
        " FROM experiments ORDER BY started_at, id"
    ):
        try:
            schedule = json.loads(row[4])
        except ValueError:
            schedule = []
        item = {"id": row[0], "factor": row[1], "planned": row[2], "seed": row[3],
                "schedule": schedule, "started_at": row[5], "ended_at": row[6],
                "status": row[7], "days": []}
        found.append(item)
        by_id[row[0]] = item
    for row in conn.execute(
        "SELECT experiment_id, seq, slot, anchor_at, session_id, entry_id, skipped_reason,"
        " recorded_at FROM experiment_days ORDER BY experiment_id, seq"
    ):
        if row[0] in by_id:
            by_id[row[0]]["days"].append(dict(zip(DAY_KEYS, row[1:], strict=True)))
    return found


def check_experiments(document: dict[str, Any]) -> tuple[ParsedExperiment, ...]:
    """The ``experiments`` of a parsed export (optional: older exports have none); raises
    :class:`Invalid` naming the first wrong place."""
    if "experiments" not in document:
        return ()
    found = []
    seen: set[str] = set()
    for n, item in enumerate(items(document, "experiments", "", MAX_EXPERIMENTS)):
        parsed = _experiment(item, f"experiments[{n}]")
        if parsed.row[0] in seen:
            raise Invalid(f"experiments[{n}].id: {parsed.row[0]} appears twice")
        seen.add(parsed.row[0])
        found.append(parsed)
    return tuple(found)


def _experiment(item: Any, where: str) -> ParsedExperiment:
    data = obj(item, where, EXPERIMENT_KEYS)
    planned = whole(data, "planned", where, MIN_RUNS, MAX_RUNS)
    if planned % 2:
        raise Invalid(f"{where}.planned: must be even, not {planned}")
    schedule = items(data, "schedule", where, MAX_RUNS)
    if len(schedule) != planned or any(arm not in ARMS for arm in schedule) \
            or schedule.count("with") != planned // 2:
        raise Invalid(f"{where}.schedule: expected {planned} balanced \"with\"/\"without\"")
    row = (
        uuid_text(data, "id", where), choice(data, "factor", where, FACTORS), planned,
        whole(data, "seed", where, 0, 2**63 - 1), json.dumps(list(schedule)),
        moment(data, "started_at", where), moment(data, "ended_at", where, nullable=True),
        choice(data, "status", where, STATUSES),
    )
    if (row[7] == "active") != (row[6] is None):
        raise Invalid(f"{where}.ended_at: a running experiment has none, an ended one has one")
    days = []
    slots: set[int] = set()
    for n, day in enumerate(items(data, "days", where, MAX_DAYS)):
        place = f"{where}.days[{n}]"
        fields = obj(day, place, DAY_KEYS)
        seq = whole(fields, "seq", place, n, n)
        slot = whole(fields, "slot", place, 0, planned - 1, nullable=True)
        if slot is not None and slot in slots:
            raise Invalid(f"{place}.slot: run {slot + 1} is taken twice")
        if slot is not None:
            slots.add(slot)
        days.append((row[0], seq, slot, moment(fields, "anchor_at", place),
                     uuid_text(fields, "session_id", place, nullable=True),
                     uuid_text(fields, "entry_id", place, nullable=True),
                     text(fields, "skipped_reason", place, 300, nullable=True),
                     moment(fields, "recorded_at", place)))
    return ParsedExperiment(row, tuple(days))


def write_experiments(conn: sqlite3.Connection, parsed: tuple[ParsedExperiment, ...],
                      now: datetime) -> tuple[int, int, int]:
    """Add the new experiments; (added, already present, running ones kept as stopped)."""
    known = {row[0] for row in conn.execute("SELECT id FROM experiments")}
    sessions = {row[0] for row in conn.execute("SELECT id FROM sessions")}
    entries = {row[0] for row in conn.execute("SELECT id FROM soreness")}
    running = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM experiments WHERE status = 'active')").fetchone()[0]
    added = stopped = 0
    for n, experiment in enumerate(parsed):
        if experiment.row[0] in known:
            continue
        row = experiment.row
        if row[7] == "active":
            if running:
                row = (*row[:6], to_iso(now), "stopped")
                stopped += 1
            running = True
        for day in experiment.days:
            if day[4] is not None and day[4] not in sessions:
                raise Invalid(f"experiments[{n}].days[{day[1]}].session_id: no session "
                              f"{day[4]} in the file or the database")
            if day[5] is not None and day[5] not in entries:
                raise Invalid(f"experiments[{n}].days[{day[1]}].entry_id: no soreness entry "
                              f"{day[5]} in the file or the database")
        conn.execute(
            "INSERT INTO experiments (id, factor, planned, seed, schedule_json, started_at,"
            " ended_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
        conn.executemany(
            "INSERT INTO experiment_days (experiment_id, seq, slot, anchor_at, session_id,"
            " entry_id, skipped_reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            experiment.days)
        added += 1
    return added, len(parsed) - added, stopped
