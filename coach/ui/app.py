"""The Textual app and its factory, shared by the console script and the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App

from coach.clock import Clock, ScaledClock, SuspendWatch
from coach.config import Settings, load_settings
from coach.events import Event
from coach.playback import Playback
from coach.routine.model import Routine
from coach.timeline import expand
from coach.ui.messages import StartRoutine
from coach.ui.screens.player import PlayerScreen

if TYPE_CHECKING:
    from coach.suggest import Suggestion
    from coach.ui.screens.home import RoutineChoice


class CoachApp(App[None]):
    """Wires the screens to the headless core; keeps no state of a routine itself."""

    CSS_PATH = Path(__file__).with_name("coach.tcss")
    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        *,
        routine: Routine | None = None,
        speed: float = 1.0,
        clock: Clock | None = None,
        now: Callable[[], datetime] | None = None,
        settings: Settings | None = None,
        settings_problems: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.start_routine = routine
        self.speed = speed
        self._clock = clock
        self._now = now or datetime.now
        self.settings = settings or Settings()
        self.settings_problems = settings_problems or []
        self.playback: Playback | None = None

    def on_mount(self) -> None:
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        if self.start_routine is not None:
            # Straight to the player; the home screen is built when the routine is over.
            self.play(self.start_routine)
        else:
            self.show_home()

    def show_home(self) -> None:
        from coach.ui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen())
            self._load_routines()

    # ------------------------------------------------------------------ routines

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines")
    def _load_routines(self) -> None:
        from coach.routine.catalog import discover
        from coach.suggest import suggest
        from coach.ui.screens.home import RoutineChoice

        catalog = discover()
        choices = [
            RoutineChoice(
                routine=entry.routine,
                id=entry.id,
                label=entry.source,
                problem="" if entry.error is None else _first_line(str(entry.error)),
            )
            for entry in catalog
        ]
        suggestions = suggest(catalog.routines, self._now(), self.settings.morning_until)
        self.call_from_thread(self._show_routines, choices, suggestions)

    def _show_routines(self, choices: list[RoutineChoice], suggestions: list[Suggestion]) -> None:
        from coach.ui.screens.home import HomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.show_routines(choices, suggestions)

    @on(StartRoutine)
    def _start_from_home(self, message: StartRoutine) -> None:
        self.play(message.routine)

    # ------------------------------------------------------------------ playing

    def make_clock(self) -> tuple[Clock, Callable[[], float] | None]:
        """The engine's clock, and the sleep detector scaled to it."""
        if self._clock is not None:
            return self._clock, None
        clock = ScaledClock(self.speed)
        watch = SuspendWatch()
        return clock, lambda: watch.check() * self.speed

    def play(self, routine: Routine) -> None:
        timeline = expand(routine)
        clock, suspended = self.make_clock()
        self.playback = Playback(timeline, clock, suspended=suspended)
        self.push_screen(PlayerScreen(self.playback, speed=self.speed), self._routine_ended)

    def _routine_ended(self, events: list[Event] | None) -> None:
        playback = self.playback
        if playback is None or events is None:
            return
        from coach.summary import summarize
        from coach.ui.screens.summary import SummaryScreen

        timeline = playback.engine.timeline
        planned = sum(1 for step in timeline if not step.switch)
        summary = SummaryScreen(timeline.routine_name, summarize(events, planned))

        def after_player() -> None:
            # The player is still on the stack while its result callback runs.
            self.show_home()
            self.push_screen(summary)

        self.call_later(after_player)

    def action_toggle_mute(self) -> None:
        self.notify("Sound is not set up yet.", timeout=2)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def make_app(
    *,
    routine: Routine | None = None,
    speed: float = 1.0,
    clock: Clock | None = None,
    now: Callable[[], datetime] | None = None,
) -> CoachApp:
    """Build the app the way ``coach`` runs it; tests pass a fake clock and a fixed time."""
    settings, problems = load_settings()
    return CoachApp(
        routine=routine,
        speed=speed,
        clock=clock,
        now=now,
        settings=settings,
        settings_problems=problems,
    )
