"""The end of a routine: what was done, skipped and cut short."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label

from coach.play.events import Outcome
from coach.play.summary import RoutineSummary
from coach.routine.durations import format_clock
from coach.ui.styles import CHECKIN_CSS

_OUTCOME_TEXT = {
    Outcome.DONE: Text("done", style="green"),
    Outcome.EXTENDED: Text("done, time added", style="green"),
    Outcome.CUT_SHORT: Text("cut short", style="yellow"),
    Outcome.SKIPPED: Text("skipped", style="red"),
}


class SummaryScreen(Screen[None]):
    CSS_PATH = CHECKIN_CSS

    BINDINGS = [
        Binding("enter", "dismiss", "Continue", priority=True),
        Binding("q,escape", "dismiss", "Close", show=False),
    ]

    def __init__(self, routine_name: str, summary: RoutineSummary) -> None:
        super().__init__()
        self.routine_name = routine_name
        self.summary = summary

    def compose(self) -> ComposeResult:
        summary = self.summary
        counts = summary.counts
        parts = [f"{summary.completed_steps} of {summary.planned_steps} steps done"]
        for outcome, word in ((Outcome.CUT_SHORT, "cut short"), (Outcome.SKIPPED, "skipped")):
            if counts[outcome]:
                parts.append(f"{counts[outcome]} {word}")
        parts.append(f"{format_clock(summary.elapsed_seconds)} in all")
        with Vertical(id="summary"):
            yield Label(self.routine_name, id="summary-routine")
            yield Label(summary.headline(), id="headline")
            yield Label(" · ".join(parts), id="counts")
            yield DataTable(id="steps", cursor_type="none", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Step", "Planned", "Actual", "Outcome")
        for number, ended in enumerate(self.summary.steps, start=1):
            step = ended.step
            planned = "open" if step.time.is_open else format_clock(ended.planned_seconds)
            if step.time.is_flexible:
                planned = step.time.text()
            table.add_row(
                str(number),
                step.title,
                planned,
                format_clock(ended.actual_seconds),
                _OUTCOME_TEXT[ended.outcome],
            )

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(None)
