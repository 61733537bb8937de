"""A routine's whole timeline, full screen, before starting it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from coach.routine.model import Routine
from coach.ui.about import CoachScreen
from coach.ui.messages import StartRoutine
from coach.ui.styles import HOME_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.routine_preview import routine_preview


class PreviewScreen(CoachScreen[None]):
    CSS_PATH = HOME_CSS

    HELP_TITLE = "a routine's steps"
    HELP = """Every step of the routine in order: when it starts, what to do and how long it
    takes. A start marked + is later if a flexible or open step before it runs longer."""

    BINDINGS = [
        Binding("enter", "start", "Start", key_display="enter", tooltip="Start this routine"),
        Binding("escape,q,p", "app.pop_screen", "Back", tooltip="Back to the list"),
    ]
    FOOTER_KEEP = ("start", "app.pop_screen")

    def __init__(self, routine: Routine) -> None:
        super().__init__()
        self.routine = routine

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="preview-full"):
            yield Static(routine_preview(self.routine))
        yield CoachFooter()

    def action_start(self) -> None:
        self.app.pop_screen()
        self.app.post_message(StartRoutine(self.routine))
