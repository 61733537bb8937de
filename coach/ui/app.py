"""The Textual app and its factory, shared by the console script and the tests.

The app wires screens to the headless core and keeps no state of a routine itself: a played
routine belongs to its :class:`~coach.session.owner.PlayedRoutine`. Flows over several
screens (player → summary → soreness → advice; the next-day question) are workers that
read top to bottom, each step an ``await push_screen_wait(...)``.
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
from coach.routine.timeline import expand
from coach.session.owner import PlayedRoutine
from coach.text import clean
from coach.ui.appearance import StyledApp
from coach.ui.history_access import HistoryAccess
from coach.ui.messages import StartRoutine
from coach.ui.sound import CueFallback, SoundNotice, Sounds
from coach.ui.styles import BASE_CSS, CHECKIN_CSS, HISTORY_CSS, HOME_CSS, PLAYER_CSS
from coach.ui.terminal import end_on_hangup

if TYPE_CHECKING:
    # The history, advice and sound modules load after the first frame, when first used.
    from coach.sound.backends import Backend
    from coach.store import Store
    from coach.ui.checkins import CheckIns
    from coach.ui.screens.editor import EditTarget
    from coach.ui.screens.player import PlayerScreen


def _commands() -> type[Provider]:
    """The palette's commands, loaded when the palette first opens."""
    from coach.ui.commands import CoachCommands

    return CoachCommands


class CoachApp(StyledApp):
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
        self._sound_notices_waiting: list[str] = []
        self.played: PlayedRoutine | None = None
        self._asking_quit = False
        """The routine being played, or the last one played."""
        self.log_only = log
        self.history = HistoryAccess(store, self.utc_now)

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
            unsaved = getattr(open_screen, "unsaved", None)
            lost = unsaved() if callable(unsaved) else None
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

    # ------------------------------------------------------------------ history

    @property
    def store(self) -> Store | None:
        """The history database, opened on first use; None (said once) if it can't be."""
        return self.history.get(self._history_unavailable)

    def _history_unavailable(self, why: str) -> None:
        self.notify(why, title="History unavailable", severity="error", timeout=15)

    def checkins(self) -> CheckIns | None:
        from coach.ui.checkins import CheckIns

        store = self.store
        return None if store is None else CheckIns(self, store, self.utc_now)

    @work(thread=True, exclusive=True, exit_on_error=False, group="greet")
    def _greet(self) -> None:
        """After the first frame: open the history, bring in new runs from the watched
        folders, then ask about the last run once if due."""
        store = self.history.open()
        if store is not None and self.settings.runs.folders:
            from coach.runs.importer import import_watched
            from coach.store import StoreError

            try:
                line = import_watched(self.settings.runs.folders, store)
            except StoreError as error:
                line = f"Runs not imported: {error}"
            if line:
                self.call_from_thread(self.notify, line, title="Runs", timeout=8)
        self.call_from_thread(self._offer_follow_up)

    def _offer_follow_up(self) -> None:
        if self.played is None:
            self.follow_up_flow()

    @work(exit_on_error=False, group="flow-follow-up")
    async def follow_up_flow(self) -> None:
        checkins = self.checkins()
        if checkins is not None:
            await checkins.follow_up()

    @work(exit_on_error=False, group="flow-history")
    async def history_flow(self, exit_after: bool = False) -> None:
        store = self.store
        if store is not None:
            from coach.ui.screens.history import HistoryScreen

            await self.push_screen_wait(HistoryScreen(store, self.utc_now))
        if exit_after:
            self.exit(return_code=0 if store is not None else 1)

    @work(exit_on_error=False, group="flow-log")
    async def log_flow(self, exit_after: bool = False) -> None:
        checkins = self.checkins()
        if checkins is not None:
            await checkins.standalone()
        if exit_after:
            self.exit(return_code=0 if checkins is not None else 1)

    @work(exit_on_error=False, group="flow-edit")
    async def edit_flow(self, target: EditTarget, exit_after: bool = False) -> None:
        """Edit a routine in coach's editor; from the command line, coach ends with it."""
        from coach.ui.screens.editor import edit

        if exit_after:
            self.show_home()  # beneath the editor, so trying the routine comes back to it
        await edit(self, target)
        if exit_after:
            self.exit()

    def action_history(self) -> None:
        self.history_flow()

    # ------------------------------------------------------------------ help and the palette

    def action_help(self) -> None:
        """``?``: every key of the screen shown, over it (a routine playing below waits)."""
        from textual.command import CommandPalette

        from coach.ui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen | CommandPalette):
            return
        self.push_screen(HelpScreen(self.screen))

    def start_from_palette(self, routine: Routine) -> None:
        """Start a routine chosen by name, unless one is being played."""
        if self.played is not None and not self.played.finished:
            self.notify("A routine is playing: stop it first (q), then start another.",
                        title="Not started", severity="warning")
            return
        self.play(routine)

    def action_log(self) -> None:
        self.log_flow()

    def on_unmount(self) -> None:
        self.sounds.close()
        self.history.close()

    def show_home(self) -> None:
        from coach.ui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen(self._now, self.settings.morning_until))

    # ------------------------------------------------------------------ playing

    @on(StartRoutine)
    def _start_from_home(self, message: StartRoutine) -> None:
        self.play(message.routine, message.speed)

    @work(exit_on_error=False, group="flow-play")
    async def play(self, routine: Routine, speed: float | None = None) -> None:
        """Play a routine (at real speed unless a speed is given), then its summary, then
        (after a run) the soreness check-in."""
        from coach.ui.screens.player import PlayerScreen
        from coach.ui.screens.summary import SummaryScreen

        speed = 1.0 if speed is None else speed
        if self._clock is not None:
            played = PlayedRoutine(expand(routine), speed=speed, clock=self._clock)
        else:
            played = PlayedRoutine(expand(routine), speed=speed)
        self.played = played
        played.listen_moments(self.sounds.moment)
        # The history opens after the first frame; the owner replays what it missed.
        player = PlayerScreen(played)
        self.call_after_refresh(self._start_recording, player, routine.kind, self.utc_now())
        if not self._sound_started:
            # Sound is needed from the first routine on; its library loads after the frame.
            self._sound_started = True
            self.call_after_refresh(self._start_sound)
        await self.push_screen_wait(player)
        self._say_waiting_sound_notices()
        self.show_home()
        await self.push_screen_wait(SummaryScreen(played.summary()))
        recorder = played.recorder
        if (recorder is not None and recorder.session_id is not None
                and recorder.phase == "after" and not played.is_preview):
            checkins = self.checkins()
            if checkins is not None:
                await checkins.after_routine(recorder.session_id, played.timeline.routine_name)

    @work(thread=True, exit_on_error=False, group="store")
    def _start_recording(self, player: PlayerScreen, kind: str, started_at: datetime) -> None:
        """Open the history off the screen's thread, record the routine from its start, then
        tell the player today's experiment assignment (one thread, after the first frame:
        the countdown comes first)."""
        played = player.played
        self.history.open()
        self.call_from_thread(self._attach_recorder, played, kind, started_at)
        if not played.is_preview:
            line = self.history.experiment_player(played.timeline)
            if line:
                self.call_from_thread(player.show_experiment, line)

    def _attach_recorder(self, played: PlayedRoutine, kind: str, started_at: datetime) -> None:
        store = self.store
        if store is None:
            return
        from coach.session.recorder import Recorder
        from coach.soreness.checkin import phase_of

        recorder = Recorder(store, played.timeline, phase_of(kind), lambda: started_at,
                            played.speed)
        recorder.begin()
        recorder.clock_utc = self.utc_now
        played.attach_recorder(recorder)
        played.listen(lambda _event: self._report_recorder_error(played))
        self._report_recorder_error(played)

    def _report_recorder_error(self, played: PlayedRoutine) -> None:
        error = played.recorder.take_error() if played.recorder is not None else None
        if error is not None:
            self.notify(
                f"{error}\nThe routine goes on; this session may be incomplete in history.",
                title="Could not save",
                severity="error",
            )

    # ------------------------------------------------------------------ sound

    @work(thread=True, exit_on_error=False, group="sound")
    def _start_sound(self) -> None:
        """Load the audio library off the screen's thread, after the first frame."""
        self.sounds.start(self.post_message, self.sound_backend)

    def action_toggle_mute(self) -> None:
        self.muted = self.sounds.toggle_mute()
        self.notify(
            "Sound off: press m again to turn it on." if self.muted else "Sound on.", timeout=3
        )

    def on_cue_fallback(self, message: CueFallback) -> None:
        """No sound device: the terminal bell, and a short flash of the screen."""
        self.bell()
        flash = getattr(self.screen, "flash", None)
        if callable(flash):
            flash()

    def on_sound_notice(self, message: SoundNotice) -> None:
        """Said once per start of coach, and never over a countdown: while a routine plays
        it waits for the routine's end."""
        if message.text in self._sound_notices:
            return
        self._sound_notices.add(message.text)
        if self.played is not None and not self.played.finished:
            self._sound_notices_waiting.append(message.text)
            return
        self.notify(message.text, title="Sound", timeout=6)

    def _say_waiting_sound_notices(self) -> None:
        waiting, self._sound_notices_waiting = self._sound_notices_waiting, []
        for text in waiting:
            self.notify(text, title="Sound", timeout=6)


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
