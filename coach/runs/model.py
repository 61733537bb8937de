"""What a reader makes of one activity file, and the vocabulary shared by every format.

Every reader (FIT, GPX, TCX, a Strava row) produces the same :class:`Run` record, whatever
the sport: the importer stores only those whose sport is running and counts the rest as
skipped, so a ride is never mistaken for a run. Values a damaged file could make absurd (a
week-long run, 5,000 km, a heart rate of 900) are checked here, once, for every format.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Final

from coach.frozen import Record
from coach.record.runs import SURFACES

RUNNING: Final = "running"

MAX_SECONDS: Final = 7 * 24 * 3600.0
"""No single activity lasts a week: a longer time is a damaged file."""
MAX_DISTANCE_M: Final = 1_000_000.0
MAX_CLIMB_M: Final = 50_000.0
HEART_RATE: Final = (20.0, 260.0)
EARLIEST: Final = datetime(1990, 1, 1, tzinfo=UTC)
"""FIT counts time from 1989-12-31; an earlier start is a watch that never knew the date."""
LATEST: Final = datetime(2200, 1, 1, tzinfo=UTC)


__all__ = ["SURFACES", "ActivityError", "Reading", "Run", "category", "checked", "sport_of",
           "surface_of"]


class ActivityError(Exception):
    """A file that is not a readable activity; the message is one line, without the name."""


class Run(Record):
    """One activity as a file describes it; stored as a run only when ``sport`` is running."""

    start: datetime
    """When it started, in UTC."""
    seconds: float
    """Moving (or timer) time: pauses removed."""
    elapsed_seconds: float
    """From the start to the end, pauses included: a run's end is ``start`` plus this."""
    sport: str
    source: str
    sub_sport: str | None = None
    distance_m: float | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    surface: str | None = None
    effort: float | None = None
    """How hard it was, 0–10 (Borg CR10 session-RPE)."""
    feel: int | None = None
    """The watch's 0–100 "how did it feel" (0 very weak … 100 very strong)."""
    average_hr: float | None = None
    shoe: str | None = None

    @property
    def end(self) -> datetime:
        return self.start + timedelta(seconds=self.elapsed_seconds)


class Work:
    """Decoding one archive may cost: FIT messages, counted across all its files.

    Bytes alone do not bound the time: a few kilobytes of zip can unpack to many FIT files
    of tiny messages, each under the per-file cap, that together keep an import busy for
    minutes. Real exports hold about one message per ten compressed bytes; an archive may
    decode :data:`ALLOWANCE` messages plus one per byte of its own size."""

    ALLOWANCE: Final = 2_000_000

    def __init__(self, archive_bytes: int) -> None:
        self.left = self.ALLOWANCE + archive_bytes
        self.spent_out = False

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            self.spent_out = True
            raise WorkSpent("holds far more messages than its size allows for activity "
                            "files (a crafted archive?); nothing more is decoded from it")


class WorkSpent(ActivityError):
    """An archive's :class:`Work` is spent."""


class Reading(Record):
    """Everything one file holds: each activity (or each leg of a multisport one) as its
    own :class:`Run`, in file order, and a line for each part of the file that could not
    be used (points without a time, a damaged second activity), so nothing is lost without
    a word."""

    runs: tuple[Run, ...]
    notes: tuple[str, ...] = ()
    """Parts left out that the runner should know of (points without times, say)."""
    damaged: tuple[str, ...] = ()
    """Parts that could not be read at all: the import names them as a problem."""


_SPORTS: Final = {
    "running": RUNNING, "run": RUNNING, "trail run": RUNNING, "trail_running": RUNNING,
    "virtual run": RUNNING, "virtualrun": RUNNING, "trailrun": RUNNING, "treadmill": RUNNING,
    "9": RUNNING,
    "cycling": "cycling", "biking": "cycling", "ride": "cycling", "virtual ride": "cycling",
    "virtualride": "cycling", "e-bike ride": "cycling", "ebikeride": "cycling",
    "mountain bike ride": "cycling", "gravel ride": "cycling", "e-mountain bike ride": "cycling",
    "handcycle": "cycling", "velomobile": "cycling", "e_biking": "cycling", "1": "cycling",
    "swimming": "swimming", "swim": "swimming", "16": "swimming", "open_water": "swimming",
    "lap_swimming": "swimming",
    "walking": "walking", "walk": "walking", "10": "walking",
    "hiking": "hiking", "hike": "hiking", "4": "hiking",
}
"""Sport names as FIT, TCX, GPX (Strava writes its type numbers there) and Strava's CSV
spell them, lower-cased, onto one vocabulary."""

CATEGORIES: Final = {"running": "run", "cycling": "ride", "swimming": "swim",
                     "walking": "walk", "hiking": "hike"}
"""How a skipped activity is counted: "3 rides skipped"."""
CATEGORY_WORDS: Final = {
    "ride": ("ride", "rides"), "swim": ("swim", "swims"), "walk": ("walk", "walks"),
    "hike": ("hike", "hikes"), "other": ("other activity", "other activities"),
}

_SURFACES: Final = {
    "street": "road", "road": "road", "trail": "trail", "track": "track",
    "indoor_track": "track", "treadmill": "treadmill", "indoor_running": "treadmill",
    "virtual_activity": "treadmill", "trail run": "trail", "virtual run": "treadmill",
}
"""FIT sub-sports (and Strava's run types) that say where a run was run."""


def sport_of(name: object) -> str:
    """A format's sport name on coach's vocabulary; an unknown one is kept, lower-cased."""
    if name is None:
        return RUNNING
    text = str(name).strip().lower()
    if not text or text == "generic":
        return "other" if text else RUNNING
    return _SPORTS.get(text, text[:40])


def category(sport: str) -> str:
    """``run``, ``ride``, ``swim``, ``walk``, ``hike`` or ``other``."""
    return CATEGORIES.get(sport, "other")


def surface_of(name: object) -> str | None:
    """The surface a sub-sport (or Strava run type) names, or None."""
    if name is None:
        return None
    return _SURFACES.get(str(name).strip().lower())


def effort_from_rpe(value: object) -> float | None:
    """FIT's ``workout_rpe`` (CR10 × 10) as 0–10, or None when absent or out of range."""
    number = finite(value)
    if number is None or not 0 <= number <= 100:
        return None
    return round(number / 10, 1)


def finite(value: object) -> float | None:
    """A real, finite number, or None (strings, NaN, infinities, booleans)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _within(value: object, low: float, high: float, digits: int) -> float | None:
    number = finite(value)
    if number is None or not low <= number <= high:
        return None
    return round(number, digits)


def checked(run: Run) -> Run:
    """``run`` with impossible optional values dropped; raises :class:`ActivityError`
    when its start or time cannot be believed."""
    start = run.start
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    start = start.astimezone(UTC)
    if not EARLIEST <= start < LATEST:
        raise ActivityError(f"its start time ({start:%Y-%m-%d}) cannot be right; the watch "
                            "did not know the date")
    seconds = finite(run.seconds)
    if seconds is None or not 0 < seconds <= MAX_SECONDS:
        raise ActivityError("its time is missing or longer than a week")
    elapsed = finite(run.elapsed_seconds)
    if elapsed is None or elapsed < seconds or elapsed > MAX_SECONDS * 2:
        elapsed = seconds
    feel = _within(run.feel, 0, 100, 0)
    effort = _within(run.effort, 0, 10, 1)
    return Run(
        start=start, seconds=round(seconds, 3), elapsed_seconds=round(elapsed, 3),
        sport=run.sport, source=run.source, sub_sport=run.sub_sport,
        distance_m=_within(run.distance_m, 0, MAX_DISTANCE_M, 2),
        ascent_m=_within(run.ascent_m, 0, MAX_CLIMB_M, 1),
        descent_m=_within(run.descent_m, 0, MAX_CLIMB_M, 1),
        surface=run.surface if run.surface in SURFACES else None,
        effort=effort, feel=None if feel is None else int(feel),
        average_hr=_within(run.average_hr, *HEART_RATE, 1),
        shoe=run.shoe or None,
    )
