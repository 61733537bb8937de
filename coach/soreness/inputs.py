"""What the advice rules may look at: the answers just given and the dated history.

Advice is judged by days, not by check-ins: normal delayed soreness peaks 24–72 h after a
run and then eases, so a rule has to know *when* each earlier rating was given. Everything
is checked here, once, so the rules themselves can stay short and trusting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Final, Literal, TypeAlias

from coach.record.scales import REGION_KEYS, SORENESS_MAX, WARNING_SIGN_KEYS, run_load

SessionPart: TypeAlias = Literal["done", "skipped", "none"]
"""Whether a part of the session (warm-up or cool-down walk) was done, skipped or cut short,
or was not in the routine at all."""

SESSION_PARTS: Final[tuple[SessionPart, ...]] = ("done", "skipped", "none")
OVERALL: Final = "overall"
"""Stands in for a region when only the overall rating is high."""


@dataclass(frozen=True)
class PastRating:
    """An earlier soreness check-in, with its time: the rules count days, not check-ins."""

    at: datetime
    """When it was rated, in UTC."""
    overall: int
    regions: Mapping[str, int] = field(default_factory=dict)
    """A region left out counts as 0."""
    run_minutes: float | None = None
    """The run it rated, when its length was given: the baseline for a load spike."""
    ran: bool = False
    """Whether it rates a run just done (right after it, or giving its minutes): that run
    began a new spell of soreness, just before this rating."""
    effort: int | None = None
    """How hard that run felt, Borg CR10, when given."""
    advice: tuple[str, ...] = ()
    """Tip ids shown with it, so the remedies take turns instead of repeating."""

    def value(self, key: str) -> int:
        return self.overall if key == OVERALL else self.regions.get(key, 0)


@dataclass(frozen=True)
class PastRun:
    """A run before this check-in: imported from the watch, or known from a warm-up or
    cool-down played around it. Not a rating: it says nothing about soreness, so it only
    counts where runs count (the longest recent run, days with a run, where a spell of
    soreness ends)."""

    at: datetime
    """When it started (for a run known from a routine, when that routine started), UTC."""
    minutes: float | None = None
    """Its moving time; None for a run known only from a routine played around it."""
    effort: float | None = None
    """How hard it felt, Borg CR10, when the watch recorded it."""


@dataclass(frozen=True, kw_only=True)
class AdviceInput:
    """The answers just given, how the session went, and the runner's dated history."""

    overall: int
    regions: Mapping[str, int] = field(default_factory=dict)
    """Keys from :data:`coach.record.scales.REGION_KEYS`, 0–10; a region left out counts as 0."""
    flags: Sequence[str] = ()
    """Warning signs, names from :data:`coach.record.scales.WARNING_SIGN_KEYS`."""
    cooldown: SessionPart = "none"
    warmup: SessionPart = "none"
    effort: int | None = None
    """Borg CR10 session-RPE, 0–10."""
    run_minutes: float | None = None
    ran: bool | None = None
    """Whether this check-in follows a run today; None: when effort or minutes were given."""
    history: Sequence[PastRating] = ()
    runs: Sequence[PastRun] = ()
    """Imported runs of the last weeks, the one rated now left out."""
    run_descent_m: float | None = None
    """How far the rated run went downhill, when its imported run says."""
    now: datetime
    zone: tzinfo | None = None
    """The runner's time zone for days and mornings; None: the computer's."""

    def __post_init__(self) -> None:
        check_rating("overall", self.overall)
        check_regions(self.regions)
        for flag in self.flags:
            if flag not in WARNING_SIGN_KEYS:
                raise ValueError(
                    f"unknown warning sign {flag!r}; use one of {', '.join(WARNING_SIGN_KEYS)}"
                )
        for name, part in (("cooldown", self.cooldown), ("warmup", self.warmup)):
            if part not in SESSION_PARTS:
                raise ValueError(f"{name} must be one of {', '.join(SESSION_PARTS)}, not {part!r}")
        if self.effort is not None:
            check_rating("effort", self.effort)
        if self.run_minutes is not None and not self.run_minutes >= 0:
            raise ValueError(f"run_minutes cannot be negative, got {self.run_minutes}")
        check_aware("now", self.now)
        for past in self.history:
            check_aware("history time", past.at)
            check_rating("history overall", past.overall)
            check_regions(past.regions)
        for run in self.runs:
            check_aware("run time", run.at)
            if run.minutes is not None and not run.minutes >= 0:
                raise ValueError(f"run minutes cannot be negative, got {run.minutes}")

    def region(self, key: str) -> int:
        """The rating for one region key, or the overall rating for :data:`OVERALL`."""
        return self.overall if key == OVERALL else self.regions.get(key, 0)

    @property
    def load(self) -> float | None:
        return run_load(self.effort, self.run_minutes)

    @property
    def peak(self) -> int:
        """The highest rating given, overall or in any region."""
        return max([self.overall, *self.regions.values()])

    @property
    def has_run(self) -> bool:
        if self.ran is not None:
            return self.ran
        return self.effort is not None or self.run_minutes is not None

    def past(self) -> list[PastRating]:
        """Earlier check-ins, newest first; anything not before ``now`` is ignored."""
        earlier = [past for past in self.history if past.at < self.now]
        return sorted(earlier, key=lambda past: past.at, reverse=True)

    def past_runs(self) -> list[PastRun]:
        """Runs before ``now`` (imported or known from a routine), newest first."""
        earlier = [run for run in self.runs if run.at < self.now]
        return sorted(earlier, key=lambda run: run.at, reverse=True)

    def run_starts(self) -> list[datetime]:
        """When each run before ``now`` began, newest first, wherever it is known from: a
        rating that rates it (the run came just before the rating), the watch, or a routine
        played around it. A new run ends a spell of soreness and begins the next."""
        starts = {past.at for past in self.past() if past.ran}
        starts.update(run.at for run in self.past_runs())
        return sorted(starts, reverse=True)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def day(self, moment: datetime) -> date:
        """The runner's calendar day of ``moment``."""
        return self.local(moment).date()


def check_rating(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SORENESS_MAX:
        raise ValueError(f"{name} must be a whole number from 0 to {SORENESS_MAX}, got {value!r}")


def check_regions(regions: Mapping[str, int]) -> None:
    for key, value in regions.items():
        if key not in REGION_KEYS:
            raise ValueError(f"unknown region {key!r}; use one of {', '.join(REGION_KEYS)}")
        check_rating(key, value)


def check_aware(name: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone (UTC), got {moment.isoformat()}")


def prefer_regions(keys: Sequence[str]) -> list[str]:
    """Name regions when any qualify; fall back to "legs" only when overall alone does."""
    regions = [key for key in keys if key != OVERALL]
    return regions or list(keys)
