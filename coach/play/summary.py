"""What a finished (or stopped) routine amounted to, from its events."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from coach.play.events import EndStatus, Event, Outcome, RoutineEnded, StepEnded


@dataclass(frozen=True)
class RoutineSummary:
    status: EndStatus
    elapsed_seconds: float
    steps: tuple[StepEnded, ...]
    """Each step left, in order; the short pauses to switch sides are left out."""
    planned_steps: int
    """Steps in the routine, switch pauses excluded."""

    @property
    def counts(self) -> Counter[Outcome]:
        return Counter(step.outcome for step in self.steps)

    @property
    def completed_steps(self) -> int:
        return sum(1 for s in self.steps if s.outcome in (Outcome.DONE, Outcome.EXTENDED))

    def headline(self) -> str:
        if self.status is EndStatus.COMPLETED and self.completed_steps == self.planned_steps:
            return "Routine complete — well done!"
        if self.status is EndStatus.COMPLETED:
            return "Routine finished."
        return "Routine stopped — what you did is kept."


def summarize(events: Sequence[Event], planned_steps: int) -> RoutineSummary:
    ended = [e for e in events if isinstance(e, RoutineEnded)]
    status = ended[-1].status if ended else EndStatus.STOPPED
    elapsed = ended[-1].elapsed_seconds if ended else 0.0
    steps = tuple(e for e in events if isinstance(e, StepEnded) and not e.step.switch)
    return RoutineSummary(status, elapsed, steps, planned_steps)
