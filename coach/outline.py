"""A routine's timeline as rows to read: when each step starts, how long, what to do.

Shared by ``coach routines show`` and the app's preview so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.timeline import Timeline


@dataclass(frozen=True)
class OutlineRow:
    number: int
    start: str
    """Offset from the routine's start, e.g. ``2:30`` (``2:30+`` after a flexible or open step)."""
    duration: str
    title: str
    detail: str
    """Round label and kind, e.g. ``round 2 of 4 · move``."""
    cue: str


def outline(timeline: Timeline) -> list[OutlineRow]:
    rows: list[OutlineRow] = []
    offset = 0
    uncertain = False
    for step in timeline:
        minutes, seconds = divmod(offset, 60)
        start = f"{minutes}:{seconds:02d}" + ("+" if uncertain else "")
        detail = " · ".join(part for part in (step.round_label, step.kind) if part)
        rows.append(
            OutlineRow(step.index + 1, start, step.time.text(), step.title, detail, step.cue)
        )
        offset += step.time.minimum
        uncertain = uncertain or not step.time.is_fixed
    return rows
