"""The Textual app and its factory, shared by the console script and the tests."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.notifications import SeverityLevel

from coach.config import Settings, load_settings
from coach.play.clock import Clock, ScaledClock, SuspendWatch
from coach.play.events import Event
from coach.routine.model import Routine
from coach.routine.timeline import expand
from coach.session.owner import Playback
from coach.text import clean
from coach.ui.messages import StartRoutine
from coach.ui.screens.player import PlayerScreen
from coach.ui.sound import CueFallback, SoundNotice, Sounds
from coach.ui.styles import BASE_CSS, CHECKIN_CSS, HISTORY_CSS, HOME_CSS, PLAYER_CSS

if TYPE_CHECKING:
    # The history, advice and sound modules load after the first frame, when first used.
    from coach.routine.suggest import Suggestion
    from coach.session.recorder import Recorder
    from coach.sound.backends import Backend
    from coach.store import Store, StoreError
    from coach.ui.checkins import CheckIns
    from coach.ui.screens.home import RoutineChoice


class CoachApp(App[None]):
    """Wires the screens to the headless core; keeps no state of a routine itself."""

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
        store: Store | None = None,
        log: bool = False,
        history: bool = False,
        sound_backend: Backend | None = None,
    ) -> None:
        # Only the first screen's styles are read before the first frame.
        first = HISTORY_CSS if history else CHECKIN_CSS if log else HOME_CSS
        if routine is not None:
            first = PLAYER_CSS
        super().__init__(css_path=[BASE_CSS, first])
        self.sound_backend = sound_backend
        self.history_only = history
        self.start_routine = routine
        self.speed = speed
        self._clock = clock
        self._now = now or datetime.now
        self.utc_now = utc_clock(now)
        self.settings = settings or Settings()
        self.settings_problems = settings_problems or []
        self.sounds = Sounds(self.settings.sound)
        self._sound_started = False
        self.playback: Playback | None = None
        self.recorder: Recorder | None = None
        self.log_only = log
        self._store = store
        self._owns_store = store is None
        self._store_lock = threading.Lock()
        self._store_error: StoreError | None = None
        self._store_error_shown = False
        self._pending_events: list[Event] = []

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
        self._catch_hangups()
        for problem in self.settings_problems:
            self.notify(problem, title="Settings", severity="warning", timeout=10)
        if self.start_routine is not None:
            # Straight to the player; the home screen is built when the routine is over.
            self.play(self.start_routine)
        elif self.log_only:
            checkins = self.checkins()
            if checkins is None:
                self.exit(return_code=1)
                return
            checkins.standalone(then=self.exit)
        elif self.history_only:
            self.action_history(then=self.exit)
        else:
            self.show_home()
            self.call_after_refresh(self._greet)

    def _catch_hangups(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM) ends coach cleanly.

        Left to their defaults these signals kill the process on the spot: the terminal
        stays in the app's mode and the session is only found interrupted at next start.
        """
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._end_by_signal, int(signum))

    def _end_by_signal(self, signum: int) -> None:
        playback, recorder = self.playback, self.recorder
        if playback is not None and recorder is not None and not recorder.finished:
            recorder.interrupt(playback.state().routine_elapsed)
        self.exit(return_code=128 + signum)

    # ------------------------------------------------------------------ history

    def _open_store(self) -> Store | None:
        """Open the history database once (from any thread); None if it can't be."""
        with self._store_lock:
            if self._store is None and self._store_error is None:
                from coach.store import Store, StoreError

                try:
                    self._store = Store.open(clock=self.utc_now)
                    self._store.mark_interrupted(self.utc_now())
                except StoreError as error:
                    self._store_error = error
            return self._store

    @property
    def store(self) -> Store | None:
        """The history database, opened on first use; None (said once) if it can't be."""
        store = self._open_store()
        if store is None and not self._store_error_shown:
            self._store_error_shown = True
            self.notify(
                f"{self._store_error}\nRoutines still play, but nothing is recorded.",
                title="History unavailable",
                severity="error",
                timeout=15,
            )
        return store

    def checkins(self) -> CheckIns | None:
        from coach.ui.checkins import CheckIns

        store = self.store
        return None if store is None else CheckIns(self, store, self.utc_now)

    @work(thread=True, exclusive=True, exit_on_error=False, group="greet")
    def _greet(self) -> None:
        """After the first frame: open the history, then ask about yesterday once if due."""
        self._open_store()
        self.call_from_thread(self._offer_follow_up)

    def _offer_follow_up(self) -> None:
        checkins = self.checkins()
        if checkins is not None and not self.playback:
            checkins.offer_follow_up(then=lambda: None)

    def action_history(self, then: Callable[[], None] | None = None) -> None:
        store = self.store
        if store is None:
            if then is not None:
                self.exit(return_code=1)
            return
        from coach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(store, self.utc_now), lambda _: then and then())

    def action_log(self) -> None:
        checkins = self.checkins()
        if checkins is not None:
            checkins.standalone(then=lambda: None)

    def on_unmount(self) -> None:
        self.sounds.close()
        if self._store is not None and self._owns_store:
            self._store.close()

    def show_home(self) -> None:
        from coach.ui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen())
            self.call_after_refresh(self._load_routines)

    # ------------------------------------------------------------------ routines

    @work(thread=True, exclusive=True, exit_on_error=False, group="routines")
    def _load_routines(self) -> None:
        from coach.routine.catalog import discover
        from coach.routine.suggest import suggest
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
        self.recorder = None
        self._pending_events = []
        self.playback.listeners.append(self._record)
        # The history opens after the first frame; the events meanwhile wait for it.
        self.call_after_refresh(self._start_recording, routine.kind, self.utc_now())
        self.playback.moment_listeners.append(self.sounds.moment)
        if not self._sound_started:
            # Sound is needed from the first routine on; its library loads after the frame.
            self._sound_started = True
            self.call_after_refresh(self._start_sound)
        screen = PlayerScreen(self.playback, speed=self.speed, muted=self.sounds.muted)
        self.push_screen(screen, self._routine_ended)

    @work(thread=True, exit_on_error=False, group="store")
    def _start_recording(self, routine_kind: str, started_at: datetime) -> None:
        """Open the history off the screen's thread, then write the session row.

        The routine is already running: its first events wait in ``_pending_events`` and
        are written as soon as the session exists, so nothing is lost to the delay.
        """
        self._open_store()
        self.call_from_thread(self._attach_recorder, routine_kind, started_at)

    def _attach_recorder(self, routine_kind: str, started_at: datetime) -> None:
        store, playback = self.store, self.playback
        if store is None or playback is None:
            return
        from coach.session.recorder import Recorder
        from coach.soreness.checkin import phase_of

        recorder = Recorder(
            store, playback.engine.timeline, phase_of(routine_kind), lambda: started_at
        )
        recorder.begin()
        recorder.clock_utc = self.utc_now
        self.recorder = recorder
        pending, self._pending_events = self._pending_events, []
        recorder.handle_all(pending)
        self._report_recorder_error()

    def _record(self, event: Event) -> None:
        if self.recorder is None:
            self._pending_events.append(event)
            return
        self.recorder.handle(event)
        self._report_recorder_error()

    def _report_recorder_error(self) -> None:
        error = self.recorder.take_error() if self.recorder is not None else None
        if error is not None:
            self.notify(
                f"{error}\nThe routine goes on; this session may be incomplete in history.",
                title="Could not save",
                severity="error",
            )

    def _routine_ended(self, events: list[Event] | None) -> None:
        playback = self.playback
        if playback is None or events is None:
            return
        from coach.play.summary import summarize
        from coach.ui.screens.summary import SummaryScreen

        timeline = playback.engine.timeline
        planned = sum(1 for step in timeline if not step.switch)
        summary = SummaryScreen(timeline.routine_name, summarize(events, planned))

        def after_summary(_: None = None) -> None:
            # Looked up now, not when the routine ended: the history may have opened since.
            recorder = self.recorder
            if recorder is None or recorder.session_id is None or recorder.phase != "after":
                return
            checkins = self.checkins()
            if checkins is not None:
                checkins.after_routine(recorder.session_id, timeline.routine_name, lambda: None)

        def after_player() -> None:
            # The player is still on the stack while its result callback runs.
            self.show_home()
            self.push_screen(summary, after_summary)

        self.call_later(after_player)

    # ------------------------------------------------------------------ sound

    @work(thread=True, exit_on_error=False, group="sound")
    def _start_sound(self) -> None:
        """Load the audio library off the screen's thread, after the first frame."""
        self.sounds.start(self.post_message, self.sound_backend)

    def action_toggle_mute(self) -> None:
        muted = self.sounds.toggle_mute()
        self.notify("Sound off: press m again to turn it on." if muted else "Sound on.", timeout=3)
        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen):
                screen.show_muted(muted)

    def on_cue_fallback(self, message: CueFallback) -> None:
        """No sound device: the terminal bell, and a short flash of the player."""
        self.bell()
        screen = self.screen
        if isinstance(screen, PlayerScreen):
            screen.flash()

    def on_sound_notice(self, message: SoundNotice) -> None:
        self.notify(message.text, title="Sound", timeout=6)


def utc_clock(now: Callable[[], datetime] | None) -> Callable[[], datetime]:
    """UTC time for the store, from the app's local clock when a test fixed one."""
    if now is None:
        return lambda: datetime.now(UTC)
    return lambda: now().astimezone(UTC)


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


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
        store=store,
        log=log,
        history=history,
        sound_backend=sound_backend,
    )
