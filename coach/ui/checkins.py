"""The soreness check-ins: right after a routine, the next day, and on their own.

Each flow is a short run of screens (question → form → advice), awaited one after another
from a worker, so it reads top to bottom. The screens only collect answers; saving them
and choosing the advice happen here, through the store and the headless check-in rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from coach.store import Store, StoreError
from coach.store.models import SessionSummary, Timing

if TYPE_CHECKING:
    from textual.app import App

    from coach.soreness.checkin import Rating
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

    async def standalone(self) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "Log soreness",
            "A rating on its own, not tied to a routine: after a run, or any day.",
        )
        await self._ask(prompt, "standalone", None)

    async def follow_up(self) -> bool:
        """Ask about the last run if it is due; False when nothing was asked."""
        from coach.ui.screens.follow_up import FollowUpScreen

        try:
            session = self.store.pending_follow_up(self.utc_now())
        except StoreError as error:
            self.app.notify(str(error), title="History", severity="error")
            return False
        if session is None:
            return False
        answer = await self.app.push_screen_wait(FollowUpScreen(session))
        if answer == "rate":
            await self._rate_next_day(session)
        elif answer == "never":
            try:
                self.store.dismiss_follow_up(session.id, self.utc_now())
            except StoreError as error:
                self.app.notify(str(error), title="History", severity="error")
        return True

    async def _rate_next_day(self, session: SessionSummary) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "How do your legs feel today?",
            f"The day after {session.routine_name}.",
            ask_run=False,
        )
        await self._ask(prompt, "next day", session.id)

    async def _ask(self, prompt: SorenessPrompt, timing: Timing, session_id: str | None) -> None:
        from coach.ui.screens.soreness import SorenessScreen

        rating = await self.app.push_screen_wait(SorenessScreen(prompt))
        if rating is not None:
            await self.save(rating, timing, session_id)

    async def save(self, rating: Rating, timing: Timing, session_id: str | None) -> None:
        """Save the rating, its warning signs and the advice it gets; then show the advice."""
        from coach.soreness.checkin import record
        from coach.ui.screens.advice import AdviceScreen

        try:
            advice = record(self.store, rating, timing, self.utc_now(), session_id).advice
        except (StoreError, ValueError) as error:
            self.app.notify(f"Not saved: {error}", title="History", severity="error")
            return
        await self.app.push_screen_wait(AdviceScreen(advice))
