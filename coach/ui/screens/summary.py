"""The end of a routine: every visit of every step, as history will show it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from coach.session.summary import RoutineSummary
from coach.ui.literal import literal
from coach.ui.styles import CHECKIN_CSS
from coach.ui.widgets.visit_table import fill_visits


class SummaryScreen(Screen[None]):
    CSS_PATH = CHECKIN_CSS

    BINDINGS = [
        Binding("enter", "dismiss", "Continue", priority=True),
        Binding("q,escape", "dismiss", "Close", show=False),
    ]

    def __init__(self, summary: RoutineSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Label(literal(self.summary.timeline.routine_name, newlines=False),
                        id="summary-routine")
            yield Label(self.summary.headline(), id="headline")
            yield Label(self.summary.counts_line(), id="counts")
            yield DataTable(id="steps", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        fill_visits(self.query_one(DataTable), self.summary.rows(),
                    self.app.get_css_variables())

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
