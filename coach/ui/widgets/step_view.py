"""The centre of the player: what to do now, how, and for how long."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from coach.play.engine import EngineState, Status, counted_down
from coach.routine.durations import format_clock
from coach.routine.timeline import friendly_length, step_length
from coach.ui.widgets.countdown import BigCountdown
from coach.ui.widgets.meter import Meter
from coach.ui.widgets.text_update import set_text

PAUSED = "Paused — press space to go on."


def step_caption(state: EngineState, number: int, count: int) -> str:
    """``Step 3 of 18 · stretch · left side · round 2 of 4``; ``Paused — press space to go
    on. · Step 3 of 18 · …`` when paused on a step whose hint line is hidden: writing it
    there would take a line from the digits and shrink them."""
    step = state.step
    parts = [f"Step {number} of {count}", "switch" if step.switch else step.kind]
    if state.status is Status.PAUSED and not _running_hint(state):
        parts.insert(0, PAUSED)
    if step.side and not step.switch:
        parts.append(f"{step.side} side")
    if step.round_label:
        parts.append(step.round_label)
    return " · ".join(parts)


def step_hint(state: EngineState) -> str:
    """The line under the countdown for flexible and open steps, and while paused on one
    of them (a step without the line says it is paused in its caption)."""
    running = _running_hint(state)
    if state.status is Status.PAUSED and running:
        return PAUSED
    return running


def _running_hint(state: EngineState) -> str:
    step = state.step
    time = step.time
    if time.is_open:
        return "Take your time — press enter when you are ready."
    if time.is_flexible and state.step_limit is not None:
        if state.can_finish:
            left = format_clock(counted_down(state.step_limit - state.step_elapsed))
            return f"You can finish now (enter) — or keep going: it ends by itself in {left}."
        until = format_clock(counted_down(state.step_minimum - state.step_elapsed))
        return f"{step_length(time)}: you can finish in {until}."
    if state.added_seconds:
        return f"+{friendly_length(state.added_seconds, state.added_seconds)} added"
    return ""


class StepView(Vertical):
    """Big countdown, step name, cue and step progress.

    The countdown takes whatever height the text around it leaves; the name and the cue
    stay ordinary text (bold, centred, wrapped), so they can be read, selected and tested.
    """

    def compose(self) -> ComposeResult:
        yield Label(id="caption")
        yield Label(id="title")
        yield BigCountdown("0:00", id="countdown")
        yield Label(id="hint")
        yield Static(id="cue")
        yield Meter(id="step-progress")

    def show(self, state: EngineState, number: int, count: int) -> None:
        step = state.step
        set_text(self.query_one("#caption", Label), step_caption(state, number, count))
        set_text(self.query_one("#title", Label), step.title)
        remaining = state.step_remaining
        shown = state.shown_seconds
        digits = format_clock(shown)
        self.query_one("#countdown", BigCountdown).update(digits)
        hint, hint_text = self.query_one("#hint", Label), step_hint(state)
        set_text(hint, hint_text)
        hint.set_class(not hint_text, "-empty")
        cue = self.query_one("#cue", Static)
        set_text(cue, step.cue)
        cue.set_class(not step.cue.strip(), "-empty")
        # An open step has no end to show: its bar stays empty.
        meter = self.query_one("#step-progress", Meter)
        meter.fraction = 0.0 if remaining is None else state.step_progress
        self.set_class(state.status is Status.PAUSED, "-paused")
        self.set_class(state.can_finish and not step.time.is_open, "-can-finish")
        self.set_class(remaining is not None and shown <= step.countdown, "-ending")
