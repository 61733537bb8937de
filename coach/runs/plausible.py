"""Whether a run can be believed: not dated in the future, not faster than any runner.

One check, used wherever runs come in (activity files, Strava rows, coach's own export), so
a watch with a wrong date or a car trip saved as a run never reaches the shoes' kilometres
or the training load.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

FUTURE_GRACE: Final = timedelta(days=1)
"""A run may start up to a day ahead of this computer's clock (time zones, a clock a little
off); later than that, the watch's date is wrong."""
MAX_KMH: Final = 25.0
"""Faster than any runner can sustain (the marathon record is about 21 km/h)."""
MIN_SECONDS_TO_JUDGE: Final = 60.0
"""Under a minute a GPS jump can fake any speed: too short to judge."""


def implausible(start: datetime, seconds: float, distance_m: float | None,
                now: datetime) -> str | None:
    """Why a run cannot be believed (words to follow "it" or the run's place), or None."""
    if start > now + FUTURE_GRACE:
        return (f"starts on {start:%Y-%m-%d}, more than a day in the future; fix the "
                "watch's date, then import it again")
    if distance_m is not None and seconds >= MIN_SECONDS_TO_JUDGE:
        kmh = distance_m / seconds * 3.6
        if kmh > MAX_KMH:
            return (f"averages {kmh:.0f} km/h over {distance_m / 1000:.1f} km, faster than "
                    "any runner (a ride or a drive saved as a run?)")
    return None
