"""A routine as intervals.icu's plain-text workout, which that service syncs to many watches.

The text is sections (a header line, then ``- `` step lines) with ``Nx`` on the header of a
repeated section and a blank line around each; a step is its length then its name
(``- 30s Calf stretch L``), and a step the runner ends with the lap button says
``press lap`` after a length the service shows as its estimate. intervals.icu has no nested
repeats, so a repeat inside a repeat is written out in full.
"""

from __future__ import annotations

import re

from coach.routine.durations import format_seconds
from coach.routine.model import Routine
from coach.watch.plan import WatchItem, WatchRepeat, WatchStep, watch_plan

OPEN_ESTIMATE = 60
"""Seconds shown for a lap-button step with no length of its own."""

SECTION_NAMES = {"warm-up": "Warmup", "cool-down": "Cooldown"}
"""Section headers intervals.icu itself uses; other routines use their own name."""


def _flat(items: tuple[WatchItem, ...]) -> list[WatchStep]:
    steps: list[WatchStep] = []
    for item in items:
        if isinstance(item, WatchRepeat):
            steps.extend(_flat(item.steps) * item.count)
        else:
            steps.append(item)
    return steps


_NUMBER_THEN_UNIT = re.compile(r"(\d)(?=[A-Za-z'\"])")
"""``20s``, ``4x``, ``2km``, ``90rpm``: a number the service reads as a length, a repeat or
a target wherever it stands in a line; a space after the digit keeps it words."""
_ZONE = re.compile(r"\b(C?Z)(?=\d)")
"""``Z2``, ``CZ1``: the service's training zones."""


def _name(text: str) -> str:
    """A name the service reads as a name: never a length, repeat, zone or target (``%``),
    a new line, or a leading ``-`` that would make a header a step."""
    text = text.replace("%", " percent")
    text = _ZONE.sub(r"\1 ", _NUMBER_THEN_UNIT.sub(r"\1 ", text))
    return " ".join(text.split()).lstrip("- ")


def _line(step: WatchStep) -> str:
    if step.seconds is not None:
        return f"- {format_seconds(step.seconds)} {_name(step.title)}"
    estimate = step.estimate or OPEN_ESTIMATE
    return f"- {format_seconds(estimate)} {_name(step.title)} press lap"


def icu_workout(routine: Routine) -> str:
    """The workout text, ending in a newline."""
    header = SECTION_NAMES.get(routine.kind, _name(routine.name)) or "Routine"
    blocks: list[list[str]] = []
    loose: list[str] = []
    for item in watch_plan(routine):
        if isinstance(item, WatchRepeat):
            if loose:
                blocks.append([header, *loose])
                loose = []
            body = [_line(step) for step in _flat(item.steps)]
            blocks.append([f"{_name(item.name)} {item.count}x", *body])
        else:
            loose.append(_line(item))
    if loose:
        blocks.append([header, *loose])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
