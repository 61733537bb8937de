"""The next-day question: how do the legs feel after yesterday's session?"""

from __future__ import annotations

from datetime import datetime
from typing import Literal, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from coach.record.models import SessionSummary, to_local
from coach.ui.literal import literal
from coach.ui.screens.confirm import Dialog

FollowUpAnswer = Literal["rate", "later", "never"]


class FollowUpScreen(Dialog[FollowUpAnswer]):
    """Dismisses "rate" to rate now, "later" to be asked again next time coach opens, and
    "never" to stop asking about this run.

    A run of an experiment (``experiment``; always so with no routine after it, ``session``
    None) has no "never": its next-day rating is the experiment's result, so coach asks
    until it is too late."""

    HELP_TITLE = "the next-day question"
    HELP = """Soreness peaks a day or two after a run, so coach asks once how your legs feel
    the day after; these ratings are what "what helps you" compares."""

    BINDINGS = [
        Binding("enter,y", "answer('rate')", "Rate now", tooltip="Open the soreness form"),
        Binding("escape,l", "answer('later')", "Ask me later",
                tooltip="Ask again the next time coach opens"),
        Binding("n", "answer('never')", "Don't ask about this run",
                tooltip="Never ask about this run again"),
    ]

    def __init__(self, session: SessionSummary | None, run_at: datetime | None = None,
                 experiment: bool = False) -> None:
        super().__init__()
        self.session = session
        self.run_at = run_at if session is None else session.started_at
        self.experiment = experiment or session is None
        """The run is one of an experiment's: no "don't ask"."""

    def compose(self) -> ComposeResult:
        assert self.run_at is not None
        when = to_local(self.run_at).strftime("%A %H:%M")
        if self.session is not None:
            after = self.session.soreness_after
            rated = f" You rated soreness {after}/10 right after." if after is not None else ""
            what = f"{when}: {self.session.routine_name}.{rated}"
            why = ("this rating is what the experiment compares." if self.experiment
                   else "a quick rating now shows what helps you.")
        else:
            what = f"{when}: your run of the experiment."
            why = "this rating is what the experiment compares."
        with Vertical(id="dialog", classes="dialog follow-up"):
            yield Label("How do your legs feel today?", id="question", classes="dialog-question")
            yield Label(
                literal(f"{what} Soreness peaks a day or two after a run; {why}",
                        newlines=False),
                id="dialog-detail", classes="dialog-detail",
            )
            with Horizontal(id="buttons", classes="dialog-buttons"):
                if not self.experiment:
                    yield Button("Don't ask (n)", id="never")
                yield Button("Later (l)", id="later")
                yield Button("Rate now (y)", id="rate", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#rate", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(cast(FollowUpAnswer, event.button.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == ("never",):
            return not self.experiment
        return True

    def action_answer(self, answer: FollowUpAnswer) -> None:
        if answer == "never" and self.experiment:
            return
        self.dismiss(answer)
