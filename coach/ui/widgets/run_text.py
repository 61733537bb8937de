"""An imported run in one line, as history and session detail show it."""

from __future__ import annotations

from rich.text import Text

from coach.routine.durations import format_elapsed
from coach.store.runs import StoredRun
from coach.ui.literal import rich_literal


def run_line(run: StoredRun) -> Text:
    """Distance, time, climbing, surface, effort and shoe, as one line."""
    parts = [f"{run.distance_m / 1000:.2f} km" if run.distance_m is not None else "no distance",
             f"{format_elapsed(run.seconds)} moving"]
    if run.ascent_m is not None or run.descent_m is not None:
        parts.append(f"↑{run.ascent_m or 0:.0f} m ↓{run.descent_m or 0:.0f} m")
    if run.surface:
        parts.append(run.surface)
    if run.effort is not None:
        parts.append(f"effort {run.effort:g}/10")
    text = Text(" · ".join(parts))
    if run.shoe:
        text.append(" · ")
        text.append(rich_literal(run.shoe, newlines=False))
    return text
