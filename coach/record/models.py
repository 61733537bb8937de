"""The rows the store hands out, and the one time format it writes.

Rows are frozen dataclasses so screens, insights and exports can pass them around without
holding a database connection. Every time is stored in UTC as fixed-width ISO-8601 text
(``2024-06-01T07:30:00.000Z``): it sorts as text in SQL, reads the same on every machine,
and survives an export and import unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Literal

from coach.play.events import Outcome
from coach.record.scales import run_load
from coach.routine.timeline import Timeline

Phase = Literal["before", "after"]
"""Whether a session was done before the run (a warm-up) or after it (a cool-down)."""
Status = Literal["in progress", "completed", "stopped", "interrupted"]
Timing = Literal["after", "next day", "standalone"]
"""When a soreness entry was given: right after a session, the day after, or on its own."""

PHASES: Final[tuple[Phase, ...]] = ("before", "after")
STATUSES: Final[tuple[Status, ...]] = ("in progress", "completed", "stopped", "interrupted")
END_STATUSES: Final[tuple[Status, ...]] = ("completed", "stopped", "interrupted")
OUTCOMES: Final[tuple[str, ...]] = tuple(outcome.value for outcome in Outcome)
"""The record's vocabulary is the engine's: one enum, :class:`coach.play.events.Outcome`."""
TIMINGS: Final[tuple[Timing, ...]] = ("after", "next day", "standalone")

MAX_RUN_MINUTES: Final = 24 * 60
"""A run logged as longer than a day is surely a typo."""


class StoreError(Exception):
    """The database cannot be used; the message is one line the runner can act on."""


class NotFoundError(StoreError):
    """No session or soreness entry has the id asked for."""


def to_iso(moment: datetime) -> str:
    """A timezone-aware time as the fixed-width UTC text the database keeps."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone; pass an aware datetime (UTC)")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def from_iso(text: str) -> datetime:
    """Text written by :func:`to_iso` (or any ISO-8601 time with an offset) as UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f'"{text}" has no time zone; write it in UTC, e.g. "…T07:30:00Z"')
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_local(moment: datetime) -> datetime:
    """A stored UTC time in the computer's own time zone, for showing to the runner."""
    return moment.astimezone()


@dataclass(frozen=True)
class SessionSummary:
    """One line of the history: enough to list, filter and chart without the steps."""

    id: str
    routine_id: str
    routine_name: str
    routine_kind: str
    phase: Phase | None
    started_at: datetime
    ended_at: datetime | None
    status: Status
    elapsed_seconds: float | None
    """Time spent in steps, pauses excluded; None while the session is in progress."""
    steps_planned: int
    """Steps in the timeline, not counting the short pauses between two sides."""
    steps_done: int
    """Steps done, as :func:`coach.record.judgements.steps_done_sql` counts them."""
    soreness_after: int | None
    """Overall soreness given right after the session (the latest such entry)."""
    soreness_next_day: int | None
    effort: int | None
    """Run effort (session-RPE, 0–10) given with the soreness right after."""
    run_minutes: float | None
    speed: float = 1.0
    """How many times faster than real time it was played; not 1 means a preview."""
    source: str = "coach"
    """``coach`` when played here, ``watch`` when read back from a watch workout's laps."""

    @property
    def load(self) -> float | None:
        """Session-RPE load: effort × run minutes, when both were given."""
        return run_load(self.effort, self.run_minutes)

    @property
    def is_preview(self) -> bool:
        """Played faster (or slower) than real time: shown, but counted in nothing."""
        from coach.record.judgements import is_preview

        return is_preview(self.speed)


@dataclass(frozen=True)
class StepRecord:
    """How one visit to one timeline step ended."""

    seq: int
    """Order in which steps ended within the session, from 0 (a step may be visited twice)."""
    position: int
    """The step's index in the session's timeline."""
    name: str
    kind: str
    side: str | None
    switch: bool
    round: int | None
    rounds: int | None
    outcome: Outcome
    planned_seconds: float
    actual_seconds: float
    ended_at: datetime


@dataclass(frozen=True)
class SorenessEntry:
    id: str
    session_id: str | None
    recorded_at: datetime
    timing: Timing
    overall: int
    regions: dict[str, int] = field(default_factory=dict)
    """0–10 per key of ``coach.record.scales.REGION_KEYS``; regions not rated are absent."""
    effort: int | None = None
    run_minutes: float | None = None
    note: str = ""
    advice: tuple[str, ...] | None = None
    """The recovery tips shown with this entry, so insights can tell what was suggested."""
    updated_at: datetime | None = None
    flags: tuple[str, ...] = ()
    """Warning signs the runner reported, names from ``coach.record.scales.WARNING_SIGN_KEYS``."""

    @property
    def load(self) -> float | None:
        return run_load(self.effort, self.run_minutes)


@dataclass(frozen=True)
class SessionDetail:
    """One session in full: what was planned, what happened, and how the legs felt."""

    summary: SessionSummary
    timeline: Timeline
    steps: tuple[StepRecord, ...]
    soreness: tuple[SorenessEntry, ...]
    pid: int | None
    host: str | None
    follow_up_dismissed_at: datetime | None
