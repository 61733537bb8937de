"""Whether an activity a file calls a run (or does not name at all) moves like one.

Many GPX files say no sport, and coach takes those for runs. A car trip, a ride or a swim
saved that way would then count as training and skew every trend. Two speeds no runner keeps
up over a whole activity give it away: faster than :data:`FASTEST_KMH` on average while moving
(the one-hour running record is 21.3 km/h), or slower than :data:`SLOWEST_KMH` (a swim, or a
stroll). Short files say too little to judge. The runner can turn the check off
(``coach runs import --not-a-run-check off``) for the rare run it gets wrong.
"""

from __future__ import annotations

from typing import Final

from coach.runs.model import Run

FASTEST_KMH: Final = 25.0
"""Average moving speed above which an activity is a drive or a ride."""
SLOWEST_KMH: Final = 3.0
"""Average moving speed below which it is a swim or a walk: a brisk walk is 5–6 km/h and
the slowest mountain ultra is run faster than this over its moving time."""
JUDGED_FROM_M: Final = 1_000.0
"""Below this distance the check says nothing."""


def doubt(run: Run) -> str | None:
    """Why ``run`` does not look like a run, as a phrase for one line, or None."""
    distance, seconds = run.distance_m, run.seconds
    if distance is None or distance < JUDGED_FROM_M or not seconds or seconds <= 0:
        return None
    kmh = distance / seconds * 3.6
    km = f"{distance / 1000:.1f} km"
    if kmh > FASTEST_KMH:
        return (f"not a run: {km} at {kmh:.0f} km/h on average, the speed of a car or a "
                "bike")
    if kmh < SLOWEST_KMH:
        return (f"not a run: {km} at {kmh:.1f} km/h on average, slower than walking (a swim, "
                "in water?)")
    return None
