"""The Textual app and its factory, shared by the console script and the tests.

The app wires screens to the headless core and keeps no state of a routine itself: a played
routine belongs to its :class:`~coach.session.owner.PlayedRoutine`. Flows over several
screens (player → summary → soreness → advice; the next-day question) are workers that
read top to bottom, each step an ``await push_screen_wait(...)``, in :mod:`coach.ui.flows`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.reactive import reactive

from coach.config import Settings, load_settings
from coach.play.clock import Clock
from coach.routine.model import Routine
from coach.session.history_access import HistoryAccess
from coach.session.owner import PlayedRoutine
from coach.session.playing import PlayingLock
from coach.text import clean
from coach.ui.about import About
from coach.ui.flows import Flows
from coach.ui.messages import StartRoutine
from coach.ui.sound import CueFallback, Sounds
from coach.ui.styles import BASE_CSS, CHECKIN_CSS, HISTORY_CSS, HOME_CSS, PLAYER_CSS
from coach.ui.terminal import end_on_hangup

if TYPE_CHECKING:
    # The history, advice and sound modules load after the first frame, when first used.
    from coach.sound.backends import Backend
    from coach.store import Store
    from coach.ui.screens.editor import EditTarget


def _commands() -> type[Provider]:
    """The palette's commands, loaded when the palette first opens."""
    from coach.ui.commands import CoachCommands

    return CoachCommands


class CoachApp(Flows):
    """Wires the screens to the headless core."""

    TITLE = "coach"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {_commands}
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?",
                tooltip="Every key of this screen and what it does"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True,
                tooltip="Start a routine by name, open the history, log soreness, mute, "
                "change the theme"),
        Binding("ctrl+t", "next_theme", "Theme", show=False,
                tooltip="Switch to the next colour theme; it is kept in the settings"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True,
                tooltip="Leave coach (a routine in progress asks first)"),
    ]

    muted: reactive[bool] = reactive(False)
    """Sound on or off; the player shows it."""

    def __init__(
        self,
        *,
        routine: Routine | None = None,
        speed: float = 1.0,
        clock: Clock | None = None,
        now: Callable[[], datetime] | None = None,
        settings: Settings | None = None,
        settings_problems: list[str] | None = None,
        store: Store | None = None,
        log: bool = False,
        history: bool = False,
        sound_backend: Backend | None = None,
        edit: EditTarget | None = None,
    ) -> None:
        # Only the first screen's styles are read before the first frame.
        first = HISTORY_CSS if history else CHECKIN_CSS if log else HOME_CSS
        if routine is not None:
            first = PLAYER_CSS
        super().__init__(css_path=[BASE_CSS, first])
        self.sound_backend = sound_backend
        self.history_only = history
        self.start_edit = edit
        """A routine to open in the editor at start (an id, a path or a draft); coach
        ends when the editor closes."""
        self.start_routine = routine
        self.start_speed = speed
        """The command line's speed: it belongs to the routine it was given for; anything
        started later from home plays at real speed and is recorded."""
        self._clock = clock
        self._now = now or datetime.now
        self.utc_now = utc_clock(now)
        self.settings = settings or Settings()
        self.settings_problems = settings_problems or []
        self.use_settings_theme()
        self.sounds = Sounds(self.settings.sound)
        self.set_reactive(CoachApp.muted, self.sounds.muted)
        self._sound_started = False
        self._sound_notices: set[str] = set()
        """Sound notices already said (or waiting): each once per start of coach."""
        self._notices_waiting: list[tuple[str, str, float]] = []
        self.played: PlayedRoutine | None = None
        self._asking_quit = False
        """The routine being played, or the last one played."""
        self.log_only = log
        self.history = HistoryAccess(store, self.utc_now)
        self.playing_lock = PlayingLock()
        """Held while this window plays: one routine at a time across coach windows."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications often carry outside text (file names, settings, errors): shown
        literally and cleaned, unless a caller asks for markup in the app's own words."""
        super().notify(
            message if markup else clean(message), title=clean(title), severity=severity,
            timeout=timeout, markup=markup,
        )

    def on_mount(self) -> None:
        # A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends coach cleanly.
        end_on_hangup(asyncio.get_running_loop(), self._end_by_signal)
        from coach.ui.playing_elsewhere import listen_for_take_over

        listen_for_take_over(self, self.playing_lock)  # another window may take it over
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        if self.start_routine is not None:
            # Straight to the player; the home screen is built when the routine is over.
            self.play(self.start_routine, self.start_speed)
        elif self.log_only:
            self.log_flow(exit_after=True)
        elif self.history_only:
            self.history_flow(exit_after=True)
        elif self.start_edit is not None:
            self.edit_flow(self.start_edit, exit_after=True)
        else:
            self.show_home()
            self.call_after_refresh(self._greet)

    def _end_by_signal(self, signum: int) -> None:
        if self.played is not None and not self.played.finished:
            self.played.interrupt()
        self.exit(return_code=128 + signum)

    async def action_quit(self) -> None:
        """Ctrl+Q in the player asks first, like q: a routine is never left unrecorded; so
        does a form or an editor holding unsaved work."""
        from coach.ui.screens.player import PlayerScreen

        screen = self.screen
        if isinstance(screen, PlayerScreen) and not screen.played.finished:
            screen.action_request_stop(quit_after=True)
            return
        if self._asking_quit:
            self.exit()  # Ctrl+Q again while asked: the answer is yes
            return
        for open_screen in reversed(self.screen_stack):
            lost = open_screen.unsaved() if isinstance(open_screen, About) else None
            if lost:
                self._ask_quit(lost)
                return
        self.exit()

    @work(exclusive=True, exit_on_error=False, group="flow-quit")
    async def _ask_quit(self, lost: str) -> None:
        """A form or an editor with unsaved work: quit only if the runner says so."""
        from coach.ui.screens.confirm import ConfirmScreen

        self._asking_quit = True
        try:
            quit_now = await self.push_screen_wait(
                ConfirmScreen("Quit coach?", lost, yes="Yes, quit"))
        finally:
            self._asking_quit = False
        if quit_now:
            self.exit()

    # ------------------------------------------------------------------ help and the palette

    def action_help(self) -> None:
        """``?``: every key of the screen shown, over it (a routine playing below waits)."""
        from textual.command import CommandPalette

        from coach.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen | CommandPalette):
            return
        self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        self.playing_lock.release()
        self.sounds.close()
        self.history.close()

    # ------------------------------------------------------------------ playing

    @on(StartRoutine)
    def _start_from_home(self, message: StartRoutine) -> None:
        self.play(message.routine, message.speed)

    # ------------------------------------------------------------------ sound

    def action_toggle_speech(self) -> None:
        """Speak the steps from now on, or stop; the choice is kept in the settings."""
        on = not self.sounds.settings.speech
        if not self.sounds.set_speech(on):
            self.notify("No speech engine found: install espeak-ng (Linux), or name a command "
                        "in the settings: [sound] speech_command.", title="Speech", timeout=8)
            return
        self.notify("Speech on: each step is said aloud; m mutes it." if on else "Speech off.",
                    title="Speech", timeout=4)
        self._save_speech(on)

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_speech(self, on: bool) -> None:
        from coach.config import ConfigError, save_speech

        try:
            save_speech(on)
        except ConfigError as error:
            self.call_from_thread(self.notify, str(error), title="Speech", severity="warning")

    def action_toggle_mute(self) -> None:
        self.muted = self.sounds.toggle_mute()
        self.notify(
            "Sound off: press m again to turn it on." if self.muted else "Sound on.", timeout=3
        )

    def on_cue_fallback(self, message: CueFallback) -> None:
        """No sound device: the terminal bell, and a short flash of the screen."""
        self.bell()
        if isinstance(self.screen, About):
            self.screen.flash()


def utc_clock(now: Callable[[], datetime] | None) -> Callable[[], datetime]:
    """UTC time for the store, from the app's local clock when a test fixed one."""
    if now is None:
        return lambda: datetime.now(UTC)
    return lambda: now().astimezone(UTC)


def make_app(
    *,
    routine: Routine | None = None,
    speed: float = 1.0,
    clock: Clock | None = None,
    now: Callable[[], datetime] | None = None,
    store: Store | None = None,
    log: bool = False,
    history: bool = False,
    sound_backend: Backend | None = None,
    edit: EditTarget | None = None,
) -> CoachApp:
    """Build the app the way ``coach`` runs it; tests pass a fake clock and a fixed time."""
    from coach.ui.paste import install

    install()  # pasted text reaches the app whole, as text
    settings, problems = load_settings()
    return CoachApp(
        routine=routine,
        speed=speed,
        clock=clock,
        now=now,
        settings=settings,
        settings_problems=problems,
        store=store,
        log=log,
        history=history,
        sound_backend=sound_backend,
        edit=edit,
    )
