"""Whether a run can be believed: not dated in the future, and moving like a runner.

One place for both rules, used wherever runs come in (activity files, Strava rows, coach's
own export), so a watch with a wrong date, or a car trip or a swim saved as a run, never
reaches the shoes' kilometres, the training load or "what helps you".

- A start more than :data:`FUTURE_GRACE` ahead of this computer's clock is always refused:
  the watch's date is wrong, and nothing the runner can say makes it right.
- A speed no runner keeps up over a whole activity gives away another sport: faster than
  :data:`FASTEST_KMH` on average (the one-hour running record is 21.3 km/h), or slower than
  :data:`SLOWEST_KMH` over more than :data:`JUDGED_FROM_M` (a swim, or a stroll). Many GPX
  files name no sport, so this is how a drive or a swim is told from a run. The runner can
  turn it off for a file (``coach runs import --not-a-run-check off``) for the rare run it
  gets wrong; an export's runs were checked when they first came in, so only the too-fast
  rule is held against them again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

FUTURE_GRACE: Final = timedelta(days=1)
"""A run may start up to a day ahead of this computer's clock (time zones, a clock a little
off); later than that, the watch's date is wrong."""
FASTEST_KMH: Final = 25.0
"""Average moving speed above which an activity is a drive or a ride."""
SLOWEST_KMH: Final = 3.0
"""Average moving speed below which it is a swim or a walk: a brisk walk is 5–6 km/h and the
slowest mountain ultra is run faster than this over its moving time."""
JUDGED_FROM_M: Final = 1_000.0
"""Below this distance the speed says too little to judge."""
JUDGED_FROM_SECONDS: Final = 60.0
"""Under a minute a GPS jump can fake any speed: too short to judge."""


def from_the_future(start: datetime, now: datetime) -> str | None:
    """Why a run starting at ``start`` cannot have happened yet, or None."""
    if start > now + FUTURE_GRACE:
        return (f"starts on {start:%Y-%m-%d}, more than a day in the future; fix the "
                "watch's date, then import it again")
    return None


def too_fast(distance_m: float | None, seconds: float | None) -> str | None:
    """Why a run is faster than any runner (a phrase for one line), or None."""
    kmh = _speed(distance_m, seconds)
    if kmh is None or kmh <= FASTEST_KMH:
        return None
    assert distance_m is not None
    return (f"not a run: {distance_m / 1000:.1f} km at {kmh:.0f} km/h on average, faster than "
            "any runner: the speed of a car or a bike")


def not_a_run(distance_m: float | None, seconds: float | None) -> str | None:
    """Why an activity does not move like a run, too fast or too slow, or None."""
    found = too_fast(distance_m, seconds)
    if found is not None:
        return found
    kmh = _speed(distance_m, seconds)
    if kmh is not None and kmh < SLOWEST_KMH:
        assert distance_m is not None
        return (f"not a run: {distance_m / 1000:.1f} km at {kmh:.1f} km/h on average, slower "
                "than walking (a swim, in water?)")
    return None


def _speed(distance_m: float | None, seconds: float | None) -> float | None:
    if (distance_m is None or distance_m < JUDGED_FROM_M or not seconds
            or seconds < JUDGED_FROM_SECONDS):
        return None
    return distance_m / seconds * 3.6
