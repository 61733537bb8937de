"""A routine's whole timeline, full screen, before starting it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.routine.model import Routine
from coach.ui.messages import StartRoutine
from coach.ui.screens.home import routine_preview
from coach.ui.styles import HOME_CSS


class PreviewScreen(Screen[None]):
    CSS_PATH = HOME_CSS

    BINDINGS = [
        Binding("enter", "start", "Start"),
        Binding("escape,q,p", "app.pop_screen", "Back"),
    ]

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="preview-full"):
            yield Static(routine_preview(self.routine))
        yield Footer()

    def action_start(self) -> None:
        self.app.pop_screen()
        self.app.post_message(StartRoutine(self.routine))
