"""The player's keys as buttons a thumb can hit: pause, back, next, +30 s, done.

On a phone (``coach serve``) there is no keyboard, and with a mouse in a terminal a click
is handier than remembering keys. Each button runs the same action as its key, so what a
press does (and what it answers) is written once, in the player. The buttons never take
the focus: space and enter keep going to the player, not to a button.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from coach.play.engine import EngineState, Status


class TouchButton(Button, can_focus=False):
    """A button that runs its player action when pressed, and never takes the focus."""

    def __init__(self, label: str, action: str, name: str, tooltip: str) -> None:
        super().__init__(label, id=f"touch-{name}", tooltip=tooltip)
        self.player_action = action


class TouchBar(Horizontal):
    """One row of big buttons across the bottom of the player."""

    DEFAULT_CSS = """
    TouchBar {
        height: 3;
        width: 100%;
    }
    TouchBar TouchButton {
        width: 1fr;
        min-width: 6;
        margin: 0;
        padding: 0;
    }
    """

    def compose(self) -> ComposeResult:
        yield TouchButton("Pause", "command('pause')", "pause", "Hold the routine; again goes on")
        yield TouchButton("Back", "command('back')", "back", "Restart this step")
        yield TouchButton("Next", "command('next')", "next", "Skip this step, or cut it short")
        yield TouchButton("+30 s", "command('extend')", "extend", "Add 30 seconds to this step")
        yield TouchButton("Done", "command('done')", "done", "Finish this step")

    def show(self, state: EngineState) -> None:
        """Follow the routine: Pause reads Resume while paused; +30 s is off on an open
        step."""
        pause = self.query_one("#touch-pause", TouchButton)
        paused = state.status is Status.PAUSED
        pause.label = "Resume" if paused else "Pause"
        pause.player_action = "command('resume')" if paused else "command('pause')"
        self.query_one("#touch-extend", TouchButton).disabled = state.step.time.is_open

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, TouchButton):
            await self.screen.run_action(event.button.player_action)
