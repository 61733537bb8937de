"""The soreness check-ins: right after a routine, the next day, and on their own.

Each flow is a short chain of screens (question → form → advice). The screens only collect
answers; saving them and choosing the advice happen here, through the store and the
headless check-in rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from coach.store import Store, StoreError
from coach.store.models import SessionSummary, Timing

if TYPE_CHECKING:
    from coach.soreness.checkin import Rating
    from coach.ui.app import CoachApp
    from coach.ui.screens.soreness import SorenessPrompt

Done = Callable[[], None]


class CheckIns:
    def __init__(self, app: CoachApp, store: Store, utc_now: Callable[[], datetime]) -> None:
        self.app = app
        self.store = store
        self.utc_now = utc_now

    def after_routine(self, session_id: str, routine_name: str, then: Done) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "How do your legs feel?",
            f"Right after {routine_name}. Esc skips; you can add it later with `coach log`.",
        )
        self._ask(prompt, "after", session_id, then)

    def standalone(self, then: Done) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "Log soreness",
            "A rating on its own, not tied to a routine: after a run, or any day.",
        )
        self._ask(prompt, "standalone", None, then)

    def offer_follow_up(self, then: Done) -> bool:
        """Ask about yesterday's session if one is due; False when there is none."""
        try:
            session = self.store.pending_follow_up(self.utc_now())
        except StoreError as error:
            self.app.notify(str(error), title="History", severity="error")
            return False
        if session is None:
            return False
        from coach.ui.screens.follow_up import FollowUpScreen

        def answered(rate: bool | None) -> None:
            if rate:
                self._follow_up(session, then)
                return
            try:
                self.store.dismiss_follow_up(session.id, self.utc_now())
            except StoreError as error:
                self.app.notify(str(error), title="History", severity="error")
            then()

        self.app.push_screen(FollowUpScreen(session), answered)
        return True

    def _follow_up(self, session: SessionSummary, then: Done) -> None:
        from coach.ui.screens.soreness import SorenessPrompt

        prompt = SorenessPrompt(
            "How do your legs feel today?",
            f"The day after {session.routine_name}.",
            ask_run=False,
        )
        self._ask(prompt, "next day", session.id, then)

    def _ask(
        self, prompt: SorenessPrompt, timing: Timing, session_id: str | None, then: Done
    ) -> None:
        from coach.ui.screens.soreness import SorenessScreen

        def answered(rating: Rating | None) -> None:
            if rating is None:
                then()
                return
            self.save(rating, timing, session_id, then)

        self.app.push_screen(SorenessScreen(prompt), answered)

    def save(self, rating: Rating, timing: Timing, session_id: str | None, then: Done) -> None:
        from coach.soreness.checkin import advice_for
        from coach.ui.screens.advice import AdviceScreen

        now = self.utc_now()
        try:
            entry_id = self.store.add_soreness(
                rating.overall,
                timing=timing,
                session_id=session_id,
                regions=rating.regions,
                effort=rating.effort,
                run_minutes=rating.run_minutes,
                note=rating.note,
                recorded_at=now,
            )
            advice = advice_for(self.store, rating, now, session_id)
            tips = [tip.id for tip in advice.tips]
            if advice.specialist is not None:
                tips.insert(0, advice.specialist.id)
            self.store.update_soreness(entry_id, advice=tips, updated_at=now)
        except StoreError as error:
            self.app.notify(f"Not saved: {error}", title="History", severity="error")
            then()
            return
        self.app.push_screen(AdviceScreen(advice), lambda _: then())
