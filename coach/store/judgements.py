"""Every judgement coach makes about its record, written once, beside the schema.

What counts as a step done, a cool-down done, a warm-up counted and a preview is decided
here and nowhere else. Each rule is a tuple of outcomes or a number, with the SQL fragment
and the Python test built from it, so the summary after a routine, the history, the trends,
"what helps you" and the advice can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Final, Protocol

from coach.play.events import Outcome

COUNTS_AS_DONE: Final = (Outcome.DONE, Outcome.EXTENDED, Outcome.CUT_SHORT)
"""A step is done when at least one of its visits ended this way. A step restarted and
then finished counts once; switch pauses are not steps."""

WALKED: Final = (Outcome.DONE, Outcome.EXTENDED)
"""A cool-down walk counts only when walked to its end (or past it)."""

WARM_UP_WINDOW: Final = timedelta(hours=4)
"""A warm-up counts for a run when it started at most this long before the run's
after-run session."""
WARM_UP_SHARE: Final = 0.5
"""...and when at least this share of its steps was done."""

NORMAL_SPEED: Final = 1.0
"""A session played at any other speed is a preview: kept, shown, counted in nothing."""


def _sql_list(outcomes: Iterable[Outcome]) -> str:
    return "(" + ", ".join(f"'{outcome.value}'" for outcome in outcomes) + ")"


def steps_done_sql(session: str) -> str:
    """SQL: the number of steps done in the session aliased ``session``."""
    return (
        f"(SELECT COUNT(DISTINCT t.position) FROM steps t WHERE t.session_id = {session}.id"
        f" AND t.switch = 0 AND t.outcome IN {_sql_list(COUNTS_AS_DONE)})"
    )


def cool_down_done_sql(session: str) -> str:
    """SQL: whether the after-run session ``session`` had its cool-down walk walked."""
    return (
        f"({session}.phase = 'after' AND EXISTS (SELECT 1 FROM steps t"
        f" WHERE t.session_id = {session}.id AND t.kind = 'walk'"
        f" AND t.outcome IN {_sql_list(WALKED)}))"
    )


def counts_sql(session: str) -> str:
    """SQL: whether the session counts in statistics (it is not a preview)."""
    return f"({session}.speed = {NORMAL_SPEED})"


def warm_up_before_sql(session: str) -> str:
    """SQL: whether a counted warm-up came before the after-run session ``session``."""
    hours = int(WARM_UP_WINDOW.total_seconds() // 3600)
    return (
        f"EXISTS (SELECT 1 FROM sessions b WHERE b.phase = 'before' AND {counts_sql('b')}"
        f" AND b.started_at >= strftime('%Y-%m-%dT%H:%M:%fZ', {session}.started_at,"
        f" '-{hours} hours') AND b.started_at < {session}.started_at"
        f" AND {steps_done_sql('b')} >= {WARM_UP_SHARE} * b.steps_planned)"
    )


class Visit(Protocol):
    """One visit of a step, as the recorder writes it and the summary shows it."""

    @property
    def position(self) -> int: ...
    @property
    def switch(self) -> bool: ...
    @property
    def outcome(self) -> str: ...


class Walk(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def outcome(self) -> str: ...


def steps_done(visits: Iterable[Visit]) -> int:
    """How many steps were done: the same count as :func:`steps_done_sql`."""
    return len({
        visit.position for visit in visits
        if not visit.switch and visit.outcome in COUNTS_AS_DONE
    })


def cool_down_done(phase: str | None, visits: Iterable[Walk]) -> bool | None:
    """Whether an after-run session's walk was walked: True, False, or None when the
    session is not after a run or has no walk (the same rule as
    :func:`cool_down_done_sql`)."""
    if phase != "after":
        return None
    walks = [visit for visit in visits if visit.kind == "walk"]
    if not walks:
        return None
    return any(visit.outcome in WALKED for visit in walks)


def warm_up_counted(steps_done_count: int, steps_planned: int) -> bool:
    """Whether a before-run session was enough of a warm-up to count."""
    return steps_done_count >= WARM_UP_SHARE * steps_planned


def is_preview(speed: float) -> bool:
    return speed != NORMAL_SPEED
