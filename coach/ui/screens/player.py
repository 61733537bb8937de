"""The player: follow a routine step by step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label

from coach.play.engine import Status
from coach.play.events import Event, Paused, RoutineEnded
from coach.session.owner import Command, Playback
from coach.ui.styles import PLAYER_CSS
from coach.ui.widgets.step_view import StepView
from coach.ui.widgets.text_update import set_text
from coach.ui.widgets.up_next import UpNext


class PlayerScreen(Screen[list[Event]]):
    """Shows the engine's state and forwards keys to it.

    The screen never keeps time itself: it asks the engine when the display will next change
    and sleeps exactly that long, so it wakes once a second while a step runs and not at all
    while paused. Dismisses with the routine's events when it ends.
    """

    CSS_PATH = PLAYER_CSS

    BINDINGS = [
        Binding("space", "command('pause')", "Pause", key_display="space"),
        Binding("space", "command('resume')", "Resume", key_display="space"),
        Binding("right,n", "command('next')", "Next", key_display="→"),
        Binding("left,b", "command('back')", "Back", key_display="←"),
        Binding("plus,equals_sign", "command('extend')", "Add 30s", key_display="+"),
        Binding("enter", "command('done')", "Done", key_display="enter"),
        Binding("m", "toggle_mute", "Mute"),
        Binding("q,escape", "request_stop", "Stop"),
    ]

    def __init__(self, playback: Playback, *, speed: float = 1.0, muted: bool = False) -> None:
        super().__init__()
        self.playback = playback
        self.speed = speed
        self.muted = muted
        self._timer: Timer | None = None
        self._key_state: tuple[object, ...] = ()
        """What the footer's keys depend on; they are rebuilt only when it changes."""
        self._count = playback.engine.timeline.step_count

    def compose(self) -> ComposeResult:
        with Vertical(id="player"):
            yield Label(self._heading(), id="routine-name")
            yield Label("", id="notice")
            yield StepView(id="step")
            yield UpNext(id="up-next")
        yield Footer()

    def _heading(self) -> str:
        parts = [self.playback.engine.timeline.routine_name]
        if self.speed != 1.0:
            parts.append(f"{self.speed:g}× speed")
        if self.muted:
            parts.append("sound off (m)")
        return " · ".join(parts)

    def show_muted(self, muted: bool) -> None:
        self.muted = muted
        self.query_one("#routine-name", Label).update(self._heading())

    def flash(self) -> None:
        """Stands in for a sound cue when there is no sound device."""
        self.add_class("-flash")
        self.set_timer(0.25, lambda: self.remove_class("-flash"))

    def on_resize(self) -> None:
        self.set_class(self.size.height < 28, "-compact")

    def _notice(self, text: str) -> None:
        notice = self.query_one("#notice", Label)
        set_text(notice, text)
        notice.set_class(not text, "-empty")

    def on_mount(self) -> None:
        self._notice("")
        self._handle(self.playback.command("start"))

    # ------------------------------------------------------------------ time

    def sync(self) -> None:
        """Bring the engine to the clock's time and redraw; the timer calls this."""
        self._handle(self.playback.update())

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wait = self.playback.engine.seconds_to_next_change()
        if wait is None:
            return
        # The engine speaks in its own (possibly faster) seconds; the timer in real ones.
        self._timer = self.set_timer(max(wait / self.speed, 0.001), self.sync)

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Paused) and event.reason:
                self._notice(event.reason)
            if isinstance(event, RoutineEnded):
                if self._timer is not None:
                    self._timer.stop()
                self.dismiss(list(self.playback.history))
                return
        self._render_state()
        self._schedule()

    def _render_state(self) -> None:
        state = self.playback.state()
        number = self.playback.engine.timeline.step_number(state.index)
        self.query_one(StepView).show(state, number, self._count)
        self.query_one(UpNext).show(state)
        self.set_class(state.status is Status.PAUSED, "-paused")
        if state.status is Status.RUNNING:
            self._notice("")
        key_state = (state.status, state.can_finish)
        if key_state != self._key_state:
            self._key_state = key_state
            self.refresh_bindings()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "command" or not parameters:
            return True
        state = self.playback.state()
        if parameters[0] == "done":
            return state.can_finish
        if parameters[0] == "pause":
            return state.status is not Status.PAUSED
        if parameters[0] == "resume":
            return state.status is Status.PAUSED
        return True

    def action_command(self, name: Command) -> None:
        self._handle(self.playback.command(name))

    def action_toggle_mute(self) -> None:
        self.app.action_toggle_mute()  # type: ignore[attr-defined]

    def action_request_stop(self) -> None:
        if self.playback.engine.status is Status.FINISHED:
            return
        from coach.ui.screens.confirm import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen("Stop this routine?", "What you have done so far is kept."),
            self._confirmed_stop,
        )

    def _confirmed_stop(self, stop: bool | None) -> None:
        if stop:
            self.action_command("stop")
