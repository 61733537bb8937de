"""The next-day question: how do the legs feel after yesterday's session?"""

from __future__ import annotations

from typing import Literal, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from coach.store.models import SessionSummary, to_local
from coach.ui.literal import literal
from coach.ui.screens.confirm import Dialog

FollowUpAnswer = Literal["rate", "later", "never"]


class FollowUpScreen(Dialog[FollowUpAnswer]):
    """Dismisses "rate" to rate now, "later" to be asked again next time coach opens, and
    "never" to stop asking about this run."""

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

    def __init__(self, session: SessionSummary) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        when = to_local(self.session.started_at).strftime("%A %H:%M")
        after = self.session.soreness_after
        rated = f" You rated soreness {after}/10 right after." if after is not None else ""
        with Vertical(id="dialog", classes="dialog follow-up"):
            yield Label("How do your legs feel today?", id="question", classes="dialog-question")
            yield Label(
                literal(
                    f"{when}: {self.session.routine_name}.{rated} Soreness peaks a day or two "
                    "after a run; a quick rating now shows what helps you.",
                    newlines=False,
                ),
                id="dialog-detail", classes="dialog-detail",
            )
            with Horizontal(id="buttons", classes="dialog-buttons"):
                yield Button("Don't ask (n)", id="never")
                yield Button("Later (l)", id="later")
                yield Button("Rate now (y)", id="rate", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#rate", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(cast(FollowUpAnswer, event.button.id))

    def action_answer(self, answer: FollowUpAnswer) -> None:
        self.dismiss(answer)
