"""Realistic synthetic history, for benchmarks and for screens that need a full database.

Deterministic for a given seed, and fast: everything goes in with ``executemany`` inside one
transaction (10,000 sessions with their steps and soreness take about a second and a half).
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from coach.record.models import to_iso
from coach.record.scales import REGION_KEYS
from coach.routine.durations import StepTime
from coach.routine.model import StepKind
from coach.routine.timeline import Side, Timeline, TimelineStep
from coach.store import sessions as session_rows
from coach.store.soreness import COLUMNS as SORENESS_COLUMNS
from coach.store.soreness import regions_json
from coach.store.store import Store


def _step(index: int, name: str, kind: StepKind, low: int, high: int | None = None,
          side: Side | None = None, switch: bool = False, round_: int | None = None,
          rounds: int | None = None) -> TimelineStep:
    return TimelineStep(
        index=index, name=name, kind=kind, time=StepTime(low, low if high is None else high),
        side=side,
        switch=switch, round=round_, rounds=rounds,
    )


def warm_up_timeline() -> Timeline:
    """A short dynamic warm-up: a walk, leg swings per side, four strides."""
    steps = [_step(0, "Brisk walk", "walk", 120), _step(1, "Leg swings", "move", 30, side="left"),
             _step(2, "Switch sides", "rest", 5, side="right", switch=True),
             _step(3, "Leg swings", "move", 30, side="right")]
    for round_ in range(1, 5):
        steps.append(_step(len(steps), "Stride", "move", 20, round_=round_, rounds=4))
        steps.append(_step(len(steps), "Walk back", "walk", 40, round_=round_, rounds=4))
    return Timeline("dynamic-warm-up", "Dynamic warm-up", "warm-up", tuple(steps))


def cool_down_timeline() -> Timeline:
    """A cool-down: a flexible walk, three stretches per side, foam rolling."""
    steps = [_step(0, "Cool-down walk", "walk", 300, 600)]
    for name in ("Calf stretch", "Hamstring stretch", "Quad stretch"):
        steps.append(_step(len(steps), name, "stretch", 30, side="left"))
        steps.append(_step(len(steps), "Switch sides", "rest", 5, side="right", switch=True))
        steps.append(_step(len(steps), name, "stretch", 30, side="right"))
    steps.append(_step(len(steps), "Foam roll calves", "massage", 60))
    return Timeline("cool-down", "Cool-down", "cool-down", tuple(steps))


def _outcome(rng: random.Random, planned: float) -> tuple[str, float]:
    roll = rng.random()
    if roll < 0.84:
        return "done", planned + rng.uniform(-0.05, 0.05)
    if roll < 0.91:
        return "skipped", rng.uniform(0, planned * 0.4)
    if roll < 0.95:
        return "extended", planned + 30
    return "cut short", planned * rng.uniform(0.5, 0.9)


def seed_sessions(store: Store, n: int, start: datetime, rng_seed: int = 0) -> list[str]:
    """Add ``n`` sessions spread over the year from ``start``; returns their ids.

    Runs come in pairs: a warm-up before the run and a cool-down about an hour later, with
    soreness right after most cool-downs and the next day after many.
    """
    rng = random.Random(rng_seed)
    timelines = (warm_up_timeline(), cool_down_timeline())
    snapshots = tuple(session_rows.timeline_json(t) for t in timelines)
    gap = timedelta(days=365) / max(1, (n + 1) // 2)
    session_rows_out: list[tuple[Any, ...]] = []
    step_rows: list[tuple[Any, ...]] = []
    soreness_rows: list[tuple[Any, ...]] = []
    ids: list[str] = []

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    for number in range(n):
        cool = number % 2 == 1
        timeline, snapshot = timelines[cool], snapshots[cool]
        run_start = start + gap * (number // 2) + timedelta(minutes=rng.randint(0, 90))
        started = run_start + timedelta(minutes=70 if cool else 0)
        session_id = new_id()
        ids.append(session_id)
        roll = rng.random()
        status = "completed" if roll < 0.9 else "stopped" if roll < 0.96 else "interrupted"
        last = len(timeline) if status == "completed" else rng.randrange(1, len(timeline))
        moment, elapsed = started, 0.0
        for seq, step in enumerate(timeline.steps[:last]):
            planned = float(step.time.minimum)
            outcome, actual = _outcome(rng, planned)
            elapsed += actual
            moment = started + timedelta(seconds=elapsed)
            step_rows.append((session_id, seq, step.index, step.name, step.kind, step.side,
                              int(step.switch), step.round, step.rounds, outcome, planned,
                              round(actual, 3), to_iso(moment)))
        session_rows_out.append((
            session_id, timeline.routine_id, timeline.routine_name, timeline.routine_kind,
            snapshot, session_rows.planned_steps(timeline), "after" if cool else "before",
            to_iso(started), to_iso(moment), status, round(elapsed, 3), None, None,
        ))
        if cool and rng.random() < 0.8:
            effort = rng.randint(2, 8)
            after = rng.randint(0, 5)
            regions = {key: min(10, max(0, after + rng.randint(-2, 3)))
                       for key in rng.sample(REGION_KEYS, rng.randint(0, 3))}
            soreness_rows.append(_entry(new_id(), session_id, moment, "after", after, regions,
                                        effort, float(rng.randint(20, 90)), ""))
            if rng.random() < 0.7:
                next_day = min(10, max(0, after + rng.randint(-2, 3)))
                when = moment + timedelta(hours=rng.randint(20, 30))
                soreness_rows.append(_entry(new_id(), session_id, when, "next day", next_day,
                                            {}, None, None, ""))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (id, routine_id, routine_name, routine_kind, timeline_json,"
            " steps_planned, phase, started_at, ended_at, status, elapsed_seconds, pid, host)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", session_rows_out,
        )
        conn.executemany(
            f"INSERT INTO steps (session_id, {session_rows.STEP_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", step_rows,
        )
        conn.executemany(
            f"INSERT INTO soreness ({SORENESS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            soreness_rows,
        )
    return ids


def _entry(entry_id: str, session_id: str, when: datetime, timing: str, overall: int,
           regions: dict[str, int], effort: int | None, minutes: float | None,
           note: str) -> tuple[Any, ...]:
    stamp = to_iso(when)
    return (entry_id, session_id, stamp, timing, overall, regions_json(regions), effort,
            minutes, note, None, stamp)


def add_run(store: Store, start: datetime, minutes: float, *, km: float | None = None,
            descent_m: float | None = None, effort: float | None = None) -> str:
    """An imported run (as from a FIT file) that moved for ``minutes``; returns its id."""
    from coach.runs.model import Run

    run = Run(start=start, seconds=minutes * 60, elapsed_seconds=minutes * 60,
              sport="running", source="fit", distance_m=None if km is None else km * 1000,
              descent_m=descent_m, effort=effort)
    outcome, run_id = store.add_run(run, [f"test:{start.isoformat()}"])
    assert outcome == "added" and run_id is not None
    return run_id
