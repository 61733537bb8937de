"""TCX (Garmin Training Center) activities, streamed through hardened expat.

Every activity in a file is its own run: a file with three runs gives three, and each leg of
a multisport session (``<MultiSportSession>``: bike, then run, then bike) is an activity of
its own sport. A lap's ``TotalTimeSeconds`` and ``DistanceMeters`` are the device's own
timer and distance, so when every lap has them their sums are the run's time and distance;
the track points give the start, heights, heart rate, and the time and distance of files
whose laps lack them. Points are taken in file order (see :mod:`coach.runs.gpx`); lap
boundaries are not pauses.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from coach.runs import track, xmlsafe
from coach.runs.gpx import left_out, moment, number
from coach.runs.model import ActivityError, Reading, Run, sport_of

MAX_POINTS: Final = 1_500_000
MAX_ACTIVITIES: Final = 10_000
_POINT_VALUES: Final = {
    ("Position", "LatitudeDegrees"): "lat", ("Position", "LongitudeDegrees"): "lon",
    ("Trackpoint", "AltitudeMeters"): "ele", ("Trackpoint", "DistanceMeters"): "distance",
    ("HeartRateBpm", "Value"): "hr", ("Trackpoint", "Time"): "time",
}
_LAP_VALUES: Final = {("Lap", "TotalTimeSeconds"): "seconds", ("Lap", "DistanceMeters"): "distance"}


class _Activity:
    """One ``<Activity>`` as it is read."""

    def __init__(self, sport: str | None) -> None:
        self.sport = sport
        self.activity_id: str | None = None
        self.laps: list[dict[str, str]] = []
        self.tally = track.Tally()
        self.count = 0
        self.untimed = 0


class _Reader(xmlsafe.Handlers):
    def __init__(self) -> None:
        self.path: list[str] = []
        self.root: str | None = None
        self.courses = False
        self.activities: list[_Activity] = []
        self.current: _Activity | None = None
        self.values: dict[str, str] = {}
        self.text_parts: list[str] = []
        self.count = 0
        self.in_point = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = name
        self.path.append(name)
        if self.text_parts:
            self.text_parts = []
        if name == "Courses":
            self.courses = True
        elif name == "Activity" and "Courses" not in self.path:
            if len(self.activities) >= MAX_ACTIVITIES:
                raise ActivityError(f"holds more than {MAX_ACTIVITIES:,} activities")
            self.current = _Activity(attributes.get("Sport"))
            self.activities.append(self.current)
        elif self.current is None:
            return
        elif name == "Lap":
            self.current.laps.append({"start": attributes.get("StartTime", "")})
        elif name == "Trackpoint":
            self.values = {}
            self.in_point = True

    def text(self, data: str) -> None:
        if len(self.text_parts) < 64:
            self.text_parts.append(data)

    def end(self, name: str) -> None:
        path = self.path
        activity = self.current
        if activity is not None:
            parent = path[-2] if len(path) >= 2 else ""
            if self.in_point:
                key = _POINT_VALUES.get((parent, name))
                if key is not None:
                    self.values[key] = "".join(self.text_parts).strip()
                elif name == "Trackpoint":
                    self.in_point = False
                    self._point(activity)
            elif (lap_key := _LAP_VALUES.get((parent, name))) is not None and activity.laps:
                activity.laps[-1][lap_key] = "".join(self.text_parts).strip()
            elif name == "Id" and parent == "Activity":
                activity.activity_id = "".join(self.text_parts).strip()
            elif name == "Activity":
                self.current = None
        path.pop()
        if self.text_parts:
            self.text_parts = []

    def _point(self, activity: _Activity) -> None:
        self.count += 1
        if self.count > MAX_POINTS:
            raise ActivityError(f"has more than {MAX_POINTS:,} track points; not one activity")
        activity.count += 1
        seconds = moment(self.values.get("time"))
        if seconds is None:
            activity.untimed += 1
            return
        values = {key: number(self.values.get(key)) for key in ("lat", "lon", "ele",
                                                                  "distance", "hr")}
        activity.tally.add(track.make_point(seconds, **values))


def _time(text: str | None) -> datetime | None:
    seconds = moment(text)
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def read_all(data: bytes) -> Reading:
    """Every activity in a TCX file, in file order; raises :class:`ActivityError` with one
    line when there is none."""
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
    runs: list[Run] = []
    notes: list[str] = []
    damaged: list[str] = []
    several = len(reader.activities) > 1
    for number_, activity in enumerate(reader.activities, start=1):
        where = f"activity {number_} " if several else ""
        try:
            runs.append(_run(activity))
        except ActivityError as error:
            damaged.append(f"{where}{error}".strip())
            continue
        note = left_out(activity.count, activity.untimed, 0, activity.tally.backwards)
        if note:
            notes.append(f"{where}{note}")
    if not runs:
        raise ActivityError(damaged[0] if len(damaged) == 1 else
                            f"holds {len(damaged)} activities and none could be read "
                            f"({damaged[0]})")
    return Reading(tuple(runs), tuple(notes), tuple(damaged))


def read(data: bytes) -> Run:
    """The first activity in a TCX file; raises :class:`ActivityError` with one line."""
    return read_all(data).runs[0]


def _lap_totals(activity: _Activity) -> tuple[float | None, float | None]:
    """The laps' summed timer time and distance, each None unless every lap has it."""
    laps = activity.laps
    if not laps:
        return None, None
    seconds = [number(lap.get("seconds")) for lap in laps]
    distances = [number(lap.get("distance")) for lap in laps]
    time = sum(seconds) if None not in seconds else None  # type: ignore[arg-type]
    distance = sum(distances) if None not in distances else None  # type: ignore[arg-type]
    return (time if time and time > 0 else None), distance


def _run(activity: _Activity) -> Run:
    lap_seconds, lap_distance = _lap_totals(activity)
    summary = activity.tally.summary()
    sport = sport_of(activity.sport)
    lap_start = next((moment for moment in (_time(lap["start"]) for lap in activity.laps)
                      if moment is not None), None)
    if summary is not None and summary.elapsed > 0:
        start = datetime.fromtimestamp(summary.start, UTC)
        if lap_start is not None and lap_start < start:
            start = lap_start
        end = summary.start + summary.elapsed
        elapsed = end - start.timestamp()
        seconds = lap_seconds or summary.moving or summary.elapsed
        distance = lap_distance if lap_distance is not None else summary.distance
        return Run(
            start=start, seconds=seconds, elapsed_seconds=max(elapsed, seconds),
            sport=sport, source="tcx", distance_m=distance, ascent_m=summary.ascent,
            descent_m=summary.descent, average_hr=summary.average_hr,
        )
    begun = lap_start or _time(activity.activity_id)
    if begun is None or not lap_seconds:
        raise ActivityError("has an activity with no timed track points and no lap times")
    return Run(start=begun, seconds=lap_seconds, elapsed_seconds=lap_seconds, sport=sport,
               source="tcx", distance_m=lap_distance)
