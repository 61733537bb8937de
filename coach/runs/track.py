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
PAUSE_AFTER: Final = 10.0
"""Seconds: only a gap between two points longer than this, crossed slower than
:data:`STOPPED_BELOW`, is a pause. A watch's timer runs while a runner jogs on the spot or
waits a few seconds at a crossing; it stops (and the watch stops writing points) on
auto-pause or when the runner presses stop, which leaves a long gap."""
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


class Tally:
    """A track's summary worked out point by point, in file order, in constant memory: a
    62 MB GPX file is never held as a list of points.

    A point whose time is before the last one kept (phone apps write thousands that step
    backwards) is dropped and counted, never used to reorder the track: reordering by time
    zigzags the line between far-apart points and multiplies the distance. ``new_segment``
    starts a segment: the time between two segments is a pause."""

    def __init__(self) -> None:
        self.first: Point | None = None
        self.last: Point | None = None
        self.kept = 0
        self.backwards = 0
        self.distance: float | None = None
        self.moving = 0.0
        self.ascent = self.descent = 0.0
        self.climbed = False
        self._hr_sum = 0.0
        self._hr_count = 0
        self._heights: list[float] = []
        self._smooth: list[float] = []
        self._climb: _Climb | None = None
        self._seen = self._fed = 0
        self._segment_open = False

    def new_segment(self) -> None:
        self._close_heights()
        self._segment_open = False

    def add(self, point: Point) -> bool:
        """Take the next point in file order; False when it was dropped (time backwards)."""
        last = self.last
        if last is not None and point.seconds < last.seconds:
            self.backwards += 1
            return False
        if self.first is None:
            self.first = point
        if last is not None and self._segment_open:
            gap = point.seconds - last.seconds
            step = _step(last, point)
            if step is not None:
                self.distance = (self.distance or 0.0) + step
            self.moving += _moving_gap(gap, step, self.distance is not None)
        self._segment_open = True
        self.last = point
        self.kept += 1
        if point.hr is not None:
            self._hr_sum += point.hr
            self._hr_count += 1
        if point.ele is not None:
            self._height(point.ele)
        return True

    def _height(self, height: float) -> None:
        """Heights through :func:`smoothed`'s centred moving average, each fed to the
        climb counter as soon as its window is complete; only a window's worth is held."""
        held = self._heights
        held.append(height)
        if len(held) > SMOOTHING_POINTS:
            del held[0]
        if self._climb is None:
            self._climb = _Climb()
        self._seen += 1
        centre = self._seen - 1 - SMOOTHING_POINTS // 2
        if centre >= 0:
            self._emit(centre)

    def _emit(self, centre: int) -> None:
        total = self._seen
        reach = min(SMOOTHING_POINTS // 2, centre, total - 1 - centre)
        offset = total - len(self._heights)
        values = self._heights[centre - reach - offset:centre + reach + 1 - offset]
        assert self._climb is not None
        self._climb.feed(sum(values) / len(values))
        self._fed = centre + 1

    def _close_heights(self) -> None:
        if self._climb is not None:
            for centre in range(self._fed, self._seen):
                self._emit(centre)
            up, down = self._climb.result()
            if self._seen >= 2:
                self.ascent += up
                self.descent += down
                self.climbed = True
        self._climb = None
        self._heights = []
        self._seen = self._fed = 0

    def summary(self) -> Summary | None:
        """The summary, or None when no point was kept."""
        self._close_heights()
        if self.first is None or self.last is None:
            return None
        return Summary(
            start=self.first.seconds, elapsed=self.last.seconds - self.first.seconds,
            moving=self.moving, distance=self.distance,
            ascent=self.ascent if self.climbed else None,
            descent=self.descent if self.climbed else None,
            average_hr=self._hr_sum / self._hr_count if self._hr_count else None,
        )


class _Climb:
    """:func:`climb`, fed one smoothed height at a time."""

    def __init__(self) -> None:
        self.ascent = self.descent = 0.0
        self.turn: float | None = None
        self.extreme = 0.0
        self.trend = 0

    def feed(self, height: float) -> None:
        if self.turn is None:
            self.turn = self.extreme = height
            return
        turn = self.turn
        if self.trend == 0:
            if abs(height - turn) >= CLIMB_THRESHOLD:
                self.trend, self.extreme = (1 if height > turn else -1), height
        elif self.trend == 1:
            if height > self.extreme:
                self.extreme = height
            elif self.extreme - height >= CLIMB_THRESHOLD:
                self.ascent += self.extreme - turn
                self.turn, self.extreme, self.trend = self.extreme, height, -1
        elif height < self.extreme:
            self.extreme = height
        elif height - self.extreme >= CLIMB_THRESHOLD:
            self.descent += turn - self.extreme
            self.turn, self.extreme, self.trend = self.extreme, height, 1

    def result(self) -> tuple[float, float]:
        ascent, descent = self.ascent, self.descent
        if self.turn is not None:
            if self.trend == 1:
                ascent += self.extreme - self.turn
            elif self.trend == -1:
                descent += self.turn - self.extreme
        return ascent, descent


def _step(before: Point, after: Point) -> float | None:
    if before.distance is not None and after.distance is not None:
        return max(0.0, after.distance - before.distance)
    if None not in (before.lat, before.lon, after.lat, after.lon):
        return haversine(before.lat, before.lon, after.lat, after.lon)  # type: ignore[arg-type]
    return None


def _moving_gap(gap: float, step: float | None, measured: bool) -> float:
    """How much of the time between two points was moving time (see :data:`PAUSE_AFTER`)."""
    if gap <= 0:
        return 0.0
    if step is None:
        return gap if not measured and gap <= GAP_WITHOUT_DISTANCE else 0.0
    if gap > PAUSE_AFTER and step / gap < STOPPED_BELOW:
        return 0.0
    return gap


def summarise(segments: Sequence[Sequence[Point]]) -> Summary:
    """The summary of segments of points in file order (at least one point in all)."""
    tally = Tally()
    for segment in segments:
        tally.new_segment()
        for point in segment:
            tally.add(point)
    summary = tally.summary()
    assert summary is not None
    return summary
