"""The app's flows: each a worker that reads top to bottom, one screen awaited after another.

Playing a routine (player → summary → soreness check-in → advice), the history, a rating
logged on its own, the editor and the next-day question. :class:`~coach.ui.app.CoachApp`
builds on these and keeps the wiring (start-up, quitting, help, sound); a played routine
belongs to its :class:`~coach.session.owner.PlayedRoutine`, which records itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from coach.play.clock import Clock
from coach.routine.model import Routine
from coach.routine.timeline import expand
from coach.session.history_access import HistoryAccess
from coach.session.owner import PlayedRoutine
from coach.session.playing import PlayingLock
from coach.ui.appearance import StyledApp
from coach.ui.sound import SoundNotice, Sounds

if TYPE_CHECKING:
    from coach.sound.backends import Backend
    from coach.store import Store
    from coach.ui.checkins import CheckIns
    from coach.ui.screens.editor import EditTarget
    from coach.ui.screens.player import PlayerScreen


class Flows(StyledApp):
    """The flows over several screens; the state they share is set by the app."""

    history: HistoryAccess
    utc_now: Callable[[], datetime]
    played: PlayedRoutine | None
    playing_lock: PlayingLock
    """Held while a routine plays here, so no second window plays one at the same time."""
    sounds: Sounds
    sound_backend: Backend | None
    _clock: Clock | None
    _now: Callable[[], datetime]
    _sound_started: bool
    _sound_notices: set[str]
    """The sound notices already said since coach started: each is said once."""
    _notices_waiting: list[tuple[str, str, float]]
    """Notices (text, title, seconds) that came while a routine played, said when it ends."""

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
            from coach.runs.watched import import_watched
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

    def start_from_palette(self, routine: Routine) -> None:
        """Start a routine chosen by name, unless one is being played."""
        if self.played is not None and not self.played.finished:
            self.notify("A routine is playing: stop it first (q), then start another.",
                        title="Not started", severity="warning")
            return
        self.play(routine)

    def action_log(self) -> None:
        self.log_flow()

    def show_home(self) -> None:
        from coach.ui.screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen(self._now, self.settings.morning_until))

    # ------------------------------------------------------------------ playing

    @work(exit_on_error=False, group="flow-play")
    async def play(self, routine: Routine, speed: float | None = None) -> None:
        """Play a routine (at real speed unless a speed is given), then its summary, then
        (after a run) the soreness check-in."""
        from coach.session.playing import report
        from coach.ui.screens.player import PlayerScreen
        from coach.ui.screens.summary import SummaryScreen
        from coach.ui.served import flash_on_cues, served

        if not self.playing_lock.acquire(routine.name):  # another window plays one
            from coach.ui.playing_elsewhere import claim

            if not await claim(self, self.playing_lock, routine.name):
                self.show_home()
                return
        speed = 1.0 if speed is None else speed
        if self._clock is not None:
            played = PlayedRoutine(expand(routine), speed=speed, clock=self._clock)
        else:
            played = PlayedRoutine(expand(routine), speed=speed)
        self.played = played
        played.listen_moments(self.sounds.moment)
        self.sounds.follow(played.timeline)
        played.listen_moments(lambda _events: report(self.playing_lock, played))
        if served():
            flash_on_cues(self, played)
        # The history opens after the first frame; the owner replays what it missed.
        player = PlayerScreen(played)
        self.call_after_refresh(self._start_recording, player, routine.kind, self.utc_now())
        if not self._sound_started:
            # Sound is needed from the first routine on; its library loads after the frame.
            self._sound_started = True
            self.call_after_refresh(self._start_sound)
        try:
            await self.push_screen_wait(player)
        finally:
            self.playing_lock.release()
        self._say_waiting_notices()
        self.show_home()
        await self.push_screen_wait(SummaryScreen(played.summary()))
        session_id = played.session_to_rate
        if session_id is not None:
            checkins = self.checkins()
            if checkins is not None:
                await checkins.after_routine(session_id, played.timeline.routine_name)

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
        from coach.soreness.checkin import phase_of

        played.record_to(store, phase_of(kind), started_at, self.utc_now,
                         self._report_save_error)

    def _report_save_error(self, error: Exception) -> None:
        self.notify(
            f"{error}\nThe routine goes on; this session may be incomplete in history.",
            title="Could not save",
            severity="error",
        )

    @work(thread=True, exit_on_error=False, group="sound")
    def _start_sound(self) -> None:
        """Load the audio library off the screen's thread, after the first frame; then,
        the first time, offer to speak the steps when a speech engine is found."""
        self.sounds.start(self.post_message, self.sound_backend)
        engine = self.sounds.speech_offer()
        if engine is not None:
            self.call_from_thread(
                self.say_between_routines,
                f"coach can say each step aloud with {engine}: what to do, what comes next "
                "and the last seconds. Turn it on with ctrl+p, Sound: speak the steps "
                "(speech = false in the settings stops this offer).",
                "Speak the steps?", 12,
            )

    def on_sound_notice(self, message: SoundNotice) -> None:
        """Said once per start of coach."""
        if message.text in self._sound_notices:
            return
        self._sound_notices.add(message.text)
        self.say_between_routines(message.text, "Sound", 6)

    def say_between_routines(self, text: str, title: str, seconds: float) -> None:
        """A notice that must never cover a countdown or the time left: said now, or, while
        a routine plays, when it ends."""
        if self.played is not None and not self.played.finished:
            self._notices_waiting.append((text, title, seconds))
            return
        self.notify(text, title=title, timeout=seconds)

    def _say_waiting_notices(self) -> None:
        waiting, self._notices_waiting = self._notices_waiting, []
        for text, title, seconds in waiting:
            self.notify(text, title=title, timeout=seconds)
