"""A routine's timeline as rows to read: when each step starts, how long, what to do.

Shared by ``coach routines show`` and the app's preview so both say the same thing.
"""

from __future__ import annotations

from coach.frozen import Record
from coach.routine.durations import format_clock
from coach.routine.timeline import Timeline, step_length


class OutlineRow(Record):
    number: int | None
    """The runner's step number, as every screen counts; None for a pause to switch sides."""
    start: str
    """Offset from the routine's start, e.g. ``2:30`` (``2:30+`` after a flexible or open step)."""
    duration: str
    title: str
    round_label: str
    kind: str
    cue: str

    @property
    def later_if_longer(self) -> bool:
        """The start moves if an earlier flexible or open step runs longer."""
        return self.start.endswith("+")

    @property
    def detail(self) -> str:
        """Round label and kind, e.g. ``round 2 of 4 · move``."""
        return " · ".join(part for part in (self.round_label, self.kind) if part)


def outline(timeline: Timeline) -> list[OutlineRow]:
    rows: list[OutlineRow] = []
    offset = 0
    uncertain = False
    for step in timeline:
        start = format_clock(offset) + ("+" if uncertain else "")
        rows.append(
            OutlineRow(
                None if step.switch else timeline.step_number(step.index),
                start,
                step_length(step.time),
                step.title,
                step.round_label,
                step.kind,
                step.cue,
            )
        )
        offset += step.time.minimum
        uncertain = uncertain or not step.time.is_fixed
    return rows
