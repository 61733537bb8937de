"""The soreness check-ins: right after a routine, the next day, and on their own.

Each flow is a short run of screens (question → form → advice), awaited one after another
from a worker, so it reads top to bottom. The screens only collect answers; saving them
and choosing the advice happen here, through the store and the headless check-in rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from coach.record.models import SessionSummary, Timing
from coach.store import Store, StoreError

if TYPE_CHECKING:
    from textual.app import App

    from coach.record.models import SorenessEntry
    from coach.soreness.checkin import Rating, Saved
    from coach.ui.screens.soreness import SorenessPrompt


class CheckIns:
    """Must be awaited from a worker: every step waits for the runner's answer."""

    def __init__(self, app: App[None], store: Store, utc_now: Callable[[], datetime]) -> None:
        self.app = app
        self.store = store
        self.utc_now = utc_now

    async def after_routine(self, session_id: str, routine_name: str) -> None:
        from coach.soreness.checkin import Rating
        from coach.ui.screens.soreness import SorenessPrompt

        intro = (f"Right after {routine_name}. Esc skips; to rate it later, open it in history "
                 "(h, then enter) and press e.")
        initial = None
        try:
            run = self.store.run_for_session(session_id)
        except StoreError:
            run = None
        if run is not None:
            # The watch already knows the run: its minutes and effort, still changeable.
            effort = None if run.effort is None else round(run.effort)
            initial = Rating(0, {}, effort, round(run.minutes))
            intro += " Minutes and effort come from your run."
        prompt = SorenessPrompt("How do your legs feel?", intro, initial=initial)
        await self._ask(prompt, "after", session_id)
        self._tell_experiment()  # skipped or saved, the routine recorded the run

    async def standalone(self) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "Log soreness",
            "A rating on its own, not tied to a routine: after a run, or any day.",
        )
        due = None
        if self._experiments():
            from coach.insights import experiment

            try:
                due = experiment.next_day_due(self.store, self.utc_now(), with_routine=True)
            except StoreError:
                due = None
        rating = await self._ask(prompt, "standalone", None)
        if rating is not None:
            gave_run = rating.effort is not None or rating.run_minutes is not None
            self._tell_experiment(gave_run=gave_run, was_due=due)

    def _experiments(self) -> bool:
        from coach.session.experiments import any_experiment

        return any_experiment(self.store)

    async def follow_up(self) -> bool:
        """Ask about the last run if it is due; False when nothing was asked."""
        from coach.ui.screens.follow_up import FollowUpScreen

        experiments = self._experiments()
        if experiments:
            from coach.insights import experiment
        try:
            session = self.store.pending_follow_up(self.utc_now())
            run_at = None if session is not None or not experiments else \
                experiment.next_day_due(self.store, self.utc_now())
        except StoreError as error:
            self.app.notify(str(error), title="History", severity="error")
            return False
        if session is None:
            if run_at is None:
                return False
            return await self._experiment_next_day(run_at)
        part_of_experiment = False
        if experiments:
            try:
                part_of_experiment = experiment.is_experiment_run(
                    self.store, session.started_at, self.utc_now())
            except StoreError:
                part_of_experiment = False
        answer = await self.app.push_screen_wait(
            FollowUpScreen(session, experiment=part_of_experiment))
        if answer == "rate":
            await self._rate_next_day(session)
        elif answer == "never":
            try:
                self.store.dismiss_follow_up(session.id, self.utc_now())
            except StoreError as error:
                self.app.notify(str(error), title="History", severity="error")
        return True

    async def _experiment_next_day(self, run_at: datetime) -> bool:
        """The next-day question after an experiment's run with no routine after it: the
        rating is saved on its own, and the experiment takes it as that run's outcome."""
        from coach.record.models import to_local
        from coach.ui.screens.follow_up import FollowUpScreen
        from coach.ui.screens.soreness import SorenessPrompt

        answer = await self.app.push_screen_wait(FollowUpScreen(None, run_at))
        if answer == "rate":
            when = to_local(run_at).strftime("%A %H:%M")
            prompt = SorenessPrompt(
                "How do your legs feel today?",
                f"The day after your run of the experiment ({when}).",
                ask_run=False,
            )
            await self._ask(prompt, "next day", None)
        return True

    async def _rate_next_day(self, session: SessionSummary) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "How do your legs feel today?",
            f"The day after {session.routine_name}.",
            ask_run=False,
        )
        await self._ask(prompt, "next day", session.id)

    async def _ask(self, prompt: SorenessPrompt, timing: Timing,
                   session_id: str | None) -> Rating | None:
        """Ask, save and advise; the rating, or None when the runner skipped the form."""
        from coach.ui.screens.soreness import SorenessScreen

        rating = await self.app.push_screen_wait(SorenessScreen(prompt))
        if rating is None:
            return None
        await self.save(rating, timing, session_id)
        return rating

    async def save(self, rating: Rating, timing: Timing, session_id: str | None) -> None:
        """Save the rating, its warning signs and the advice it gets; then show the advice."""
        from coach.ui.screens.advice import AdviceScreen

        saved = save_or_say(self.app, self.store, rating, self.utc_now(), timing=timing,
                            session_id=session_id)
        if saved is not None:
            await self.app.push_screen_wait(AdviceScreen(saved.advice))

    def _tell_experiment(self, *, gave_run: bool = True,
                         was_due: datetime | None = None) -> None:
        """Which run of the experiment this was and whether it followed its assignment,
        or why it does not count (a hard run, a warning sign); for a rating on its own,
        also whether it was a run's next-day rating or no run at all."""
        if not self._experiments():
            return
        from coach.insights import experiment

        try:
            note = experiment.logged_note(self.store, self.utc_now(), gave_run=gave_run,
                                          was_due=was_due)
        except StoreError:
            return  # the rating is saved; the experiment catches up next time
        if note:
            self.app.notify(note, title="Experiment", timeout=12)


def save_or_say(app: App[None], store: Store, rating: Rating, now: datetime, *,
                timing: Timing = "after", session_id: str | None = None,
                entry: SorenessEntry | None = None) -> Saved | None:
    """Save a new rating (or ``entry`` changed) with its tips; None, said in a notification,
    when it could not be saved."""
    from coach.soreness.checkin import save_rating

    try:
        return save_rating(store, rating, timing, now, session_id, entry=entry)
    except (StoreError, ValueError) as error:
        app.notify(f"Not saved: {error}", title="History", severity="error")
        return None


def show_new_signs(app: App[None], saved: Saved) -> None:
    """A rating edited later that now reports a warning sign it did not before gets the
    same advice a new rating would: the specialist message first."""
    if saved.new_signs:
        from coach.ui.screens.advice import AdviceScreen

        app.push_screen(AdviceScreen(saved.advice))
