"""The table of a session's steps, after a routine and in history: at 60 columns two
stretches that differ only in their variant or side never read the same."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from coach.session.summary import VisitRow
from coach.ui.widgets.visit_table import fill_visits

NAMES = [f"Calf stretch, {knee} knee — {side}"
         for knee in ("straight", "bent") for side in ("left", "right")]
NAMES += [f"Stride, relaxed and tall (round {n} of 2)" for n in (1, 2)]


class Table(App[None]):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.width = width

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        rows = [VisitRow(n, name, "0:30", "0:30", "done") for n, name in enumerate(NAMES, 1)]
        fill_visits(self.query_one(DataTable), rows, {}, width=self.width)


@pytest.mark.parametrize("width", [60, 100])
async def test_every_step_is_named_whole_with_its_variant_and_side(width: int) -> None:
    app = Table(width)
    async with app.run_test(size=(width, 20)) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        lines = [strip.text for strip in table.render_lines(table.size.region)]
    # The step column, line after line, read back as the runner reads it.
    column = [line.split("0:30")[0].strip() if "0:30" in line else line.strip()
              for line in lines[1:]]
    shown = " ".join(part for part in column if part)
    for name in NAMES:
        assert name in shown, (name, lines)
