"""The flat list of timed steps the player follows.

Expanding a routine unrolls repeats (with "round 2 of 4" labels) and turns a per-side step
into a left hold, a short switch, and a right hold; in each hold's cue "the named leg" reads
"the left leg" or "the right leg". The engine, the recorder and the UI all
work from this one shape, and the store keeps a snapshot of it with each session so history
stays true after the routine file changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any, Literal

from coach.frozen import Record, as_dict
from coach.routine.durations import StepTime, format_seconds
from coach.routine.model import Entry, Group, Routine, Step, StepKind

Side = Literal["left", "right"]

NAMED = re.compile(r"\b([Nn])amed\b")
"""The word a per-side cue uses for the side that works ("the named leg")."""


def side_cue(cue: str, side: Side) -> str:
    """A per-side cue for one side: "named leg back" → "left leg back", "Named foot" →
    "Right foot"."""
    return NAMED.sub(lambda found: side if found[1] == "n" else side.capitalize(), cue)


class TimelineStep(Record):
    index: int
    """Position in the timeline, from 0."""
    name: str
    kind: StepKind
    time: StepTime
    cue: str = ""
    side: Side | None = None
    switch: bool = False
    """The pause between the two sides of a per-side step."""
    round: int | None = None
    rounds: int | None = None
    group: str | None = None
    entry: int = 0
    """Number (from 1) of the top-level step in the routine file this came from."""
    sound: str | None = None
    countdown: int = 3

    @property
    def title(self) -> str:
        """Name with the side, e.g. ``Calf stretch — left``."""
        if self.side and not self.switch:
            return f"{self.name} — {self.side}"
        return self.name

    @property
    def round_label(self) -> str:
        if self.round is None or self.rounds is None:
            return ""
        return f"round {self.round} of {self.rounds}"

    def to_dict(self) -> dict[str, Any]:
        data = as_dict(self)
        data["time"] = self.time.text()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimelineStep:
        from coach.routine.durations import parse_step_time

        values = dict(data)
        values["time"] = parse_step_time(values["time"])
        return cls(**values)


class TotalTime(Record):
    minimum: int
    maximum: int
    open_steps: int

    def text(self) -> str:
        """``8m30s``, ``12m..17m``, or ``10m + open``."""
        base = format_seconds(self.minimum)
        if self.maximum != self.minimum:
            base = f"{base}..{format_seconds(self.maximum)}"
        if self.open_steps:
            base = f"{base} + open" if self.minimum or self.maximum else "open"
        return base

    def friendly(self) -> str:
        """The routine's length as every screen and command says it (:func:`friendly_length`)."""
        return friendly_length(self.minimum, self.maximum, self.open_steps)


EXACT_BELOW = 10 * 60
"""Lengths under ten minutes keep their seconds; longer ones are rounded up to the minute."""


def _amount(seconds: int) -> tuple[str, str]:
    """One length as (number, unit): ``("45", "s")``, ``("9 min 45", "s")``, ``("12", "min")``."""
    if seconds < 60:
        return str(seconds), "s"
    minutes, rest = divmod(seconds, 60)
    if rest == 0:
        return str(minutes), "min"
    if seconds < EXACT_BELOW:
        return f"{minutes} min {rest}", "s"
    return str(math.ceil(seconds / 60)), "min"


def friendly_length(minimum: int, maximum: int | None, open_steps: int = 0) -> str:
    """The one way coach says how long a step or a routine takes, on screen and in commands.

    ``45 s``, ``2 min``, ``9 min 45 s``, ``14 min`` (from ten minutes on, rounded up),
    ``5–10 min`` for a flexible length, ``open`` for one that waits for the runner, and
    ``10 min + open`` for a routine with open steps. ``maximum=None`` is an open step.
    """
    if maximum is None:
        open_steps, maximum = max(open_steps, 1), minimum
    if minimum == maximum == 0:
        return "open" if open_steps else "0 s"
    low, low_unit = _amount(minimum)
    high, high_unit = _amount(maximum)
    if (low, low_unit) == (high, high_unit):
        text = f"{low} {low_unit}"
    elif low_unit == high_unit and " " not in low + high:
        text = f"{low}–{high} {high_unit}"
    else:
        text = f"{low} {low_unit}–{high} {high_unit}"
    return f"{text} + open" if open_steps else text


def step_length(time: StepTime) -> str:
    """A step's length, said as routine lengths are: ``30 s``, ``5–10 min``, ``open``."""
    return friendly_length(time.minimum, time.maximum)


class Timeline(Record):
    routine_id: str
    routine_name: str
    routine_kind: str
    steps: tuple[TimelineStep, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[TimelineStep]:
        return iter(self.steps)

    def __getitem__(self, index: int) -> TimelineStep:
        return self.steps[index]

    @property
    def total(self) -> TotalTime:
        return total_time(self.steps)

    @property
    def step_count(self) -> int:
        """Steps as a runner counts them: the short pauses to switch sides don't count."""
        return sum(1 for step in self.steps if not step.switch)

    def step_number(self, index: int) -> int:
        """The runner's number (from 1) of the step at ``index``; a switch pause has the
        number of the hold that follows it."""
        before = sum(1 for step in self.steps[:index] if not step.switch)
        return before + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine_id": self.routine_id,
            "routine_name": self.routine_name,
            "routine_kind": self.routine_kind,
            "steps": [step.to_dict() for step in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Timeline:
        return cls(
            routine_id=data["routine_id"],
            routine_name=data["routine_name"],
            routine_kind=data["routine_kind"],
            steps=tuple(TimelineStep.from_dict(step) for step in data["steps"]),
        )


def total_time(steps: tuple[TimelineStep, ...] | list[TimelineStep]) -> TotalTime:
    minimum = maximum = open_steps = 0
    for step in steps:
        if step.time.maximum is None:
            open_steps += 1
        else:
            minimum += step.time.minimum
            maximum += step.time.maximum
    return TotalTime(minimum, maximum, open_steps)


def count_expanded(entries: tuple[Entry, ...], switch: int) -> int:
    """How many timeline steps expanding would make, without making them.

    Lets the validator refuse ``repeat = 1000000`` before any memory is spent on it.
    """
    count = 0
    for entry in entries:
        if isinstance(entry, Group):
            count += entry.repeat * count_expanded(entry.steps, switch)
        elif entry.sides:
            count += 3 if switch > 0 else 2
        else:
            count += 1
    return count


def expand(routine: Routine) -> Timeline:
    steps: list[TimelineStep] = []

    def add(step: Step, entry: int, group: Group | None, round_: int | None) -> None:
        countdown = routine.countdown if step.countdown is None else step.countdown
        common: dict[str, Any] = {
            "kind": step.kind,
            "time": step.time,
            "cue": step.cue,
            "round": round_,
            "rounds": group.repeat if group is not None else None,
            "group": group.name if group is not None else None,
            "entry": entry,
            "sound": step.sound,
            "countdown": countdown,
        }
        if not step.sides:
            steps.append(TimelineStep(index=len(steps), name=step.name, **common))
            return
        left = {**common, "cue": side_cue(step.cue, "left")}
        steps.append(TimelineStep(index=len(steps), name=step.name, side="left", **left))
        if routine.switch > 0:
            seconds = routine.switch
            steps.append(
                TimelineStep(
                    index=len(steps),
                    name="Switch sides",
                    kind="rest",
                    time=StepTime(seconds, seconds),
                    cue=f"Get ready: {step.name.lower()}, right side.",
                    side="right",
                    switch=True,
                    round=round_,
                    rounds=common["rounds"],
                    group=common["group"],
                    entry=entry,
                    countdown=0,
                )
            )
        right = {**common, "cue": side_cue(step.cue, "right")}
        steps.append(TimelineStep(index=len(steps), name=step.name, side="right", **right))

    def walk(
        entries: tuple[Entry, ...], entry: int | None, group: Group | None, round_: int | None
    ) -> None:
        for number, item in enumerate(entries, start=1):
            top = number if entry is None else entry
            if isinstance(item, Group):
                for r in range(1, item.repeat + 1):
                    walk(item.steps, top, item, r)
            else:
                add(item, top, group, round_)

    walk(routine.steps, None, None, None)
    return Timeline(routine.id, routine.name, routine.kind, tuple(steps))
