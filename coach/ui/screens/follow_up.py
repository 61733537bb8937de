"""The next-day question: how do the legs feel after yesterday's session?"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from coach.store.models import SessionSummary, to_local


class FollowUpScreen(ModalScreen[bool]):
    """Dismisses True to rate now, False for "not now" (it is not asked again)."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", "Rate now"),
        Binding("escape,n", "answer(False)", "Not now"),
    ]

    def __init__(self, session: SessionSummary) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        when = to_local(self.session.started_at).strftime("%A %H:%M")
        after = self.session.soreness_after
        rated = f" You rated soreness {after}/10 right after." if after is not None else ""
        with Vertical(id="dialog", classes="follow-up"):
            yield Label("How do your legs feel today?", id="question")
            yield Label(
                f"{when}: {self.session.routine_name}.{rated} Soreness peaks a day or two "
                "after a run; a quick rating now shows what helps you.",
                id="detail",
            )
            with Horizontal(id="buttons"):
                yield Button("Not now (n)", id="no")
                yield Button("Rate now (y)", id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
