"""What a played routine amounted to, in the same rows and counts as its history entry.

The summary after a routine and the session's page in history are built by the same
function, :func:`visit_rows`, from the same visits (one per time a step was left, in
order, switch pauses included as the recorder writes them), and count steps done with the
one rule in :mod:`coach.record.judgements`. So they cannot disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from coach.frozen import Record
from coach.play.events import EndStatus, Event, Outcome, RoutineEnded, StepEnded
from coach.record import judgements
from coach.record.judgements import is_preview, steps_done
from coach.routine.durations import format_clock, format_elapsed
from coach.routine.timeline import Timeline, step_length


class RecordedVisit(judgements.Visit, Protocol):
    """One visit of a step: a stored :class:`coach.store.StepRecord` or a :class:`Visit`;
    the judgements' visit with what the summary shows besides."""

    @property
    def name(self) -> str: ...
    @property
    def planned_seconds(self) -> float: ...
    @property
    def actual_seconds(self) -> float: ...


class Visit(Record):
    """A visit as the engine reported it, before (or without) the store."""

    position: int
    name: str
    kind: str
    switch: bool
    outcome: Outcome
    planned_seconds: float
    actual_seconds: float


def visit_of(event: StepEnded) -> Visit:
    step = event.step
    return Visit(step.index, step.name, step.kind, step.switch, event.outcome,
                 event.planned_seconds, event.actual_seconds)


class VisitRow(Record):
    """One line of the step table, worded the same after a routine and in history."""

    number: int
    """The step's number as the runner counts it (switch pauses are not steps)."""
    name: str
    """The step's title, with its side and round (``Stride (round 2 of 4)``)."""
    planned: str
    actual: str
    """Time spent in this visit; empty for a step never reached."""
    outcome: str
    """An outcome of the record's vocabulary, or ``not reached``."""


NOT_REACHED = "not reached"


def visit_rows(timeline: Timeline, visits: Iterable[RecordedVisit]) -> list[VisitRow]:
    """Every visit in the order it happened, then the steps never reached."""
    steps = timeline.steps
    rows: list[VisitRow] = []
    reached: set[int] = set()
    for visit in visits:
        if visit.switch:
            continue
        reached.add(visit.position)
        step = steps[visit.position] if 0 <= visit.position < len(steps) else None
        if step is None:
            name, planned = visit.name, format_clock(visit.planned_seconds)
        else:
            name = step.title + (f" ({step.round_label})" if step.round_label else "")
            planned = (format_clock(visit.planned_seconds) if step.time.is_fixed
                       else step_length(step.time))
        rows.append(VisitRow(timeline.step_number(visit.position), name, planned,
                             format_elapsed(visit.actual_seconds), str(visit.outcome)))
    for step in steps:
        if step.switch or step.index in reached:
            continue
        name = step.title + (f" ({step.round_label})" if step.round_label else "")
        planned = format_clock(step.time.minimum) if step.time.is_fixed else step_length(step.time)
        rows.append(VisitRow(timeline.step_number(step.index), name, planned, "", NOT_REACHED))
    return rows


COUNTED: Final = ("extended", "cut short", "skipped", "restarted", "went back", "stopped",
                  "interrupted")
"""Outcomes worth a count beside the steps done."""


def counts_line(timeline: Timeline, visits: Sequence[RecordedVisit],
                elapsed_seconds: float | None, speed: float = 1.0) -> str:
    """``14 of 22 steps done · 2 skipped · 1 restarted · 9:45 in steps``: the one way the
    summary and history word a session's counts."""
    counts = Counter(str(visit.outcome) for visit in visits if not visit.switch)
    parts = [f"{steps_done(visits)} of {timeline.step_count} steps done"]
    parts += [f"{counts[outcome]} {outcome}" for outcome in COUNTED if counts[outcome]]
    if elapsed_seconds is not None:
        parts.append(f"{format_elapsed(elapsed_seconds)} in steps")
    if is_preview(speed):
        parts.append(f"preview at {speed:g}×, not counted")
    return " · ".join(parts)


@dataclass(frozen=True)
class RoutineSummary:
    timeline: Timeline
    status: EndStatus
    elapsed_seconds: float
    visits: tuple[Visit, ...]
    """Every visit, in order, as the recorder writes them (switch pauses included)."""
    speed: float = 1.0

    @property
    def planned_steps(self) -> int:
        return self.timeline.step_count

    @property
    def steps_done(self) -> int:
        return steps_done(self.visits)

    @property
    def counts(self) -> Counter[str]:
        """Visits per outcome, switch pauses left out."""
        return Counter(str(visit.outcome) for visit in self.visits if not visit.switch)

    def rows(self) -> list[VisitRow]:
        return visit_rows(self.timeline, self.visits)

    def counts_line(self) -> str:
        return counts_line(self.timeline, self.visits, self.elapsed_seconds, self.speed)

    def headline(self) -> str:
        if self.status is EndStatus.COMPLETED and self.steps_done == self.planned_steps:
            return "Routine complete — well done!"
        if self.status is EndStatus.COMPLETED:
            return "Routine finished."
        if self.status is EndStatus.INTERRUPTED:
            return "Routine interrupted — what you did is kept."
        return "Routine stopped — what you did is kept."


def summarize(timeline: Timeline, events: Sequence[Event], speed: float = 1.0) -> RoutineSummary:
    ended = [e for e in events if isinstance(e, RoutineEnded)]
    status = ended[-1].status if ended else EndStatus.STOPPED
    elapsed = ended[-1].elapsed_seconds if ended else 0.0
    visits = tuple(visit_of(e) for e in events if isinstance(e, StepEnded))
    return RoutineSummary(timeline, status, elapsed, visits, speed)
