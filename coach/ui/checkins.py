"""The soreness check-ins on screen: right after a routine, the next day, and on their own.

Each flow is a short run of screens (question → form → advice), awaited one after another
from a worker, so it reads top to bottom. What is asked and when is decided headless in
:mod:`coach.session.checkins`; saving goes through :func:`~coach.soreness.checkin.save_rating`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from coach.record.models import Timing
from coach.session import checkins
from coach.session.checkins import Question
from coach.store import Store, StoreError

if TYPE_CHECKING:
    from textual.app import App

    from coach.record.models import SorenessEntry
    from coach.soreness.checkin import Rating, Saved


class CheckIns:
    """Must be awaited from a worker: every step waits for the runner's answer."""

    def __init__(self, app: App[None], store: Store, utc_now: Callable[[], datetime]) -> None:
        self.app = app
        self.store = store
        self.utc_now = utc_now

    async def after_routine(self, session_id: str, routine_name: str) -> None:
        question = checkins.after_routine(self.store, session_id, routine_name)
        await self._ask(question, "after", session_id)
        self._tell_experiment()  # skipped or saved, the routine recorded the run

    async def standalone(self) -> None:
        due = checkins.standalone_due(self.store, self.utc_now())
        rating = await self._ask(checkins.STANDALONE, "standalone", None)
        if rating is not None:
            gave_run = rating.effort is not None or rating.run_minutes is not None
            self._tell_experiment(gave_run=gave_run, was_due=due)

    async def follow_up(self) -> bool:
        """Ask about the last run if it is due; False when nothing was asked."""
        from coach.ui.screens.follow_up import FollowUpScreen

        try:
            due = checkins.next_day_due(self.store, self.utc_now())
        except StoreError as error:
            self.app.notify(str(error), title="History", severity="error")
            return False
        if due is None:
            return False
        session = due.session
        if session is None:
            # An experiment's run with no routine after it: the rating is saved on its
            # own, and the experiment takes it as that run's outcome.
            assert due.run_at is not None
            if await self.app.push_screen_wait(FollowUpScreen(None, due.run_at)) == "rate":
                await self._ask(checkins.next_day_of_run(due.run_at), "next day", None)
            return True
        answer = await self.app.push_screen_wait(
            FollowUpScreen(session, experiment=due.experiment))
        if answer == "rate":
            await self._ask(checkins.next_day_of(session), "next day", session.id)
        elif answer == "never":
            try:
                self.store.dismiss_follow_up(session.id, self.utc_now())
            except StoreError as error:
                self.app.notify(str(error), title="History", severity="error")
        return True

    async def _ask(self, question: Question, timing: Timing,
                   session_id: str | None) -> Rating | None:
        """Ask, save and advise; the rating, or None when the runner skipped the form."""
        from coach.ui.screens.soreness import SorenessPrompt, SorenessScreen

        prompt = SorenessPrompt(question.title, question.intro, ask_run=question.ask_run,
                                initial=question.initial)
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
        note = checkins.experiment_note(self.store, self.utc_now(), gave_run=gave_run,
                                        was_due=was_due)
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
