"""A routine as written in its file, after validation.

This is the shape users edit. The player does not follow it directly: it follows the flat
:class:`~coach.routine.timeline.Timeline` that :func:`~coach.routine.timeline.expand` makes from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TypeAlias

from coach.frozen import Record
from coach.routine.durations import StepTime

RoutineKind = Literal["warm-up", "stretch", "cool-down", "mixed"]
StepKind = Literal["walk", "move", "stretch", "massage", "rest"]

ROUTINE_KINDS: tuple[RoutineKind, ...] = ("warm-up", "stretch", "cool-down", "mixed")
STEP_KINDS: tuple[StepKind, ...] = ("walk", "move", "stretch", "massage", "rest")

CUE_EVENTS: tuple[str, ...] = ("start", "tick", "halfway", "switch", "end", "done")
"""The sound cues, by name: a step may ask for one, the settings choose which play, the
sound folders decide the files. Names only, never files or commands."""

DEFAULT_COUNTDOWN = 3
"""Beeps in the last seconds of each step unless the routine says otherwise."""
DEFAULT_SWITCH_SECONDS = 5
"""Time to change sides between the two holds of a per-side step."""


class Step(Record):
    """One timed thing to do."""

    name: str
    kind: StepKind
    time: StepTime
    cue: str = ""
    sides: bool = False
    """Held once per side: left, a switch, then right."""
    sound: str | None = None
    """A known cue name to play when the step starts instead of the usual one."""
    countdown: int | None = None
    """Overrides the routine's countdown beeps for this step."""


class Group(Record):
    """Steps repeated ``repeat`` times, e.g. strides with a walk back."""

    name: str
    repeat: int
    steps: tuple[Entry, ...]


Entry: TypeAlias = Step | Group


class Routine(Record):
    id: str
    """The file name without ``.toml``; a user file with a built-in's id replaces it."""
    name: str
    kind: RoutineKind
    summary: str
    steps: tuple[Entry, ...]
    countdown: int = DEFAULT_COUNTDOWN
    switch: int = DEFAULT_SWITCH_SECONDS
    source: Path | None = None
    builtin: bool = False
