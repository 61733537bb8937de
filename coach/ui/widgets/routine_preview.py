"""A routine's steps with their start times, as ``coach routines show`` prints them: the
home screen's preview pane and the full-screen preview draw the same thing."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from coach.routine.model import Routine
from coach.routine.outline import outline
from coach.routine.timeline import expand, step_length
from coach.ui.literal import rich_literal


def routine_preview(routine: Routine) -> Group:
    """The routine's steps with start times, as ``coach routines show`` prints them."""
    timeline = expand(routine)
    head = Text()
    head.append(rich_literal(routine.name, "bold", newlines=False))
    head.append("\n")
    count = timeline.step_count
    head.append(rich_literal(
        f"{routine.kind} · {timeline.total.friendly()} · {count} step{'' if count == 1 else 's'}",
        "dim",
    ))
    if routine.summary:
        head.append("\n\n")
        head.append(rich_literal(routine.summary))
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(justify="right", no_wrap=True)
    for step, row in zip(timeline, outline(timeline), strict=True):
        what = rich_literal(row.title, "bold")
        if row.detail:
            what.append(rich_literal(f"  {row.detail}", "dim"))
        if row.cue:
            what.append(rich_literal(f"\n{row.cue}", "italic"))
        table.add_row(row.start, what, step_length(step.time))
    return Group(head, Text(), table)
