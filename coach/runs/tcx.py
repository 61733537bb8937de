"""TCX (Garmin Training Center) activities, streamed through hardened expat.

Only the first activity of a file is read. Its track points give distance (the device's own
running distance where it wrote one, else the positions), moving time with pauses removed,
and climbing from smoothed heights, exactly as for GPX. A file with laps but no timed points
(a manual entry) is summed from the laps' own totals.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from coach.runs import track, xmlsafe
from coach.runs.model import ActivityError, Run, finite, sport_of

MAX_POINTS: Final = 1_500_000
_POINT_VALUES: Final = {
    ("Position", "LatitudeDegrees"): "lat", ("Position", "LongitudeDegrees"): "lon",
    ("Trackpoint", "AltitudeMeters"): "ele", ("Trackpoint", "DistanceMeters"): "distance",
    ("HeartRateBpm", "Value"): "hr", ("Trackpoint", "Time"): "time",
}
_LAP_VALUES: Final = {("Lap", "TotalTimeSeconds"): "seconds", ("Lap", "DistanceMeters"): "distance"}


class _Reader(xmlsafe.Handlers):
    def __init__(self) -> None:
        self.path: list[str] = []
        self.root: str | None = None
        self.sport: str | None = None
        self.activity_id: str | None = None
        self.activities = 0
        self.courses = False
        self.segments: list[list[track.Point]] = []
        self.laps: list[dict[str, str]] = []
        self.values: dict[str, str] = {}
        self.text_parts: list[str] = []
        self.count = 0

    @property
    def reading(self) -> bool:
        """Inside the first activity."""
        return self.activities == 1 and "Activity" in self.path

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = name
        self.path.append(name)
        self.text_parts = []
        if name == "Courses":
            self.courses = True
        elif name == "Activity" and len(self.path) >= 2 and self.path[-2] == "Activities":
            self.activities += 1
            if self.activities == 1:
                self.sport = attributes.get("Sport")
        elif not self.reading:
            return
        elif name == "Lap":
            self.laps.append({"start": attributes.get("StartTime", "")})
        elif name == "Track":
            self.segments.append([])
        elif name == "Trackpoint":
            self.values = {}

    def text(self, data: str) -> None:
        if len(self.text_parts) < 64:
            self.text_parts.append(data)

    def end(self, name: str) -> None:
        parent = self.path[-2] if len(self.path) >= 2 else ""
        if self.reading:
            value = "".join(self.text_parts).strip()
            key = _POINT_VALUES.get((parent, name))
            lap_key = _LAP_VALUES.get((parent, name))
            if key is not None and "Trackpoint" in self.path:
                self.values[key] = value
            elif lap_key is not None and self.laps:
                self.laps[-1][lap_key] = value
            elif name == "Id" and parent == "Activity":
                self.activity_id = value
            elif name == "Trackpoint" and self.segments:
                self._point()
        self.path.pop()
        self.text_parts = []

    def _point(self) -> None:
        moment = _time(self.values.get("time"))
        if moment is None:
            return
        self.count += 1
        if self.count > MAX_POINTS:
            raise ActivityError(f"has more than {MAX_POINTS:,} track points; not one activity")
        values = {key: _float(self.values.get(key)) for key in ("lat", "lon", "ele",
                                                                  "distance", "hr")}
        self.segments[-1].append(track.make_point(moment.timestamp(), **values))


def _float(text: str | None) -> float | None:
    if not text or len(text) > 40:
        return None
    try:
        return finite(float(text))
    except ValueError:
        return None


def _time(text: str | None) -> datetime | None:
    if not text or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        moment.timestamp()
    except (OverflowError, ValueError, OSError):
        return None
    return moment.astimezone(UTC)


def read(data: bytes) -> Run:
    """The first activity in a TCX file; raises :class:`ActivityError` with one line."""
    reader = _Reader()
    try:
        # Names are read without namespaces: files differ in which they declare.
        xmlsafe.parse(data, reader, ("*",))
    except xmlsafe.XmlProblem as problem:
        raise ActivityError(str(problem)) from None
    if reader.root != "TrainingCenterDatabase":
        raise ActivityError("is not a TCX file (no <TrainingCenterDatabase> at its start)")
    if not reader.activities:
        if reader.courses:
            raise ActivityError("is a TCX course (a planned route), not a recorded activity")
        raise ActivityError("holds no activity")
    segments = [sorted(segment, key=lambda point: point.seconds)
                for segment in reader.segments if segment]
    segments.sort(key=lambda segment: segment[0].seconds)
    if segments:
        summary = track.summarise(segments)
        if summary.elapsed > 0:
            return Run(
                start=datetime.fromtimestamp(summary.start, UTC),
                seconds=summary.moving or summary.elapsed, elapsed_seconds=summary.elapsed,
                sport=sport_of(reader.sport), source="tcx", distance_m=summary.distance,
                ascent_m=summary.ascent, descent_m=summary.descent,
                average_hr=summary.average_hr,
            )
    return _from_laps(reader)


def _from_laps(reader: _Reader) -> Run:
    seconds = sum(_float(lap.get("seconds")) or 0.0 for lap in reader.laps)
    distances = [_float(lap.get("distance")) for lap in reader.laps]
    start = next((moment for moment in (_time(lap["start"]) for lap in reader.laps)
                  if moment is not None), None) or _time(reader.activity_id)
    if start is None or seconds <= 0:
        raise ActivityError("has an activity with no timed track points and no lap times")
    known = [distance for distance in distances if distance is not None]
    return Run(start=start, seconds=seconds, elapsed_seconds=seconds,
               sport=sport_of(reader.sport), source="tcx",
               distance_m=sum(known) if known else None)
