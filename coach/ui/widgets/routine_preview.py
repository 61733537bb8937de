"""A routine's steps with their start times, as ``coach routines show`` prints them: the
home screen's preview pane and the full-screen preview draw the same thing."""

from __future__ import annotations

from functools import lru_cache

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
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


class DrawnOnce:
    """A renderable drawn once for each width it is shown at (a few widths kept), then
    repeated.

    The home screen shows a routine's preview again each time the list's cursor comes back
    to it: drawing its table again took tens of milliseconds a key. The styles are plain
    (bold, dim, italic), so what is drawn does not change with the theme.
    """

    WIDTHS = 8
    """Widths kept: a terminal resized again and again doesn't grow the copies forever."""

    def __init__(self, renderable: Group) -> None:
        self.renderable = renderable
        self._drawn: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = (options.max_width, options.height, options.justify, options.overflow,
               options.no_wrap)
        drawn = self._drawn.get(key)
        if drawn is None:
            if len(self._drawn) >= self.WIDTHS:
                self._drawn.clear()
            drawn = self._drawn[key] = list(console.render(self.renderable, options))
        yield from drawn

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


@lru_cache(maxsize=64)
def drawn_preview(routine: Routine) -> DrawnOnce:
    """The home screen's preview of ``routine``, drawn once. Kept by the routine's value: a
    routine read again unchanged keeps its drawing, an edited one is drawn anew."""
    return DrawnOnce(routine_preview(routine))
