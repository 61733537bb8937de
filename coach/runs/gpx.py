"""GPX tracks (phones, Strava, most watches' exports), streamed through hardened expat.

Points are taken in file order, one at a time, and summed as they come (:class:`track.Tally`),
so a 60 MB track costs no more memory than its bytes. The order of the file is the order of
the run: a phone app that writes timestamps stepping backwards has those points dropped, never
the track re-sorted by time (which zigzags it and can triple its length). A point without a
position or a readable time is skipped, not the whole file; when many are, the reader says so.
Time is moving time (gaps in the recording removed) and climbing comes from smoothed heights.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from coach.runs import track, xmlsafe
from coach.runs.model import ActivityError, Reading, Run, finite, sport_of, surface_of

MAX_POINTS: Final = 1_500_000
LEFT_OUT_NOTE: Final = 0.10
"""Once this share of a file's points could not be used, the import says so."""


_KEPT: Final = frozenset({"ele", "time", "hr", "type"})
"""The only elements whose text the reader looks at; every other text is passed over."""


class _Reader(xmlsafe.Handlers):
    """Kept lean: it runs for every element of files with millions of them."""

    def __init__(self) -> None:
        self.root: str | None = None
        self.depth = 0
        self.point_depth = 0
        """The depth of the ``trkpt`` being read, 0 outside one."""
        self.track_depth = 0
        self.kind: str | None = None
        self.tally = track.Tally()
        self.count = 0
        self.untimed = 0
        self.unplaced = 0
        self.routes = 0
        self.values: dict[str, str] = {}
        self.position: tuple[str | None, str | None] = (None, None)
        self.parts: list[str] | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.root is None:
            self.root = name
        if name in _KEPT:
            self.parts = []
        elif name == "trkpt":
            self.point_depth = self.depth
            self.values = {}
            self.position = (attributes.get("lat"), attributes.get("lon"))
        elif name == "trkseg":
            self.tally.new_segment()
        elif name == "trk":
            self.track_depth = self.depth
        elif name in ("rtept", "wpt"):
            self.routes += 1

    def text(self, data: str) -> None:
        parts = self.parts
        if parts is not None and len(parts) < 64:
            parts.append(data)

    def end(self, name: str) -> None:
        depth = self.depth
        self.depth = depth - 1
        parts = self.parts
        if parts is not None:
            self.parts = None
            if self.point_depth:
                if name == "hr":
                    self.values.setdefault("hr", "".join(parts).strip())
                elif depth == self.point_depth + 1 and name != "type":
                    self.values[name] = "".join(parts).strip()
            elif name == "type" and depth == self.track_depth + 1 and self.kind is None:
                self.kind = "".join(parts).strip()[:40] or None
        elif name == "trkpt" and depth == self.point_depth:
            self.point_depth = 0
            self._point()

    def _point(self) -> None:
        self.count += 1
        if self.count > MAX_POINTS:
            raise ActivityError(f"has more than {MAX_POINTS:,} track points; not one activity")
        seconds = moment(self.values.get("time"))
        if seconds is None:
            self.untimed += 1
            return
        lat, lon = number(self.position[0]), number(self.position[1])
        point = track.make_point(seconds, lat, lon, number(self.values.get("ele")), None,
                                 number(self.values.get("hr")))
        if point.lat is None:
            self.unplaced += 1
            return
        self.tally.add(point)


def number(text: str | None) -> float | None:
    """A decimal number from XML text, or None."""
    if not text or len(text) > 40:
        return None
    try:
        return finite(float(text))
    except ValueError:
        return None


def moment(text: str | None) -> float | None:
    """An ISO 8601 time as seconds since the epoch; None when it cannot be read or lies
    outside the years a datetime can hold once its UTC offset is applied
    (``9999-12-31T23:59:59-01:00`` is in the year 10000)."""
    if not text or len(text) > 40:
        return None
    try:
        value = datetime.fromisoformat(text.replace("z", "Z"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value.astimezone(UTC)
        return value.timestamp()
    except (ValueError, OverflowError, OSError):
        return None


def left_out(count: int, untimed: int, unplaced: int, backwards: int) -> str | None:
    """The note for points that could not be used, when they are a large part of the file."""
    dropped = untimed + unplaced + backwards
    if not count or dropped < LEFT_OUT_NOTE * count:
        return None
    reasons = [text for amount, text in (
        (untimed, "without a readable time"), (unplaced, "without a position"),
        (backwards, "with a time before the point ahead of them")) if amount]
    return (f"{dropped:,} of its {count:,} points {'was' if dropped == 1 else 'were'} left out "
            f"({', '.join(reasons)}); the run is what the rest covers")


def read_all(data: bytes) -> Reading:
    """The activity in a GPX file and what could not be used of it; raises
    :class:`ActivityError` with one line when there is no activity."""
    reader = _Reader()
    try:
        xmlsafe.parse(data, reader, ("*",))
    except xmlsafe.XmlProblem as problem:
        raise ActivityError(str(problem)) from None
    if reader.root != "gpx":
        root = (reader.root or "")[:40]
        raise ActivityError(f"is XML but not GPX (its root element is <{root}>)")
    if not reader.count:
        what = "only a route or waypoints" if reader.routes else "nothing"
        raise ActivityError(f"has no track points ({what}): no activity to import")
    tally = reader.tally
    if not tally.kept:
        if reader.untimed == reader.count:
            raise ActivityError("has track points without times: coach cannot tell when or "
                                "for how long it was run")
        raise ActivityError("has no track point with both a time and a position: no "
                            "activity to import")
    summary = tally.summary()
    if summary is None or summary.elapsed <= 0:
        raise ActivityError("has all its track points at one moment: no activity in it")
    note = left_out(reader.count, reader.untimed, reader.unplaced, tally.backwards)
    run = Run(
        start=datetime.fromtimestamp(summary.start, UTC),
        seconds=summary.moving or summary.elapsed, elapsed_seconds=summary.elapsed,
        sport=sport_of(reader.kind), source="gpx", distance_m=summary.distance,
        ascent_m=summary.ascent, descent_m=summary.descent, surface=surface_of(reader.kind),
        average_hr=summary.average_hr,
    )
    return Reading((run,), (note,) if note else ())


def read(data: bytes) -> Run:
    """The activity in a GPX file; raises :class:`ActivityError` with one line."""
    return read_all(data).runs[0]
