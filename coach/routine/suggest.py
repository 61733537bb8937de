"""Which routine to suggest when coach opens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from coach.routine.model import Routine

MORNING_ID = "morning-warm-up"
WARM_UP_ID = "warm-up"
COOL_DOWN_ID = "full-cool-down"


@dataclass(frozen=True)
class Suggestion:
    routine: Routine
    why: str


def _find(routines: Sequence[Routine], wanted: str, kind: str) -> Routine | None:
    by_id = {routine.id: routine for routine in routines}
    if wanted in by_id:
        return by_id[wanted]
    return next((r for r in routines if r.kind == kind), None)


def suggest(
    routines: Sequence[Routine], now: datetime, morning_until: int = 12,
    warmed_up_at: datetime | None = None,
) -> list[Suggestion]:
    """A warm-up that fits the time of day, then the cool-down for after the run; right
    after a warm-up (``warmed_up_at``, the same clock as ``now``), the cool-down alone.

    Before ``morning_until`` the body takes longer to warm up, so the longer, gentler
    morning warm-up comes first.
    """
    cool = _find(routines, COOL_DOWN_ID, "cool-down")
    if warmed_up_at is not None and cool is not None:
        return [Suggestion(
            cool,
            f"You warmed up at {warmed_up_at:%H:%M}. After the run: walk while your breathing "
            "settles, stretch, then rub your legs warm.",
        )]
    suggestions: list[Suggestion] = []
    morning = _find(routines, MORNING_ID, "warm-up")
    if now.hour < morning_until and morning is not None and morning.id == MORNING_ID:
        suggestions.append(
            Suggestion(
                morning,
                "It's morning: the body takes longer to warm up early in the day, so this "
                "warm-up is longer and gentler.",
            )
        )
    elif now.hour < morning_until and morning is not None:
        # The morning warm-up can't be loaded: another one, without the morning's reason.
        suggestions.append(
            Suggestion(morning, "It's morning: take this warm-up slowly, the body takes "
                       "longer to warm up early in the day.")
        )
    elif warm := _find(routines, WARM_UP_ID, "warm-up"):
        suggestions.append(
            Suggestion(warm, "Before you run: wake up your joints and muscles first.")
        )
    if cool is not None:
        suggestions.append(
            Suggestion(cool, "Back from a run? Walk while your breathing settles, stretch, "
                       "then rub your legs warm.")
        )
    return suggestions
