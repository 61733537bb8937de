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


def fill_visits(table: DataTable[object], rows: Sequence[VisitRow],
                colours: Mapping[str, str], *, numbers: bool = True) -> None:
    """Replace the table's contents with ``rows``; ``numbers=False`` on narrow screens."""
    table.clear(columns=True)
    table.add_columns(*(["#"] if numbers else []), "Step", "Planned", "Actual", "Outcome")
    for row in rows:
        reached = row.outcome != NOT_REACHED
        dim = "" if reached else "dim"
        number = [Text(str(row.number), justify="right", style=dim)] if numbers else []
        outcome_style = colours.get(OUTCOME_COLOURS.get(row.outcome, ""), "")
        table.add_row(
            *number,
            literal_cell(row.name, dim),
            literal_cell(row.planned, dim),
            Text(row.actual or "–", style=dim),
            Text(row.outcome, style=outcome_style if reached else "dim italic"),
        )
