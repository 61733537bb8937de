"""The end of a routine: every visit of every step, as history will show it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from coach.session.summary import RoutineSummary
from coach.ui.about import CoachScreen
from coach.ui.literal import literal
from coach.ui.styles import CHECKIN_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.visit_table import fill_visits


class SummaryScreen(CoachScreen[None]):
    CSS_PATH = CHECKIN_CSS

    HELP_TITLE = "the summary"
    HELP = """Every step of the routine just played: done, skipped, cut short or extended, with
    its planned and actual time, as the history will show it."""

    BINDINGS = [
        Binding("enter", "dismiss", "Continue", priority=True, key_display="enter",
                tooltip="Go on (after a cool-down: how do your legs feel?)"),
        Binding("q,escape", "dismiss", "Close", show=False, tooltip="Go on"),
    ]
    FOOTER_KEEP = ("dismiss",)

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
        yield CoachFooter()

    def on_mount(self) -> None:
        self._filled_for: int | None = None
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """The visits, step names cut to the width on a narrow terminal (filled again only
        when the width changes)."""
        width = self.app.size.width
        if width == self._filled_for:
            return
        self._filled_for = width
        fill_visits(self.query_one(DataTable), self.summary.rows(),
                    self.app.get_css_variables(), width=width)

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
