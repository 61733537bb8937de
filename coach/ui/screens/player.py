"""The player: follow a routine step by step."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Label

from coach.play.engine import Status
from coach.play.events import Event, Paused, RoutineEnded
from coach.routine.durations import format_clock
from coach.session.owner import Command, PlayedRoutine
from coach.ui.about import CoachScreen
from coach.ui.literal import literal
from coach.ui.styles import PLAYER_CSS
from coach.ui.widgets.footer import CoachFooter
from coach.ui.widgets.step_view import StepView
from coach.ui.widgets.text_update import set_text
from coach.ui.widgets.touch_bar import TouchBar
from coach.ui.widgets.up_next import UpNext

NOTICE_SECONDS = 4.0
"""How long an answer to a key (such as enter before a step's minimum) stays up."""


TOUCH_BAR_FROM_ROWS = 40
"""Terminal rows from which the player has room for its touch buttons under the countdown."""


class PlayerScreen(CoachScreen[None]):
    """Shows the played routine's state and forwards keys to its owner.

    The screen never keeps time itself: it asks the owner how long until the display next
    changes and sleeps exactly that long, so it wakes once a second while a step runs and
    not at all while paused. Any dialog over it holds the routine. Dismisses when the
    routine ends.
    """

    CSS_PATH = PLAYER_CSS
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TOUCH_BAR_FROM_ROWS, "-tall")]
    """In a terminal the keys are in the footer and the countdown needs the rows: the touch
    buttons show only from :data:`TOUCH_BAR_FROM_ROWS` rows up, and always in a browser."""

    HELP_TITLE = "the player"
    HELP = """Follow the routine step by step: the big number is the time left in the step,
    under it how to do it, and at the bottom what comes next and how much of the routine is
    left. Any window over the player (this help, a question, the command palette) holds the
    routine until it closes."""

    BINDINGS = [
        Binding("space", "command('pause')", "Pause", key_display="space",
                tooltip="Hold the routine where it is; space again goes on"),
        Binding("space", "command('resume')", "Resume", key_display="space",
                tooltip="Hold the routine where it is; space again goes on"),
        Binding("right,n", "command('next')", "Next",
                tooltip="Skip this step, or cut it short"),
        Binding("left,b", "command('back')", "Back",
                tooltip="Restart this step; in its first 3 seconds, go to the one before"),
        Binding("plus,equals_sign", "command('extend')", "Add 30s", key_display="+",
                tooltip="Add 30 seconds to this step"),
        Binding("enter", "command('done')", "Done", key_display="enter",
                tooltip="Finish a flexible step (after its minimum) or an open one"),
        Binding("m", "toggle_mute", "Mute", tooltip="Sound off or on again"),
        Binding("q,escape", "request_stop", "Stop",
                tooltip="Stop the routine (asks first; what you did is kept)"),
    ]
    FOOTER_KEEP = ("command('pause')", "command('resume')", "toggle_mute", "request_stop")

    def __init__(self, played: PlayedRoutine) -> None:
        super().__init__()
        self.played = played
        self.muted = False
        self._timer: Timer | None = None
        self._key_state: tuple[object, ...] = ()
        self._notice_timer: Timer | None = None
        """What the footer's keys depend on; they are rebuilt only when it changes."""
        self._count = played.timeline.step_count
        self.experiment = ""
        """Today's experiment assignment, when one is running (it arrives after the start)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="player"):
            yield Label(literal(self._heading(), newlines=False), id="routine-name")
            yield Label("", id="experiment", classes="-empty")
            yield Label("", id="notice")
            yield StepView(id="step")
            yield UpNext(id="up-next")
        yield TouchBar()
        yield CoachFooter()

    def _heading(self) -> str:
        parts = [self.played.timeline.routine_name]
        if self.played.is_preview:
            parts.append(f"preview at {self.played.speed:g}×, not counted")
        if self.muted:
            parts.append("sound off (m)")
        return " · ".join(parts)

    def show_muted(self, muted: bool) -> None:
        self.muted = muted
        self.query_one("#routine-name", Label).update(literal(self._heading(), newlines=False))

    def show_experiment(self, line: str) -> None:
        """Say today's experiment assignment above the step (and whether this routine
        goes against it)."""
        self.experiment = line
        found = self.query("#experiment").results(Label)
        for label in found:  # none yet before compose: on_mount shows it then
            label.update(literal(line))
            label.set_class(not line, "-empty")

    def flash(self) -> None:
        """Stands in for a sound cue when there is no sound device."""
        self.add_class("-flash")
        self.set_timer(0.25, lambda: self.remove_class("-flash"))

    def on_resize(self) -> None:
        self.set_class(self.size.height < 28, "-compact")
        self.set_class(self.size.height < 18 or self.size.width < 50, "-tiny")

    def _notice(self, text: str, for_seconds: float | None = None) -> None:
        """Say ``text`` above the step: until the routine runs again (a pause's reason), or
        for ``for_seconds`` (an answer to a key, which must stay long enough to read)."""
        if self._notice_timer is not None:
            self._notice_timer.stop()
            self._notice_timer = None
        if for_seconds is not None and text:
            self._notice_timer = self.set_timer(for_seconds, lambda: self._notice(""))
        notice = self.query_one("#notice", Label)
        set_text(notice, text)
        notice.set_class(not text, "-empty")

    def on_mount(self) -> None:
        from coach.ui.served import served

        self.set_class(served(), "-served")
        self._notice("")
        self.show_experiment(self.experiment)  # it may have come before the mount
        self.muted = bool(getattr(self.app, "muted", False))
        self.show_muted(self.muted)
        self.watch(self.app, "muted", self.show_muted, init=False)
        self._handle(self.played.command("start"))

    # ------------------------------------------------------------------ time

    def sync(self) -> None:
        """Bring the engine to the clock's time and redraw; the timer calls this."""
        self._handle(self.played.update())

    def _schedule(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wait = self.played.sleep_seconds()
        if wait is None:
            return
        self._timer = self.set_timer(max(wait, 0.001), self.sync)

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Paused) and event.asleep_seconds:
                minutes = max(1, round(event.asleep_seconds / self.played.speed / 60))
                self._notice(f"Paused: the computer was asleep for about {minutes} min. "
                             "Press space to go on.")
            if isinstance(event, RoutineEnded):
                if self._timer is not None:
                    self._timer.stop()
                self.dismiss(None)
                return
        self._render_state()
        self._schedule()

    def _render_state(self) -> None:
        state = self.played.state()
        number = self.played.timeline.step_number(state.index)
        self.query_one(StepView).show(state, number, self._count)
        self.query_one(UpNext).show(state)
        self.query_one(TouchBar).show(state)
        self.set_class(state.status is Status.PAUSED, "-paused")
        if state.status is Status.RUNNING and self._notice_timer is None:
            self._notice("")
        key_state = (state.index, state.status, state.can_finish)
        if key_state != self._key_state:
            self._key_state = key_state
            self.refresh_bindings()

    # ------------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "command" or not parameters:
            return True
        state = self.played.state()
        if parameters[0] == "done":
            # Shown only when it ends the step; before a flexible step's minimum the key
            # still answers, with when it will.
            return True if state.step.time.is_flexible else state.can_finish
        if parameters[0] == "extend":
            return not state.step.time.is_open
        if parameters[0] == "pause":
            return state.status is not Status.PAUSED
        if parameters[0] == "resume":
            return state.status is Status.PAUSED
        return True

    def action_command(self, name: Command) -> None:
        state = self.played.state()
        if name == "done" and not state.can_finish and state.step.time.is_flexible:
            wait = max(0.0, state.step_minimum - state.step_elapsed)
            self._notice(f"Enter finishes this step from {format_clock(state.step_minimum)} "
                         f"on: {format_clock(wait)} to go.", for_seconds=NOTICE_SECONDS)
            return
        self._handle(self.played.command(name))

    def action_toggle_mute(self) -> None:
        self.app.action_toggle_mute()  # type: ignore[attr-defined]

    def action_request_stop(self, quit_after: bool = False) -> None:
        if self.played.finished:
            return
        self.ask_stop(quit_after)

    def stop_now(self) -> None:
        """Stop without asking (another window took over); what was done is kept."""
        if not self.played.finished:
            self._handle(self.played.command("stop"))

    @work(exclusive=True, group="flow-stop", exit_on_error=False)
    async def ask_stop(self, quit_after: bool) -> None:
        """Ask before stopping; the routine waits, paused, while the runner decides."""
        from coach.ui.screens.confirm import ConfirmScreen

        question = "Stop this routine and quit coach?" if quit_after else "Stop this routine?"
        stop = await self.app.push_screen_wait(
            ConfirmScreen(question, "What you have done so far is kept.")
        )
        if not stop:
            return  # the routine goes on as the dialog closes (on_screen_resume)
        self._handle(self.played.command("stop"))
        if quit_after:
            self.app.exit()

    def on_screen_suspend(self) -> None:
        """Any screen over the player (a dialog, help) holds the routine where it is."""
        if not self.played.finished:
            self._handle(self.played.hold())

    def on_screen_resume(self) -> None:
        if not self.played.finished:
            self._handle(self.played.release())
