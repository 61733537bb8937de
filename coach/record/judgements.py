"""Every judgement coach makes about its record, written once, beside the schema.

What counts as a step done, a cool-down done, a warm-up counted and a preview is decided
here and nowhere else. Each rule is a tuple of outcomes or a number, with the SQL fragment
and the Python test built from it, so the summary after a routine, the history, the trends,
"what helps you" and the advice can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
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


WENT_THROUGH: Final = (*COUNTS_AS_DONE, Outcome.SKIPPED)
"""Outcomes that show the runner went through a routine: a step done, or passed over on
purpose. A routine stopped or closed before any of these was only opened."""


def went_through_sql(session: str) -> str:
    """SQL: whether the runner went through the session, not just opened it."""
    return (
        f"EXISTS (SELECT 1 FROM steps t WHERE t.session_id = {session}.id"
        f" AND t.outcome IN {_sql_list(WENT_THROUGH)})"
    )


WALK: Final = "walk"
"""The step kind of the cool-down walk."""


def cool_down_done_sql(session: str) -> str:
    """SQL: whether the after-run session ``session`` had its cool-down walk walked."""
    return (
        f"({session}.phase = 'after' AND EXISTS (SELECT 1 FROM steps t"
        f" WHERE t.session_id = {session}.id AND t.kind = '{WALK}'"
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
    """One visit of a step, as the recorder writes it and the summary shows it: what every
    judgement of visits in Python reads."""

    @property
    def position(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def switch(self) -> bool: ...
    @property
    def outcome(self) -> str: ...


def steps_done(visits: Iterable[Visit]) -> int:
    """How many steps were done: the same count as :func:`steps_done_sql`."""
    return len({
        visit.position for visit in visits
        if not visit.switch and visit.outcome in COUNTS_AS_DONE
    })


def cool_down_done(phase: str | None, visits: Iterable[Visit]) -> bool | None:
    """Whether an after-run session's walk was walked: True, False, or None when the
    session is not after a run or has no walk (the same rule as
    :func:`cool_down_done_sql`)."""
    if phase != "after":
        return None
    walks = [visit for visit in visits if visit.kind == WALK]
    if not walks:
        return None
    return any(visit.outcome in WALKED for visit in walks)


def warm_up_counted(steps_done_count: int, steps_planned: int) -> bool:
    """Whether a before-run session was enough of a warm-up to count."""
    return steps_done_count >= WARM_UP_SHARE * steps_planned


def is_preview(speed: float) -> bool:
    return speed != NORMAL_SPEED


STRETCH: Final = "stretch"
"""The step kind of a stretch; after a run, one stretch step done counts as stretching."""
MASSAGE: Final = "massage"
"""The step kind of self-massage (rubbing, foam rolling)."""


def kind_done_sql(session: str, kind: str) -> str:
    """SQL: whether the after-run session ``session`` had a step of ``kind`` done."""
    return (
        f"({session}.phase = 'after' AND EXISTS (SELECT 1 FROM steps t"
        f" WHERE t.session_id = {session}.id AND t.kind = '{kind}' AND t.switch = 0"
        f" AND t.outcome IN {_sql_list(COUNTS_AS_DONE)}))"
    )


def stretch_done_sql(session: str) -> str:
    """SQL: whether the after-run session ``session`` had a post-run stretch done."""
    return kind_done_sql(session, STRETCH)


def massage_done_sql(session: str) -> str:
    """SQL: whether the after-run session ``session`` had self-massage done."""
    return kind_done_sql(session, MASSAGE)


def kind_done(phase: str | None, visits: Iterable[Visit], kind: str) -> bool | None:
    """Whether an after-run session had a step of ``kind`` done: True, False, or None when
    the session is not after a run or reached no such step (:func:`kind_done_sql` counts
    that as False: not in the routine at all)."""
    if phase != "after":
        return None
    mine = [visit for visit in visits if visit.kind == kind and not visit.switch]
    if not mine:
        return None
    return any(visit.outcome in COUNTS_AS_DONE for visit in mine)


def stretch_done(phase: str | None, visits: Iterable[Visit]) -> bool | None:
    return kind_done(phase, visits, STRETCH)


def massage_done(phase: str | None, visits: Iterable[Visit]) -> bool | None:
    return kind_done(phase, visits, MASSAGE)


HARD_EFFORT: Final = 8
"""A run rated this hard or harder (CR10, right after it or logged on its own) is never
followed by a withheld cool-down: the legs and the heart get their walk."""


def hard_run_sql(entry: str) -> str:
    """SQL: whether the soreness entry ``entry`` rates its run as hard."""
    return (
        f"({entry}.effort >= {HARD_EFFORT} AND {entry}.timing IN ('after', 'standalone'))"
    )


def is_hard_run(effort: int | None) -> bool:
    """The same rule as :func:`hard_run_sql`, for an effort just given."""
    return effort is not None and effort >= HARD_EFFORT


def warning_sign_sql(entry: str) -> str:
    """SQL: whether the soreness entry ``entry`` reports a warning sign (a hand-edited
    list counts too: when in doubt, safety first)."""
    return (
        f"(CASE WHEN json_valid({entry}.flags_json)"
        f" THEN json_array_length({entry}.flags_json) > 0 ELSE 0 END)"
    )


def has_warning_sign(flags: Iterable[str]) -> bool:
    """The same rule as :func:`warning_sign_sql`, for signs just given: any at all."""
    return len(tuple(flags)) > 0


DOWNHILL_METRES: Final = 100.0
"""A run with at least this much descent is a downhill run: eccentric work that drives
next-day soreness, the quads' above all (Bontemps et al. 2020)."""


def is_downhill(descent_m: float | None) -> bool | None:
    """Whether a run was downhill; None when its descent is not known."""
    return None if descent_m is None else descent_m >= DOWNHILL_METRES


# ---------------------------------------------------------------------------- runs

RUN_LINK_WINDOW: Final = timedelta(hours=2)
"""A before-run session that started at most this long before a run's start is its warm-up;
an after-run session that started at most this long after the run's end is its cool-down.
A session belongs to the nearest such run only: the run that starts soonest after a warm-up,
the one that ended last before a cool-down. Previews never link."""
SAME_RUN_START: Final = timedelta(minutes=2)
"""Two activities from different sources (a FIT file and a Strava row) are one run when
they start at most this far apart..."""
SAME_RUN_SHARE: Final = 0.1
"""...and their distances (or, without distances, their times) differ by at most this share
of the longer."""


def _shifted_sql(column: str, sign: str) -> str:
    hours = int(RUN_LINK_WINDOW.total_seconds() // 3600)
    return f"strftime('%Y-%m-%dT%H:%M:%fZ', {column}, '{sign}{hours} hours')"


def warm_up_of_run_sql(session: str, run: str) -> str:
    """SQL: whether the session aliased ``session`` is the warm-up of the run ``run``
    (the ``runs`` table: ``start`` and ``ended_at`` in the stored time format)."""
    return (
        f"({session}.phase = 'before' AND {counts_sql(session)}"
        f" AND {session}.started_at <= {run}.start"
        f" AND {session}.started_at >= {_shifted_sql(f'{run}.start', '-')}"
        f" AND NOT EXISTS (SELECT 1 FROM runs nearer WHERE nearer.start >= {session}.started_at"
        f" AND (nearer.start < {run}.start OR (nearer.start = {run}.start"
        f" AND nearer.id < {run}.id))))"
    )


def cool_down_of_run_sql(session: str, run: str) -> str:
    """SQL: whether the session aliased ``session`` is the cool-down of the run ``run``."""
    return (
        f"({session}.phase = 'after' AND {counts_sql(session)}"
        f" AND {session}.started_at >= {run}.ended_at"
        f" AND {session}.started_at <= {_shifted_sql(f'{run}.ended_at', '+')}"
        f" AND NOT EXISTS (SELECT 1 FROM runs nearer WHERE nearer.ended_at <= {session}.started_at"
        f" AND (nearer.ended_at > {run}.ended_at OR (nearer.ended_at = {run}.ended_at"
        f" AND nearer.id < {run}.id))))"
    )


class RunSpan(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...


def run_link(
    phase: str | None, speed: float, started_at: datetime, runs: Iterable[RunSpan]
) -> tuple[str, str] | None:
    """The run a session belongs to and how, ``(run id, "warm-up" | "cool-down")``, or None:
    the same rule as :func:`warm_up_of_run_sql` and :func:`cool_down_of_run_sql`."""
    if is_preview(speed):
        return None
    if phase == "before":
        starts = [run for run in runs
                  if started_at <= run.start <= started_at + RUN_LINK_WINDOW]
        if starts:
            return min(starts, key=lambda run: (run.start, run.id)).id, "warm-up"
    elif phase == "after":
        ends = [run for run in runs if started_at - RUN_LINK_WINDOW <= run.end <= started_at]
        if ends:
            nearest = max(run.end for run in ends)
            return min(run.id for run in ends if run.end == nearest), "cool-down"
    return None


def same_run(
    start: datetime, seconds: float, distance_m: float | None,
    other_start: datetime, other_seconds: float, other_distance_m: float | None,
) -> bool:
    """Whether two activities from different sources are one run."""
    if abs(start - other_start) > SAME_RUN_START:
        return False
    if distance_m and other_distance_m:
        return abs(distance_m - other_distance_m) <= SAME_RUN_SHARE * max(distance_m,
                                                                           other_distance_m)
    return abs(seconds - other_seconds) <= SAME_RUN_SHARE * max(seconds, other_seconds)
