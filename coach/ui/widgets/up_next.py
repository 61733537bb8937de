"""What comes after this step, and how much of the routine is left."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from coach.play.engine import EngineState
from coach.routine.durations import format_clock
from coach.routine.timeline import step_length
from coach.ui.widgets.meter import Meter
from coach.ui.widgets.text_update import set_text


def next_line(state: EngineState) -> str:
    nxt = state.next_step
    if nxt is None:
        return "Next: that's the last step"
    if nxt.switch:
        return f"Next: switch sides ({step_length(nxt.time)})"
    detail = step_length(nxt.time)
    if nxt.round_label:
        detail = f"{detail}, {nxt.round_label}"
    return f"Next: {nxt.title} ({detail})"


def remaining_line(state: EngineState) -> str:
    """``4:13–9:13 left · 0:47 done``: to the second, so it counts down as the clock does."""
    left = state.routine_remaining
    if left.minimum == left.maximum == 0 and left.open_steps:
        text = "open"
    else:
        text = format_clock(left.minimum)
        if left.maximum != left.minimum:
            text = f"{text}–{format_clock(left.maximum)}"
        if left.open_steps:
            text = f"{text} + open"
    return f"{text} left · {format_clock(state.routine_elapsed)} done"


class UpNext(Vertical):
    def compose(self) -> ComposeResult:
        yield Label(id="next")
        with Horizontal(id="routine-row"):
            yield Meter(id="routine-progress")
            yield Label(id="remaining")

    def show(self, state: EngineState) -> None:
        set_text(self.query_one("#next", Label), next_line(state))
        set_text(self.query_one("#remaining", Label), remaining_line(state))
        left = state.routine_remaining
        total = state.routine_elapsed + left.maximum
        meter = self.query_one("#routine-progress", Meter)
        meter.fraction = state.routine_elapsed / max(total, 1.0)
