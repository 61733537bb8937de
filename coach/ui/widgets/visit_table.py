"""The table of a session's visits: the same rows after a routine and in history.

Both screens hand it :func:`coach.session.summary.visit_rows`, so the numbers, names, round
and side labels and outcome words cannot differ between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from rich.text import Text
from textual.widgets import DataTable

from coach.session.summary import NOT_REACHED, VisitRow
from coach.ui.literal import literal_cell

OUTCOME_COLOURS: Final = {
    "done": "success",
    "extended": "success",
    "cut short": "warning",
    "skipped": "error",
    "restarted": "secondary",
    "went back": "secondary",
    "stopped": "warning",
    "interrupted": "warning",
}
"""Each outcome of the record's vocabulary, coloured by what it says about the step."""


NARROW: Final = 80
"""Below this many columns the step numbers go and long step names take two lines."""
OTHER_COLUMNS: Final = 38
"""Cells the planned, actual and outcome columns take with their padding, and the frame."""


def fill_visits(table: DataTable[object], rows: Sequence[VisitRow],
                colours: Mapping[str, str], *, width: int | None = None) -> None:
    """Replace the table's contents with ``rows``; on a terminal narrower than
    :data:`NARROW` (``width``) every column still shows, and a step name too long for its
    column goes on over a second line.

    A name is never cut: cut in its middle, "Calf stretch, straight knee — left" and
    "Calf stretch, bent knee — left" read the same, and the runner can't tell which
    stretch was skipped.
    """
    narrow = width is not None and width < NARROW
    numbers = not narrow
    room = max(12, (width or 0) - OTHER_COLUMNS) if narrow else None
    table.clear(columns=True)
    if numbers:
        table.add_column("#")
    table.add_column("Step", width=room)
    table.add_columns("Planned", "Actual", "Outcome")
    for row in rows:
        reached = row.outcome != NOT_REACHED
        dim = "" if reached else "dim"
        number = [Text(str(row.number), justify="right", style=dim)] if numbers else []
        outcome_style = colours.get(OUTCOME_COLOURS.get(row.outcome, ""), "")
        long = room is not None and len(row.name) > room
        table.add_row(
            *number,
            literal_cell(row.name, dim),
            literal_cell(row.planned, dim),
            Text(row.actual or "–", style=dim),
            Text(row.outcome, style=outcome_style if reached else "dim italic"),
            height=None if long else 1,
        )
