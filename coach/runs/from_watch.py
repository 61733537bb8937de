"""A warm-up or cool-down done on the watch, read back from the run's laps into the history.

A runner who followed an exported coach workout on the watch comes home with its steps as
laps. When such a run is imported, its workout laps become a session like one played in
coach — each step a visit with its real time, ``done`` or ``cut short``, source ``watch`` —
so it links to the run and counts in "what helps you". The run itself keeps only its own
laps: the walk home is not part of the run.

Two kinds of file are understood:

- laps that carry the workout step they belong to, with the workout's name: matched to the
  routine that was exported under that name, step by step (repeats and sides included);
- laps the watch marked warm-up or cool-down at the start or end of the activity (any
  workout, or the lap button with an intensity set): a warm-up or cool-down of one step per
  lap, since no routine says more.

Session ids come from the file's own key, so importing a file twice adds nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from coach.frozen import Record, fields
from coach.record.models import Phase
from coach.routine.durations import StepTime
from coach.routine.model import Routine, StepKind
from coach.routine.timeline import Timeline, TimelineStep, expand
from coach.runs.model import Run
from coach.watch.laps import Lap, WatchFile, read_laps

NAMESPACE: Final = uuid.UUID("5b0a4c52-8f0e-4f43-9a55-2f1d7c0e6a11")
"""Session ids are ``uuid5(NAMESPACE, file key + part)``: the same file, the same ids."""
ON_TIME: Final = 1.5
"""A timed step whose lap is this close to its planned time was done, not cut short: a
watch closes a lap on the second, give or take its rounding."""
LAP_SLACK: Final = 60.0
"""Seconds a lap may reach past the activity's start or end (clocks and rounding) and
still be one of its laps; a lap further out is a damaged file, and then no lap is used."""
MIN_LAP_SECONDS: Final = 1.0
"""A warm-up or cool-down lap shorter than this is a stray press of the lap button."""
MIN_RUN_SECONDS: Final = 60.0
"""Less than this left once the workout's laps are taken out is no run of its own."""
LAP_ROUTINES: Final[dict[str, tuple[str, str, str, StepKind]]] = {
    "before": ("watch-warm-up", "Warm-up on the watch", "warm-up", "move"),
    "after": ("watch-cool-down", "Cool-down on the watch", "cool-down", "walk"),
}
"""The routine a session of warm-up or cool-down laps is kept under: id, name, kind and the
kind of its steps (a cool-down lap is a walk, so it counts as the cool-down walk)."""

Visit = tuple[TimelineStep, str, float, float, datetime]


class WatchSession(Record):
    """One session read from laps, ready to store."""

    session_id: str
    timeline: Timeline
    phase: Phase | None
    started_at: datetime
    ended_at: datetime
    visits: tuple[Visit, ...]
    status: str
    elapsed_seconds: float


class FromWatch(Record):
    """What an activity file's laps say: the run without the workout, and its sessions."""

    run: Run | None
    """The run's own part, or None when the whole activity was the workout."""
    sessions: tuple[WatchSession, ...]

    def record(self, store: Any) -> int:
        """Store the sessions not stored before; returns how many were added."""
        added = 0
        for session in self.sessions:
            if store.add_watch_session(
                session.session_id, session.timeline, session.phase, session.started_at,
                session.visits, session.status, session.elapsed_seconds, session.ended_at,
            ):
                added += 1
        return added


def from_watch(data: bytes, run: Run, key: str,
               routines: Sequence[Routine] | None = None) -> FromWatch | None:
    """The coach workout in a FIT activity's laps, or None when it holds none.

    ``routines`` are the ones a workout's name may belong to (the catalog's, by default)."""
    found = read_laps(data)
    if not found.laps or not all(_inside(lap, run) for lap in found.laps):
        return None
    if found.workout_name and any(lap.step is not None for lap in found.laps):
        if routines is None:
            from coach.routine.catalog import discover

            routines = discover().routines
        matched = _matching(found, routines)
        if matched is not None:
            return _from_workout(found, matched, run, key)
    return _from_intensity(found.laps, run, key)


def _inside(lap: Lap, run: Run) -> bool:
    """Whether the lap fits in the activity it came from: a lap dated years away, or longer
    than the whole run, would otherwise become a session out of nowhere or take the run's
    time with it."""
    slack = timedelta(seconds=LAP_SLACK)
    return (run.start - slack <= lap.start and lap.end <= run.end + slack
            and lap.timer <= lap.elapsed + LAP_SLACK)


# ------------------------------------------------------------------- a known workout


def _matching(found: WatchFile, routines: Sequence[Routine]) -> Routine | None:
    """The routine exported under the workout's name whose steps the file holds."""
    from coach.watch.fit_workout import workout_name, workout_steps
    from coach.watch.plan import same_step_name, watch_plan

    for routine in routines:
        if workout_name(routine.name) != found.workout_name:
            continue
        steps = workout_steps(watch_plan(routine))
        if not found.steps or (len(found.steps) == len(steps) and all(
            same_step_name(written.name, step["wkt_step_name"])
            and written.duration_type == _DURATIONS[step["duration_type"]]
            for written, step in zip(found.steps, steps, strict=True)
        )):
            return routine
    return None


_DURATIONS: Final = {"time": 0, "open": 5, "repeat_until_steps_cmplt": 6}
"""FIT's numbers for the duration types coach writes."""


def _followed(routine: Routine) -> list[tuple[int, int]]:
    """(workout step, timeline step) in the order a watch runs them, repeats unrolled."""
    from coach.watch.fit_workout import workout_steps
    from coach.watch.plan import watch_plan

    steps = workout_steps(watch_plan(routine))
    order: list[int] = []
    rounds: dict[int, int] = {}
    index = 0
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            rounds[index] = rounds.get(index, 1)
            if rounds[index] < step["target_value"]:
                rounds[index] += 1
                for inner in range(step["duration_value"], index):
                    rounds.pop(inner, None)
                index = step["duration_value"]
                continue
            rounds.pop(index)
        else:
            order.append(index)
        index += 1
    timeline_order: list[int] = []
    for item in expand(routine):
        time = item.time
        parts = 2 if time.is_flexible and time.minimum > 0 else 1
        timeline_order.extend([item.index] * parts)
    return list(zip(order, timeline_order, strict=True))


def _from_workout(found: WatchFile, routine: Routine, run: Run, key: str) -> FromWatch:
    timeline = expand(routine)
    followed = _followed(routine)
    laps_of: dict[int, list[Lap]] = {}
    used: list[Lap] = []
    at = 0
    for lap in found.laps:
        if lap.step is None:
            continue
        for position in range(at, len(followed)):
            if followed[position][0] == lap.step:
                laps_of.setdefault(followed[position][1], []).append(lap)
                used.append(lap)
                at = position + 1
                break
    if not used:
        return FromWatch(run, ())
    visits: list[Visit] = []
    for index in sorted(laps_of):
        step = timeline[index]
        laps = laps_of[index]
        actual = sum(lap.timer for lap in laps)
        visits.append((step, _outcome(step.time, laps), _planned(step.time, actual), actual,
                       laps[-1].end))
    rest = [lap for lap in found.laps if not any(lap is u for u in used)]
    phase = _phase(routine.kind, used, rest)
    last = max(laps_of) == len(timeline) - 1
    session = _session(key, "workout", timeline, phase, used, visits,
                       "completed" if last else "stopped")
    return FromWatch(_run_without(run, used, rest), (session,))


def _outcome(time: StepTime, laps: list[Lap]) -> str:
    if time.maximum is None:
        return "done"
    # A flexible step's first lap is its minimum; pressing on past it finished the step.
    return "done" if laps[0].timer >= time.minimum - ON_TIME else "cut short"


def _planned(time: StepTime, actual: float) -> float:
    if time.maximum is None:
        return actual
    return float(time.minimum)


def _phase(kind: str, used: list[Lap], rest: list[Lap]) -> Phase | None:
    if kind == "warm-up":
        return "before"
    if kind == "cool-down":
        return "after"
    if rest and rest[0].start < used[0].start:
        return "after"
    return "before" if rest else None


# ----------------------------------------------------------- warm-up and cool-down laps


def _from_intensity(laps: tuple[Lap, ...], run: Run, key: str) -> FromWatch | None:
    first = 0
    while first < len(laps) and laps[first].intensity == "warmup":
        first += 1
    last = len(laps)
    while last > first and laps[last - 1].intensity == "cooldown":
        last -= 1
    parts: list[tuple[Phase, list[Lap]]] = []
    if first:
        parts.append(("before", list(laps[:first])))
    if last < len(laps):
        parts.append(("after", list(laps[last:])))
    if not parts:
        return None
    sessions = []
    for phase, whole in parts:
        part = [lap for lap in whole if lap.timer >= MIN_LAP_SECONDS]
        if not part:
            continue
        routine_id, name, kind, step_kind = LAP_ROUTINES[phase]
        steps = tuple(
            TimelineStep(index=n, name=f"{name.split(' on ')[0]} lap {n + 1}",
                         kind=step_kind, time=StepTime(round(lap.timer), round(lap.timer)),
                         entry=n + 1, countdown=0)
            for n, lap in enumerate(part)
        )
        timeline = Timeline(routine_id, name, kind, steps)
        visits = [(steps[n], "done", lap.timer, lap.timer, lap.end)
                  for n, lap in enumerate(part)]
        sessions.append(_session(key, phase, timeline, phase, part, visits, "completed"))
    if not sessions:
        return None
    used = [lap for _, part in parts for lap in part]
    return FromWatch(_run_without(run, used, list(laps[first:last])), tuple(sessions))


# ---------------------------------------------------------------------------- shared


def _session(key: str, part: str, timeline: Timeline, phase: Phase | None, laps: list[Lap],
             visits: list[Visit], status: str) -> WatchSession:
    return WatchSession(
        session_id=str(uuid.uuid5(NAMESPACE, f"{key}:{part}")), timeline=timeline,
        phase=phase, started_at=laps[0].start, ended_at=max(lap.end for lap in laps),
        visits=tuple(visits), status=status, elapsed_seconds=sum(v[3] for v in visits),
    )


def _run_without(run: Run, used: list[Lap], rest: list[Lap]) -> Run | None:
    """The run with the workout's laps taken out; None when too little is left."""
    if not rest:
        return None
    seconds = run.seconds - sum(lap.timer for lap in used)
    if seconds < MIN_RUN_SECONDS:
        return None
    start = min(lap.start for lap in rest)
    end = max(lap.end for lap in rest)
    values = {name: getattr(run, name) for name in fields(run)}
    values.update(start=start, seconds=seconds,
                  elapsed_seconds=max(seconds, (end - start).total_seconds()))
    for field, lap_field in (("distance_m", "distance_m"), ("ascent_m", "ascent_m"),
                             ("descent_m", "descent_m")):
        total = values.get(field)
        if total is not None:
            taken = sum(getattr(lap, lap_field) or 0.0 for lap in used)
            values[field] = max(0.0, total - taken)
    return Run(**values)



def store_from_watch(data: bytes, run: Run, key: str, store: Any, summary: Any) -> Run | None:
    """The import's one call: store the workout's sessions found in a FIT file's laps,
    counting them in ``summary.from_watch``; returns the run to store, or None when the
    whole activity was the workout (the file is then remembered, so it is not read again)."""
    found = from_watch(data, run, key)
    if found is None:
        return run
    summary.from_watch += found.record(store)
    if found.run is None:
        phases = {session.phase for session in found.sessions}
        store.skip_source(key, "walk" if phases == {"after"} else "other")
    return found.run
