"""Distance, moving time and climbing from a track's points, the same way for every format.

A GPX or TCX file is a list of timestamped points; the summary a watch would have written
(timer time, ascent, descent) has to be worked out from them. Pauses are the stretches where
the runner did not move: consecutive points closer than a slow walk apart in space for the
time between them (a watch on auto-pause writes one long gap; one left running at a red light
writes many slow steps). GPS and barometric heights jitter by a metre or two from point to
point; summed as they are, that noise adds hundreds of phantom metres of climbing to a flat
run, so heights are smoothed first and only changes past a small threshold count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final, NamedTuple

EARTH_RADIUS_M: Final = 6_371_008.8
STOPPED_BELOW: Final = 0.5
"""Metres per second (1.8 km/h): slower than this between two points is standing still."""
GAP_WITHOUT_DISTANCE: Final = 10.0
"""Seconds: with no positions or distances at all, a longer gap between points is a pause."""
SMOOTHING_POINTS: Final = 5
"""Heights are averaged over this many neighbouring points."""
CLIMB_THRESHOLD: Final = 2.0
"""Metres: a smoothed change smaller than this is noise, not a climb."""


class Point(NamedTuple):
    seconds: float
    """Seconds since the epoch."""
    lat: float | None = None
    lon: float | None = None
    ele: float | None = None
    distance: float | None = None
    """The device's own running distance, in metres, when it wrote one (TCX)."""
    hr: float | None = None


class Summary(NamedTuple):
    start: float
    elapsed: float
    moving: float
    distance: float | None
    ascent: float | None
    descent: float | None
    average_hr: float | None


def _real(value: float | None, low: float, high: float) -> float | None:
    if value is None or not math.isfinite(value) or not low <= value <= high:
        return None
    return value


def make_point(seconds: float, lat: float | None = None, lon: float | None = None,
               ele: float | None = None, distance: float | None = None,
               hr: float | None = None) -> Point:
    """A point with impossible values (NaN, infinities, latitudes past the poles) dropped,
    so no arithmetic on a hostile file's numbers can fail."""
    lat, lon = _real(lat, -90, 90), _real(lon, -180, 180)
    if lat is None or lon is None:
        lat = lon = None
    return Point(seconds, lat, lon, _real(ele, -1000, 10_000),
                 _real(distance, 0, 1e7), _real(hr, 1, 300))


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres along the earth's surface between two positions."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _steps(points: Sequence[Point]) -> list[float | None]:
    """The distance covered from each point to the next (None when it cannot be known)."""
    steps: list[float | None] = []
    for before, after in zip(points, points[1:], strict=False):
        if before.distance is not None and after.distance is not None:
            steps.append(max(0.0, after.distance - before.distance))
        elif None not in (before.lat, before.lon, after.lat, after.lon):
            steps.append(haversine(before.lat, before.lon, after.lat, after.lon))  # type: ignore[arg-type]
        else:
            steps.append(None)
    return steps


def smoothed(heights: Sequence[float], window: int = SMOOTHING_POINTS) -> list[float]:
    """A centred moving average; near the ends the window shrinks on both sides alike, so
    the first and last heights stay as they were measured."""
    half = window // 2
    count = len(heights)
    sums = [0.0]
    for height in heights:
        sums.append(sums[-1] + height)
    out = []
    for index in range(count):
        reach = min(half, index, count - 1 - index)
        low, high = index - reach, index + reach + 1
        out.append((sums[high] - sums[low]) / (high - low))
    return out


def climb(heights: Sequence[float], threshold: float = CLIMB_THRESHOLD) -> tuple[float, float]:
    """Ascent and descent of smoothed heights: from each turning point to the next, where a
    turn counts once the heights have come back ``threshold`` from the extreme."""
    if not heights:
        return 0.0, 0.0
    ascent = descent = 0.0
    turn = extreme = heights[0]
    trend = 0
    for height in heights[1:]:
        if trend == 0:
            if abs(height - turn) >= threshold:
                trend, extreme = (1 if height > turn else -1), height
        elif trend == 1:
            if height > extreme:
                extreme = height
            elif extreme - height >= threshold:
                ascent += extreme - turn
                turn, extreme, trend = extreme, height, -1
        elif height < extreme:
            extreme = height
        elif height - extreme >= threshold:
            descent += turn - extreme
            turn, extreme, trend = extreme, height, 1
    if trend == 1:
        ascent += extreme - turn
    elif trend == -1:
        descent += turn - extreme
    return ascent, descent


def _moving(points: Sequence[Point], steps: Sequence[float | None], measured: bool) -> float:
    moving = 0.0
    for index, step in enumerate(steps):
        gap = points[index + 1].seconds - points[index].seconds
        if gap <= 0:
            continue
        if step is None:
            if not measured and gap <= GAP_WITHOUT_DISTANCE:
                moving += gap
        elif step / gap >= STOPPED_BELOW:
            moving += gap
    return moving


def summarise(segments: Sequence[Sequence[Point]]) -> Summary:
    """The summary of time-ordered segments of points (at least one point in all); the
    time between two segments is a pause."""
    points = [point for segment in segments for point in segment]
    distance: float | None = None
    moving = ascent = descent = 0.0
    climbed = False
    for segment in segments:
        steps = _steps(segment)
        known = [step for step in steps if step is not None]
        if known:
            distance = (distance or 0.0) + sum(known)
        moving += _moving(segment, steps, bool(known))
        heights = [point.ele for point in segment if point.ele is not None]
        if len(heights) >= 2:
            up, down = climb(smoothed(heights))
            ascent, descent, climbed = ascent + up, descent + down, True
    rates = [point.hr for point in points if point.hr is not None]
    return Summary(
        start=points[0].seconds, elapsed=points[-1].seconds - points[0].seconds,
        moving=moving, distance=distance, ascent=ascent if climbed else None,
        descent=descent if climbed else None,
        average_hr=sum(rates) / len(rates) if rates else None,
    )
